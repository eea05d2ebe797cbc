"""The pathway and frameworks the trust edits: levels, competence domains, competences, courses, policies."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction

from accounts.models import User
from peers.errors import PeersConflict, PeersError
from peers.models import (
    Competence,
    CompetenceDomain,
    LevelChange,
    PathwayLevel,
    SupervisionPolicy,
    TrainingCourse,
)

__all__ = [
    "competence_create",
    "competence_delete",
    "competence_domain_create",
    "competence_domain_delete",
    "competence_domain_update",
    "competence_update",
    "pathway_level_create",
    "pathway_level_delete",
    "pathway_level_update",
    "supervision_policy_create",
    "supervision_policy_delete",
    "supervision_policy_update",
    "training_course_create",
    "training_course_delete",
    "training_course_update",
]

LEVEL_FIELDS = {"code", "name", "order", "band", "description", "is_active"}
DOMAIN_FIELDS = {"code", "name", "order"}
COMPETENCE_FIELDS = {"domain", "code", "name", "description", "is_active"}
COURSE_FIELDS = {"code", "name", "category", "mandatory", "validity_months", "is_active"}
POLICY_FIELDS = {"level", "kind", "frequency_days"}


def _apply(obj: models.Model, allowed: set[str], changes: dict[str, Any]) -> None:
    for field, value in changes.items():
        if field not in allowed:
            raise PeersError(f"{field} cannot be changed here.", field=field)
        setattr(obj, field, value)


def _new(model: type[models.Model], allowed: set[str], fields: dict[str, Any]) -> Any:
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise PeersError(f"{unknown[0]} cannot be set here.", field=unknown[0])
    obj = model(**fields)
    obj.full_clean()
    obj.save()
    return obj


def _save(obj: models.Model) -> Any:
    obj.full_clean()
    obj.save()
    return obj


def _refuse_if_in_use(
    what: str, uses: dict[str, int], advice: str = "mark it inactive instead of deleting it"
) -> None:
    """409 while anything points at the entry: deleting it would rewrite people's history."""
    in_use = {label: n for label, n in uses.items() if n}
    if in_use:
        listed = ", ".join(f"{n} {label}" for label, n in in_use.items())
        raise PeersConflict(f"This {what} is in use ({listed}); {advice}.", field="is_active")


# --- pathway levels ---------------------------------------------------------------------


def _set_requirements(
    level: PathwayLevel, competences: Iterable[Competence] | None, courses: Iterable[TrainingCourse] | None
) -> None:
    if competences is not None:
        level.required_competences.set(list(competences))
    if courses is not None:
        level.required_courses.set(list(courses))


@transaction.atomic
def pathway_level_create(
    *,
    by: User,
    required_competences: Iterable[Competence] = (),
    required_courses: Iterable[TrainingCourse] = (),
    **fields: Any,
) -> PathwayLevel:
    level = _new(PathwayLevel, LEVEL_FIELDS, fields)
    _set_requirements(level, required_competences, required_courses)
    return level


@transaction.atomic
def pathway_level_update(
    *,
    level: PathwayLevel,
    by: User,
    required_competences: Iterable[Competence] | None = None,
    required_courses: Iterable[TrainingCourse] | None = None,
    **changes: Any,
) -> PathwayLevel:
    level = PathwayLevel.objects.select_for_update().get(pk=level.pk)
    _apply(level, LEVEL_FIELDS, changes)
    _save(level)
    _set_requirements(level, required_competences, required_courses)
    return level


@transaction.atomic
def pathway_level_delete(*, level: PathwayLevel, by: User) -> None:
    """Only a level nobody holds or held; its supervision policies go with it."""
    history = LevelChange.objects.filter(models.Q(from_level=level) | models.Q(to_level=level)).count()
    _refuse_if_in_use("level", {"workers": level.workers.count(), "level history entries": history})
    level.delete()


# --- competence framework ---------------------------------------------------------------


@transaction.atomic
def competence_domain_create(*, by: User, **fields: Any) -> CompetenceDomain:
    return _new(CompetenceDomain, DOMAIN_FIELDS, fields)


@transaction.atomic
def competence_domain_update(*, domain: CompetenceDomain, by: User, **changes: Any) -> CompetenceDomain:
    domain = CompetenceDomain.objects.select_for_update().get(pk=domain.pk)
    _apply(domain, DOMAIN_FIELDS, changes)
    return _save(domain)


@transaction.atomic
def competence_domain_delete(*, domain: CompetenceDomain, by: User) -> None:
    # A domain has no active flag of its own: its competences are what get retired.
    _refuse_if_in_use(
        "domain", {"competences": domain.competences.count()}, "mark its competences inactive instead"
    )
    domain.delete()


@transaction.atomic
def competence_create(*, by: User, **fields: Any) -> Competence:
    return _new(Competence, COMPETENCE_FIELDS, fields)


@transaction.atomic
def competence_update(*, competence: Competence, by: User, **changes: Any) -> Competence:
    competence = Competence.objects.select_for_update().get(pk=competence.pk)
    _apply(competence, COMPETENCE_FIELDS, changes)
    return _save(competence)


@transaction.atomic
def competence_delete(*, competence: Competence, by: User) -> None:
    _refuse_if_in_use(
        "competence",
        {"evidence records": competence.evidence.count(), "pathway levels": competence.levels.count()},
    )
    competence.delete()


# --- training courses -------------------------------------------------------------------


@transaction.atomic
def training_course_create(*, by: User, **fields: Any) -> TrainingCourse:
    return _new(TrainingCourse, COURSE_FIELDS, fields)


@transaction.atomic
def training_course_update(*, course: TrainingCourse, by: User, **changes: Any) -> TrainingCourse:
    course = TrainingCourse.objects.select_for_update().get(pk=course.pk)
    _apply(course, COURSE_FIELDS, changes)
    return _save(course)


@transaction.atomic
def training_course_delete(*, course: TrainingCourse, by: User) -> None:
    _refuse_if_in_use(
        "course", {"training records": course.records.count(), "pathway levels": course.levels.count()}
    )
    course.delete()


# --- supervision policies ---------------------------------------------------------------


def _check_policy_unique(policy: SupervisionPolicy) -> None:
    clash = SupervisionPolicy.objects.filter(level=policy.level, kind=policy.kind).exclude(pk=policy.pk)
    if clash.exists():
        raise PeersError(
            f"{policy.level.name} already has a {policy.get_kind_display().lower()} policy; change that one.",
            field="kind",
        )


@transaction.atomic
def supervision_policy_create(*, by: User, **fields: Any) -> SupervisionPolicy:
    unknown = sorted(set(fields) - POLICY_FIELDS)
    if unknown:
        raise PeersError(f"{unknown[0]} cannot be set here.", field=unknown[0])
    policy = SupervisionPolicy(**fields)
    _check_policy_unique(policy)
    return _save(policy)


@transaction.atomic
def supervision_policy_update(*, policy: SupervisionPolicy, by: User, **changes: Any) -> SupervisionPolicy:
    policy = SupervisionPolicy.objects.select_for_update().get(pk=policy.pk)
    _apply(policy, POLICY_FIELDS, changes)
    _check_policy_unique(policy)
    return _save(policy)


@transaction.atomic
def supervision_policy_delete(*, policy: SupervisionPolicy, by: User) -> None:
    # Nothing points at a policy: without one, that kind of supervision is simply not chased.
    policy.delete()
