"""Reads of vacancies, applications and the pipeline, with their joins."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from recruitment.models import (
    Application,
    Interview,
    Offer,
    PreEmploymentCheck,
    Score,
    StageMove,
    Vacancy,
    VacancyStage,
)

__all__ = [
    "application_list",
    "check_list",
    "interview_list",
    "offer_list",
    "pipeline_stages",
    "score_list",
    "stage_move_list",
    "vacancy_list",
]


def vacancy_list() -> QuerySet[Vacancy]:
    return (
        Vacancy.objects.select_related("level", "team", "hiring_manager")
        .annotate(
            application_count=Count("applications", distinct=True),
            hired_count=Count(
                "applications", filter=Q(applications__hired_worker__isnull=False), distinct=True
            ),
        )
        .order_by("-opens_at", "id")
    )


def application_list() -> QuerySet[Application]:
    return Application.objects.select_related(
        "vacancy", "stage", "participant", "referred_by"
    ).prefetch_related("adjustments")


def pipeline_stages(
    *, vacancy: Vacancy, applications: QuerySet[Application] | None = None
) -> QuerySet[VacancyStage]:
    """The vacancy's stages in order, each with its applications: two queries however many apply."""
    applications = applications if applications is not None else Application.objects.all()
    return vacancy.stages.order_by("order").prefetch_related(
        Prefetch(
            "applications",
            queryset=applications.filter(vacancy=vacancy)
            .annotate(adjustment_count=Count("adjustments"))
            .order_by("stage_entered_at", "id"),
            to_attr="cards",
        )
    )


def stage_move_list() -> QuerySet[StageMove]:
    return StageMove.objects.select_related("application", "from_stage", "to_stage", "by")


def interview_list() -> QuerySet[Interview]:
    # Criteria and adjustments ride along: the panel needs them on the day, in one page of queries.
    return Interview.objects.select_related(
        "application__vacancy__team", "activity", "outcome_by"
    ).prefetch_related(
        "panel__user", "panel__participant", "application__vacancy__criteria", "application__adjustments"
    )


def score_list() -> QuerySet[Score]:
    return Score.objects.select_related(
        "interview__application__vacancy", "panel_member__user", "panel_member__participant", "criterion"
    )


def offer_list() -> QuerySet[Offer]:
    return Offer.objects.select_related("application__vacancy__team", "made_by")


def check_list() -> QuerySet[PreEmploymentCheck]:
    return PreEmploymentCheck.objects.select_related("application__vacancy__team", "updated_by")
