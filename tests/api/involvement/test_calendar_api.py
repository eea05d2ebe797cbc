"""Calendar files: one activity's .ics for whoever may see it, and each person's own feed."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar
from rest_framework.test import APIClient

from accounts.roles import Role
from involvement.models import Participation
from tests.conftest import client_for_user
from tests.factories import ActivityFactory, ParticipantFactory, ParticipationFactory, UserFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
FEED = reverse("api:my-calendar")


def _ics_url(activity) -> str:
    return reverse("api:activity-calendar", kwargs={"pk": activity.pk})


def _events(response) -> list:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    return calendar.walk("VEVENT")


def _lead_client():
    return client_for_user(UserFactory(roles=[Role.INVOLVEMENT_LEAD]))


class TestActivityCalendar:
    def test_event_fields(self, settings):
        settings.SITE_URL = "https://involvement.test.example"
        activity = ActivityFactory(
            title="Test crisis pathway workshop",
            description="We will redesign the crisis leaflet together.",
            accessibility_arrangements="Step-free access; BSL interpreter booked.",
            venue="Room 2, Test Resource Centre",
            online_link="https://meet.test.example/room-2",
            starts_at=dt.datetime(2025, 7, 1, 10, 0, tzinfo=LONDON),
            ends_at=dt.datetime(2025, 7, 1, 12, 30, tzinfo=LONDON),
        )
        response = _lead_client().get(_ics_url(activity))
        (event,) = _events(response)
        assert response["Content-Disposition"] == f'attachment; filename="activity-{activity.pk}.ics"'
        assert str(event["UID"]) == f"activity-{activity.pk}@involvement.test.example"
        # 10:00 British Summer Time is 09:00 UTC.
        assert event.decoded("DTSTART") == dt.datetime(2025, 7, 1, 9, 0, tzinfo=dt.UTC)
        assert event.decoded("DTEND") == dt.datetime(2025, 7, 1, 11, 30, tzinfo=dt.UTC)
        assert b"DTSTART:20250701T090000Z" in response.content
        assert str(event["SUMMARY"]) == "Test crisis pathway workshop"
        assert str(event["LOCATION"]) == "Room 2, Test Resource Centre"
        assert str(event["URL"]) == "https://meet.test.example/room-2"
        description = str(event["DESCRIPTION"])
        assert "We will redesign the crisis leaflet together." in description
        assert "Step-free access; BSL interpreter booked." in description
        assert "https://meet.test.example/room-2" in description
        assert str(event["STATUS"]) == "CONFIRMED"
        assert "DTSTAMP" in event

    def test_online_only_activity_is_located_at_its_link(self):
        activity = ActivityFactory(venue="", online_link="https://meet.test.example/online-panel")
        (event,) = _events(_lead_client().get(_ics_url(activity)))
        assert str(event["LOCATION"]) == "https://meet.test.example/online-panel"

    def test_winter_times_are_utc_too(self):
        activity = ActivityFactory(
            starts_at=dt.datetime(2025, 1, 15, 10, 0, tzinfo=LONDON),
            ends_at=dt.datetime(2025, 1, 15, 11, 0, tzinfo=LONDON),
        )
        response = _lead_client().get(_ics_url(activity))
        assert b"DTSTART:20250115T100000Z" in response.content
        assert b"DTEND:20250115T110000Z" in response.content

    def test_cancelled_activity_says_so(self):
        activity = ActivityFactory(status="cancelled", cancelled_reason="Venue flooded.")
        (event,) = _events(_lead_client().get(_ics_url(activity)))
        assert str(event["STATUS"]) == "CANCELLED"

    def test_uid_is_stable(self):
        activity = ActivityFactory()
        client = _lead_client()
        first = _events(client.get(_ics_url(activity)))[0]["UID"]
        activity.title = "Test workshop, renamed"
        activity.save()
        assert _events(client.get(_ics_url(activity)))[0]["UID"] == first

    def test_no_participant_names(self):
        activity = ActivityFactory()
        for name in ("Test Participant Alpha", "Test Participant Beta"):
            ParticipationFactory(
                activity=activity, participant=ParticipantFactory(name=name), status="accepted"
            )
        response = _lead_client().get(_ics_url(activity))
        assert response.status_code == 200
        assert b"Test Participant" not in response.content

    def test_invited_participant_and_activity_lead_may_download(self):
        user = UserFactory(roles=[Role.PARTICIPANT])
        activity = ActivityFactory()
        ParticipationFactory(activity=activity, participant=ParticipantFactory(user=user))
        assert len(_events(client_for_user(user).get(_ics_url(activity)))) == 1
        staff = UserFactory(roles=[Role.PEER_WORKER])
        activity.leads.add(staff)
        assert len(_events(client_for_user(staff).get(_ics_url(activity)))) == 1

    @pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.HR, Role.FINANCE, Role.PEER_WORKER])
    def test_hidden_from_people_who_may_not_see_the_activity(self, role):
        activity = ActivityFactory()
        response = client_for_user(UserFactory(roles=[role])).get(_ics_url(activity))
        assert response.status_code == 404
        assert set(response.json()) == {"detail", "errors"}

    def test_unknown_activity_and_anonymous(self):
        assert _lead_client().get(reverse("api:activity-calendar", kwargs={"pk": 999999})).status_code == 404
        assert APIClient().get(_ics_url(ActivityFactory())).status_code == 401

    def test_a_calendar_client_asking_for_text_calendar_is_answered(self):
        activity = ActivityFactory()
        response = _lead_client().get(_ics_url(activity), HTTP_ACCEPT="text/calendar")
        assert len(_events(response)) == 1


class TestMyCalendarFeed:
    def test_activities_i_lead_or_have_a_place_at(self):
        user = UserFactory(roles=[Role.PARTICIPANT, Role.PEER_WORKER])
        me = ParticipantFactory(user=user)
        led = ActivityFactory(title="Test activity I lead", leads=[user])
        attending = ActivityFactory(title="Test activity I attend")
        ParticipationFactory(activity=attending, participant=me, status=Participation.Status.ACCEPTED)
        only_invited = ActivityFactory(title="Test activity I am invited to")
        ParticipationFactory(activity=only_invited, participant=me, status=Participation.Status.INVITED)
        ActivityFactory(title="Test activity of someone else")
        ActivityFactory(title="Test cancelled activity I lead", leads=[user], status="cancelled")

        response = client_for_user(user).get(FEED)
        events = _events(response)
        assert {str(e["SUMMARY"]) for e in events} == {"Test activity I lead", "Test activity I attend"}
        assert {str(e["UID"]).split("@")[0] for e in events} == {
            f"activity-{led.pk}",
            f"activity-{attending.pk}",
        }
        assert me.name.encode() not in response.content

    def test_an_empty_feed_is_still_a_calendar(self):
        events = _events(client_for_user(UserFactory(roles=[Role.HR])).get(FEED))
        assert events == []

    def test_anonymous(self):
        assert APIClient().get(FEED).status_code == 401
