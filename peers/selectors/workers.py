"""Reads of peer workers, with their joins."""

from __future__ import annotations

from django.db.models import QuerySet

from peers.models import PeerWorker

__all__ = ["CURRENT_STATUSES", "current_workers", "worker_list"]

CURRENT_STATUSES = [
    PeerWorker.Status.PRE_START,
    PeerWorker.Status.PROBATION,
    PeerWorker.Status.ACTIVE,
    PeerWorker.Status.LONG_TERM_LEAVE,
]


def worker_list() -> QuerySet[PeerWorker]:
    return PeerWorker.objects.select_related("user", "level", "team", "line_manager").prefetch_related(
        "supervisors"
    )


def current_workers() -> QuerySet[PeerWorker]:
    return worker_list().filter(status__in=CURRENT_STATUSES)
