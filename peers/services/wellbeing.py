"""Wellness action plans (written by the worker) and reasonable adjustments."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import NoReturn, TypedDict, Unpack

from django.db import transaction
from django.utils import timezone

from accounts.errors import NotPermitted
from accounts.models import User
from accounts.updates import apply_changes, refuse_unknown
from peers.errors import PeersConflict, PeersError
from peers.models import PeerWorker, ReasonableAdjustment, WellnessActionPlan
from peers.visibility import manages_wellbeing

__all__ = [
    "reasonable_adjustment_check",
    "reasonable_adjustment_create",
    "reasonable_adjustment_delete",
    "reasonable_adjustment_update",
    "wellness_plan_create",
    "wellness_plan_delete",
    "wellness_plan_save",
]

Status = ReasonableAdjustment.Status


class PlanChanges(TypedDict, total=False):
    keeps_me_well: str
    triggers: str
    early_warning_signs: str
    impact_on_work: str
    agreed_support: str


class AdjustmentChanges(TypedDict, total=False):
    description: str
    status: str
    agreed_on: date | None
    review_on: date | None


@transaction.atomic
def wellness_plan_save(*, worker: PeerWorker, by: User, **fields: Unpack[PlanChanges]) -> WellnessActionPlan:
    """Create or update the worker's own plan. Only the worker writes it: it is theirs."""
    if by.pk != worker.user_id:
        raise NotPermitted("A wellness action plan is written by the worker themselves.")
    not_in_plan = "{field} is not part of a wellness action plan."
    refuse_unknown(fields, PlanChanges, error=PeersError, message=not_in_plan)
    plan, _ = WellnessActionPlan.objects.select_for_update().get_or_create(worker=worker)
    # The worker's own words, free text throughout: there is nothing for the model to check.
    apply_changes(plan, fields, PlanChanges, error=PeersError, validate=lambda plan: None)
    return plan


@transaction.atomic
def wellness_plan_create(
    *, worker: PeerWorker, by: User, **fields: Unpack[PlanChanges]
) -> WellnessActionPlan:
    """A worker's first plan; a second one is refused so an earlier plan is never overwritten unseen."""
    if by.pk != worker.user_id:
        raise NotPermitted("A wellness action plan is written by the worker themselves.")
    if WellnessActionPlan.objects.filter(worker=worker).exists():
        raise PeersConflict(
            "You already have a wellness action plan; change that one instead.", field="worker"
        )
    return wellness_plan_save(worker=worker, by=by, **fields)


@transaction.atomic
def wellness_plan_delete(*, plan: WellnessActionPlan, by: User) -> None:
    """The worker withdraws their plan; nobody else may remove it."""
    if by.pk != plan.worker.user_id:
        raise NotPermitted("Only the worker can withdraw their wellness action plan.")
    plan.delete()


def _manages(user: User, worker: PeerWorker) -> bool:
    """HR, or the worker's own line manager (sharing a team is not enough: see peers.visibility)."""
    return manages_wellbeing(user, worker)


def reasonable_adjustment_check(adjustment: ReasonableAdjustment) -> None:
    """The rules every adjustment keeps, whoever writes it (the API's services and the admin)."""
    if adjustment.status == Status.AGREED and not adjustment.agreed_on:
        raise PeersError("Give the date the adjustment was agreed.", field="agreed_on")
    if adjustment.agreed_on and adjustment.agreed_on > timezone.localdate():
        raise PeersError("An adjustment cannot be agreed on a date still to come.", field="agreed_on")
    if adjustment.agreed_on and adjustment.review_on and adjustment.review_on < adjustment.agreed_on:
        raise PeersError("The review date cannot be before the date it was agreed.", field="review_on")


@transaction.atomic
def reasonable_adjustment_create(
    *,
    worker: PeerWorker,
    description: str,
    by: User,
    status: str = Status.REQUESTED,
    agreed_on: date | None = None,
    review_on: date | None = None,
) -> ReasonableAdjustment:
    is_worker = by.pk == worker.user_id
    if not is_worker and not _manages(by, worker):
        raise NotPermitted("Only the worker, their line manager or HR can record an adjustment for them.")
    if is_worker and status != Status.REQUESTED:
        raise PeersError("You can ask for an adjustment; your manager or HR agrees it.", field="status")
    if is_worker and agreed_on:
        raise PeersError("Your manager or HR records the date an adjustment is agreed.", field="agreed_on")
    adjustment = ReasonableAdjustment(
        worker=worker, description=description, status=status, agreed_on=agreed_on, review_on=review_on
    )
    reasonable_adjustment_check(adjustment)
    adjustment.full_clean()
    adjustment.save()
    return adjustment


def _check_worker_changes(adjustment: ReasonableAdjustment, changes: Mapping[str, object]) -> None:
    changed = {field for field, value in changes.items() if getattr(adjustment, field) != value}
    # A worker may reword their request or say it is no longer needed, never agree or decline it.
    if "status" in changed and changes["status"] != Status.ENDED:
        raise PeersError("Your line manager or HR agrees or declines an adjustment.", field="status")
    for field in ("agreed_on", "review_on"):
        if field in changed:
            raise PeersError("Your line manager or HR sets the agreed and review dates.", field=field)
    if "description" in changed and adjustment.status != Status.REQUESTED:
        raise PeersError(
            "This adjustment has been decided; ask for a new one or talk to your manager.",
            field="description",
        )


@transaction.atomic
def reasonable_adjustment_update(
    *, adjustment: ReasonableAdjustment, by: User, **changes: Unpack[AdjustmentChanges]
) -> ReasonableAdjustment:
    # Refused before the checks below, which compare what is asked with what is there.
    refuse_unknown(changes, AdjustmentChanges, error=PeersError)
    worker = adjustment.worker
    if by.pk == worker.user_id:
        _check_worker_changes(adjustment, changes)
    elif not _manages(by, worker):
        raise NotPermitted("Only the worker, their line manager or HR can change an adjustment.")

    def check(adjustment: ReasonableAdjustment) -> None:
        reasonable_adjustment_check(adjustment)
        adjustment.full_clean()

    apply_changes(adjustment, changes, AdjustmentChanges, error=PeersError, validate=check)
    return adjustment


def reasonable_adjustment_delete(*, adjustment: ReasonableAdjustment, by: User) -> NoReturn:
    """Refused always: what was agreed stays on record; an adjustment that stops is set to ended."""
    raise PeersConflict(
        "Adjustments are kept as a record of what was agreed; set the status to ended instead."
    )
