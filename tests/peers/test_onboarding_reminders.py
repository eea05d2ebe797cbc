"""The overdue onboarding step reminder: its owner, once, with a link to the page; planned again it adds
nothing; marked done before it goes, it is stopped; nobody to act on it, the line manager."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from peers import services
from peers.models import PeerWorker, SupervisionPolicy
from reminders import registry
from reminders.models import Reminder, ReminderPreference
from reminders.services import reminders_plan, reminders_send_due
from tests.factories import UserFactory
from tests.peers.factories import OnboardingItemFactory, PeerWorkerFactory

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)
RULE = "peers.onboarding_overdue"


@pytest.fixture(autouse=True)
def _no_supervision_due(db):
    """The seeded supervision policies would make every worker's supervision due: not this rule's."""
    SupervisionPolicy.objects.all().delete()


@pytest.fixture
def now() -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(10)))


def owed(now) -> list[registry.Due]:
    return list(registry.get(RULE).due(now))


def ours() -> list[Reminder]:
    return list(Reminder.objects.filter(rule=RULE).order_by("id"))


def test_an_overdue_step_reminds_its_owner_once_with_a_link_to_the_checklist(now):
    supervisor = UserFactory(roles=[Role.SUPERVISOR], email="sam.supervisor@test.example")
    worker = PeerWorkerFactory(supervisors=[supervisor], user__first_name="Robin", user__last_name="Quill")
    today = timezone.localdate(now)
    item = OnboardingItemFactory(
        worker=worker,
        title="First supervision booked",
        owner=supervisor,
        owner_role="supervisor",
        due_on=today - DAY,
    )
    due_today = OnboardingItemFactory(worker=worker, due_on=today)  # not late yet
    OnboardingItemFactory(worker=worker, due_on=today - 3 * DAY, done_on=today - 4 * DAY)  # done

    assert reminders_plan(now=now) == 1
    assert reminders_plan(now=now) == 0  # planned again: nothing more
    (reminder,) = ours()
    assert (reminder.recipient_email, reminder.subject_type, reminder.subject_id) == (
        "sam.supervisor@test.example",
        "onboarding_item",
        str(item.pk),
    )
    assert reminder.link == f"/onboarding/{worker.pk}/"
    assert reminder.occasion == f"overdue:{today - DAY}"
    assert reminder.subject_line == "An onboarding step is overdue"  # names nobody
    assert "Robin" in reminder.body and "First supervision booked" in reminder.body

    assert reminders_send_due(now=now) == 1
    assert reminders_send_due(now=now) == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["sam.supervisor@test.example"]
    assert f"/onboarding/{worker.pk}/" in mail.outbox[0].body
    # A day later: nothing more about the late step; the one due today is late now.
    assert reminders_plan(now=now + DAY) == 1
    assert [r.subject_id for r in ours()] == [str(item.pk), str(due_today.pk)]


def test_marking_it_done_before_it_goes_stops_it_and_nothing_is_planned_again(now):
    owner = UserFactory(roles=[Role.LINE_MANAGER])
    item = OnboardingItemFactory(
        worker=PeerWorkerFactory(line_manager=owner), due_on=timezone.localdate(now) - DAY
    )
    # A digest reader's reminder waits for their morning digest: time to mark the step done.
    ReminderPreference.objects.create(user=owner, mode=ReminderPreference.Mode.DIGEST)
    assert reminders_plan(now=now) == 1
    services.onboarding_item_done(item=item, by=owner, done_on=timezone.localdate(now))
    assert [r.state for r in ours()] == [Reminder.State.DISMISSED]
    assert reminders_send_due(now=now + 2 * DAY) == 0
    assert reminders_plan(now=now + DAY) == 0
    assert mail.outbox == []


def test_a_new_due_date_is_a_new_occasion(now):
    today = timezone.localdate(now)
    item = OnboardingItemFactory(due_on=today - 2 * DAY)
    reminders_plan(now=now)
    services.onboarding_item_update(item=item, by=item.worker.line_manager, due_on=today - DAY)
    reminders_plan(now=now)
    assert [(r.occasion, r.state) for r in ours()] == [
        (f"overdue:{today - 2 * DAY}", Reminder.State.DISMISSED),
        (f"overdue:{today - DAY}", Reminder.State.PLANNED),
    ]


def test_the_worker_is_sent_to_their_own_checklist(now):
    worker = PeerWorkerFactory()
    OnboardingItemFactory(
        worker=worker, owner=worker.user, owner_role="worker", due_on=timezone.localdate(now) - DAY
    )
    (due,) = owed(now)
    assert (due.recipient_user_id, due.link, due.subject_line) == (
        worker.user_id,
        "/onboarding/mine/",
        "A step of your onboarding is overdue",
    )


def test_with_nobody_to_act_on_it_the_line_manager_is_reminded(now):
    today = timezone.localdate(now)
    nobody = OnboardingItemFactory(owner=None, owner_role="supervisor", due_on=today - DAY)
    gone = UserFactory(roles=[Role.HR], is_active=False)
    inactive = OnboardingItemFactory(owner=gone, owner_role="hr", due_on=today - DAY)
    got = {(d.subject_id, d.recipient_user_id) for d in owed(now)}
    assert got == {(nobody.pk, nobody.worker.line_manager_id), (inactive.pk, inactive.worker.line_manager_id)}
    assert "nobody who can act on it owns it" in owed(now)[0].body


def test_leavers_and_long_term_leave_are_not_chased(now):
    today = timezone.localdate(now)
    left = PeerWorkerFactory(status=PeerWorker.Status.LEFT, leaving_date=today, leaving_reason="other")
    away = PeerWorkerFactory(status=PeerWorker.Status.LONG_TERM_LEAVE)
    for worker in (left, away):
        OnboardingItemFactory(worker=worker, due_on=today - DAY)
    assert owed(now) == []


def test_the_rule_asks_one_query_however_many_steps(now):
    today = timezone.localdate(now)
    OnboardingItemFactory(due_on=today - DAY)
    with CaptureQueriesContext(connection) as few:
        assert len(owed(now)) == 1
    for _ in range(5):
        OnboardingItemFactory(due_on=today - DAY)
    with CaptureQueriesContext(connection) as many:
        assert len(owed(now)) == 6
    assert len(many) == len(few) == 1
