"""Wellness action plans and reasonable adjustments: who reads and writes them, and the access log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLog
from accounts.roles import Role
from api.peers import urls as peers_urls
from api.urls import registry
from peers.models import ReasonableAdjustment, WellnessActionPlan
from tests.api.battery import ResourceBattery
from tests.conftest import client_for_user
from tests.factories import TeamFactory, UserFactory
from tests.peers.factories import PeerWorkerFactory, ReasonableAdjustmentFactory, WellnessActionPlanFactory

PLAN_URL = "/api/v1/peers/wellness-plans/"
ADJUSTMENT_URL = "/api/v1/peers/adjustments/"
TRIGGER_TEXT = "Being asked to retell my story without warning."
ADJUSTMENT_TEXT = "A quiet room for writing notes after group sessions."


def today() -> dt.date:
    return timezone.localdate()


def plan_url(plan) -> str:
    return f"{PLAN_URL}{plan.pk}/"


def adjustment_url(adjustment) -> str:
    return f"{ADJUSTMENT_URL}{adjustment.pk}/"


def as_user(user):
    return client_for_user(user)


def as_role(role: str, **kwargs):
    return client_for_user(UserFactory(roles=[role], **kwargs))


def log_inserts(captured) -> list[str]:
    return [
        q["sql"] for q in captured.captured_queries if q["sql"].startswith('INSERT INTO "accounts_accesslog"')
    ]


# --- the battery -------------------------------------------------------------------------------


class TestWellnessPlanBattery(ResourceBattery):
    basename = "wellness-plan"
    reader_role = Role.HR
    writer_role = Role.PEER_WORKER  # but only for their own plan: the write tests below use the worker
    forbidden_role = Role.LINE_MANAGER  # managers read the plan; they never create one
    hidden_from_role = Role.SUPERVISOR

    def make_object(self):
        return WellnessActionPlanFactory()

    def create_payload(self):
        return {
            "worker": PeerWorkerFactory().pk,
            "keeps_me_well": "Cycling to work.",
            "triggers": TRIGGER_TEXT,
        }

    def update_payload(self, obj):
        return {"agreed_support": "Flexible start on clinic days."}

    def test_create(self):
        # A fresh user holding the peer worker role is not the worker; the plan's own worker writes it.
        worker = PeerWorkerFactory()
        payload = {"worker": worker.pk, "keeps_me_well": "Cycling to work.", "triggers": TRIGGER_TEXT}
        response = as_user(worker.user).post(PLAN_URL, payload, format="json")
        assert response.status_code == 201, response.content
        assert WellnessActionPlan.objects.get(worker=worker).triggers == TRIGGER_TEXT

    def test_create_for_someone_else_is_forbidden_even_with_the_writer_role(self):
        before = WellnessActionPlan.objects.count()
        response = as_role(self.writer_role).post(PLAN_URL, self.create_payload(), format="json")
        assert response.status_code == 403, response.content
        assert WellnessActionPlan.objects.count() == before

    def test_update(self):
        plan = self.make_object()
        payload = self.update_payload(plan)
        response = as_user(plan.worker.user).patch(plan_url(plan), payload, format="json")
        assert response.status_code == 200, response.content
        assert response.json()["agreed_support"] == payload["agreed_support"]
        plan.refresh_from_db()
        assert plan.agreed_support == payload["agreed_support"]

    def test_delete(self):
        # The worker may withdraw their own plan; HR, who reads it, may not remove it.
        plan = self.make_object()
        hr = as_role(Role.HR)
        response = hr.delete(plan_url(plan))
        assert response.status_code == 403, response.content
        assert WellnessActionPlan.objects.filter(pk=plan.pk).exists()
        assert as_user(plan.worker.user).delete(plan_url(plan)).status_code == 204
        self.assert_deleted(plan)


class TestReasonableAdjustmentBattery(ResourceBattery):
    basename = "reasonable-adjustment"
    reader_role = Role.HR
    writer_role = Role.HR
    forbidden_role = Role.SUPERVISOR
    hidden_from_role = Role.SUPERVISOR

    def make_object(self):
        return ReasonableAdjustmentFactory()

    def create_payload(self):
        return {
            "worker": PeerWorkerFactory().pk,
            "description": ADJUSTMENT_TEXT,
            "status": "agreed",
            "agreed_on": (today() - dt.timedelta(days=3)).isoformat(),
            "review_on": (today() + dt.timedelta(days=90)).isoformat(),
        }

    def update_payload(self, obj):
        return {"review_on": (today() + dt.timedelta(days=30)).isoformat(), "status": "agreed"}

    def test_delete(self):
        # Adjustments are kept as a record of what was agreed; they end, they are not deleted.
        adjustment = self.make_object()
        response = as_role(Role.HR).delete(adjustment_url(adjustment))
        assert response.status_code == 409, response.content
        assert "set the status to ended" in response.json()["detail"]
        assert ReasonableAdjustment.objects.filter(pk=adjustment.pk).exists()


# --- who reads them ----------------------------------------------------------------------------


@pytest.fixture
def setting(db):
    """One worker with a plan and an adjustment, and people around them in every relationship."""
    team = TeamFactory()
    worker = PeerWorkerFactory(team=team)
    supervisor = UserFactory(roles=[Role.SUPERVISOR])
    worker.supervisors.set([supervisor])
    people = {
        "worker": worker.user,
        "line manager": worker.line_manager,
        "team's line manager": UserFactory(roles=[Role.LINE_MANAGER], teams=[team]),
        "hr": UserFactory(roles=[Role.HR]),
        "supervisor": supervisor,
        "supervisor in the team": UserFactory(roles=[Role.SUPERVISOR], teams=[team]),
        "other line manager": UserFactory(roles=[Role.LINE_MANAGER], teams=[TeamFactory()]),
        "other peer worker": PeerWorkerFactory().user,
        "involvement lead": UserFactory(roles=[Role.INVOLVEMENT_LEAD]),
        "finance": UserFactory(roles=[Role.FINANCE]),
        "board member": UserFactory(roles=[Role.BOARD_MEMBER]),
        "participant": UserFactory(roles=[Role.PARTICIPANT]),
        "administrator": UserFactory(roles=[Role.ADMIN]),
        "no role": UserFactory(),
    }
    plan = WellnessActionPlanFactory(worker=worker, triggers=TRIGGER_TEXT)
    adjustment = ReasonableAdjustmentFactory(worker=worker, description=ADJUSTMENT_TEXT)
    return {"worker": worker, "people": people, "plan": plan, "adjustment": adjustment}


READERS = ["worker", "line manager", "hr"]
NOT_READERS = [
    # "Their line manager" is the worker's own: sharing a team is not managing the person.
    "team's line manager",
    "supervisor",
    "supervisor in the team",
    "other line manager",
    "other peer worker",
    "involvement lead",
    "finance",
    "board member",
    "participant",
    "administrator",
    "no role",
]


@pytest.mark.parametrize("who", READERS)
def test_the_worker_their_line_manager_and_hr_read_both(setting, who):
    client = as_user(setting["people"][who])
    plan, adjustment = setting["plan"], setting["adjustment"]
    response = client.get(plan_url(plan))
    assert response.status_code == 200, response.content
    assert response.json()["triggers"] == TRIGGER_TEXT
    assert [row["id"] for row in client.get(PLAN_URL).json()["results"]] == [plan.pk]
    response = client.get(adjustment_url(adjustment))
    assert response.status_code == 200, response.content
    assert response.json()["description"] == ADJUSTMENT_TEXT
    assert [row["id"] for row in client.get(ADJUSTMENT_URL).json()["results"]] == [adjustment.pk]


@pytest.mark.parametrize("who", NOT_READERS)
def test_everyone_else_gets_404_and_empty_lists(setting, who):
    client = as_user(setting["people"][who])
    assert client.get(plan_url(setting["plan"])).status_code == 404
    assert client.get(adjustment_url(setting["adjustment"])).status_code == 404
    assert client.get(PLAN_URL).json()["results"] == []
    assert client.get(ADJUSTMENT_URL).json()["results"] == []
    assert not AccessLog.objects.exists(), "a refused read must not be logged as a read"


def test_the_supervisor_still_sees_the_worker_but_not_their_wellbeing(setting):
    client = as_user(setting["people"]["supervisor"])
    assert client.get(f"/api/v1/peers/workers/{setting['worker'].pk}/").status_code == 200
    assert client.get(plan_url(setting["plan"])).status_code == 404


def test_no_wellbeing_content_in_any_other_peers_endpoint(setting):
    hr = as_user(setting["people"]["hr"])
    secrets = [TRIGGER_TEXT, ADJUSTMENT_TEXT, setting["plan"].keeps_me_well, setting["plan"].agreed_support]
    worker_page = hr.get(f"/api/v1/peers/workers/{setting['worker'].pk}/")
    assert worker_page.status_code == 200
    pages = [worker_page]
    for prefix, _, basename in registry:
        if prefix.startswith("peers/") and basename not in {"wellness-plan", "reasonable-adjustment"}:
            pages.append(hr.get(reverse(f"api:{basename}-list")))
    for report in peers_urls.urlpatterns:
        if not hasattr(report.callback, "actions"):  # the reports: peers' paths that are not router routes
            pages.append(hr.get(reverse(f"api:{report.name}")))
    for page in pages:
        body = page.content.decode()
        assert not any(secret in body for secret in secrets), page.wsgi_request.path


# --- who writes them ---------------------------------------------------------------------------


@pytest.mark.parametrize(("who", "status"), [("line manager", 403), ("hr", 403), ("supervisor", 404)])
def test_only_the_worker_changes_their_plan(setting, who, status):
    plan = setting["plan"]
    response = as_user(setting["people"][who]).patch(plan_url(plan), {"triggers": "Changed"}, format="json")
    assert response.status_code == status, response.content
    plan.refresh_from_db()
    assert plan.triggers == TRIGGER_TEXT


@pytest.mark.parametrize("who", ["line manager", "hr", "other peer worker", "administrator"])
def test_nobody_creates_a_plan_for_someone_else(db, setting, who):
    other = PeerWorkerFactory(team=setting["worker"].team, line_manager=setting["worker"].line_manager)
    response = as_user(setting["people"][who]).post(
        PLAN_URL, {"worker": other.pk, "triggers": "Written for them"}, format="json"
    )
    assert response.status_code == 403, response.content
    assert not WellnessActionPlan.objects.filter(worker=other).exists()


def test_a_second_plan_is_refused_and_the_first_kept(setting):
    worker = setting["worker"]
    response = as_user(worker.user).post(PLAN_URL, {"worker": worker.pk, "triggers": "New"}, format="json")
    assert response.status_code == 409, response.content
    assert response.json()["errors"] == {"worker": [response.json()["detail"]]}
    assert WellnessActionPlan.objects.get(worker=worker).triggers == TRIGGER_TEXT


def test_the_worker_cannot_move_their_plan_to_someone_else(setting):
    plan, other = setting["plan"], PeerWorkerFactory()
    response = as_user(plan.worker.user).patch(plan_url(plan), {"worker": other.pk}, format="json")
    assert response.status_code == 200
    plan.refresh_from_db()
    assert plan.worker_id == setting["worker"].pk


def test_the_worker_requests_an_adjustment(setting):
    worker = setting["worker"]
    response = as_user(worker.user).post(
        ADJUSTMENT_URL, {"worker": worker.pk, "description": "Screen reader software."}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "requested"
    assert ReasonableAdjustment.objects.filter(worker=worker, status="requested").count() == 1


@pytest.mark.parametrize(
    ("extra", "field"),
    [({"status": "agreed", "agreed_on": "2024-01-02"}, "status"), ({"agreed_on": "2024-01-02"}, "agreed_on")],
)
def test_the_worker_cannot_agree_their_own_request(setting, extra, field):
    worker = setting["worker"]
    before = ReasonableAdjustment.objects.count()
    response = as_user(worker.user).post(
        ADJUSTMENT_URL,
        {"worker": worker.pk, "description": "Screen reader software.", **extra},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert ReasonableAdjustment.objects.count() == before


def test_the_worker_cannot_mark_their_adjustment_agreed_through_update(setting):
    adjustment = ReasonableAdjustmentFactory(worker=setting["worker"], status="requested", agreed_on=None)
    response = as_user(setting["worker"].user).patch(
        adjustment_url(adjustment), {"status": "agreed", "agreed_on": today().isoformat()}, format="json"
    )
    assert response.status_code == 400, response.content
    assert "status" in response.json()["errors"]
    adjustment.refresh_from_db()
    assert (adjustment.status, adjustment.agreed_on) == ("requested", None)


def test_the_worker_rewords_a_request_and_says_an_adjustment_is_no_longer_needed(setting):
    client = as_user(setting["worker"].user)
    request = ReasonableAdjustmentFactory(worker=setting["worker"], status="requested", agreed_on=None)
    response = client.patch(adjustment_url(request), {"description": "Reworded."}, format="json")
    assert response.status_code == 200, response.content
    agreed = setting["adjustment"]
    response = client.patch(
        adjustment_url(agreed), {"description": "Rewritten after agreement."}, format="json"
    )
    assert response.status_code == 400
    assert "description" in response.json()["errors"]
    response = client.patch(adjustment_url(agreed), {"status": "ended"}, format="json")
    assert response.status_code == 200, response.content
    agreed.refresh_from_db()
    assert (agreed.status, agreed.description) == ("ended", ADJUSTMENT_TEXT)


@pytest.mark.parametrize("who", ["line manager", "hr"])
def test_managers_and_hr_agree_a_request(setting, who):
    adjustment = ReasonableAdjustmentFactory(worker=setting["worker"], status="requested", agreed_on=None)
    payload = {"status": "agreed", "agreed_on": today().isoformat()}
    response = as_user(setting["people"][who]).patch(adjustment_url(adjustment), payload, format="json")
    assert response.status_code == 200, response.content
    adjustment.refresh_from_db()
    assert (adjustment.status, adjustment.agreed_on) == ("agreed", today())


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"status": "agreed", "agreed_on": None}, "agreed_on"),
        ({"agreed_on": "2999-01-01"}, "agreed_on"),
        ({"review_on": "2000-01-01"}, "review_on"),
    ],
)
def test_bad_dates_are_refused_and_nothing_changes(setting, payload, field):
    adjustment = setting["adjustment"]
    response = as_user(setting["people"]["hr"]).patch(adjustment_url(adjustment), payload, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    fresh = ReasonableAdjustment.objects.get(pk=adjustment.pk)
    assert (fresh.status, fresh.agreed_on, fresh.review_on) == (
        adjustment.status,
        adjustment.agreed_on,
        adjustment.review_on,
    )


def test_a_line_manager_cannot_record_an_adjustment_for_someone_they_do_not_manage(setting):
    stranger = PeerWorkerFactory()
    before = ReasonableAdjustment.objects.count()
    for who in ("line manager", "other peer worker"):
        response = as_user(setting["people"][who]).post(
            ADJUSTMENT_URL, {"worker": stranger.pk, "description": "Not theirs to ask."}, format="json"
        )
        assert response.status_code == 403, response.content
    assert ReasonableAdjustment.objects.count() == before


def test_a_manager_who_only_shares_the_team_neither_records_nor_changes_an_adjustment(setting):
    team_manager = as_user(setting["people"]["team's line manager"])
    worker, adjustment = setting["worker"], setting["adjustment"]
    # They still see the worker's main record: team matters for rotas, not for health.
    assert team_manager.get(f"/api/v1/peers/workers/{worker.pk}/").status_code == 200
    before = ReasonableAdjustment.objects.count()
    response = team_manager.post(
        ADJUSTMENT_URL, {"worker": worker.pk, "description": "Not theirs to record."}, format="json"
    )
    assert response.status_code == 403, response.content
    assert ReasonableAdjustment.objects.count() == before
    response = team_manager.patch(adjustment_url(adjustment), {"status": "ended"}, format="json")
    assert response.status_code == 404
    adjustment.refresh_from_db()
    assert adjustment.status == "agreed"
    assert not AccessLog.objects.exists()


def test_a_supervisor_cannot_change_an_adjustment(setting):
    adjustment = setting["adjustment"]
    response = as_user(setting["people"]["supervisor"]).patch(
        adjustment_url(adjustment), {"status": "ended"}, format="json"
    )
    assert response.status_code == 404
    adjustment.refresh_from_db()
    assert adjustment.status == "agreed"


def test_filters(setting):
    hr = as_user(setting["people"]["hr"])
    ReasonableAdjustmentFactory(
        status="requested", agreed_on=None, review_on=today() + dt.timedelta(days=400)
    )
    rows = hr.get(ADJUSTMENT_URL, {"team": setting["worker"].team_id}).json()["results"]
    assert [row["id"] for row in rows] == [setting["adjustment"].pk]
    assert len(hr.get(ADJUSTMENT_URL, {"status": "requested"}).json()["results"]) == 1
    due = (setting["adjustment"].review_on).isoformat()
    assert [r["id"] for r in hr.get(ADJUSTMENT_URL, {"review_before": due}).json()["results"]] == [
        setting["adjustment"].pk
    ]
    assert hr.get(PLAN_URL, {"team": setting["worker"].team_id}).json()["count"] == 1
    assert hr.get(PLAN_URL, {"colour": "blue"}).status_code == 400


# --- every read is logged ----------------------------------------------------------------------


def test_a_retrieve_writes_one_row_naming_the_reader_and_the_record(setting):
    hr_user, plan = setting["people"]["hr"], setting["plan"]
    assert as_user(hr_user).get(plan_url(plan)).status_code == 200
    row = AccessLog.objects.get()
    assert (row.user, row.record_type, row.record_id, row.action) == (
        hr_user,
        "peers.wellnessactionplan",
        str(plan.pk),
        "read",
    )
    assert row.path == plan_url(plan)
    assert row.at is not None


def test_the_worker_reading_their_own_plan_is_logged_too(setting):
    as_user(setting["worker"].user).get(adjustment_url(setting["adjustment"]))
    row = AccessLog.objects.get()
    assert (row.user, row.record_type) == (setting["worker"].user, "peers.reasonableadjustment")


@pytest.mark.parametrize(
    ("url", "make"), [(PLAN_URL, WellnessActionPlanFactory), (ADJUSTMENT_URL, ReasonableAdjustmentFactory)]
)
def test_a_list_of_n_logs_n_rows_in_one_insert(db, url, make):
    client = as_role(Role.HR)
    make()
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    assert AccessLog.objects.count() == 1
    AccessLog.objects.all().delete()
    made = [make() for _ in range(6)]
    with CaptureQueriesContext(connection) as seven:
        response = client.get(url)
    assert response.json()["count"] == 7
    assert AccessLog.objects.count() == 7
    assert len(log_inserts(seven)) == 1
    assert len(seven) == len(one), "logging must not add a query per row"
    logged = set(AccessLog.objects.values_list("record_id", flat=True))
    assert {str(obj.pk) for obj in made} <= logged


def test_only_the_page_returned_is_logged(db):
    client = as_role(Role.HR)
    for _ in range(3):
        ReasonableAdjustmentFactory()
    response = client.get(ADJUSTMENT_URL, {"page_size": 2})
    shown = {str(row["id"]) for row in response.json()["results"]}
    assert set(AccessLog.objects.values_list("record_id", flat=True)) == shown


def test_create_and_update_responses_are_logged(setting):
    worker = PeerWorkerFactory()
    client = as_user(worker.user)
    response = client.post(PLAN_URL, {"worker": worker.pk, "triggers": "Loud rooms."}, format="json")
    assert response.status_code == 201
    assert AccessLog.objects.filter(user=worker.user, record_id=str(response.json()["id"])).count() == 1
    client.patch(f"{PLAN_URL}{response.json()['id']}/", {"triggers": "Very loud rooms."}, format="json")
    assert AccessLog.objects.filter(user=worker.user, record_id=str(response.json()["id"])).count() == 2


def test_a_refused_change_is_not_logged(setting):
    response = as_user(setting["people"]["hr"]).patch(
        plan_url(setting["plan"]), {"triggers": "x"}, format="json"
    )
    assert response.status_code == 403
    assert not AccessLog.objects.exists()
