"""Pipeline templates over the API: HR only, stages nested, refused when a pipeline could not run."""

from __future__ import annotations

import itertools

import pytest
from django.urls import reverse

from accounts.roles import Role
from recruitment import services
from recruitment.models import PipelineTemplate, TemplateStage
from tests.api.battery import ResourceBattery
from tests.conftest import client_for_user
from tests.factories import UserFactory
from tests.recruitment.factories import VacancyFactory

_names = itertools.count(1)


def stage_rows(*extra: dict, without: str = "") -> list[dict]:
    rows = [
        {"code": "applied", "name": "Applied"},
        {"code": "conversation", "name": "Conversation", "kind": "step"},
        {"code": "hired", "name": "Hired", "kind": "hired"},
        {"code": "rejected", "name": "Rejected", "kind": "rejected"},
        {"code": "withdrawn", "name": "Withdrawn", "kind": "withdrawn"},
    ]
    return [row for row in rows if row["code"] != without] + list(extra)


def make_template(**kwargs) -> PipelineTemplate:
    kwargs.setdefault("name", f"Test template {next(_names)}")
    kwargs.setdefault("stages", stage_rows())
    return services.template_create(by=UserFactory(roles=[Role.HR]), **kwargs)


class TestPipelineTemplateResource(ResourceBattery):
    basename = "pipeline-template"
    reader_role = Role.HR
    writer_role = Role.HR
    forbidden_role = Role.LINE_MANAGER
    hidden_from_role = Role.LINE_MANAGER

    def make_object(self) -> PipelineTemplate:
        return make_template()

    def create_payload(self) -> dict:
        return {"name": f"Test template {next(_names)}", "stages": stage_rows()}

    def update_payload(self, obj: PipelineTemplate) -> dict:
        return {"name": f"Renamed template {next(_names)}"}


def url(name: str, pk: int | None = None) -> str:
    return reverse(f"api:{name}", kwargs={"pk": pk} if pk else None)


@pytest.fixture
def hr(db):
    return client_for_user(UserFactory(roles=[Role.HR]))


def counts() -> tuple[int, int]:
    return PipelineTemplate.objects.count(), TemplateStage.objects.count()


@pytest.mark.django_db
class TestTemplates:
    def test_created_with_its_stages_in_order(self, hr):
        response = hr.post(url("pipeline-template-list"), {"name": "Short", "stages": stage_rows()})
        assert response.status_code == 201, response.content
        body = response.json()
        assert [(s["code"], s["order"], s["kind"]) for s in body["stages"]] == [
            ("applied", 1, "step"),
            ("conversation", 2, "step"),
            ("hired", 3, "hired"),
            ("rejected", 4, "rejected"),
            ("withdrawn", 5, "withdrawn"),
        ]
        assert body["is_default"] is False

    @pytest.mark.parametrize(
        ("rows", "field"),
        [
            (stage_rows(without="hired"), "stages"),
            (stage_rows(without="rejected"), "stages"),
            (stage_rows(without="withdrawn"), "stages"),
            ([row for row in stage_rows() if row["code"] not in ("applied", "conversation")], "stages"),
            (stage_rows({"code": "hired2", "name": "Hired too", "kind": "hired"}), "stages"),
            (stage_rows({"code": "applied", "name": "Applied again"}), "stages.5.code"),
            (stage_rows({"name": "No code"}), "stages.5.code"),
            (stage_rows({"code": "odd", "name": "Odd", "kind": "maybe"}), "stages.5.kind"),
        ],
    )
    def test_a_pipeline_that_could_not_run_is_refused_naming_the_field(self, hr, rows, field):
        before = counts()
        response = hr.post(url("pipeline-template-list"), {"name": "Broken", "stages": rows})
        assert response.status_code == 400, response.content
        assert field in response.json()["errors"], response.json()
        assert counts() == before

    def test_stages_are_required_and_the_name_is_unique(self, hr):
        before = counts()
        response = hr.post(url("pipeline-template-list"), {"name": "No stages"})
        assert response.status_code == 400
        assert "stages" in response.json()["errors"]
        response = hr.post(url("pipeline-template-list"), {"name": "Standard", "stages": stage_rows()})
        assert response.status_code == 400
        assert "name" in response.json()["errors"]
        assert counts() == before

    def test_replacing_the_stages_never_changes_an_existing_vacancy(self, hr):
        template = make_template()
        vacancy = VacancyFactory(template=template)
        copied = list(vacancy.stages.values_list("code", "name", "order", "kind"))
        rows = stage_rows({"code": "assessment", "name": "Assessment day", "order": 2})
        rows[1]["order"] = 3
        rows[2]["order"] = 4
        rows[3]["order"] = 90
        rows[4]["order"] = 91
        response = hr.patch(url("pipeline-template-detail", template.pk), {"stages": rows})
        assert response.status_code == 200, response.content
        assert [s["code"] for s in response.json()["stages"]] == [
            "applied",
            "assessment",
            "conversation",
            "hired",
            "rejected",
            "withdrawn",
        ]
        assert list(vacancy.stages.values_list("code", "name", "order", "kind")) == copied
        # The vacancy's board still shows the stages it started with.
        board = hr.get(url("vacancy-pipeline", vacancy.pk)).json()
        assert [s["code"] for s in board["stages"]] == [code for code, *_ in copied]

    def test_a_bad_edit_writes_nothing(self, hr):
        template = make_template()
        response = hr.patch(
            url("pipeline-template-detail", template.pk),
            {"name": "Renamed", "stages": stage_rows(without="hired")},
        )
        assert response.status_code == 400
        assert "stages" in response.json()["errors"]
        template.refresh_from_db()
        assert template.name != "Renamed"
        assert template.stages.count() == 5

    def test_one_default_moves_with_the_flag(self, hr):
        old = PipelineTemplate.objects.get(is_default=True)
        template = make_template()
        response = hr.patch(url("pipeline-template-detail", template.pk), {"is_default": True})
        assert response.status_code == 200, response.content
        assert list(PipelineTemplate.objects.filter(is_default=True)) == [template]
        assert hr.get(url("pipeline-template-detail", old.pk)).json()["is_default"] is False
        # New vacancies now copy the new default's stages.
        assert list(VacancyFactory().stages.values_list("code", flat=True))[:2] == ["applied", "conversation"]

    def test_the_default_is_not_unset_or_deleted(self, hr):
        default = PipelineTemplate.objects.get(is_default=True)
        response = hr.patch(url("pipeline-template-detail", default.pk), {"is_default": False})
        assert response.status_code == 400
        assert "is_default" in response.json()["errors"]
        response = hr.delete(url("pipeline-template-detail", default.pk))
        assert response.status_code == 409
        assert "default" in response.json()["detail"]
        default.refresh_from_db()
        assert default.is_default

    @pytest.mark.parametrize(
        "role",
        [Role.LINE_MANAGER, Role.INVOLVEMENT_LEAD, Role.BOARD_MEMBER, Role.PEER_WORKER, Role.PARTICIPANT],
    )
    def test_only_hr_sees_templates(self, role):
        template = make_template()
        client = client_for_user(UserFactory(roles=[role]))
        assert client.get(url("pipeline-template-detail", template.pk)).status_code == 404
        assert client.get(url("pipeline-template-list")).json()["results"] == []
