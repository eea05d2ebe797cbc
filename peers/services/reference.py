"""The pathway and frameworks the trust edits: levels, competence domains, competences, courses, policies."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TypedDict, TypeVar, Unpack

from django.db import models, transaction

from accounts.models import User
from accounts.updates import Fields, apply_changes
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


class PathwayLevelChanges(TypedDict, total=False):
    code: str
    name: str
    order: int
    band: str
    description: str
    is_active: bool


class CompetenceDomainChanges(TypedDict, total=False):
    code: str
    name: str
    order: int


class CompetenceChanges(TypedDict, total=False):
    domain: CompetenceDomain
    code: str
    name: str
    description: str
    is_active: bool


class TrainingCourseChanges(TypedDict, total=False):
    code: str
    name: str
    category: str
    mandatory: bool
    validity_months: int | None
    is_active: bool


class SupervisionPolicyChanges(TypedDict, total=False):
    level: PathwayLevel
    kind: str
    frequency_days: int


Entry = TypeVar("Entry", bound=models.Model)


def _write(
    obj: Entry,
    changes: Mapping[str, object],
    fields: Fields,
    validate: Callable[[Entry], object] | None = None,
) -> Entry:
    """Set, check and save a reference entry, new (`Model()`) or locked for update."""
    apply_changes(obj, changes, fields, error=PeersError, validate=validate)
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
    **fields: Unpack[PathwayLevelChanges],
) -> PathwayLevel:
    level = _write(PathwayLevel(), fields, PathwayLevelChanges)
    _set_requirements(level, required_competences, required_courses)
    return level


@transaction.atomic
def pathway_level_update(
    *,
    level: PathwayLevel,
    by: User,
    required_competences: Iterable[Competence] | None = None,
    required_courses: Iterable[TrainingCourse] | None = None,
    **changes: Unpack[PathwayLevelChanges],
) -> PathwayLevel:
    level = _write(PathwayLevel.objects.select_for_update().get(pk=level.pk), changes, PathwayLevelChanges)
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
def competence_domain_create(*, by: User, **fields: Unpack[CompetenceDomainChanges]) -> CompetenceDomain:
    return _write(CompetenceDomain(), fields, CompetenceDomainChanges)


@transaction.atomic
def competence_domain_update(
    *, domain: CompetenceDomain, by: User, **changes: Unpack[CompetenceDomainChanges]
) -> CompetenceDomain:
    domain = CompetenceDomain.objects.select_for_update().get(pk=domain.pk)
    return _write(domain, changes, CompetenceDomainChanges)


@transaction.atomic
def competence_domain_delete(*, domain: CompetenceDomain, by: User) -> None:
    # A domain has no active flag of its own: its competences are what get retired.
    _refuse_if_in_use(
        "domain", {"competences": domain.competences.count()}, "mark its competences inactive instead"
    )
    domain.delete()


@transaction.atomic
def competence_create(*, by: User, **fields: Unpack[CompetenceChanges]) -> Competence:
    return _write(Competence(), fields, CompetenceChanges)


@transaction.atomic
def competence_update(
    *, competence: Competence, by: User, **changes: Unpack[CompetenceChanges]
) -> Competence:
    competence = Competence.objects.select_for_update().get(pk=competence.pk)
    return _write(competence, changes, CompetenceChanges)


@transaction.atomic
def competence_delete(*, competence: Competence, by: User) -> None:
    _refuse_if_in_use(
        "competence",
        {"evidence records": competence.evidence.count(), "pathway levels": competence.levels.count()},
    )
    competence.delete()


# --- training courses -------------------------------------------------------------------


@transaction.atomic
def training_course_create(*, by: User, **fields: Unpack[TrainingCourseChanges]) -> TrainingCourse:
    return _write(TrainingCourse(), fields, TrainingCourseChanges)


@transaction.atomic
def training_course_update(
    *, course: TrainingCourse, by: User, **changes: Unpack[TrainingCourseChanges]
) -> TrainingCourse:
    course = TrainingCourse.objects.select_for_update().get(pk=course.pk)
    return _write(course, changes, TrainingCourseChanges)


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
    policy.full_clean()


@transaction.atomic
def supervision_policy_create(*, by: User, **fields: Unpack[SupervisionPolicyChanges]) -> SupervisionPolicy:
    return _write(SupervisionPolicy(), fields, SupervisionPolicyChanges, _check_policy_unique)


@transaction.atomic
def supervision_policy_update(
    *, policy: SupervisionPolicy, by: User, **changes: Unpack[SupervisionPolicyChanges]
) -> SupervisionPolicy:
    policy = SupervisionPolicy.objects.select_for_update().get(pk=policy.pk)
    return _write(policy, changes, SupervisionPolicyChanges, _check_policy_unique)


@transaction.atomic
def supervision_policy_delete(*, policy: SupervisionPolicy, by: User) -> None:
    # Nothing points at a policy: without one, that kind of supervision is simply not chased.
    policy.delete()
