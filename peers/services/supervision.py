"""Supervision sessions: recorded by the supervisor, a manager or HR."""

from __future__ import annotations

from datetime import date
from typing import TypedDict, Unpack

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.updates import apply_changes
from peers.errors import PeersError
from peers.models import PeerWorker, SupervisionKind, SupervisionSession

__all__ = [
    "supervision_session_delete",
    "supervision_session_record",
    "supervision_session_update",
    "supervisor_is_peer_worker",
]


class SessionChanges(TypedDict, total=False):
    held_on: date
    duration_minutes: int
    status: str
    notes: str
    kind: str
    peer_led: bool


def supervisor_is_peer_worker(supervisor: User) -> bool:
    """Whether `supervisor` is employed as a peer worker now (the default for a session's peer_led)."""
    return (
        PeerWorker.objects.filter(user=supervisor)
        .exclude(status__in=[PeerWorker.Status.PRE_START, PeerWorker.Status.LEFT])
        .exists()
    )


def _check(worker: PeerWorker, supervisor: User, held_on: date, status: str) -> None:
    if supervisor.pk == worker.user_id:
        raise PeersError("A worker cannot supervise themselves.", field="supervisor")
    if status == SupervisionSession.Status.HELD and held_on > timezone.localdate():
        raise PeersError("A session in the future cannot be recorded as held.", field="held_on")


@transaction.atomic
def supervision_session_record(
    *,
    worker: PeerWorker,
    supervisor: User,
    kind: str,
    held_on: date,
    duration_minutes: int,
    by: User,
    status: str = SupervisionSession.Status.HELD,
    notes: str = "",
    peer_led: bool | None = None,
) -> SupervisionSession:
    """Record a session. `peer_led` says whether the supervisor has lived experience in a peer role;
    left out, it is true when the supervisor is a peer worker in post (the recorder may say otherwise:
    a supervisor may hold a lived-experience role this system does not employ them in)."""
    if kind not in SupervisionKind.values:
        raise PeersError("Choose a kind of supervision from the list.", field="kind")
    _check(worker, supervisor, held_on, status)
    session = SupervisionSession(
        worker=worker,
        supervisor=supervisor,
        kind=kind,
        held_on=held_on,
        duration_minutes=duration_minutes,
        status=status,
        notes=notes,
        peer_led=supervisor_is_peer_worker(supervisor) if peer_led is None else peer_led,
        recorded_by=by,
    )
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def supervision_session_update(
    *, session: SupervisionSession, by: User, **changes: Unpack[SessionChanges]
) -> SupervisionSession:
    def check(session: SupervisionSession) -> None:
        _check(session.worker, session.supervisor, session.held_on, session.status)
        # The recorder may since have been removed (SET_NULL); that must not block a correction.
        session.full_clean(exclude=["recorded_by"])

    apply_changes(session, changes, SessionChanges, error=PeersError, validate=check)
    return session


@transaction.atomic
def supervision_session_delete(*, session: SupervisionSession, by: User) -> None:
    """Remove a session recorded by mistake (its history keeps a record that it was there)."""
    session.delete()
