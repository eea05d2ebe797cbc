"""The back office opens for every recruitment model except the equality answers, which it never shows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from recruitment import models as rm
from recruitment import services
from tests.factories import UserFactory
from tests.recruitment.factories import ApplicationFactory, move_to

pytestmark = pytest.mark.django_db

RECRUITMENT_MODELS = sorted(
    (model for model in admin.site._registry if model._meta.app_label == "recruitment"),
    key=lambda m: m._meta.model_name,
)
ANSWERS = {
    "ethnic_group": "black",
    "age_band": "55_64",
    "disabled": "yes",
    "sex": "female",
    "lgb_plus": "yes",
    "gender_same_as_at_birth": "no",
}


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:recruitment_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def superuser_client(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    client.user = user
    return client


def _objects() -> dict[str, object]:
    """One of each recruitment model, made the way the app makes them."""
    hr = UserFactory(roles=[Role.HR])
    application = ApplicationFactory(adjustments=["Questions in advance"], equality=ANSWERS)
    vacancy = application.vacancy
    criterion = services.criterion_create(vacancy=vacancy, name="Uses their lived experience well", by=hr)
    application = move_to(application, "interview", by=hr)
    start = timezone.now() - dt.timedelta(hours=2)
    interview = services.interview_schedule(
        application=application,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        panel=[{"user": vacancy.hiring_manager, "lived_experience": True}],
        by=hr,
        location="Demo Resource Centre",
    )
    member = interview.panel.get()
    score = services.score_record(
        interview=interview, panel_member=member, criterion=criterion, score=4, by=hr
    )
    application = move_to(application, "offer", by=hr)
    offer = services.offer_make(
        application=application,
        start_date=timezone.localdate() + dt.timedelta(days=30),
        salary_point="Band 3",
        by=hr,
    )
    services.offer_respond(offer=offer, accepted=True, by=hr)
    template = rm.PipelineTemplate.objects.get(is_default=True)
    return {
        "pipelinetemplate": template,
        "templatestage": template.stages.first(),
        "vacancy": vacancy,
        "vacancystage": vacancy.stages.first(),
        "criterion": criterion,
        "application": application,
        "stagemove": application.moves.first(),
        "adjustmentrequest": application.adjustments.get(),
        "interview": interview,
        "panelmember": member,
        "score": score,
        "offer": offer,
        "preemploymentcheck": application.checks.first(),
    }


def test_every_model_but_the_equality_answers_is_registered():
    from django.apps import apps
    from simple_history.models import HistoricalChanges

    # History tables are read through their record's History page, not a screen of their own.
    models = {
        m for m in apps.get_app_config("recruitment").get_models() if not issubclass(m, HistoricalChanges)
    }
    assert rm.EqualityMonitoring not in admin.site._registry
    assert set(RECRUITMENT_MODELS) == models - {rm.EqualityMonitoring}


@pytest.mark.parametrize("model", RECRUITMENT_MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_add_and_change_pages_open(superuser_client, model):
    obj = _objects()[model._meta.model_name]
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/")
    request.user = superuser_client.user

    assert superuser_client.get(_url(model, "changelist")).status_code == 200
    assert superuser_client.get(_url(model, "changelist"), {"q": "test"}).status_code == 200
    # Records made through the services (first move, post limit, panel pay) have no add page.
    expected_add = 200 if model_admin.has_add_permission(request) else 403
    assert superuser_client.get(_url(model, "add")).status_code == expected_add
    assert superuser_client.get(_url(model, "change", obj.pk)).status_code == 200


def test_the_application_page_never_shows_equality_answers(superuser_client):
    application = ApplicationFactory(equality=ANSWERS)
    page = superuser_client.get(_url(rm.Application, "change", application.pk))
    assert page.status_code == 200
    html = page.content.decode()
    assert application.applicant_name in html
    assert "equality" not in html.lower()
    for label in (
        rm.EqualityMonitoring.EthnicGroup.BLACK.label,
        "Black British",
        rm.EqualityMonitoring.AgeBand.A55_64.label,
        "55_64",
    ):
        assert label not in html
    index = superuser_client.get(reverse("admin:index")).content.decode()
    assert "equality" not in index.lower()


def test_list_filters_open(superuser_client):
    _objects()
    for model, params in (
        (rm.Vacancy, {"status__exact": "open"}),
        (rm.Application, {"source__exact": "open_advert", "stage__code": "offer"}),
        (rm.Offer, {"status__exact": "accepted"}),
        (rm.PreEmploymentCheck, {"kind__exact": "dbs", "status__exact": "not_started"}),
        (rm.Interview, {"outcome__exact": "pending"}),
        (rm.StageMove, {"to_stage__code": "shortlisted"}),
        (rm.AdjustmentRequest, {"provided__isnull": "True"}),
    ):
        response = superuser_client.get(_url(model, "changelist"), params)
        assert response.status_code == 200, model


def test_history_is_read_only_and_the_dbs_recheck_follows_the_certificate(superuser_client):
    request = RequestFactory().get("/")
    request.user = superuser_client.user
    moves = admin.site._registry[rm.StageMove]
    assert not moves.has_change_permission(request) and not moves.has_delete_permission(request)

    check = _objects()["preemploymentcheck"]
    dbs = check.application.checks.get(kind="dbs")
    page = superuser_client.post(
        _url(rm.PreEmploymentCheck, "change", dbs.pk),
        {"status": "clear", "required": "on", "dbs_certificate_date": "2025-03-01", "notes": ""},
    )
    assert page.status_code == 302
    dbs.refresh_from_db()
    assert dbs.recheck_due == dt.date(2028, 3, 1)
    assert dbs.updated_by == superuser_client.user
