"""Reading a participant's details through the API is logged: a row per entry shown, one insert a request."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import AccessLog
from accounts.roles import Role
from tests.conftest import client_for_user
from tests.factories import ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("api:participant-list")


def test_a_list_logs_every_entry_on_the_page_in_one_insert():
    people = ParticipantFactory.create_batch(4)
    lead = UserFactory(roles=[Role.INVOLVEMENT_LEAD])
    client = client_for_user(lead)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST, {"page_size": 3})
    assert response.status_code == 200
    shown = {str(row["id"]) for row in response.json()["results"]}
    assert len(shown) == 3
    rows = AccessLog.objects.filter(user=lead, action="read", record_type="involvement.participant")
    assert set(rows.values_list("record_id", flat=True)) == shown
    assert {row.path for row in rows} == {LIST}
    inserts = [q for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "accounts_accesslog"')]
    assert len(inserts) == 1
    assert {str(p.pk) for p in people} >= shown


def test_a_detail_read_logs_that_entry():
    participant = ParticipantFactory()
    lead = UserFactory(roles=[Role.INVOLVEMENT_LEAD])
    url = reverse("api:participant-detail", kwargs={"pk": participant.pk})
    assert client_for_user(lead).get(url).status_code == 200
    row = AccessLog.objects.get()
    assert (row.user, row.record_id, row.path) == (lead, str(participant.pk), url)


def test_a_participant_reading_their_own_entry_is_logged_too():
    user = UserFactory(roles=[Role.PARTICIPANT])
    participant = ParticipantFactory(user=user)
    response = client_for_user(user).get(LIST)
    assert [row["id"] for row in response.json()["results"]] == [participant.pk]
    assert AccessLog.objects.get().user == user


def test_a_refused_or_missing_read_logs_nothing():
    participant = ParticipantFactory()
    other = client_for_user(UserFactory(roles=[Role.PARTICIPANT]))
    assert other.get(reverse("api:participant-detail", kwargs={"pk": participant.pk})).status_code == 404
    assert other.get(LIST).json()["results"] == []
    assert not AccessLog.objects.exists()


def test_an_empty_page_writes_nothing():
    client = client_for_user(UserFactory(roles=[Role.INVOLVEMENT_LEAD]))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).json()["count"] == 0
    assert not [q for q in queries.captured_queries if "accounts_accesslog" in q["sql"]]
