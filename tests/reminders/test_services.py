"""The outbox services: planning once, sending once, retrying, digests, preference, dismiss, snooze."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from reminders import services
from reminders.models import Reminder, ReminderPreference
from reminders.services import ReminderError
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
State = Reminder.State


def local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour, minute))  # noqa: DTZ001


# A fixed moment well clear of the digest hour (08:00 local), so digest times are predictable.
NOW = local(2030, 3, 4, 10, 30)


# --- planning ---------------------------------------------------------------------------------


def test_planning_twice_makes_each_reminder_once(scripted_rule):
    person = UserFactory()
    scripted_rule.add(person, occasion="7d")
    scripted_rule.add(person, occasion="1d")
    scripted_rule.add(UserFactory())

    assert services.reminders_plan(now=NOW) == 3
    assert services.reminders_plan(now=NOW) == 0
    assert services.reminders_plan(now=NOW, batch_size=1) == 0
    assert Reminder.objects.count() == 3
    assert set(Reminder.objects.values_list("state", flat=True)) == {State.PLANNED}


def test_the_same_reminder_planned_with_different_case_in_the_address_is_still_one(scripted_rule):
    person = UserFactory(email="Mixed.Case@test.example")
    scripted_rule.add(person, subject_id=7)
    services.reminders_plan(now=NOW)
    scripted_rule.items[0] = replace(scripted_rule.items[0], recipient_email="mixed.case@TEST.example")
    services.reminders_plan(now=NOW)
    assert Reminder.objects.get().recipient_email == "mixed.case@test.example"


def test_a_reminder_days_ahead_waits_in_the_database_until_it_is_due(scripted_rule):
    person = UserFactory()
    scripted_rule.add(person, due_at=NOW + timedelta(days=3))
    services.reminders_plan(now=NOW)

    assert services.reminders_send_due(now=NOW) == 0
    assert services.reminders_send_due(now=NOW + timedelta(days=2, hours=23)) == 0
    assert mail.outbox == []
    assert Reminder.objects.get().state == State.PLANNED

    assert services.reminders_send_due(now=NOW + timedelta(days=3)) == 1
    assert [m.to for m in mail.outbox] == [[person.email]]


# --- sending ------------------------------------------------------------------------------------


def test_a_due_reminder_is_sent_once_with_its_link(scripted_rule, settings):
    settings.SITE_URL = "https://lx.test.example"
    person = UserFactory()
    scripted_rule.add(person, subject_id=42, due_at=NOW - timedelta(minutes=1))
    services.reminders_plan(now=NOW)

    assert services.reminders_send_due(now=NOW) == 1
    assert services.reminders_send_due(now=NOW + timedelta(hours=1)) == 0

    (message,) = mail.outbox
    assert message.to == [person.email]
    assert message.subject == "Test thing 42 needs you"
    assert "https://lx.test.example/things/42" in message.body
    row = Reminder.objects.get()
    assert (row.state, row.attempts, row.claimed_until) == (State.SENT, 1, None)
    assert row.sent_at is not None


def test_digest_mode_puts_a_persons_reminders_in_one_message_at_the_digest_hour(scripted_rule, settings):
    settings.REMINDERS_DIGEST_HOUR = 8
    reader, other = UserFactory(), UserFactory()
    ReminderPreference.objects.create(user=reader, mode=ReminderPreference.Mode.DIGEST)
    for number in (1, 2, 3):
        scripted_rule.add(reader, subject_id=number, due_at=NOW)
    scripted_rule.add(other, subject_id=4, due_at=NOW)
    scripted_rule.add(other, subject_id=5, due_at=NOW)
    services.reminders_plan(now=NOW)

    next_morning = local(2030, 3, 5, 8)
    assert set(Reminder.objects.filter(recipient_user=reader).values_list("digest", "due_at")) == {
        (True, next_morning)
    }

    # The person who wants one at a time gets two emails now; the digest reader nothing yet.
    assert services.reminders_send_due(now=NOW) == 2
    assert sorted(m.subject for m in mail.outbox) == ["Test thing 4 needs you", "Test thing 5 needs you"]
    assert all(m.to == [other.email] for m in mail.outbox)

    mail.outbox.clear()
    assert services.reminders_send_due(now=next_morning - timedelta(minutes=1)) == 0
    assert services.reminders_send_due(now=next_morning) == 3
    (digest,) = mail.outbox
    assert digest.to == [reader.email]
    assert digest.subject == "Your reminders for today (3)"
    for number in (1, 2, 3):
        assert f"Test thing {number} is due." in digest.body
    assert set(Reminder.objects.filter(recipient_user=reader).values_list("state", flat=True)) == {State.SENT}


def test_a_failing_mail_server_is_retried_with_growing_gaps_then_the_reminder_is_failed(
    scripted_rule, settings, client
):
    settings.EMAIL_BACKEND = "tests.reminders.backends.FailingBackend"
    settings.REMINDERS_MAX_ATTEMPTS = 3
    settings.REMINDERS_RETRY_BASE_SECONDS = 60
    scripted_rule.add(UserFactory(), due_at=NOW)
    services.reminders_plan(now=NOW)

    def row() -> Reminder:
        return Reminder.objects.get()

    assert services.reminders_send_due(now=NOW) == 0
    assert (row().state, row().attempts, row().next_attempt_at) == (
        State.PLANNED,
        1,
        NOW + timedelta(seconds=60),
    )
    assert "Connection refused by mail.test.example" in row().last_error

    # Not before the first gap (60 s) is over.
    services.reminders_send_due(now=NOW + timedelta(seconds=59))
    assert row().attempts == 1

    second = NOW + timedelta(seconds=60)
    services.reminders_send_due(now=second)
    assert (row().state, row().attempts, row().next_attempt_at) == (
        State.PLANNED,
        2,
        second + timedelta(seconds=120),  # the gap doubles
    )
    services.reminders_send_due(now=second + timedelta(seconds=119))
    assert row().attempts == 2

    services.reminders_send_due(now=second + timedelta(seconds=120))
    assert (row().state, row().attempts, row().next_attempt_at) == (State.FAILED, 3, None)

    # A failed reminder is not tried again by the sender, even when the mail server is back.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.reminders_send_due(now=NOW + timedelta(days=1)) == 0
    assert row().state == State.FAILED

    # The back office shows it, with its error, and can send it again.
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    changelist = reverse("admin:reminders_reminder_changelist")
    page = client.get(changelist, {"state__exact": "failed"})
    assert page.status_code == 200
    assert "Connection refused by mail.test.example" in page.content.decode()
    response = client.post(changelist, {"action": "retry", "_selected_action": [row().pk]})
    assert response.status_code == 302
    assert (row().state, row().attempts, row().last_error) == (State.PLANNED, 0, "")
    assert services.reminders_send_due(now=NOW + timedelta(days=1)) == 1
    assert len(mail.outbox) == 1


def test_a_failed_digest_fails_every_reminder_in_it(scripted_rule, settings):
    settings.EMAIL_BACKEND = "tests.reminders.backends.FailingBackend"
    settings.REMINDERS_MAX_ATTEMPTS = 1
    reader = UserFactory()
    ReminderPreference.objects.create(user=reader, mode=ReminderPreference.Mode.DIGEST)
    scripted_rule.add(reader, due_at=NOW)
    scripted_rule.add(reader, due_at=NOW)
    services.reminders_plan(now=NOW)

    services.reminders_send_due(now=NOW + timedelta(days=1))
    assert set(Reminder.objects.values_list("state", "attempts")) == {(State.FAILED, 1)}


def test_a_reminder_held_by_a_sender_is_not_taken_until_its_lease_runs_out(scripted_rule, settings):
    settings.REMINDERS_CLAIM_LEASE_SECONDS = 300
    scripted_rule.add(UserFactory(), due_at=NOW)
    services.reminders_plan(now=NOW)
    # A sender claimed it and then died before sending.
    claimed = services._claim(NOW, limit=10)
    assert [r.state for r in claimed] == [State.PLANNED]
    assert Reminder.objects.get().state == State.SENDING

    assert services.reminders_send_due(now=NOW + timedelta(seconds=299)) == 0
    assert services.reminders_send_due(now=NOW + timedelta(seconds=301)) == 1
    assert len(mail.outbox) == 1


# --- preference ---------------------------------------------------------------------------------


def test_changing_to_digest_moves_planned_reminders_to_the_digest_hour_and_back(scripted_rule, settings):
    settings.REMINDERS_DIGEST_HOUR = 8
    person = UserFactory()
    scripted_rule.add(person, subject_id=1, due_at=local(2030, 3, 4, 9))
    scripted_rule.add(person, subject_id=2, due_at=local(2030, 3, 7, 7))
    scripted_rule.add(person, subject_id=3, due_at=local(2030, 3, 3, 9))
    services.reminders_plan(now=NOW)
    Reminder.objects.filter(subject_id="3").update(state=State.SENT)

    services.preference_set(user=person, mode=ReminderPreference.Mode.DIGEST)

    rows = {r.subject_id: r for r in Reminder.objects.all()}
    assert (rows["1"].digest, rows["1"].due_at) == (True, local(2030, 3, 5, 8))
    assert (rows["2"].digest, rows["2"].due_at) == (True, local(2030, 3, 7, 8))
    assert (rows["3"].digest, rows["3"].due_at) == (False, local(2030, 3, 3, 9)), "a sent one is left alone"

    services.preference_set(user=person, mode=ReminderPreference.Mode.IMMEDIATE)
    assert not Reminder.objects.filter(digest=True).exists()
    assert ReminderPreference.objects.get(user=person).mode == ReminderPreference.Mode.IMMEDIATE


def test_an_unknown_preference_is_refused():
    with pytest.raises(ReminderError) as error:
        services.preference_set(user=UserFactory(), mode="hourly")
    assert error.value.field == "mode"


# --- dismiss and snooze -------------------------------------------------------------------------


def _one(scripted_rule, **kwargs) -> Reminder:
    scripted_rule.add(UserFactory(), **kwargs)
    services.reminders_plan()
    return Reminder.objects.latest("pk")


def test_a_dismissed_reminder_is_never_sent(scripted_rule):
    reminder = _one(scripted_rule, due_at=timezone.now() + timedelta(hours=1))
    services.reminder_dismiss(reminder=reminder, by=reminder.recipient_user)
    assert services.reminders_send_due(now=timezone.now() + timedelta(days=1)) == 0
    assert Reminder.objects.get().state == State.DISMISSED
    assert mail.outbox == []


def test_a_sent_reminder_cannot_be_dismissed(scripted_rule):
    reminder = _one(scripted_rule)
    services.reminders_send_due()
    reminder.refresh_from_db()
    with pytest.raises(ReminderError) as error:
        services.reminder_dismiss(reminder=reminder, by=reminder.recipient_user)
    assert error.value.field == "state"
    assert "sent" in error.value.message


def test_snoozing_moves_the_reminder_and_it_is_sent_then(scripted_rule):
    reminder = _one(scripted_rule)
    later = timezone.now() + timedelta(days=2)
    services.reminder_snooze(reminder=reminder, until=later, by=reminder.recipient_user)
    assert services.reminders_send_due() == 0
    assert services.reminders_send_due(now=later) == 1


@pytest.mark.parametrize(
    "until, message",
    [
        (timedelta(minutes=-1), "Snooze to a time in the future."),
        (timedelta(days=30, minutes=1), "Snooze for 30 days at most."),
    ],
)
def test_snoozing_into_the_past_or_too_far_is_refused(scripted_rule, settings, until, message):
    settings.REMINDERS_MAX_SNOOZE_DAYS = 30
    reminder = _one(scripted_rule)
    with pytest.raises(ReminderError) as error:
        services.reminder_snooze(reminder=reminder, until=timezone.now() + until, by=reminder.recipient_user)
    assert (error.value.field, error.value.message) == ("until", message)
    reminder.refresh_from_db()
    assert reminder.state == State.PLANNED


def test_withdrawing_stops_everything_not_yet_sent_to_that_address(scripted_rule):
    person = UserFactory(email="withdrawn@test.example")
    for number in (1, 2, 3):
        scripted_rule.add(person, subject_id=number)
    other = scripted_rule.add(UserFactory(), subject_id=9)
    services.reminders_plan()
    Reminder.objects.filter(subject_id="1").update(state=State.SENT)

    assert services.reminders_dismiss_for_recipient(email="Withdrawn@TEST.example") == 2
    services.reminders_send_due()
    assert [m.to for m in mail.outbox] == [[other.recipient_email]]
    assert sorted(Reminder.objects.filter(recipient_user=person).values_list("state", flat=True)) == [
        State.DISMISSED,
        State.DISMISSED,
        State.SENT,
    ]


def test_a_row_held_by_a_dead_sender_is_dismissed_too_and_never_sent(scripted_rule, settings):
    person = UserFactory(email="held@test.example")
    scripted_rule.add(person, subject_id=1)
    services.reminders_plan()
    Reminder.objects.update(state=State.SENDING, claimed_until=timezone.now() - timedelta(minutes=1))
    assert services.reminders_dismiss_for_recipient(email="held@test.example") == 1
    services.reminders_send_due()
    assert mail.outbox == []


def test_dismissing_can_be_narrowed_to_the_callers_rules(scripted_rule):
    person = UserFactory(email="both@test.example")
    scripted_rule.add(person, subject_id=1)
    services.reminders_plan()
    rule = Reminder.objects.get().rule
    assert services.reminders_dismiss_for_recipient(email="both@test.example", rule_prefixes=["other."]) == 0
    assert Reminder.objects.get().state == State.PLANNED
    assert services.reminders_dismiss_for_recipient(email="both@test.example", rule_prefixes=[rule[:3]]) == 1
