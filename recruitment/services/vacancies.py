"""Vacancies: advertising, the pipeline copied from a template, closing on time."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, TypedDict, Unpack

from django.db import transaction
from django.utils import timezone

from accounts.models import Team, User
from accounts.roles import Role
from accounts.updates import apply_changes, refuse_unknown
from peers.models import PathwayLevel
from recruitment.errors import RecruitmentConflict, RecruitmentError
from recruitment.models import Criterion, PipelineTemplate, Vacancy, VacancyStage

__all__ = [
    "criterion_create",
    "criterion_delete",
    "criterion_update",
    "vacancies_close_due",
    "vacancy_close",
    "vacancy_create",
    "vacancy_delete",
    "vacancy_open",
    "vacancy_update",
    "vacancy_withdraw",
]

Status = Vacancy.Status


class VacancyChanges(TypedDict, total=False):
    title: str
    level: PathwayLevel
    band: str
    team: Team
    hiring_manager: User
    posts: int
    contracted_hours: Decimal
    lived_experience_role: bool
    lived_experience_criteria: str
    advert_text: str
    opens_at: datetime
    closes_at: datetime


class CriterionChanges(TypedDict, total=False):
    name: str
    max_score: int
    order: int


def _check_manager(user: User | None) -> None:
    if user is not None and not user.has_role(Role.LINE_MANAGER, Role.HR):
        raise RecruitmentError(
            "The hiring manager must hold the line manager role: they manage whoever is hired.",
            field="hiring_manager",
        )


@transaction.atomic
def vacancy_create(*, by: User, template: PipelineTemplate | None = None, **fields: Any) -> Vacancy:
    refuse_unknown(fields, VacancyChanges, error=RecruitmentError, message="{field} cannot be set here.")
    template = template or PipelineTemplate.objects.filter(is_default=True).first()
    if template is None or not template.stages.exists():
        raise RecruitmentError("Set up a pipeline template with stages first.", field="template")
    _check_manager(fields.get("hiring_manager"))
    fields.setdefault("band", fields["level"].band if fields.get("level") else "")
    vacancy = Vacancy(template=template, created_by=by, **fields)
    vacancy.full_clean()
    vacancy.save()
    VacancyStage.objects.bulk_create(
        VacancyStage(vacancy=vacancy, code=s.code, name=s.name, order=s.order, kind=s.kind)
        for s in template.stages.all()
    )
    return vacancy


@transaction.atomic
def vacancy_update(*, vacancy: Vacancy, by: User, **changes: Unpack[VacancyChanges]) -> Vacancy:
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.status in (Status.FILLED, Status.WITHDRAWN):
        raise RecruitmentConflict(
            f"This vacancy is {vacancy.get_status_display().lower()}; it cannot change."
        )

    def check(vacancy: Vacancy) -> None:
        if "hiring_manager" in changes:
            _check_manager(vacancy.hiring_manager)
        if "posts" in changes:
            from recruitment.services.offers import posts_taken

            taken = posts_taken(vacancy=vacancy)
            if vacancy.posts < taken:
                raise RecruitmentError(f"{taken} posts are already offered or filled.", field="posts")
        vacancy.full_clean()

    apply_changes(vacancy, changes, VacancyChanges, error=RecruitmentError, validate=check)
    return vacancy


def _move(vacancy: Vacancy, allowed: set[str], to: str) -> Vacancy:
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.status not in allowed:
        raise RecruitmentConflict(
            f"A vacancy that is {vacancy.get_status_display().lower()} "
            f"cannot become {Status(to).label.lower()}.",
            field="status",
        )
    vacancy.status = to
    return vacancy


@transaction.atomic
def vacancy_open(*, vacancy: Vacancy, by: User) -> Vacancy:
    vacancy = _move(vacancy, {Status.DRAFT}, Status.OPEN)
    if vacancy.closes_at <= timezone.now():
        raise RecruitmentError("The closing date has passed; move it before opening.", field="closes_at")
    vacancy.save(update_fields=["status"])
    return vacancy


@transaction.atomic
def vacancy_close(*, vacancy: Vacancy, by: User | None, now: datetime | None = None) -> Vacancy:
    vacancy = _move(vacancy, {Status.OPEN}, Status.CLOSED)
    vacancy.closed_at = now or timezone.now()
    vacancy.save(update_fields=["status", "closed_at"])
    return vacancy


@transaction.atomic
def vacancy_withdraw(*, vacancy: Vacancy, by: User) -> Vacancy:
    vacancy = _move(vacancy, {Status.DRAFT, Status.OPEN, Status.CLOSED}, Status.WITHDRAWN)
    vacancy.save(update_fields=["status"])
    return vacancy


def vacancies_close_due(*, now: datetime | None = None) -> int:
    """Close every open vacancy past its closing time. Safe to run twice or from two workers."""
    now = now or timezone.now()
    closed = 0
    for pk in Vacancy.objects.filter(status=Status.OPEN, closes_at__lte=now).values_list("pk", flat=True):
        with transaction.atomic():
            # skip_locked: another worker closing the same vacancy right now does it instead.
            vacancy = (
                Vacancy.objects.select_for_update(skip_locked=True).filter(pk=pk, status=Status.OPEN).first()
            )
            if vacancy is None:
                continue
            vacancy.status = Status.CLOSED
            vacancy.closed_at = now
            vacancy.save(update_fields=["status", "closed_at"])
            closed += 1
    return closed


@transaction.atomic
def criterion_create(
    *, vacancy: Vacancy, name: str, by: User, max_score: int = 5, order: int = 0
) -> Criterion:
    criterion = Criterion(vacancy=vacancy, name=name, max_score=max_score, order=order)
    criterion.full_clean()
    criterion.save()
    return criterion


@transaction.atomic
def vacancy_delete(*, vacancy: Vacancy, by: User) -> None:
    """Delete a draft nobody has applied to; anything further along is withdrawn instead."""
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if vacancy.status != Status.DRAFT or vacancy.applications.exists():
        raise RecruitmentConflict(
            "Only a draft vacancy with no applications can be deleted; withdraw this one instead.",
            field="status",
        )
    vacancy.delete()


@transaction.atomic
def criterion_update(*, criterion: Criterion, by: User, **changes: Unpack[CriterionChanges]) -> Criterion:
    criterion = Criterion.objects.select_for_update().get(pk=criterion.pk)
    scored_out_of = criterion.max_score

    def check(criterion: Criterion) -> None:
        if criterion.max_score != scored_out_of and criterion.scores.exists():
            # Scores already given were out of the old maximum; a new one would make them meaningless.
            raise RecruitmentConflict(
                "Panel members have scored this criterion; its maximum can no longer change.",
                field="max_score",
            )
        criterion.full_clean()

    apply_changes(criterion, changes, CriterionChanges, error=RecruitmentError, validate=check)
    return criterion


@transaction.atomic
def criterion_delete(*, criterion: Criterion, by: User) -> None:
    if criterion.scores.exists():
        raise RecruitmentConflict(
            "Panel members have scored this criterion; it is kept with their scores.", field="criterion"
        )
    criterion.delete()
