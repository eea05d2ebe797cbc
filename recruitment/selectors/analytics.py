"""Operational recruitment figures for HR and hiring managers: stage times, lead times, sources."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import (
    Count,
    Exists,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.functions import Lead
from django.utils import timezone

from accounts.models import Team
from recruitment.models import (
    AdjustmentRequest,
    Application,
    Offer,
    StageKind,
    StageMove,
    Vacancy,
    VacancyStage,
)

__all__ = ["recruitment_analytics", "report_period"]

# Stages that count as getting further: forward steps and the hire, never the endings.
FORWARD = [StageKind.STEP, StageKind.HIRED]
SECONDS_A_DAY = 86400


def report_period(
    date_from: dt.date | None, date_to: dt.date | None, *, today: dt.date
) -> tuple[dt.date, dt.date]:
    """The days a report covers: those given, and by default the last twelve whole months, this one
    included (equality reports take whole months). Without a first day, the twelve months up to the
    last day's month; without a last day, the end of this month."""
    date_to = date_to or (today.replace(day=1) + relativedelta(months=1) - dt.timedelta(days=1))
    date_from = date_from or (date_to.replace(day=1) - relativedelta(months=11))
    return date_from, date_to


def period_bounds(date_from: dt.date, date_to: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The period as [start of the first day, start of the day after the last) in local time."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(dt.datetime.combine(date_from, dt.time.min), tz)
    end = timezone.make_aware(dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min), tz)
    return start, end


def team_q(team: Team | None, prefix: str = "") -> Q:
    """The team and the teams under it (the tree is at most trust > directorate > team)."""
    if team is None:
        return Q()
    return (
        Q(**{f"{prefix}team": team})
        | Q(**{f"{prefix}team__parent": team})
        | Q(**{f"{prefix}team__parent__parent": team})
    )


def reached_stage(code: str, prefix: str = "") -> Q:
    """An application that got to the stage `code` or any later step, by its history or where it is now.

    `prefix` leads from the queried model to the application ("" for Application itself). Someone
    shortlisted and later rejected still counts as shortlisted: the history remembers the move.
    A vacancy whose pipeline has no such stage never matches.
    """
    stage_order = (
        VacancyStage.objects.filter(vacancy=OuterRef(f"{prefix}vacancy_id"), code=code)
        .values("order")
        .order_by()[:1]
    )
    moved_order = (
        VacancyStage.objects.filter(vacancy=OuterRef("to_stage__vacancy_id"), code=code)
        .values("order")
        .order_by()[:1]
    )
    moved = StageMove.objects.filter(
        application=OuterRef(f"{prefix}id"),
        to_stage__kind__in=FORWARD,
        to_stage__order__gte=Subquery(moved_order),
    )
    now_there = Q(**{f"{prefix}stage__kind__in": FORWARD}) & Q(
        **{f"{prefix}stage__order__gte": Subquery(stage_order)}
    )
    return now_there | Q(Exists(moved))


def _days(delta: dt.timedelta) -> float:
    return delta.total_seconds() / SECONDS_A_DAY


def _summary(values: Iterable[float]) -> dict[str, Any]:
    """How many, and their mean and median in days to one decimal place (None when there are none)."""
    values = list(values)
    if not values:
        return {"count": 0, "mean_days": None, "median_days": None}
    return {
        "count": len(values),
        "mean_days": round(statistics.fmean(values), 1),
        "median_days": round(statistics.median(values), 1),
    }


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _scoped_applications(
    *,
    start: dt.datetime,
    end: dt.datetime,
    vacancy: Vacancy | None,
    team: Team | None,
    vacancies: QuerySet[Vacancy] | None,
) -> QuerySet[Application]:
    applications = Application.objects.filter(applied_at__gte=start, applied_at__lt=end).filter(
        team_q(team, "vacancy__")
    )
    if vacancy is not None:
        applications = applications.filter(vacancy=vacancy)
    if vacancies is not None:
        applications = applications.filter(vacancy__in=vacancies.values("pk"))
    return applications


def _scoped_vacancies(
    *,
    start: dt.datetime,
    end: dt.datetime,
    vacancy: Vacancy | None,
    team: Team | None,
    vacancies: QuerySet[Vacancy] | None,
) -> QuerySet[Vacancy]:
    scoped = Vacancy.objects.filter(opens_at__gte=start, opens_at__lt=end).filter(team_q(team))
    if vacancy is not None:
        scoped = scoped.filter(pk=vacancy.pk)
    if vacancies is not None:
        scoped = scoped.filter(pk__in=vacancies.values("pk"))
    return scoped


def _stage_times(applications: QuerySet[Application]) -> list[dict[str, Any]]:
    """Days spent in each step, from the moves in and out of it; one query for every move in scope.

    The endings (hired, rejected, withdrawn) are never left, so they are not listed.
    """
    moves = (
        StageMove.objects.filter(application__in=applications.values("pk"))
        .annotate(
            left_at=Window(
                Lead("at"), partition_by=[F("application_id")], order_by=[F("at").asc(), F("id").asc()]
            )
        )
        .values_list("to_stage__code", "to_stage__name", "to_stage__order", "to_stage__kind", "at", "left_at")
    )
    stages: dict[str, dict[str, Any]] = {}
    for code, name, order, kind, at, left_at in moves:
        if kind != StageKind.STEP:
            continue
        entry = stages.setdefault(code, {"code": code, "name": name, "order": order, "days": []})
        entry["order"] = min(entry["order"], order)
        if left_at is not None:  # still in the stage: not counted until they leave it
            entry["days"].append(_days(left_at - at))
    rows = []
    for entry in sorted(stages.values(), key=lambda e: (e["order"], e["code"])):
        summary = _summary(entry["days"])
        rows.append(
            {
                "stage": entry["code"],
                "name": entry["name"],
                "left": summary["count"],
                "mean_days": summary["mean_days"],
                "median_days": summary["median_days"],
            }
        )
    return rows


def _lead_times(vacancies: QuerySet[Vacancy]) -> dict[str, Any]:
    """Advert (opening) to the first offer made, and to the start date of the first accepted offer."""
    rows = vacancies.annotate(
        first_offer_at=Min("applications__offers__made_at"),
        first_start=Min(
            "applications__offers__start_date",
            filter=Q(applications__offers__status=Offer.Status.ACCEPTED),
        ),
    ).values_list("opens_at", "first_offer_at", "first_start")
    to_offer, to_start, advertised = [], [], 0
    for opens_at, first_offer_at, first_start in rows:
        advertised += 1
        if first_offer_at is not None:
            to_offer.append(_days(first_offer_at - opens_at))
        if first_start is not None:
            to_start.append(float((first_start - timezone.localtime(opens_at).date()).days))
    offer, start = _summary(to_offer), _summary(to_start)
    return {
        "vacancies": advertised,
        "advert_to_offer": {"vacancies": offer.pop("count"), **offer},
        "advert_to_start": {"vacancies": start.pop("count"), **start},
    }


def _by_source(applications: QuerySet[Application]) -> list[dict[str, Any]]:
    """Applications by source, and how many of each got shortlisted, interviewed, offered and hired."""
    hired = Q(hired_worker__isnull=False) | Q(stage__kind=StageKind.HIRED)
    offered = Q(Exists(Offer.objects.filter(application=OuterRef("pk"))))
    measures = {
        "applications": Q(),
        "shortlisted": reached_stage("shortlisted"),
        "interviewed": reached_stage("interview"),
        "offered": offered,
        "hired": hired,
    }
    sources = Application.Source
    counts = applications.aggregate(
        **{
            f"{source}__{name}": Count("pk", filter=Q(source=source) & condition)
            for source in sources.values
            for name, condition in measures.items()
        }
    )
    rows = []
    for source in sources:
        row: dict[str, Any] = {"source": source.value, "label": source.label}
        row.update({name: counts[f"{source.value}__{name}"] for name in measures})
        total = row["applications"]
        row.update({f"{name}_rate": _rate(row[name], total) for name in measures if name != "applications"})
        rows.append(row)
    return rows


def _adjustments(applications: QuerySet[Application]) -> dict[str, Any]:
    # Aliases differ from the field names: Django refuses an aggregate named like the field it filters.
    counts = AdjustmentRequest.objects.filter(application__in=applications.values("pk")).aggregate(
        n_asked=Count("pk"),
        n_provided=Count("pk", filter=Q(provided=True)),
        n_not_provided=Count("pk", filter=Q(provided=False)),
        n_undecided=Count("pk", filter=Q(provided__isnull=True)),
        n_applications=Count("application", distinct=True),
    )
    figures = {name.removeprefix("n_"): value for name, value in counts.items()}
    figures["share_provided"] = _rate(figures["provided"], figures["asked"])
    return figures


def recruitment_analytics(
    *,
    date_from: dt.date,
    date_to: dt.date,
    vacancy: Vacancy | None = None,
    team: Team | None = None,
    vacancies: QuerySet[Vacancy] | None = None,
) -> dict[str, Any]:
    """Operational figures for a period; four queries however many vacancies and applications.

    Applications count when they were made in the period; lead times count vacancies that opened
    in it. `team` takes in the teams under it; `vacancies` narrows to what a hiring manager runs.
    These are for running recruitment, not for publishing: counts are exact, not suppressed.
    """
    start, end = period_bounds(date_from, date_to)
    scope = {"start": start, "end": end, "vacancy": vacancy, "team": team, "vacancies": vacancies}
    applications = _scoped_applications(**scope)
    by_source = _by_source(applications)
    return {
        "period": {"from": date_from, "to": date_to},
        "filters": {"vacancy": vacancy.pk if vacancy else None, "team": team.pk if team else None},
        "applications": sum(row["applications"] for row in by_source),
        "time_in_stage": _stage_times(applications),
        "lead_times": _lead_times(_scoped_vacancies(**scope)),
        "by_source": by_source,
        "adjustments": _adjustments(applications),
    }
