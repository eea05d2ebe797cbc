"""Pipeline template services: the checks on stages, the one default, and vacancies keeping their copy."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from recruitment import services
from recruitment.errors import RecruitmentConflict, RecruitmentError
from recruitment.models import PipelineTemplate, TemplateStage
from tests.factories import UserFactory
from tests.recruitment.factories import VacancyFactory


def stages(*extra: dict, without: str = "") -> list[dict]:
    rows = [
        {"code": "applied", "name": "Applied", "kind": "step"},
        {"code": "talk", "name": "Informal talk", "kind": "step"},
        {"code": "hired", "name": "Hired", "kind": "hired"},
        {"code": "rejected", "name": "Rejected", "kind": "rejected"},
        {"code": "withdrawn", "name": "Withdrawn", "kind": "withdrawn"},
    ]
    return [row for row in rows if row["code"] != without] + list(extra)


@pytest.fixture
def hr(db):
    return UserFactory(roles=[Role.HR])


def test_the_default_template_comes_with_the_standard_stages(db):
    default = PipelineTemplate.objects.get(is_default=True)
    assert list(default.stages.values_list("code", flat=True)) == [
        "applied",
        "shortlisted",
        "interview",
        "offer",
        "checks",
        "hired",
        "rejected",
        "withdrawn",
    ]


def test_create_numbers_the_stages_in_the_order_given(hr):
    template = services.template_create(by=hr, name="Short", stages=stages())
    assert list(template.stages.values_list("code", "order")) == [
        ("applied", 1),
        ("talk", 2),
        ("hired", 3),
        ("rejected", 4),
        ("withdrawn", 5),
    ]
    assert not template.is_default


@pytest.mark.parametrize(
    ("rows", "field", "words"),
    [
        ([], "stages", "at least one step"),
        (stages(without="hired"), "stages", "exactly one hired"),
        (stages({"code": "hired-2", "name": "Hired again", "kind": "hired"}), "stages", "exactly one hired"),
        (stages(without="rejected"), "stages", "rejected stage"),
        (stages(without="withdrawn"), "stages", "withdrawn stage"),
        (
            [{"code": "hired", "name": "Hired", "kind": "hired"}, *stages(without="hired")],
            "stages.0.order",
            "after every step",
        ),
        (stages({"code": "talk", "name": "Second talk"}), "stages.5.code", "used twice"),
        (stages({"code": "not a slug", "name": "Bad"}), "stages.5.code", ""),
        (stages({"code": "extra", "name": "Extra", "order": 2}), "stages.5.order", "order 2"),
        (stages({"code": "extra", "name": "Extra", "colour": "red"}), "stages.5.colour", "Not a stage"),
    ],
)
def test_a_pipeline_that_could_not_run_is_refused_and_nothing_is_written(hr, rows, field, words):
    before = (PipelineTemplate.objects.count(), TemplateStage.objects.count())
    with pytest.raises(RecruitmentError) as caught:
        services.template_create(by=hr, name="Broken", stages=rows)
    assert caught.value.field == field
    assert words in caught.value.message
    assert (PipelineTemplate.objects.count(), TemplateStage.objects.count()) == before


def test_a_new_default_takes_the_flag_from_the_old_one(hr):
    old = PipelineTemplate.objects.get(is_default=True)
    new = services.template_create(by=hr, name="New default", stages=stages(), is_default=True)
    old.refresh_from_db()
    assert new.is_default and not old.is_default
    assert PipelineTemplate.objects.filter(is_default=True).count() == 1

    services.template_update(template=old, by=hr, is_default=True)
    new.refresh_from_db()
    assert list(PipelineTemplate.objects.filter(is_default=True)) == [old]


def test_the_default_cannot_be_unset_or_deleted(hr):
    default = PipelineTemplate.objects.get(is_default=True)
    with pytest.raises(RecruitmentError) as caught:
        services.template_update(template=default, by=hr, is_default=False)
    assert caught.value.field == "is_default"
    with pytest.raises(RecruitmentConflict):
        services.template_delete(template=default, by=hr)
    default.refresh_from_db()
    assert default.is_default


def test_changing_a_template_never_changes_the_stages_a_vacancy_copied(hr):
    template = services.template_create(by=hr, name="Team pipeline", stages=stages())
    vacancy = VacancyFactory(template=template)
    copied = list(vacancy.stages.values_list("pk", "code", "name", "order", "kind"))

    services.template_update(
        template=template,
        by=hr,
        name="Team pipeline, revised",
        stages=[
            {"code": "applied", "name": "Application received"},
            {"code": "assessment", "name": "Assessment day"},
            {"code": "hired", "name": "Hired", "kind": "hired"},
            {"code": "rejected", "name": "Not this time", "kind": "rejected"},
            {"code": "withdrawn", "name": "Withdrawn", "kind": "withdrawn"},
        ],
    )
    assert list(template.stages.values_list("code", flat=True))[:2] == ["applied", "assessment"]
    assert list(vacancy.stages.values_list("pk", "code", "name", "order", "kind")) == copied

    services.template_delete(template=template, by=hr)
    vacancy.refresh_from_db()
    assert vacancy.template is None
    assert list(vacancy.stages.values_list("pk", "code", "name", "order", "kind")) == copied


def test_a_bad_update_leaves_the_template_as_it_was(hr):
    template = services.template_create(by=hr, name="Kept", stages=stages())
    with pytest.raises(RecruitmentError):
        services.template_update(template=template, by=hr, name="Renamed", stages=stages(without="hired"))
    template.refresh_from_db()
    assert template.name == "Kept"
    assert template.stages.count() == 5
