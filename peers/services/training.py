"""Training records, with expiry worked out from the course."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from peers.errors import PeersError
from peers.models import PeerWorker, TrainingCourse, TrainingRecord

__all__ = [
    "training_expiry_for",
    "training_record_create",
    "training_record_delete",
    "training_record_update",
]


def training_expiry_for(*, course: TrainingCourse, completed_on: date) -> date | None:
    if not course.validity_months:
        return None
    return completed_on + relativedelta(months=course.validity_months)


def _check_dates(worker: PeerWorker, completed_on: date) -> None:
    if completed_on > timezone.localdate():
        raise PeersError("Training cannot be completed in the future.", field="completed_on")
    if completed_on < worker.start_date:
        raise PeersError(
            f"This is before the worker started ({worker.start_date:%d %B %Y}); "
            "record training done for this job.",
            field="completed_on",
        )


@transaction.atomic
def training_record_create(
    *, worker: PeerWorker, course: TrainingCourse, completed_on: date, by: User, evidence_reference: str = ""
) -> TrainingRecord:
    _check_dates(worker, completed_on)
    return TrainingRecord.objects.create(
        worker=worker,
        course=course,
        completed_on=completed_on,
        expires_on=training_expiry_for(course=course, completed_on=completed_on),
        evidence_reference=evidence_reference,
        recorded_by=by,
    )


@transaction.atomic
def training_record_update(
    *,
    record: TrainingRecord,
    by: User,
    completed_on: date | None = None,
    evidence_reference: str | None = None,
) -> TrainingRecord:
    if completed_on is not None:
        _check_dates(record.worker, completed_on)
        record.completed_on = completed_on
        record.expires_on = training_expiry_for(course=record.course, completed_on=completed_on)
    if evidence_reference is not None:
        record.evidence_reference = evidence_reference
    record.save()
    return record


@transaction.atomic
def training_record_delete(*, record: TrainingRecord, by: User) -> None:
    """Remove a training record entered by mistake (its history keeps a record that it was there)."""
    record.delete()
