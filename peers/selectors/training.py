"""Training compliance, expiring-soon and expired lists: one query each."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Exists, F, FloatField, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, NullIf

from peers.models import PeerWorker, TrainingCourse, TrainingRecord
from peers.selectors.workers import CURRENT_STATUSES, worker_list

__all__ = [
    "latest_training_records",
    "training_compliance_by_team",
    "training_compliance_by_worker",
    "training_expired",
    "training_expiring",
    "training_record_list",
]


def training_record_list() -> QuerySet[TrainingRecord]:
    return TrainingRecord.objects.select_related("worker__user", "worker__team", "course", "recorded_by")


def latest_training_records() -> QuerySet[TrainingRecord]:
    """Each current worker's most recent record per course; older ones are superseded."""
    # Two records on the same day: the later one entered wins, so a course is never listed twice.
    newer = TrainingRecord.objects.filter(worker=OuterRef("worker"), course=OuterRef("course")).filter(
        Q(completed_on__gt=OuterRef("completed_on"))
        | Q(completed_on=OuterRef("completed_on"), pk__gt=OuterRef("pk"))
    )
    return training_record_list().filter(worker__status__in=CURRENT_STATUSES).exclude(Exists(newer))


def training_expiring(*, today: date, within_days: int = 30) -> QuerySet[TrainingRecord]:
    return (
        latest_training_records()
        .filter(expires_on__gte=today, expires_on__lte=today + timedelta(days=within_days))
        .order_by("expires_on", "id")
    )


def training_expired(*, today: date) -> QuerySet[TrainingRecord]:
    return latest_training_records().filter(expires_on__lt=today).order_by("expires_on", "id")


def _in_date(today: date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}course__mandatory": True, f"{prefix}course__is_active": True}) & (
        Q(**{f"{prefix}expires_on__isnull": True}) | Q(**{f"{prefix}expires_on__gte": today})
    )


def training_compliance_by_worker(*, today: date):
    """Current workers with how many mandatory courses they hold in date, out of how many there are."""
    required = TrainingCourse.objects.filter(mandatory=True, is_active=True).count()
    return (
        worker_list()
        .filter(status__in=CURRENT_STATUSES)
        .annotate(
            mandatory_in_date=Count(
                "training_records__course", filter=_in_date(today, "training_records__"), distinct=True
            ),
            mandatory_required=Value(required),
        )
        .annotate(
            compliance=Coalesce(
                Cast(F("mandatory_in_date"), FloatField())
                / NullIf(Cast(F("mandatory_required"), FloatField()), 0.0),
                Value(1.0),
            )
        )
        # A grouped query drops the model's default ordering; restate it so pages are stable.
        .order_by(*PeerWorker._meta.ordering)
    )


def training_compliance_by_team(*, today: date, workers: QuerySet | None = None) -> list[dict]:
    """Per team: current workers, mandatory courses held in date out of those required, and the share.

    Built from the per-worker figures in one query, then summed per team.
    """
    rows = (workers if workers is not None else training_compliance_by_worker(today=today)).values(
        "team_id", "team__name", "mandatory_in_date", "mandatory_required"
    )
    teams: dict[int, dict] = {}
    for row in rows:
        team = teams.setdefault(
            row["team_id"],
            {"team_id": row["team_id"], "team": row["team__name"], "workers": 0, "in_date": 0, "required": 0},
        )
        team["workers"] += 1
        team["in_date"] += row["mandatory_in_date"]
        team["required"] += row["mandatory_required"]
    for team in teams.values():
        team["compliance"] = round(team["in_date"] / team["required"], 4) if team["required"] else 1.0
    return sorted(teams.values(), key=lambda t: t["team"])
