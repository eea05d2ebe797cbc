"""When supervision is next due for each worker and kind, and who is overdue, in one query."""

from __future__ import annotations

from datetime import date

from django.db.models import DateField, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Least

from peers.models import PeerWorker, SupervisionKind, SupervisionPolicy, SupervisionSession
from peers.selectors.dates import AddDays
from peers.selectors.workers import CURRENT_STATUSES, worker_list

__all__ = ["supervision_due", "supervision_overdue", "supervision_session_list"]

KINDS = SupervisionKind.values


def supervision_session_list() -> QuerySet[SupervisionSession]:
    return SupervisionSession.objects.select_related("worker__user", "supervisor", "recorded_by")


def supervision_due(queryset: QuerySet[PeerWorker] | None = None) -> QuerySet[PeerWorker]:
    """Workers annotated, for each kind their level's policy covers, with last held and next due.

    Next due is the last held session plus the policy's frequency; with no session yet, it
    counts from the start date. A kind the level has no policy for has no due date.
    """
    queryset = (queryset if queryset is not None else worker_list()).filter(status__in=CURRENT_STATUSES)
    annotations = {}
    for kind in KINDS:
        last = (
            SupervisionSession.objects.filter(
                worker=OuterRef("pk"), kind=kind, status=SupervisionSession.Status.HELD
            )
            .order_by("-held_on")
            .values("held_on")[:1]
        )
        every = SupervisionPolicy.objects.filter(level=OuterRef("level"), kind=kind).values("frequency_days")[
            :1
        ]
        annotations[f"last_{kind}"] = Subquery(last)
        annotations[f"every_{kind}"] = Subquery(every)
    queryset = queryset.annotate(**annotations)
    due = {
        f"due_{kind}": AddDays(Coalesce(F(f"last_{kind}"), F("start_date")), F(f"every_{kind}"))
        for kind in KINDS
    }
    return queryset.annotate(**due)


def supervision_overdue(*, today: date, queryset: QuerySet[PeerWorker] | None = None) -> QuerySet[PeerWorker]:
    """Workers with at least one kind of supervision past due, most overdue first."""
    any_overdue = Q()
    for kind in KINDS:
        any_overdue |= Q(**{f"due_{kind}__lt": today})
    # Most overdue first: the earliest due date across kinds (a kind with no policy never counts).
    never = Value(date(9999, 12, 31), output_field=DateField())
    rows = supervision_due(queryset).filter(any_overdue)
    return rows.annotate(first_due=Least(*[Coalesce(F(f"due_{k}"), never) for k in KINDS])).order_by(
        "first_due", "id"
    )
