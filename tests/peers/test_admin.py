"""The back office opens for every peer workforce model, and viewing wellbeing records is logged."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from accounts.models import AccessLog
from tests.factories import UserFactory
from tests.peers import factories as pf

pytestmark = pytest.mark.django_db

PEERS_MODELS = sorted(
    (model for model in admin.site._registry if model._meta.app_label == "peers"),
    key=lambda m: m._meta.model_name,
)


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:peers_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def superuser_client(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    client.user = user
    return client


def _objects() -> dict[str, object]:
    """One of each peers model, made with the factories (level changes come from starting a worker)."""
    from peers.models import LevelChange

    worker = pf.PeerWorkerFactory()
    level_change = LevelChange.objects.create(
        worker=worker,
        to_level=worker.level,
        to_band=worker.band,
        effective_date=worker.start_date,
        reason="start",
    )
    competence = pf.CompetenceFactory()
    return {
        "competencedomain": competence.domain,
        "competence": competence,
        "trainingcourse": pf.TrainingCourseFactory(),
        "pathwaylevel": worker.level,
        "peerworker": worker,
        "competenceevidence": pf.CompetenceEvidenceFactory(worker=worker, competence=competence),
        "trainingrecord": pf.TrainingRecordFactory(worker=worker),
        "supervisionpolicy": pf.SupervisionPolicyFactory(level=worker.level),
        "supervisionsession": pf.SupervisionSessionFactory(worker=worker),
        "progressionreview": pf.ProgressionReviewFactory(worker=worker),
        "levelchange": level_change,
        "wellnessactionplan": pf.WellnessActionPlanFactory(worker=worker),
        "reasonableadjustment": pf.ReasonableAdjustmentFactory(worker=worker),
        "onboardingtemplateitem": pf.OnboardingTemplateItemFactory(),
        "onboardingitem": pf.OnboardingItemFactory(worker=worker),
    }


def test_every_peers_model_is_registered():
    from django.apps import apps
    from simple_history.models import HistoricalChanges

    # History tables are read through their record's History page, not a screen of their own.
    models = {m for m in apps.get_app_config("peers").get_models() if not issubclass(m, HistoricalChanges)}
    assert models == set(PEERS_MODELS)


@pytest.mark.parametrize("model", PEERS_MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_add_and_change_pages_open(superuser_client, model):
    obj = _objects()[model._meta.model_name]
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/")
    request.user = superuser_client.user

    assert superuser_client.get(_url(model, "changelist")).status_code == 200
    assert superuser_client.get(_url(model, "changelist"), {"q": "test"}).status_code == 200
    # Records written only by the services (level history, the worker's own plan) have no add page.
    expected_add = 200 if model_admin.has_add_permission(request) else 403
    assert superuser_client.get(_url(model, "add")).status_code == expected_add
    page = superuser_client.get(_url(model, "change", obj.pk))
    assert page.status_code == 200
    assert str(obj) in page.content.decode() or model._meta.model_name == "levelchange"


def test_filters_on_the_worker_and_training_lists_open(superuser_client):
    from peers.models import PeerWorker, TrainingRecord

    worker = pf.PeerWorkerFactory()
    pf.TrainingRecordFactory(worker=worker)
    for params in (
        {"supervision": "overdue"},
        {"status__exact": "active"},
        {"team__id__exact": worker.team_id},
    ):
        assert superuser_client.get(_url(PeerWorker, "changelist"), params).status_code == 200
    for expiry in ("expired", "expiring", "never"):
        assert superuser_client.get(_url(TrainingRecord, "changelist"), {"expiry": expiry}).status_code == 200


def test_service_only_records_are_not_added_in_the_back_office(superuser_client):
    from peers.models import LevelChange, WellnessActionPlan

    request = RequestFactory().get("/")
    request.user = superuser_client.user
    assert not admin.site._registry[LevelChange].has_add_permission(request)
    assert not admin.site._registry[WellnessActionPlan].has_add_permission(request)
    assert not admin.site._registry[WellnessActionPlan].has_change_permission(request)


def test_viewing_a_wellness_plan_in_the_back_office_is_logged(superuser_client):
    plan = pf.WellnessActionPlanFactory()
    url = _url(type(plan), "change", plan.pk)
    page = superuser_client.get(url)
    assert page.status_code == 200
    assert plan.triggers in page.content.decode()
    row = AccessLog.objects.get()
    assert (row.user, row.record_type, row.record_id, row.path) == (
        superuser_client.user,
        "peers.wellnessactionplan",
        str(plan.pk),
        url,
    )


def test_viewing_an_adjustment_is_logged_and_its_list_shows_no_text(superuser_client):
    adjustment = pf.ReasonableAdjustmentFactory()
    changelist = superuser_client.get(_url(type(adjustment), "changelist"))
    assert adjustment.description not in changelist.content.decode()
    assert not AccessLog.objects.exists()
    superuser_client.get(_url(type(adjustment), "change", adjustment.pk))
    assert AccessLog.objects.get().record_type == "peers.reasonableadjustment"


def test_the_wellness_plan_list_shows_no_text(superuser_client):
    plan = pf.WellnessActionPlanFactory()
    body = superuser_client.get(_url(type(plan), "changelist")).content.decode()
    assert str(plan.worker) in body
    assert plan.triggers not in body and plan.keeps_me_well not in body


def test_an_adjustment_agreed_without_a_date_is_refused_in_the_back_office(superuser_client):
    from peers.models import ReasonableAdjustment

    worker = pf.PeerWorkerFactory()
    response = superuser_client.post(
        _url(ReasonableAdjustment, "add"),
        {"worker": worker.pk, "description": "Desk by the window.", "status": "agreed"},
    )
    assert response.status_code == 200  # the form again, with the error
    assert "Give the date the adjustment was agreed." in response.content.decode()
    assert not ReasonableAdjustment.objects.exists()


def test_a_worker_page_lists_their_history_without_n_plus_one(
    superuser_client, django_assert_max_num_queries
):
    worker = pf.PeerWorkerFactory()
    for _ in range(5):
        pf.SupervisionSessionFactory(worker=worker)
        pf.TrainingRecordFactory(worker=worker)
    url = _url(type(worker), "change", worker.pk)
    with django_assert_max_num_queries(40) as captured:
        assert superuser_client.get(url).status_code == 200
    few = len(captured.captured_queries)
    for _ in range(5):
        pf.SupervisionSessionFactory(worker=worker)
        pf.TrainingRecordFactory(worker=worker)
    with django_assert_max_num_queries(few):
        assert superuser_client.get(url).status_code == 200


@pytest.mark.parametrize(
    "factory",
    [
        pf.PeerWorkerFactory,
        pf.TrainingRecordFactory,
        pf.SupervisionSessionFactory,
        pf.CompetenceEvidenceFactory,
        pf.ProgressionReviewFactory,
        pf.WellnessActionPlanFactory,
        pf.ReasonableAdjustmentFactory,
    ],
    ids=lambda f: f._meta.model._meta.model_name,
)
def test_changelists_do_not_query_per_row(superuser_client, factory):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = _url(factory._meta.model, "changelist")
    factory()
    with CaptureQueriesContext(connection) as few:
        assert superuser_client.get(url).status_code == 200
    for _ in range(6):
        factory()
    with CaptureQueriesContext(connection) as many:
        assert superuser_client.get(url).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
