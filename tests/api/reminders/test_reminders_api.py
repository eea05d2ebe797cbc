"""My reminders over the API: read-only list and detail, dismiss, snooze, and my preference."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from reminders.models import Reminder, ReminderPreference
from tests.api.battery import ReadBattery, RefusesWrites
from tests.conftest import client_for_user
from tests.factories import UserFactory
from tests.reminders.factories import ReminderFactory

State = Reminder.State
PREFERENCE = "/api/v1/reminders/preference"


def _client(role: str):
    return client_for_user(UserFactory(roles=[role]))


class TestReminderResource(ReadBattery, RefusesWrites):
    """Reminders are made by the rules, never by hand: the resource is read-only plus two actions."""

    basename = "reminder"
    reader_role = Role.ADMIN  # administrators see every reminder; anyone else only their own
    hidden_from_role = Role.HR  # another user's reminder: not even HR sees it
    refused_roles = (Role.ADMIN, Role.PARTICIPANT)

    def make_object(self):
        return ReminderFactory()

    def create_payload(self):
        return {
            "rule": "test-only-rule",
            "subject_line": "Made by hand",
            "due_at": timezone.now().isoformat(),
        }

    def update_payload(self, obj):
        return {"subject_line": "Changed by hand"}

    def test_even_the_person_it_is_for_cannot_change_it(self):
        obj = ReminderFactory(recipient_user=UserFactory(roles=[Role.PARTICIPANT]))
        client = client_for_user(obj.recipient_user)
        assert client.patch(self.detail_url(obj), self.update_payload(obj), format="json").status_code == 405
        assert client.delete(self.detail_url(obj)).status_code == 405
        obj.refresh_from_db()
        assert obj.subject_line != "Changed by hand"


def _url(reminder: Reminder, action: str | None = None) -> str:
    if action:
        return reverse(f"api:reminder-{action}", kwargs={"pk": reminder.pk})
    return reverse("api:reminder-detail", kwargs={"pk": reminder.pk})


@pytest.fixture
def me():
    return UserFactory(roles=[Role.PEER_WORKER])


@pytest.fixture
def my_client(me):
    return client_for_user(me)


@pytest.mark.django_db
def test_i_see_only_my_own_reminders(me, my_client):
    mine = ReminderFactory.create_batch(2, recipient_user=me)
    ReminderFactory()
    response = my_client.get(reverse("api:reminder-list"))
    assert response.status_code == 200
    assert sorted(row["id"] for row in response.json()["results"]) == sorted(r.pk for r in mine)
    row = response.json()["results"][0]
    assert {"subject_line", "body", "link", "due_at", "state", "digest", "display"} <= set(row)


@pytest.mark.django_db
def test_my_list_makes_the_same_few_queries_however_many_reminders_i_have(me, my_client):
    ReminderFactory(recipient_user=me)
    with CaptureQueriesContext(connection) as few:
        assert my_client.get(reverse("api:reminder-list")).status_code == 200
    ReminderFactory.create_batch(15, recipient_user=me, state=State.SENT)
    with CaptureQueriesContext(connection) as many:
        response = my_client.get(reverse("api:reminder-list"))
    assert response.json()["count"] == 16
    assert len(many) == len(few)


@pytest.mark.django_db
def test_i_can_filter_my_reminders_by_state(me, my_client):
    planned = ReminderFactory(recipient_user=me)
    ReminderFactory(recipient_user=me, state=State.SENT)
    response = my_client.get(reverse("api:reminder-list"), {"state": "planned"})
    assert [row["id"] for row in response.json()["results"]] == [planned.pk]


@pytest.mark.django_db
def test_dismissing_my_planned_reminder(me, my_client):
    reminder = ReminderFactory(recipient_user=me)
    response = my_client.post(_url(reminder, "dismiss"))
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "dismissed"
    reminder.refresh_from_db()
    assert reminder.state == State.DISMISSED


@pytest.mark.django_db
def test_dismissing_a_sent_reminder_is_refused(me, my_client):
    reminder = ReminderFactory(recipient_user=me, state=State.SENT, sent_at=timezone.now())
    response = my_client.post(_url(reminder, "dismiss"))
    assert response.status_code == 400
    assert response.json() == {
        "detail": "This reminder is sent.",
        "errors": {"state": ["This reminder is sent."]},
    }
    reminder.refresh_from_db()
    assert reminder.state == State.SENT


@pytest.mark.django_db
def test_snoozing_my_reminder_moves_it(me, my_client):
    reminder = ReminderFactory(recipient_user=me)
    until = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    response = my_client.post(_url(reminder, "snooze"), {"until": until.isoformat()}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "planned"
    reminder.refresh_from_db()
    assert reminder.due_at == until


@pytest.mark.django_db
@pytest.mark.parametrize(
    "until, message",
    [
        (timedelta(hours=-1), "Snooze to a time in the future."),
        (timedelta(days=31), "Snooze for 30 days at most."),
    ],
)
def test_snoozing_into_the_past_or_too_far_is_refused_naming_until(me, my_client, settings, until, message):
    settings.REMINDERS_MAX_SNOOZE_DAYS = 30
    reminder = ReminderFactory(recipient_user=me)
    due_at = reminder.due_at
    when = (timezone.now() + until).isoformat()
    response = my_client.post(_url(reminder, "snooze"), {"until": when}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"until": [message]}
    reminder.refresh_from_db()
    assert reminder.due_at == due_at


@pytest.mark.django_db
def test_snoozing_without_a_time_is_refused_naming_until(me, my_client):
    response = my_client.post(_url(ReminderFactory(recipient_user=me), "snooze"), {}, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["until"]


@pytest.mark.django_db
def test_someone_elses_reminder_cannot_be_seen_dismissed_or_snoozed(my_client):
    theirs = ReminderFactory()
    later = (timezone.now() + timedelta(days=1)).isoformat()
    assert my_client.get(_url(theirs)).status_code == 404
    assert my_client.post(_url(theirs, "dismiss")).status_code == 404
    assert my_client.post(_url(theirs, "snooze"), {"until": later}, format="json").status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == State.PLANNED


@pytest.mark.django_db
def test_my_preference_starts_immediate_and_digest_moves_my_planned_reminders(me, my_client, settings):
    settings.REMINDERS_DIGEST_HOUR = 8
    assert my_client.get(PREFERENCE).json() == {"mode": "immediate"}
    planned = ReminderFactory(recipient_user=me, due_at=timezone.now() + timedelta(days=2))

    response = my_client.put(PREFERENCE, {"mode": "digest"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {"mode": "digest"}
    assert my_client.get(PREFERENCE).json() == {"mode": "digest"}
    planned.refresh_from_db()
    assert planned.digest
    assert timezone.localtime(planned.due_at).hour == 8
    assert ReminderPreference.objects.get(user=me).mode == "digest"


@pytest.mark.django_db
def test_an_unknown_preference_is_refused_naming_mode(my_client):
    response = my_client.put(PREFERENCE, {"mode": "hourly"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["mode"]


@pytest.mark.django_db
def test_anonymous_cannot_read_or_set_a_preference(api_client):
    assert api_client.get(PREFERENCE).status_code == 401
    assert api_client.put(PREFERENCE, {"mode": "digest"}, format="json").status_code == 401
