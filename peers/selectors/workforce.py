"""Workforce figures from employment dates: in post, starters, leavers, 12-month retention.

These read start and leaving dates only, so they can be worked out for any past date; the
charter dashboard builds its retention indicators on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q, QuerySet

from peers.models import LeavingReason, PeerWorker

__all__ = ["WorkforceFigures", "in_post_on", "leavers_by_reason", "workforce_figures"]


def in_post_on(day: date) -> Q:
    """Employed on `day`: started by then and not yet left (a leaving date is the last day)."""
    return Q(start_date__lte=day) & (Q(leaving_date__isnull=True) | Q(leaving_date__gte=day))


@dataclass(frozen=True)
class WorkforceFigures:
    start: date
    end: date
    in_post_at_end: int
    starters: int
    leavers: int
    cohort_a_year_before: int  # in post 12 months before `end`
    cohort_still_in_post: int  # of those, still in post at `end`

    @property
    def retention_12_months(self) -> float | None:
        if not self.cohort_a_year_before:
            return None
        return self.cohort_still_in_post / self.cohort_a_year_before


def workforce_figures(
    *, start: date, end: date, queryset: QuerySet[PeerWorker] | None = None
) -> WorkforceFigures:
    """The period's figures in one aggregate query. Pre-start employments are not yet in post."""
    year_before = end - relativedelta(months=12)
    rows = (queryset if queryset is not None else PeerWorker.objects.all()).exclude(
        status=PeerWorker.Status.PRE_START
    )
    figures = rows.aggregate(
        in_post_at_end=Count("pk", filter=in_post_on(end)),
        starters=Count("pk", filter=Q(start_date__gte=start, start_date__lte=end)),
        leavers=Count("pk", filter=Q(leaving_date__gte=start, leaving_date__lte=end)),
        cohort_a_year_before=Count("pk", filter=in_post_on(year_before)),
        cohort_still_in_post=Count("pk", filter=in_post_on(year_before) & in_post_on(end)),
    )
    return WorkforceFigures(start=start, end=end, **figures)


def leavers_by_reason(
    *, start: date, end: date, queryset: QuerySet[PeerWorker] | None = None
) -> dict[str, int]:
    """How many left in the period (by leaving date, both days included), for every leaving reason
    (0 for a reason nobody gave), in one grouped query. Raw counts: for HR, who owns the records;
    anything shown to anyone else goes through accounts.disclosure first."""
    rows = (queryset if queryset is not None else PeerWorker.objects.all()).filter(
        leaving_date__gte=start, leaving_date__lte=end
    )
    counted = dict(rows.values_list("leaving_reason").annotate(n=Count("pk")).order_by())
    return {reason: counted.get(reason, 0) for reason in LeavingReason.values}
