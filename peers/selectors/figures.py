"""Peer workforce figures for the charter: raw counts per directorate, one grouped query each.

Each function returns {directorate_id or None: (numerator, denominator)} for a past date or
period, worked out from dated records (sessions held, training completed, start and leaving
dates), so a quarter long gone still gives the figure it had then.
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.selectors import counts_by_directorate
from peers.models import (
    LevelChange,
    PeerWorker,
    ProgressionReview,
    SupervisionKind,
    SupervisionPolicy,
    SupervisionSession,
    TrainingCourse,
    TrainingRecord,
)
from peers.selectors.dates import AddDays
from peers.selectors.workforce import in_post_on

__all__ = [
    "mandatory_training_compliance",
    "peer_led_supervision_share",
    "peer_workers_in_post",
    "progression_reviews_share",
    "promotions",
    "retention_12_months",
    "supervision_in_date",
]


def _in_post(day: date):
    return PeerWorker.objects.exclude(status=PeerWorker.Status.PRE_START).filter(in_post_on(day))


def peer_workers_in_post(start: date, end: date):
    return _by_directorate_team(_in_post(end), n=Count("pk"))


def retention_12_months(start: date, end: date):
    """Of those in post a year before the period's end, how many are still in post at its end."""
    year_before = end - relativedelta(months=12)
    cohort = _in_post(year_before)
    return _by_directorate_team(cohort, stayed=Count("pk", filter=in_post_on(end)), cohort=Count("pk"))


def supervision_in_date(start: date, end: date):
    """Workers in post at the date whose every kind of supervision their level needs was in date."""
    workers = _in_post(end)
    in_date = Q()
    annotations = {}
    for kind in SupervisionKind.values:
        last = (
            SupervisionSession.objects.filter(
                worker=OuterRef("pk"), kind=kind, status=SupervisionSession.Status.HELD, held_on__lte=end
            )
            .order_by("-held_on")
            .values("held_on")[:1]
        )
        every = SupervisionPolicy.objects.filter(level=OuterRef("level"), kind=kind).values("frequency_days")[
            :1
        ]
        annotations[f"due_{kind}"] = AddDays(Coalesce(Subquery(last), F("start_date")), Subquery(every))
        in_date &= Q(**{f"due_{kind}__isnull": True}) | Q(**{f"due_{kind}__gte": end})
    return _by_directorate_team(
        workers.annotate(**annotations), ok=Count("pk", filter=in_date), all=Count("pk")
    )


def peer_led_supervision_share(start: date, end: date):
    """Supervision sessions held in the period whose supervisor has lived experience in a peer role,
    of all sessions held in it (ImROC's guidance: peer workers are best supervised by peers)."""
    held = SupervisionSession.objects.filter(
        status=SupervisionSession.Status.HELD, held_on__gte=start, held_on__lte=end
    )
    return counts_by_directorate(
        held, "worker__team", peer_led=Count("pk", filter=Q(peer_led=True)), all=Count("pk")
    )


def mandatory_training_compliance(start: date, end: date):
    """Workers in post at the period's end who held every mandatory course in date, of all in post.

    Counted in people, not course places: a count of places divided by the number of courses
    would give back the number of people, including where that number must stay hidden.
    """
    required = TrainingCourse.objects.filter(mandatory=True, is_active=True).count()
    held = (
        TrainingRecord.objects.filter(
            worker=OuterRef("pk"), course__mandatory=True, course__is_active=True, completed_on__lte=end
        )
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=end))
        .order_by()
        .values("worker")
        .annotate(n=Count("course", distinct=True))
        .values("n")
    )
    workers = _in_post(end).annotate(held=Coalesce(Subquery(held, output_field=IntegerField()), Value(0)))
    return _by_directorate_team(workers, compliant=Count("pk", filter=Q(held__gte=required)), all=Count("pk"))


def promotions(start: date, end: date):
    rows = LevelChange.objects.filter(
        reason=LevelChange.Reason.PROMOTION, effective_date__gte=start, effective_date__lte=end
    )
    return counts_by_directorate(rows, "worker__team", n=Count("pk"))


def progression_reviews_share(start: date, end: date):
    """Workers in post at the period's end who had a progression review in the 12 months before it."""
    since = end - relativedelta(months=12)
    reviewed = ProgressionReview.objects.filter(
        worker=OuterRef("pk"), reviewed_on__gt=since, reviewed_on__lte=end
    )
    workers = _in_post(end).annotate(reviewed=Exists(reviewed))
    return _by_directorate_team(workers, reviewed=Count("pk", filter=Q(reviewed=True)), all=Count("pk"))


def _by_directorate_team(queryset, **aggregates):
    return counts_by_directorate(queryset, "team", **aggregates)
