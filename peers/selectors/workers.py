"""Reads of peer workers, with their joins."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import Team, User
from accounts.selectors import team_subtree_ids
from peers.models import PathwayLevel, PeerWorker

__all__ = [
    "CURRENT_STATUSES",
    "STILL_EMPLOYED",
    "current_workers",
    "people_without_current_employment",
    "worker_list",
    "workers_matching",
]

CURRENT_STATUSES = [
    PeerWorker.Status.PRE_START,
    PeerWorker.Status.PROBATION,
    PeerWorker.Status.ACTIVE,
    PeerWorker.Status.LONG_TERM_LEAVE,
]
# The status filter's word for "any status but left".
STILL_EMPLOYED = "current"
# Words of a search beyond these are ignored: a name or a number is a few words at most.
SEARCH_WORDS = 5


def worker_list() -> QuerySet[PeerWorker]:
    return PeerWorker.objects.select_related("user", "level", "team", "line_manager").prefetch_related(
        "supervisors"
    )


def current_workers() -> QuerySet[PeerWorker]:
    return worker_list().filter(status__in=CURRENT_STATUSES)


def workers_matching(
    queryset: QuerySet[PeerWorker],
    *,
    text: str = "",
    status: str = "",
    team: Team | None = None,
    level: PathwayLevel | None = None,
) -> QuerySet[PeerWorker]:
    """`queryset` (already restricted) narrowed by HR's list filters, with each row's directorate.

    `text`: every word found in the name (first, last or preferred) or the employee number.
    `status`: one status, or `STILL_EMPLOYED` for anyone not left. `team`: a team, or a directorate or
    the trust with everything under it.
    """
    rows = queryset.select_related("team__parent")
    for word in text.split()[:SEARCH_WORDS]:
        rows = rows.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__preferred_name__icontains=word)
            | Q(employee_number__icontains=word)
        )
    if status == STILL_EMPLOYED:
        rows = rows.filter(status__in=CURRENT_STATUSES)
    elif status:
        rows = rows.filter(status=status)
    if team is not None:
        rows = rows.filter(team__in=team_subtree_ids(team=team))
    if level is not None:
        rows = rows.filter(level=level)
    return rows


def people_without_current_employment(users: QuerySet[User]) -> QuerySet[User]:
    """Of `users`, those who could start a peer worker employment: none of theirs is still current."""
    current = PeerWorker.objects.exclude(status=PeerWorker.Status.LEFT).values("user")
    return users.exclude(pk__in=current)
