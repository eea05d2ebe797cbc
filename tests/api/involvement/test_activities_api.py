"""Activities and participation over the API: lifecycle, invitations, places, attendance."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from involvement.models import Activity, ActivitySeries, Participation
from tests.api.battery import ResourceBattery
from tests.conftest import client_for_user
from tests.factories import (
    ActivityFactory,
    ActivityKindFactory,
    ParticipantFactory,
    ParticipationFactory,
    PartnerOrganisationFactory,
    PaymentClaimFactory,
    TeamFactory,
    ThemeFactory,
    UserFactory,
)


def _activity_payload() -> dict:
    start = timezone.now() + dt.timedelta(days=10)
    return {
        "title": "Redesigning the crisis line",
        "kind": ActivityKindFactory().pk,
        "rung": "co_design",
        "team": TeamFactory().pk,
        "themes": [ThemeFactory().pk],
        "partners": [PartnerOrganisationFactory().pk],
        "starts_at": start.isoformat(),
        "ends_at": (start + dt.timedelta(hours=3)).isoformat(),
        "venue": "Test Community Hall",
        "capacity": 12,
    }


class TestActivityResource(ResourceBattery):
    basename = "activity"
    reader_role = Role.INVOLVEMENT_LEAD
    writer_role = Role.INVOLVEMENT_LEAD
    forbidden_role = Role.FINANCE
    hidden_from_role = Role.PEER_WORKER

    def make_object(self) -> Activity:
        activity = ActivityFactory(status=Activity.Status.PLANNED, leads=[UserFactory()])
        activity.themes.set([ThemeFactory()])
        ParticipationFactory.create_batch(2, activity=activity)
        return activity

    def create_payload(self) -> dict:
        return _activity_payload()

    def update_payload(self, obj: Activity) -> dict:
        return {"title": "Renamed workshop", "capacity": 20}

    def test_delete(self):
        # Only a planned activity with no one invited can be deleted; one with invitations is cancelled.
        lead = client_for_user(UserFactory(roles=[Role.INVOLVEMENT_LEAD]))
        empty = ActivityFactory(status=Activity.Status.PLANNED)
        assert lead.delete(self.detail_url(empty)).status_code == 204
        busy = self.make_object()
        response = lead.delete(self.detail_url(busy))
        assert response.status_code == 409
        assert "cancel it instead" in response.json()["detail"]
        assert Activity.objects.filter(pk=busy.pk).exists()


class TestParticipationResource(ResourceBattery):
    basename = "participation"
    reader_role = Role.INVOLVEMENT_LEAD
    writer_role = Role.INVOLVEMENT_LEAD
    forbidden_role = Role.HR
    hidden_from_role = Role.SUPERVISOR

    def make_object(self) -> Participation:
        return ParticipationFactory()

    def create_payload(self) -> dict:
        return {
            "activity": ActivityFactory().pk,
            "participant": ParticipantFactory().pk,
            "role": "co_facilitator",
        }

    def update_payload(self, obj: Participation) -> dict:
        return {"role": "co_facilitator"}


@pytest.fixture
def lead_user(db):
    return UserFactory(roles=[Role.INVOLVEMENT_LEAD])


@pytest.fixture
def lead(lead_user):
    return client_for_user(lead_user)


def url(name: str, pk: int) -> str:
    return reverse(f"api:{name}", kwargs={"pk": pk})


@pytest.mark.django_db
class TestActivityBadInput:
    def test_end_before_start_names_ends_at(self, lead):
        payload = _activity_payload()
        payload["ends_at"], payload["starts_at"] = payload["starts_at"], payload["ends_at"]
        response = lead.post(reverse("api:activity-list"), payload, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["ends_at"]
        assert not Activity.objects.exists()

    @pytest.mark.parametrize("capacity", [0, -3])
    def test_zero_or_negative_capacity_names_capacity(self, lead, capacity):
        payload = {**_activity_payload(), "capacity": capacity}
        response = lead.post(reverse("api:activity-list"), payload, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["capacity"]
        assert not Activity.objects.exists()

    def test_unknown_rung_names_rung(self, lead):
        response = lead.post(
            reverse("api:activity-list"), {**_activity_payload(), "rung": "top"}, format="json"
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["rung"]

    def test_capacity_cannot_drop_below_places_taken(self, lead):
        activity = ActivityFactory(capacity=3)
        ParticipationFactory.create_batch(3, activity=activity, status=Participation.Status.ACCEPTED)
        response = lead.patch(url("activity-detail", activity.pk), {"capacity": 2}, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["capacity"]
        activity.refresh_from_db()
        assert activity.capacity == 3


@pytest.mark.django_db
class TestLifecycle:
    def test_planned_open_held_closed_with_report(self, lead):
        activity = ActivityFactory(
            status=Activity.Status.PLANNED, starts_at=timezone.now() - dt.timedelta(hours=3)
        )
        assert lead.post(url("activity-open", activity.pk)).json()["status"] == "open"
        assert lead.post(url("activity-held", activity.pk)).json()["status"] == "held"
        response = lead.post(
            url("activity-close", activity.pk),
            {
                "summary": "Eight people redesigned the leaflet.",
                "attendee_count": 8,
                "changes_agreed": "New leaflet wording; large-print copies.",
            },
            format="json",
        )
        assert response.status_code == 200
        body = response.json()
        assert body["status"] == "closed" and body["report_attendee_count"] == 8 and body["closed_at"]

    def test_closing_without_a_report_is_refused(self, lead):
        activity = ActivityFactory(status=Activity.Status.HELD)
        response = lead.post(
            url("activity-close", activity.pk), {"summary": "", "attendee_count": 3}, format="json"
        )
        assert response.status_code == 400
        assert {"summary", "changes_agreed"} <= set(response.json()["errors"])
        activity.refresh_from_db()
        assert activity.status == Activity.Status.HELD

    def test_closing_an_activity_not_yet_held_is_a_conflict(self, lead):
        activity = ActivityFactory(status=Activity.Status.OPEN)
        response = lead.post(
            url("activity-close", activity.pk),
            {"summary": "x", "attendee_count": 1, "changes_agreed": "y"},
            format="json",
        )
        assert response.status_code == 409
        activity.refresh_from_db()
        assert activity.status == Activity.Status.OPEN

    def test_cannot_be_held_before_it_starts(self, lead):
        activity = ActivityFactory(status=Activity.Status.OPEN)
        assert lead.post(url("activity-held", activity.pk)).status_code == 409

    def test_cancel_needs_a_reason(self, lead):
        activity = ActivityFactory()
        assert lead.post(url("activity-cancel", activity.pk), {}, format="json").status_code == 400
        response = lead.post(url("activity-cancel", activity.pk), {"reason": "Venue flooded"}, format="json")
        assert response.json()["status"] == "cancelled"

    def test_monthly_series_is_scheduled_once_and_managed_one_by_one(self, lead):
        payload = {**_activity_payload(), "title": "Steering group", "frequency": "monthly", "occurrences": 6}
        start = dt.datetime(2027, 1, 15, 14, 0, tzinfo=dt.UTC)
        payload["starts_at"] = start.isoformat()
        payload["ends_at"] = (start + dt.timedelta(hours=2)).isoformat()
        response = lead.post(reverse("api:activity-series"), payload, format="json")
        assert response.status_code == 201, response.content
        rows = response.json()
        assert len(rows) == 6
        assert [r["starts_at"][:10] for r in rows] == [f"2027-{m:02d}-15" for m in range(1, 7)]
        series = ActivitySeries.objects.get()
        assert series.activities.count() == 6
        # one occurrence is cancelled; the others are untouched
        cancelled = rows[2]["id"]
        lead.post(url("activity-cancel", cancelled), {"reason": "Clashes with a bank holiday"}, format="json")
        statuses = list(series.activities.order_by("starts_at").values_list("status", flat=True))
        assert statuses == ["planned", "planned", "cancelled", "planned", "planned", "planned"]

    def test_series_with_too_many_occurrences_is_refused(self, lead):
        payload = {**_activity_payload(), "frequency": "weekly", "occurrences": 53}
        response = lead.post(reverse("api:activity-series"), payload, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["occurrences"]
        assert not Activity.objects.exists()


@pytest.mark.django_db
class TestInvitations:
    def test_invite_one_person(self, lead):
        activity, person = ActivityFactory(), ParticipantFactory()
        response = lead.post(url("activity-invite", activity.pk), {"participant": person.pk}, format="json")
        assert response.status_code == 201
        assert response.json()["invited"] == 1
        assert Participation.objects.filter(activity=activity, participant=person, status="invited").exists()

    def test_same_person_twice_names_participant(self, lead):
        activity, person = ActivityFactory(), ParticipantFactory()
        lead.post(url("activity-invite", activity.pk), {"participant": person.pk}, format="json")
        response = lead.post(url("activity-invite", activity.pk), {"participant": person.pk}, format="json")
        assert response.status_code == 400
        assert response.json()["errors"] == {
            "participant": ["This person is already invited to this activity."]
        }
        assert Participation.objects.count() == 1

    def test_person_without_consent_is_refused(self, lead):
        activity, person = ActivityFactory(), ParticipantFactory(consent_given_at=None)
        response = lead.post(url("activity-invite", activity.pk), {"participant": person.pk}, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["participant"]
        assert not Participation.objects.exists()

    def test_invite_everyone_a_filter_matches_respecting_consent_and_status(self, lead):
        activity = ActivityFactory()
        carers = ParticipantFactory.create_batch(3, experience="carer")
        ParticipantFactory(experience="carer", consent_withdrawn_at=timezone.now())
        ParticipantFactory(experience="carer", status="paused")
        ParticipantFactory(experience="service_user")
        already = carers[0]
        ParticipationFactory(activity=activity, participant=already)
        response = lead.post(
            url("activity-invite", activity.pk), {"filter": {"experience": "carer"}}, format="json"
        )
        assert response.status_code == 201, response.content
        invited = {row["participant"]["id"] for row in response.json()["participations"]}
        assert invited == {carers[1].pk, carers[2].pk}

    def test_unknown_filter_names_it(self, lead):
        response = lead.post(
            url("activity-invite", ActivityFactory().pk), {"filter": {"colour": "blue"}}, format="json"
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["filter.colour"]

    def test_cannot_invite_to_a_closed_activity(self, lead):
        activity = ActivityFactory(status=Activity.Status.CLOSED)
        response = lead.post(url("activity-invite", activity.pk), {"participant": ParticipantFactory().pk})
        assert response.status_code == 409


@pytest.mark.django_db
class TestPlaces:
    def test_full_activity_puts_people_on_the_waiting_list_and_promotes_them(self, lead):
        activity = ActivityFactory(capacity=1)
        first, second, third = ParticipationFactory.create_batch(3, activity=activity)
        assert lead.post(url("participation-accept", first.pk)).json()["status"] == "accepted"
        assert lead.post(url("participation-accept", second.pk)).json()["status"] == "waitlisted"
        assert lead.post(url("participation-accept", third.pk)).json()["status"] == "waitlisted"
        assert lead.post(url("participation-decline", first.pk)).json()["status"] == "withdrawn"
        second.refresh_from_db()
        third.refresh_from_db()
        assert (second.status, third.status) == ("accepted", "waitlisted")  # first come, first served

    def test_participant_answers_their_own_invitation_only(self):
        login = UserFactory(roles=[Role.PARTICIPANT])
        mine = ParticipationFactory(participant=ParticipantFactory(user=login))
        other = ParticipationFactory(activity=mine.activity)
        client = client_for_user(login)
        assert client.post(url("participation-accept", mine.pk)).json()["status"] == "accepted"
        assert client.post(url("participation-accept", other.pk)).status_code == 404
        # they see the activity they were invited to, and only their own row in it
        assert client.get(url("activity-detail", mine.activity_id)).status_code == 200
        rows = client.get(reverse("api:participation-list")).json()["results"]
        assert [row["id"] for row in rows] == [mine.pk]

    def test_activity_lead_sees_contact_details_only_when_the_person_allows(self):
        staff = UserFactory(roles=[Role.LINE_MANAGER])
        activity = ActivityFactory(leads=[staff])
        private = ParticipationFactory(
            activity=activity, participant=ParticipantFactory(sharing_level="leads_only")
        )
        shared = ParticipationFactory(
            activity=activity,
            participant=ParticipantFactory(sharing_level="activity_leads", phone="01234 000000"),
        )
        rows = {
            row["id"]: row
            for row in client_for_user(staff)
            .get(reverse("api:participation-list"), {"activity": activity.pk})
            .json()["results"]
        }
        assert rows[private.pk]["participant_contact"] is None
        assert rows[shared.pk]["participant_contact"]["phone"] == "01234 000000"
        # but the register itself stays closed to them
        assert client_for_user(staff).get(url("participant-detail", shared.participant_id)).status_code == 404


@pytest.mark.django_db
class TestAttendance:
    def test_attended_defaults_to_the_activity_length(self, lead):
        start = timezone.now() - dt.timedelta(hours=4)
        activity = ActivityFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2, minutes=30))
        row = ParticipationFactory(activity=activity, status="accepted")
        response = lead.post(
            url("participation-attendance", row.pk), {"attendance": "attended"}, format="json"
        )
        assert response.status_code == 200
        assert Decimal(response.json()["hours"]) == Decimal("2.50")

    def test_hours_over_the_activity_length_name_hours(self, lead):
        start = timezone.now() - dt.timedelta(hours=4)
        row = ParticipationFactory(
            activity=ActivityFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2)),
            status="accepted",
        )
        response = lead.post(
            url("participation-attendance", row.pk), {"attendance": "attended", "hours": "2.5"}, format="json"
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["hours"]
        row.refresh_from_db()
        assert row.attendance == "unknown" and row.hours is None

    def test_attendance_before_the_activity_starts_is_refused(self, lead):
        row = ParticipationFactory(status="accepted")
        response = lead.post(
            url("participation-attendance", row.pk), {"attendance": "attended"}, format="json"
        )
        assert response.status_code == 409
        assert "once the activity has started" in response.json()["detail"]
        assert list(response.json()["errors"]) == ["attendance"]
        row.refresh_from_db()
        assert row.attendance == "unknown"

    def test_someone_who_declined_cannot_be_marked_attended(self, lead):
        start = timezone.now() - dt.timedelta(hours=4)
        row = ParticipationFactory(
            activity=ActivityFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2)),
            participant=ParticipantFactory(name="Test Jo Example"),
            status="declined",
        )
        response = lead.post(
            url("participation-attendance", row.pk), {"attendance": "attended"}, format="json"
        )
        assert response.status_code == 409
        assert response.json()["detail"] == (
            "Test Jo Example declined this invitation, so their attendance cannot be recorded."
        )
        assert list(response.json()["errors"]) == ["attendance"]
        row.refresh_from_db()
        assert (row.attendance, row.hours) == ("unknown", None)

    def test_no_more_attended_than_places(self, lead):
        start = timezone.now() - dt.timedelta(hours=4)
        activity = ActivityFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2), capacity=2)
        rows = [
            ParticipationFactory(
                activity=activity, participant=ParticipantFactory(name=f"Test Person {n}"), status="accepted"
            )
            for n in range(3)
        ]
        answers = [
            lead.post(url("participation-attendance", row.pk), {"attendance": "attended"}, format="json")
            for row in rows
        ]
        assert [answer.status_code for answer in answers] == [200, 200, 409]
        assert "2 places" in answers[2].json()["detail"] and "Test Person 2" in answers[2].json()["detail"]
        assert list(answers[2].json()["errors"]) == ["attendance"]
        assert activity.participations.filter(attendance="attended").count() == 2

    def test_a_participant_cannot_mark_their_own_attendance(self):
        login = UserFactory(roles=[Role.PARTICIPANT])
        start = timezone.now() - dt.timedelta(hours=4)
        row = ParticipationFactory(
            activity=ActivityFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2)),
            participant=ParticipantFactory(user=login),
            status="accepted",
        )
        response = client_for_user(login).post(
            url("participation-attendance", row.pk), {"attendance": "attended"}, format="json"
        )
        assert response.status_code == 403
        row.refresh_from_db()
        assert row.attendance == "unknown"

    def test_attendance_a_claim_was_made_on_stays(self, lead):
        claim = PaymentClaimFactory()
        response = lead.post(
            url("participation-attendance", claim.participation_id), {"attendance": "no_show"}, format="json"
        )
        assert response.status_code == 409
        assert "A claim has been made for this attendance" in response.json()["detail"]
        assert Participation.objects.get(pk=claim.participation_id).attendance == "attended"

    def test_no_show_records_zero_hours(self, lead):
        start = timezone.now() - dt.timedelta(hours=4)
        row = ParticipationFactory(
            activity=ActivityFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2)),
            status="accepted",
        )
        response = lead.post(
            url("participation-attendance", row.pk), {"attendance": "no_show"}, format="json"
        )
        assert response.json()["hours"] == "0.00"
