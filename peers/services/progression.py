"""Progression reviews and promotions, with the history of level and band changes."""

from __future__ import annotations

from datetime import date
from typing import NoReturn, TypedDict, Unpack

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.updates import apply_changes
from peers.errors import PeersConflict, PeersError
from peers.models import LevelChange, PathwayLevel, PeerWorker, ProgressionReview

__all__ = [
    "peer_worker_level_change",
    "peer_worker_promote",
    "progression_review_delete",
    "progression_review_record",
    "progression_review_update",
]


class ReviewChanges(TypedDict, total=False):
    reviewer: User
    reviewed_on: date
    outcome: str
    notes: str
    next_review_on: date | None


def _check_review(review: ProgressionReview) -> None:
    if review.reviewer_id == review.worker.user_id:
        raise PeersError("A worker cannot review their own progression.", field="reviewer")
    if review.reviewed_on > timezone.localdate():
        raise PeersError("A review cannot be dated in the future.", field="reviewed_on")
    if review.next_review_on and review.next_review_on <= review.reviewed_on:
        raise PeersError("The next review must come after this one.", field="next_review_on")
    review.full_clean()


@transaction.atomic
def progression_review_record(
    *,
    worker: PeerWorker,
    reviewer: User,
    reviewed_on: date,
    outcome: str,
    by: User,
    notes: str = "",
    next_review_on: date | None = None,
) -> ProgressionReview:
    review = ProgressionReview(
        worker=worker,
        reviewer=reviewer,
        reviewed_on=reviewed_on,
        outcome=outcome,
        notes=notes,
        next_review_on=next_review_on,
    )
    _check_review(review)
    review.save()
    return review


@transaction.atomic
def progression_review_update(
    *, review: ProgressionReview, by: User, **changes: Unpack[ReviewChanges]
) -> ProgressionReview:
    """Correct a review: who held it, when, the outcome and notes (not whose review it is)."""
    review = ProgressionReview.objects.select_for_update().select_related("worker").get(pk=review.pk)
    apply_changes(review, changes, ReviewChanges, error=PeersError, validate=_check_review)
    return review


# The changes of level HR records by hand; a start is written when the employment begins.
LEVEL_CHANGE_REASONS = (
    LevelChange.Reason.PROMOTION,
    LevelChange.Reason.REGRADING,
    LevelChange.Reason.CORRECTION,
)


@transaction.atomic
def peer_worker_level_change(
    *,
    worker: PeerWorker,
    to_level: PathwayLevel,
    effective_date: date,
    reason: str,
    by: User,
    band: str | None = None,
) -> PeerWorker:
    """A change of level or band from a date, written to the level history: a promotion (up the
    pathway), a regrading (the job's band changes) or a correction (the record was wrong). Only
    promotions count as promotions on the charter dashboard."""
    if reason not in LEVEL_CHANGE_REASONS:
        raise PeersError(
            "Choose promotion, regrading or correction; a start is recorded when the employment begins.",
            field="reason",
        )
    worker = PeerWorker.objects.select_for_update().select_related("level").get(pk=worker.pk)
    promotion = reason == LevelChange.Reason.PROMOTION
    what = "A promotion" if promotion else "A change of level"
    if worker.status == PeerWorker.Status.LEFT:
        raise PeersConflict(
            "This person has left; they cannot be promoted."
            if promotion
            else "This person has left; their level cannot change."
        )
    new_band = band or to_level.band
    if promotion and to_level.order <= worker.level.order:
        raise PeersError(f"A promotion must be to a higher level than {worker.level.name}.", field="to_level")
    if reason == LevelChange.Reason.REGRADING and new_band == worker.band:
        raise PeersError(
            f"A regrading changes the band: they are already on band {worker.band}.", field="band"
        )
    if to_level.pk == worker.level_id and new_band == worker.band:
        raise PeersError(
            f"Nothing would change: they are already on {worker.level.name}, band {worker.band}.",
            field="to_level",
        )
    if effective_date < worker.start_date:
        raise PeersError(f"{what} cannot take effect before the worker started.", field="effective_date")
    last = worker.level_changes.order_by("-effective_date").values_list("effective_date", flat=True).first()
    if last and effective_date < last:
        # The history reads in date order; an earlier date would put this change before the one it follows.
        raise PeersError(
            f"{what} cannot take effect before the last change of level ({last:%d %B %Y}).",
            field="effective_date",
        )
    LevelChange.objects.create(
        worker=worker,
        from_level=worker.level,
        to_level=to_level,
        from_band=worker.band,
        to_band=new_band,
        effective_date=effective_date,
        reason=reason,
        recorded_by=by,
    )
    worker.level = to_level
    worker.band = new_band
    worker.save(update_fields=["level", "band", "updated_at"])
    return worker


def peer_worker_promote(
    *, worker: PeerWorker, to_level: PathwayLevel, effective_date: date, by: User, band: str | None = None
) -> PeerWorker:
    """Move the worker up the pathway from a date (a level change with the reason "promotion")."""
    return peer_worker_level_change(
        worker=worker,
        to_level=to_level,
        effective_date=effective_date,
        reason=LevelChange.Reason.PROMOTION,
        by=by,
        band=band,
    )


def progression_review_delete(*, review: ProgressionReview, by: User) -> NoReturn:
    """Refused always: promotion decisions rest on reviews, so a wrong one is corrected, not erased."""
    raise PeersConflict("Progression reviews are kept; correct this one instead of deleting it.")
