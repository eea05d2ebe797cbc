"""Peer workforce reminder rules: supervision, training expiry, probation; right people, fixed query cost."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from peers.models import PeerWorker, SupervisionKind, SupervisionPolicy
from reminders import registry
from reminders.models import Reminder
from reminders.services import reminders_plan, reminders_send_due
from tests.factories import UserFactory
from tests.peers.factories import (
    PeerWorkerFactory,
    SupervisionPolicyFactory,
    SupervisionSessionFactory,
    TrainingCourseFactory,
    TrainingRecordFactory,
    WellnessActionPlanFactory,
    _level,
)

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def _only_our_policies(db):
    """The seeded supervision policies would make every worker due; each test sets its own."""
    SupervisionPolicy.objects.all().delete()


@pytest.fixture
def now() -> dt.datetime:
    today = timezone.localdate()
    return timezone.make_aware(dt.datetime.combine(today + 3 * DAY, dt.time(10)))


@pytest.fixture
def today(now) -> dt.date:
    return timezone.localdate(now)


def owed(rule: str, now: dt.datetime) -> list[registry.Due]:
    return list(registry.get(f"peers.{rule}").due(now))


def to(items) -> set[tuple[str, str]]:
    return {(d.recipient_email, d.occasion) for d in items}


def queries(rule: str, now: dt.datetime) -> int:
    with CaptureQueriesContext(connection) as ctx:
        list(registry.get(f"peers.{rule}").due(now))
    return len(ctx.captured_queries)


def supervised(today: dt.date, *, last_held_days_ago: int, supervisors=None, **kwargs) -> PeerWorker:
    """A worker whose line-management supervision (every 28 days) was last held that many days ago."""
    supervisors = [UserFactory(roles=[Role.SUPERVISOR])] if supervisors is None else supervisors
    worker = PeerWorkerFactory(supervisors=supervisors, **kwargs)
    SupervisionPolicyFactory(level=worker.level, kind=SupervisionKind.LINE_MANAGEMENT, frequency_days=28)
    SupervisionSessionFactory(worker=worker, held_on=today - last_held_days_ago * DAY)
    return worker


# --- supervision ------------------------------------------------------------------------------------


class TestSupervision:
    def test_due_within_a_week_reaches_the_worker_and_supervisors_not_the_manager(self, now, today):
        first, second = UserFactory(roles=[Role.SUPERVISOR]), UserFactory(roles=[Role.SUPERVISOR])
        worker = supervised(today, last_held_days_ago=23, supervisors=[first, second])
        due_on = today + 5 * DAY
        items = owed("supervision", now)
        assert to(items) == {
            (worker.user.email, f"due:{due_on}"),
            (first.email, f"due:{due_on}"),
            (second.email, f"due:{due_on}"),
        }
        assert {d.subject_id for d in items} == {f"{worker.pk}:line_management"}
        subjects = {d.recipient_email: d.subject_line for d in items}
        assert subjects[worker.user.email] == "Your supervision is due soon"
        assert subjects[first.email] == "Supervision is due soon"

    def test_not_yet_due_is_nothing(self, now, today):
        supervised(today, last_held_days_ago=20)  # due in 8 days
        assert owed("supervision", now) == []

    def test_overdue_reaches_the_supervisors_only(self, now, today):
        supervisor = UserFactory(roles=[Role.SUPERVISOR])
        worker = supervised(today, last_held_days_ago=31, supervisors=[supervisor])
        items = owed("supervision", now)
        due_on = today - 3 * DAY
        assert to(items) == {(supervisor.email, f"overdue:{due_on}")}
        assert items[0].subject_line == "Supervision is overdue"
        assert worker.line_manager.email not in {d.recipient_email for d in items}

    def test_overdue_by_more_than_two_weeks_reaches_the_line_manager_too(self, now, today):
        supervisor = UserFactory(roles=[Role.SUPERVISOR])
        worker = supervised(today, last_held_days_ago=28 + 15, supervisors=[supervisor])
        due_on = today - 15 * DAY
        items = owed("supervision", now)
        assert to(items) == {
            (supervisor.email, f"overdue:{due_on}"),
            (worker.line_manager.email, f"escalated:{due_on}"),
        }
        escalation = next(d for d in items if d.occasion.startswith("escalated"))
        assert escalation.subject_line == "Supervision is more than 14 days overdue"
        # Exactly 14 days overdue is not yet "more than 14".
        assert to(owed("supervision", now - DAY)) == {(supervisor.email, f"overdue:{due_on}")}

    def test_with_no_supervisor_named_the_line_manager_is_told_it_is_overdue(self, now, today):
        worker = supervised(today, last_held_days_ago=31, supervisors=[])
        assert to(owed("supervision", now)) == {(worker.line_manager.email, f"overdue:{today - 3 * DAY}")}

    def test_leavers_and_people_on_long_term_leave_are_not_chased(self, now, today):
        supervised(today, last_held_days_ago=60, status=PeerWorker.Status.LEFT, leaving_date=today)
        supervised(today, last_held_days_ago=60, status=PeerWorker.Status.LONG_TERM_LEAVE)
        supervised(today, last_held_days_ago=60, supervisors=[UserFactory(is_active=False)])
        worker = PeerWorker.objects.get(supervisors__is_active=False)
        # Only the live line manager of the third (inactive supervisor: falls back) hears.
        assert {d.recipient_email for d in owed("supervision", now)} == {worker.line_manager.email}

    def test_a_session_held_makes_a_new_due_date_and_a_new_reminder(self, now, today):
        worker = supervised(today, last_held_days_ago=31)
        assert reminders_plan(now=now) == 1
        SupervisionSessionFactory(worker=worker, held_on=today)
        assert reminders_plan(now=now) == 0  # on time again: nothing
        later = now + 22 * DAY
        assert reminders_plan(now=later) == 2  # due in 6 days: the worker and the supervisor
        occasions = set(Reminder.objects.values_list("occasion", flat=True))
        assert occasions == {f"overdue:{today - 3 * DAY}", f"due:{today + 28 * DAY}"}

    def test_subjects_and_bodies_say_nothing_about_wellbeing(self, now, today):
        worker = supervised(today, last_held_days_ago=50)
        plan = WellnessActionPlanFactory(worker=worker)
        for item in owed("supervision", now):
            for text in (plan.triggers, plan.early_warning_signs, plan.keeps_me_well):
                assert text not in item.subject_line and text not in item.body
            assert worker.user.last_name not in item.subject_line


# --- training ---------------------------------------------------------------------------------------


class TestTrainingExpiry:
    def test_expiring_within_30_days_then_expired_reaches_worker_and_manager(self, now, today):
        record = TrainingRecordFactory(completed_on=today - 330 * DAY, expires_on=today + 30 * DAY)
        worker = record.worker
        expiring = owed("training_expiry", now)
        assert to(expiring) == {
            (worker.user.email, f"expiring:{record.expires_on}"),
            (worker.line_manager.email, f"expiring:{record.expires_on}"),
        }
        assert {d.subject_line for d in expiring} == {
            "Your training expires soon",
            "Training expires soon for someone you manage",
        }
        assert record.course.name in expiring[0].body
        expired = owed("training_expiry", now + 31 * DAY)
        assert to(expired) == {
            (worker.user.email, f"expired:{record.expires_on}"),
            (worker.line_manager.email, f"expired:{record.expires_on}"),
        }

    def test_only_the_latest_record_per_course_counts(self, now, today):
        old = TrainingRecordFactory(completed_on=today - 400 * DAY, expires_on=today - 35 * DAY)
        TrainingRecordFactory(
            worker=old.worker, course=old.course, completed_on=today - 30 * DAY, expires_on=today + 335 * DAY
        )
        assert owed("training_expiry", now) == []

    def test_nothing_far_off_never_expiring_or_for_leavers(self, now, today):
        TrainingRecordFactory(completed_on=today - 300 * DAY, expires_on=today + 31 * DAY)
        TrainingRecordFactory(course=TrainingCourseFactory(validity_months=None), expires_on=None)
        TrainingRecordFactory(
            worker=PeerWorkerFactory(status=PeerWorker.Status.LEFT, leaving_date=today),
            expires_on=today + 5 * DAY,
        )
        TrainingRecordFactory(
            worker=PeerWorkerFactory(status=PeerWorker.Status.LONG_TERM_LEAVE), expires_on=today + 5 * DAY
        )
        assert owed("training_expiry", now) == []


# --- probation --------------------------------------------------------------------------------------


class TestProbationReview:
    def test_line_manager_hears_two_weeks_ahead(self, now, today):
        worker = PeerWorkerFactory(status=PeerWorker.Status.PROBATION, probation_review_date=today + 14 * DAY)
        items = owed("probation_review_due", now)
        assert to(items) == {(worker.line_manager.email, f"probation:{worker.probation_review_date}")}
        assert items[0].subject_line == "A probation review is due soon"
        assert items[0].link == "/"

    def test_nothing_far_off_past_or_once_through_probation(self, now, today):
        PeerWorkerFactory(status=PeerWorker.Status.PROBATION, probation_review_date=today + 15 * DAY)
        PeerWorkerFactory(status=PeerWorker.Status.PROBATION, probation_review_date=today - DAY)
        PeerWorkerFactory(status=PeerWorker.Status.ACTIVE, probation_review_date=today + 3 * DAY)
        assert owed("probation_review_due", now) == []


# --- planning twice, query counts, end to end ---------------------------------------------------------


def make_many(rule: str, today: dt.date, n: int) -> None:
    # Supervised workers sit on level 1 (with a policy); the others on level 2, which has none.
    for _ in range(n):
        if rule == "supervision":
            supervised(today, last_held_days_ago=50)
        elif rule == "training_expiry":
            TrainingRecordFactory(worker=PeerWorkerFactory(level=_level(2)), expires_on=today + 10 * DAY)
        else:
            PeerWorkerFactory(
                level=_level(2), status=PeerWorker.Status.PROBATION, probation_review_date=today + 7 * DAY
            )


@pytest.mark.parametrize("rule", ["supervision", "training_expiry", "probation_review_due"])
def test_query_count_does_not_grow_with_subjects(rule, now, today):
    make_many(rule, today, 3)
    few_items = len(owed(rule, now))
    few = queries(rule, now)
    make_many(rule, today, 27)
    assert len(owed(rule, now)) == 10 * few_items
    assert queries(rule, now) == few


def test_planning_twice_adds_nothing_and_end_to_end_mail(now, today):
    for rule in ("supervision", "training_expiry", "probation_review_due"):
        make_many(rule, today, 2)
    created = reminders_plan(now=now)
    assert created == 2 * (2 + 2 + 1)  # supervision: overdue and escalated; training: worker and manager
    assert reminders_plan(now=now) == 0
    mail.outbox.clear()
    assert reminders_send_due(now=now) == created == len(mail.outbox)
    names = [w.user.last_name for w in PeerWorker.objects.select_related("user")]
    for message in mail.outbox:
        assert not any(name in message.subject for name in names), message.subject
        assert "/api/" not in message.body
