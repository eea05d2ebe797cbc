"""Reads of the involvement register."""

from __future__ import annotations

from django.db.models import QuerySet

from involvement.models import Participant

__all__ = ["participant_list", "participants_contactable"]


def participant_list() -> QuerySet[Participant]:
    return Participant.objects.select_related("referred_by", "user").prefetch_related(
        "topics", "teams_of_interest"
    )


def participants_contactable() -> QuerySet[Participant]:
    """People who may be invited or reminded now: consent given, not withdrawn, active."""
    return Participant.objects.filter(
        consent_given_at__isnull=False, consent_withdrawn_at__isnull=True, status=Participant.Status.ACTIVE
    )
