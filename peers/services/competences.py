"""Competence evidence: gathered by the worker or their supervisor, signed off by a supervisor or manager."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from accounts.errors import NotPermitted
from accounts.models import User
from peers.errors import PeersConflict, PeersError
from peers.models import Competence, CompetenceEvidence, PeerWorker

__all__ = [
    "competence_evidence_delete",
    "competence_evidence_record",
    "competence_evidence_sign_off",
    "competence_evidence_update",
    "may_sign_off",
]


@transaction.atomic
def competence_evidence_record(
    *, worker: PeerWorker, competence: Competence, description: str, by: User, evidence_reference: str = ""
) -> CompetenceEvidence:
    if not description.strip():
        raise PeersError("Describe the evidence.", field="description")
    if not competence.is_active:
        raise PeersError("This competence is no longer in the framework.", field="competence")
    return CompetenceEvidence.objects.create(
        worker=worker, competence=competence, description=description, evidence_reference=evidence_reference
    )


def _unsigned(evidence: CompetenceEvidence, doing: str) -> CompetenceEvidence:
    evidence = CompetenceEvidence.objects.select_for_update().get(pk=evidence.pk)
    if evidence.signed_off_by_id:
        raise PeersConflict(f"This evidence is signed off, so it cannot be {doing}; record new evidence.")
    return evidence


@transaction.atomic
def competence_evidence_update(
    *,
    evidence: CompetenceEvidence,
    by: User,
    description: str | None = None,
    evidence_reference: str | None = None,
) -> CompetenceEvidence:
    """Reword evidence until it is signed off; after that it stands as signed."""
    evidence = _unsigned(evidence, "changed")
    if description is not None:
        if not description.strip():
            raise PeersError("Describe the evidence.", field="description")
        evidence.description = description
    if evidence_reference is not None:
        evidence.evidence_reference = evidence_reference
    evidence.save(update_fields=["description", "evidence_reference"])
    return evidence


@transaction.atomic
def competence_evidence_delete(*, evidence: CompetenceEvidence, by: User) -> None:
    _unsigned(evidence, "deleted").delete()


def may_sign_off(*, worker: PeerWorker, user: User) -> bool:
    if user.pk == worker.user_id:
        return False
    return worker.line_manager_id == user.pk or worker.supervisors.filter(pk=user.pk).exists()


@transaction.atomic
def competence_evidence_sign_off(
    *, evidence: CompetenceEvidence, by: User, signed_off_on: date | None = None
) -> CompetenceEvidence:
    evidence = CompetenceEvidence.objects.select_for_update().select_related("worker").get(pk=evidence.pk)
    if not may_sign_off(worker=evidence.worker, user=by):
        raise NotPermitted("Only the worker's supervisor or line manager can sign off their evidence.")
    if evidence.signed_off_by_id:
        raise PeersConflict("This evidence is already signed off.")
    signed_off_on = signed_off_on or timezone.localdate()
    if signed_off_on > timezone.localdate():
        raise PeersError("Sign-off cannot be dated in the future.", field="signed_off_on")
    evidence.signed_off_by = by
    evidence.signed_off_on = signed_off_on
    evidence.save(update_fields=["signed_off_by", "signed_off_on"])
    return evidence
