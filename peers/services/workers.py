"""Peer worker employments: starting, changing and leaving."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import NoReturn, TypedDict, Unpack

from django.db import IntegrityError, transaction

from accounts.models import Team, User
from accounts.roles import Role
from accounts.updates import apply_changes
from peers.errors import PeersConflict, PeersError
from peers.models import LeavingReason, LevelChange, PathwayLevel, PeerWorker
from peers.services.onboarding import onboarding_supervisor_named

__all__ = [
    "peer_worker_create",
    "peer_worker_delete",
    "peer_worker_leave",
    "peer_worker_leave_check",
    "peer_worker_update",
]


class WorkerChanges(TypedDict, total=False):
    employee_number: str
    team: Team
    line_manager: User
    start_date: date
    contracted_hours: Decimal
    status: str
    probation_review_date: date | None


def _check_people(*, user: User, line_manager: User | None, supervisors: Iterable[User] | None) -> None:
    if line_manager is not None and line_manager.pk == user.pk:
        raise PeersError("A worker cannot be their own line manager.", field="line_manager")
    if supervisors is not None and any(s.pk == user.pk for s in supervisors):
        raise PeersError("A worker cannot be their own supervisor.", field="supervisors")
    # Who sees a worker follows these roles, so someone without one could not see the person they manage.
    if line_manager is not None and not line_manager.has_role(Role.LINE_MANAGER):
        raise PeersError(f"{line_manager} does not hold the line manager role.", field="line_manager")
    for supervisor in supervisors or ():
        if not supervisor.has_role(Role.SUPERVISOR):
            raise PeersError(f"{supervisor} does not hold the supervisor role.", field="supervisors")


@transaction.atomic
def peer_worker_create(
    *,
    by: User | None,
    user: User,
    employee_number: str,
    level: PathwayLevel,
    team: Team,
    line_manager: User,
    start_date: date,
    contracted_hours: Decimal,
    band: str | None = None,
    supervisors: Iterable[User] = (),
    status: str = PeerWorker.Status.PRE_START,
    probation_review_date: date | None = None,
) -> PeerWorker:
    supervisors = list(supervisors)
    _check_people(user=user, line_manager=line_manager, supervisors=supervisors)
    if PeerWorker.objects.filter(user=user).exclude(status=PeerWorker.Status.LEFT).exists():
        raise PeersError("This person already has a current peer worker employment.", field="user")
    if status == PeerWorker.Status.LEFT:
        raise PeersError("A new employment cannot start as left.", field="status")
    worker = PeerWorker(
        user=user,
        employee_number=employee_number,
        level=level,
        band=band or level.band,
        team=team,
        line_manager=line_manager,
        start_date=start_date,
        contracted_hours=contracted_hours,
        status=status,
        probation_review_date=probation_review_date,
    )
    worker.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            worker.save()
    except IntegrityError as exc:  # a concurrent hire of the same person
        raise PeersError("This person already has a current peer worker employment.", field="user") from exc
    worker.supervisors.set(supervisors)
    LevelChange.objects.create(
        worker=worker,
        from_level=None,
        to_level=level,
        from_band="",
        to_band=worker.band,
        effective_date=start_date,
        reason=LevelChange.Reason.START,
        recorded_by=by,
    )
    return worker


@transaction.atomic
def peer_worker_update(
    *,
    worker: PeerWorker,
    by: User,
    supervisors: Iterable[User] | None = None,
    **changes: Unpack[WorkerChanges],
) -> PeerWorker:
    worker = PeerWorker.objects.select_for_update().get(pk=worker.pk)
    if worker.status == PeerWorker.Status.LEFT:
        raise PeersConflict("This employment has ended; it cannot change.")
    chosen = list(supervisors) if supervisors is not None else None

    def check(worker: PeerWorker) -> None:
        if changes.get("status") == PeerWorker.Status.LEFT:
            raise PeersError("Use the leave action to record a leaver.", field="status")
        _check_people(user=worker.user, line_manager=changes.get("line_manager"), supervisors=chosen)
        worker.full_clean(validate_constraints=False)

    apply_changes(worker, changes, WorkerChanges, error=PeersError, validate=check)
    if chosen is not None:
        worker.supervisors.set(chosen)
        # Onboarding steps waiting for a supervisor go to the one now named.
        onboarding_supervisor_named(worker=worker)
    return worker


def peer_worker_leave_check(*, worker: PeerWorker, leaving_date: date, reason: str) -> None:
    """The leaving rules, without writing: a page that asks "are you sure?" says no before asking."""
    if worker.status == PeerWorker.Status.LEFT:
        raise PeersConflict("This person has already left.")
    if reason not in LeavingReason.values:
        raise PeersError("Choose a leaving reason from the list.", field="reason")
    if leaving_date < worker.start_date:
        raise PeersError("The leaving date cannot be before the start date.", field="leaving_date")


@transaction.atomic
def peer_worker_leave(
    *, worker: PeerWorker, by: User, leaving_date: date, reason: str, exit_interview_notes: str = ""
) -> PeerWorker:
    worker = PeerWorker.objects.select_for_update().get(pk=worker.pk)
    peer_worker_leave_check(worker=worker, leaving_date=leaving_date, reason=reason)
    worker.status = PeerWorker.Status.LEFT
    worker.leaving_date = leaving_date
    worker.leaving_reason = reason
    worker.exit_interview_notes = exit_interview_notes
    worker.save()
    return worker


def peer_worker_delete(*, worker: PeerWorker, by: User) -> NoReturn:
    """Refused always: an employment stays on record; a leaver is recorded with `peer_worker_leave`."""
    raise PeersConflict("Employment records are kept; record a leaver with the leave action instead.")
