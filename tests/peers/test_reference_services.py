"""The pathway and framework services: what HR may set, and entries in use kept rather than deleted."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from accounts.roles import Role
from peers import services
from peers.errors import PeersConflict, PeersError
from peers.models import Competence, CompetenceDomain, PathwayLevel, TrainingCourse
from tests.factories import UserFactory
from tests.peers.factories import (
    CompetenceDomainFactory,
    CompetenceFactory,
    LevelChangeFactory,
    PathwayLevelFactory,
    SupervisionPolicyFactory,
    TrainingCourseFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr():
    return UserFactory(roles=[Role.HR])


def test_a_level_is_created_with_what_it_requires(hr):
    competence, course = CompetenceFactory(), TrainingCourseFactory()
    level = services.pathway_level_create(
        by=hr,
        code="lead",
        name="Test lead",
        order=40,
        band="6",
        required_competences=[competence],
        required_courses=[course],
    )
    assert list(level.required_competences.all()) == [competence]
    assert list(level.required_courses.all()) == [course]


def test_fields_outside_the_list_are_refused(hr):
    with pytest.raises(PeersError) as caught:
        services.competence_domain_create(by=hr, code="x", name="X", secret=True)
    assert caught.value.field == "secret"
    assert not CompetenceDomain.objects.filter(code="x").exists()
    level = PathwayLevelFactory()
    with pytest.raises(PeersError) as caught:
        services.pathway_level_update(level=level, by=hr, workers=[])
    assert caught.value.field == "workers"


def test_model_rules_still_apply(hr):
    with pytest.raises(ValidationError) as caught:
        services.training_course_create(by=hr, code="bad", name="Bad", validity_months=0)
    assert "validity_months" in caught.value.message_dict
    assert not TrainingCourse.objects.filter(code="bad").exists()


def test_a_level_in_the_history_is_kept_even_when_nobody_holds_it_now(hr):
    change = LevelChangeFactory()
    old_level = change.to_level  # the worker's own level is another one
    assert not old_level.workers.exists()
    with pytest.raises(PeersConflict) as caught:
        services.pathway_level_delete(level=old_level, by=hr)
    assert "1 level history entries" in caught.value.message
    assert PathwayLevel.objects.filter(pk=old_level.pk).exists()


def test_an_unused_level_goes_with_its_policies(hr):
    level = PathwayLevelFactory()
    SupervisionPolicyFactory(level=level)
    services.pathway_level_delete(level=level, by=hr)
    assert not PathwayLevel.objects.filter(pk=level.pk).exists()


def test_a_course_required_by_a_level_is_kept(hr):
    course = TrainingCourseFactory()
    PathwayLevelFactory().required_courses.add(course)
    with pytest.raises(PeersConflict):
        services.training_course_delete(course=course, by=hr)
    assert TrainingCourse.objects.filter(pk=course.pk).exists()


def test_unused_entries_are_deleted(hr):
    domain = CompetenceDomainFactory()
    competence = CompetenceFactory()
    services.competence_delete(competence=competence, by=hr)
    services.competence_domain_delete(domain=domain, by=hr)
    assert not Competence.objects.filter(pk=competence.pk).exists()
    assert not CompetenceDomain.objects.filter(pk=domain.pk).exists()


def test_a_policy_moved_onto_a_covered_kind_is_refused(hr):
    level = PathwayLevelFactory()
    SupervisionPolicyFactory(level=level, kind="peer")
    clinical = SupervisionPolicyFactory(level=level, kind="clinical")
    with pytest.raises(PeersError) as caught:
        services.supervision_policy_update(policy=clinical, by=hr, kind="peer")
    assert caught.value.field == "kind"
    clinical.refresh_from_db()
    assert clinical.kind == "clinical"
