"""The record that an erasure was carried out: proof for the person and the regulator, with no identity."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Erasure(models.Model):
    """One erasure of a person's identity, asked for by them (or for them) and done by an admin.

    The rows it scrubbed are kept so aggregates stay true; this row says when, by whom, why, and how
    many rows of each kind were changed. It never holds the person's name or contact details.
    """

    class Subject(models.TextChoices):
        PARTICIPANT = "participant", "Participant on the register"
        PEER_WORKER = "peer_worker", "Peer worker"

    subject = models.CharField(max_length=20, choices=Subject.choices)
    subject_id = models.CharField(
        max_length=40, help_text="Id of the register entry or employment asked about."
    )
    reason = models.CharField(max_length=500, help_text="Why: e.g. the request's reference. Never the name.")
    erased_at = models.DateTimeField()
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    counts = models.JSONField(default=dict, blank=True, help_text="Rows changed or removed, per kind.")

    class Meta:
        ordering = ["-erased_at", "-id"]

    def __str__(self) -> str:
        return (
            f"Erasure of {self.get_subject_display().lower()} #{self.subject_id} on {self.erased_at:%Y-%m-%d}"
        )
