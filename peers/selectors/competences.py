"""Reads of competence evidence, with their joins."""

from __future__ import annotations

from django.db.models import QuerySet

from peers.models import CompetenceEvidence

__all__ = ["competence_evidence_list"]


def competence_evidence_list() -> QuerySet[CompetenceEvidence]:
    return CompetenceEvidence.objects.select_related("worker__user", "competence__domain", "signed_off_by")
