"""A peer worker's own pages: what they see, what they may change, and what stays theirs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import AccessLog
from accounts.roles import Role
from peers.models import PeerWorker, ReasonableAdjustment, SupervisionKind, WellnessActionPlan
from reminders.models import Reminder
from tests.factories import UserFactory
from tests.peers.factories import (
    CompetenceEvidenceFactory,
    PeerWorkerFactory,
    ProgressionReviewFactory,
    ReasonableAdjustmentFactory,
    SupervisionPolicyFactory,
    SupervisionSessionFactory,
    TrainingRecordFactory,
    WellnessActionPlanFactory,
)
from tests.reminders.factories import ReminderFactory
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db

PAGES = [
    "/peers/supervision/",
    "/peers/training/",
    "/peers/competences/",
    "/peers/progression/",
    "/peers/wellbeing/",
    "/peers/wellbeing/plan/",
    "/peers/reminders/",
]
DAY = dt.timedelta(days=1)


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def worker() -> PeerWorker:
    user = UserFactory(roles=[Role.PEER_WORKER], first_name="Perry", email="perry@test.example")
    return PeerWorkerFactory(user=user)


@pytest.fixture
def me(worker):
    return signed_in(worker.user)


# --- who may open these pages ------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.LINE_MANAGER, Role.SUPERVISOR, Role.HR, Role.PARTICIPANT])
def test_other_roles_get_the_403_page(page_for, role):
    client = page_for(role)
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 403, path
        assert "These pages are for peer workers, about their own work." in text(response)


def test_the_line_manager_is_not_shown_the_workers_own_pages(worker):
    """Their manager may read the plan through the API, logged; these pages are the worker's alone."""
    WellnessActionPlanFactory(worker=worker, triggers="Rota changes at short notice")
    manager = signed_in(worker.line_manager)
    for path in PAGES:
        response = manager.get(path)
        assert response.status_code == 403, path
        assert "Rota changes at short notice" not in text(response)
    assert not AccessLog.objects.filter(user=worker.line_manager).exists()
    assert "/peers/" not in text(manager.get("/"))  # no menu item, no card link


def test_a_peer_worker_login_with_no_current_record_is_told_to_ask(page_for):
    left = PeerWorkerFactory(
        status=PeerWorker.Status.LEFT, leaving_date=timezone.localdate(), leaving_reason="other"
    )
    for client in (page_for(Role.PEER_WORKER), signed_in(left.user)):
        response = client.get("/peers/training/")
        assert response.status_code == 403
        assert "no current peer worker record linked to your account" in text(response)


def test_signed_out_people_go_to_sign_in():
    from django.test import Client

    response = Client().get("/peers/wellbeing/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


# --- supervision ----------------------------------------------------------------------------------


def test_supervision_shows_next_due_and_history_of_my_sessions_only(me, worker):
    today = timezone.localdate()
    SupervisionPolicyFactory(level=worker.level, kind=SupervisionKind.LINE_MANAGEMENT, frequency_days=28)
    SupervisionSessionFactory(
        worker=worker, held_on=today - 10 * DAY, supervisor=UserFactory(first_name="Sasha")
    )
    SupervisionSessionFactory(held_on=today - 3 * DAY, supervisor=UserFactory(first_name="Otherperson"))
    body = text(me.get("/peers/supervision/"))
    line_management = body.split(">Line management</dt>", 1)[1].split("</dd>", 1)[0]
    assert "Next due" in line_management and "Overdue" not in line_management
    assert "Sasha" in body
    assert "Otherperson" not in body  # another worker's session
    assert "Talked through a difficult week" not in body  # notes stay in the record


def test_overdue_supervision_says_so_in_words(me, worker):
    SupervisionPolicyFactory(level=worker.level, kind=SupervisionKind.LINE_MANAGEMENT, frequency_days=28)
    body = text(me.get("/peers/supervision/"))  # started 400 days ago, none held
    line_management = body.split(">Line management</dt>", 1)[1].split("</dd>", 1)[0]
    assert "Overdue" in line_management and "None held yet" in line_management


# --- training -------------------------------------------------------------------------------------


def test_training_is_sorted_into_expired_expiring_and_in_date(me, worker):
    today = timezone.localdate()
    TrainingRecordFactory(worker=worker, course__name="Safeguarding adults", expires_on=today - 5 * DAY)
    TrainingRecordFactory(worker=worker, course__name="Information governance", expires_on=today + 10 * DAY)
    TrainingRecordFactory(worker=worker, course__name="Basic life support", expires_on=today + 200 * DAY)
    TrainingRecordFactory(course__name="Someone else's course", expires_on=today + 5 * DAY)
    body = text(me.get("/peers/training/"))
    out, rest = body.split("Running out within", 1)
    soon, in_date = rest.split(">In date<", 1)
    assert "Safeguarding adults" in out
    assert "Information governance" in soon and "Safeguarding" not in soon
    assert "Basic life support" in in_date
    assert "Someone else" not in body


# --- competences and progression --------------------------------------------------------------------


def test_competences_show_what_is_signed_off_and_what_waits(me, worker):
    signer = UserFactory(first_name="Morgan")
    CompetenceEvidenceFactory(
        worker=worker,
        competence__name="Sharing lived experience",
        signed_off_by=signer,
        signed_off_on=timezone.localdate(),
    )
    CompetenceEvidenceFactory(worker=worker, competence__name="Recovery planning")
    CompetenceEvidenceFactory(competence__name="Not mine")
    body = text(me.get("/peers/competences/"))
    signed, waiting = body.split("Waiting to be signed off", 1)
    assert "Sharing lived experience" in signed and "Morgan" in signed
    assert "Recovery planning" in waiting
    assert "Not mine" not in body


def test_progression_shows_level_next_level_and_reviews(me, worker):
    ProgressionReviewFactory(worker=worker, outcome="not_yet", next_review_on=timezone.localdate() + 90 * DAY)
    ProgressionReviewFactory(outcome="ready")  # someone else's
    body = text(me.get("/peers/progression/"))
    assert worker.level.name in body
    assert "Not yet" in body
    assert "Ready for the next level" not in body


# --- wellbeing ------------------------------------------------------------------------------------


def test_my_wellbeing_shows_plan_and_adjustments_and_logs_each_read(me, worker):
    plan = WellnessActionPlanFactory(worker=worker, triggers="Rota changes at short notice")
    adjustment = ReasonableAdjustmentFactory(worker=worker, description="Later start on Mondays")
    ReasonableAdjustmentFactory(description="Someone else's adjustment")
    body = text(me.get("/peers/wellbeing/"))
    assert "Rota changes at short notice" in body
    assert "Later start on Mondays" in body
    assert "Someone else" not in body
    logged = set(
        AccessLog.objects.filter(user=worker.user, action="read").values_list("record_type", "record_id")
    )
    assert logged == {
        ("peers.wellnessactionplan", str(plan.pk)),
        ("peers.reasonableadjustment", str(adjustment.pk)),
    }


def test_nothing_to_show_logs_nothing(me, worker):
    body = text(me.get("/peers/wellbeing/"))
    assert "You have not written a wellness action plan" in body
    assert not AccessLog.objects.exists()


def test_a_worker_writes_then_changes_their_own_plan(me, worker):
    response = me.post("/peers/wellbeing/plan/", {"keeps_me_well": "A walk at lunch", "triggers": ""})
    assert response.status_code == 302 and response["Location"] == "/peers/wellbeing/"
    plan = WellnessActionPlan.objects.get(worker=worker)
    assert plan.keeps_me_well == "A walk at lunch"
    form = text(me.get("/peers/wellbeing/plan/"))
    assert "A walk at lunch" in form
    me.post("/peers/wellbeing/plan/", {"keeps_me_well": "A walk at lunch", "triggers": "Noise"})
    plan.refresh_from_db()
    assert plan.triggers == "Noise"
    assert "Noise" in text(me.get("/peers/wellbeing/"))


def test_the_plan_page_cannot_write_someone_elses_plan(me, worker):
    other = WellnessActionPlanFactory(triggers="Theirs")
    me.post("/peers/wellbeing/plan/", {"triggers": "Mine", "worker": other.worker_id})
    other.refresh_from_db()
    assert other.triggers == "Theirs"
    assert WellnessActionPlan.objects.get(worker=worker).triggers == "Mine"
    assert ReasonableAdjustment.objects.count() == 0


# --- reminders ------------------------------------------------------------------------------------


def test_reminders_lists_mine_and_dismisses_one(me, worker):
    later = timezone.now() + 2 * DAY
    mine = ReminderFactory(
        recipient_user=worker.user, due_at=later, subject_line="Your supervision is due soon"
    )
    ReminderFactory(due_at=later, subject_line="Someone else's reminder")
    body = text(me.get("/peers/reminders/"))
    assert "Your supervision is due soon" in body
    assert "Someone else" not in body
    response = me.post(f"/peers/reminders/{mine.pk}/dismiss/")
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.state == Reminder.State.DISMISSED
    assert "Your supervision is due soon" not in text(me.get("/peers/reminders/"))


def test_a_sent_reminder_can_be_snoozed(me, worker):
    sent = ReminderFactory(recipient_user=worker.user, state=Reminder.State.SENT, sent_at=timezone.now())
    before = timezone.now()
    me.post(f"/peers/reminders/{sent.pk}/snooze/", {"days": "3"})
    sent.refresh_from_db()
    assert sent.state == Reminder.State.PLANNED
    assert before + 3 * DAY <= sent.due_at <= timezone.now() + 3 * DAY


def test_a_bad_snooze_changes_nothing(me, worker):
    sent = ReminderFactory(recipient_user=worker.user, state=Reminder.State.SENT, sent_at=timezone.now())
    response = me.post(f"/peers/reminders/{sent.pk}/snooze/", {"days": "400"}, follow=True)
    assert "Select when to be reminded again" in text(response)
    sent.refresh_from_db()
    assert sent.state == Reminder.State.SENT


def test_someone_elses_reminder_is_a_404(me):
    theirs = ReminderFactory(due_at=timezone.now() + DAY)
    for action in ("dismiss", "snooze"):
        response = me.post(f"/peers/reminders/{theirs.pk}/{action}/", {"days": "1"})
        assert response.status_code == 404, action
    theirs.refresh_from_db()
    assert theirs.state == Reminder.State.PLANNED


# --- home and menu ------------------------------------------------------------------------------


def test_home_card_links_to_my_pages_and_the_menu_offers_them(me, worker):
    SupervisionPolicyFactory(level=worker.level, kind=SupervisionKind.LINE_MANAGEMENT, frequency_days=28)
    body = text(me.get("/"))
    for path in ("/peers/supervision/", "/peers/training/"):
        assert f'href="{path}"' in body, path


# --- query counts ---------------------------------------------------------------------------------


def rows(worker, count: int) -> None:
    today = timezone.localdate()
    SupervisionPolicyFactory(level=worker.level, kind=SupervisionKind.LINE_MANAGEMENT, frequency_days=28)
    for index in range(count):
        SupervisionSessionFactory(worker=worker, held_on=today - (index + 1) * DAY)
        TrainingRecordFactory(worker=worker, expires_on=today + (index - 3) * 10 * DAY)
        CompetenceEvidenceFactory(
            worker=worker,
            signed_off_by=worker.line_manager if index % 2 else None,
            signed_off_on=today if index % 2 else None,
        )
        ProgressionReviewFactory(worker=worker)
        ReasonableAdjustmentFactory(worker=worker)
        ReminderFactory(recipient_user=worker.user, due_at=timezone.now() + (index - 2) * DAY)


@pytest.mark.parametrize("path", [p for p in PAGES if p != "/peers/wellbeing/plan/"] + ["/"])
def test_list_pages_ask_the_same_number_of_queries_for_3_rows_as_for_30(me, worker, path):
    rows(worker, 3)
    with CaptureQueriesContext(connection) as few:
        assert me.get(path).status_code == 200
    rows(worker, 27)
    with CaptureQueriesContext(connection) as many:
        assert me.get(path).status_code == 200
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
