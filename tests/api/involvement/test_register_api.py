"""The involvement register over the API: who sees it, consent, and bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from involvement.models import Participant, Participation
from tests.api.battery import ResourceBattery
from tests.conftest import client_for_user
from tests.factories import (
    ActivityFactory,
    ParticipantFactory,
    ParticipationFactory,
    ThemeFactory,
    UserFactory,
)


class TestParticipantResource(ResourceBattery):
    basename = "participant"
    reader_role = Role.INVOLVEMENT_LEAD
    writer_role = Role.INVOLVEMENT_LEAD
    forbidden_role = Role.HR
    hidden_from_role = Role.LINE_MANAGER

    def make_object(self) -> Participant:
        person = ParticipantFactory()
        person.topics.set([ThemeFactory()])
        return person

    def create_payload(self) -> dict:
        return {
            "name": "Test Newcomer",
            "pronouns": "she/her",
            "email": "newcomer@test.example",
            "experience": "carer",
            "consent_given": True,
            "consent_purposes": "Invitations to carers' activities",
            "topics": [ThemeFactory().pk],
        }

    def update_payload(self, obj: Participant) -> dict:
        return {"pronouns": "he/him", "preferred_contact": "phone"}

    def assert_deleted(self, obj: Participant) -> None:
        obj.refresh_from_db()
        assert obj.status == Participant.Status.LEFT  # removal keeps the record; erasure is separate


@pytest.fixture
def lead(db):
    return client_for_user(UserFactory(roles=[Role.INVOLVEMENT_LEAD]))


@pytest.mark.django_db
class TestRegister:
    def test_create_records_when_consent_was_given(self, lead):
        response = lead.post(
            reverse("api:participant-list"),
            {
                "name": "Test Person",
                "experience": "service_user",
                "consent_given": True,
                "consent_purposes": "All",
            },
            format="json",
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["consent_given_at"] and body["may_be_contacted"] is True

    def test_consent_without_purposes_is_refused(self, lead):
        response = lead.post(
            reverse("api:participant-list"),
            {"name": "Test Person", "experience": "service_user", "consent_given": True},
            format="json",
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["consent_purposes"]
        assert not Participant.objects.exists()

    def test_bad_experience_names_the_field(self, lead):
        response = lead.post(
            reverse("api:participant-list"), {"name": "X", "experience": "alien"}, format="json"
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["experience"]

    def test_withdrawing_consent_lapses_pending_invitations(self, lead):
        person = ParticipantFactory()
        pending = ParticipationFactory(participant=person)
        placed = ParticipationFactory(participant=person, status=Participation.Status.ACCEPTED)
        response = lead.post(reverse("api:participant-withdraw-consent", kwargs={"pk": person.pk}))
        assert response.status_code == 200
        assert response.json()["may_be_contacted"] is False
        pending.refresh_from_db()
        placed.refresh_from_db()
        assert pending.status == Participation.Status.WITHDRAWN
        assert placed.status == Participation.Status.ACCEPTED  # a place they took stays theirs
        # and no one can invite them again
        response = lead.post(
            reverse("api:activity-invite", kwargs={"pk": ActivityFactory().pk}), {"participant": person.pk}
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["participant"]

    def test_participant_sees_and_edits_only_their_own_entry(self):
        login = UserFactory(roles=[Role.PARTICIPANT])
        mine = ParticipantFactory(user=login)
        other = ParticipantFactory()
        client = client_for_user(login)
        rows = client.get(reverse("api:participant-list")).json()["results"]
        assert [row["id"] for row in rows] == [mine.pk]
        assert client.get(reverse("api:participant-detail", kwargs={"pk": other.pk})).status_code == 404
        ok = client.patch(reverse("api:participant-detail", kwargs={"pk": mine.pk}), {"pronouns": "any"})
        assert ok.status_code == 200 and ok.json()["pronouns"] == "any"

    def test_participant_cannot_change_their_own_status(self):
        login = UserFactory(roles=[Role.PARTICIPANT])
        mine = ParticipantFactory(user=login)
        response = client_for_user(login).patch(
            reverse("api:participant-detail", kwargs={"pk": mine.pk}), {"status": "paused"}
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["status"]

    @pytest.mark.parametrize(
        "role", [Role.HR, Role.FINANCE, Role.BOARD_MEMBER, Role.PEER_WORKER, Role.SUPERVISOR]
    )
    def test_other_roles_cannot_see_the_register(self, client_for, role):
        person = ParticipantFactory()
        client = client_for(role)
        assert client.get(reverse("api:participant-detail", kwargs={"pk": person.pk})).status_code == 404
        assert client.get(reverse("api:participant-list")).json()["results"] == []

    def test_filter_by_contactable_and_experience(self, lead):
        ParticipantFactory(experience="carer", name="Test Carer")
        ParticipantFactory(experience="carer", consent_given_at=None, name="Test Unconsented")
        ParticipantFactory(experience="service_user")
        rows = lead.get(
            reverse("api:participant-list"), {"experience": "carer", "may_be_contacted": "true"}
        ).json()
        assert [row["name"] for row in rows["results"]] == ["Test Carer"]


@pytest.mark.django_db
class TestFindingSomeoneAlreadyOnTheRegister:
    """?email= and ?phone= find an entry before a lead adds the same person twice."""

    def names(self, lead, **params) -> list[str]:
        response = lead.get(reverse("api:participant-list"), params)
        assert response.status_code == 200, response.content
        return sorted(row["name"] for row in response.json()["results"])

    def test_email_matches_whole_and_whatever_its_case(self, lead):
        ParticipantFactory(name="Test Robin", email="robin.family@test.example")
        ParticipantFactory(name="Test Sam", email="sam@test.example")
        assert self.names(lead, email="Robin.Family@TEST.example") == ["Test Robin"]
        assert self.names(lead, email="robin") == []  # a part of an address is not a match

    @pytest.mark.parametrize(
        "asked",
        [
            "07700 900123",
            "07700-900-123",
            "+44 7700 900123",
            "+44 (0)7700 900123",
            "(07700) 900123",
            "7700900123",
        ],
    )
    def test_phone_matches_however_either_is_written(self, lead, asked):
        ParticipantFactory(name="Test Alex", phone="+44 (0) 7700-900123")
        ParticipantFactory(name="Test Jo", phone="07700 900 123")
        ParticipantFactory(name="Test Kit", phone="07700 900124")
        ParticipantFactory(name="Test Lee", phone="")
        assert self.names(lead, phone=asked) == ["Test Alex", "Test Jo"]

    def test_a_number_from_abroad_matches_as_written(self, lead):
        ParticipantFactory(name="Test Abroad", phone="+33 1 23 45 67 89")
        ParticipantFactory(name="Test Local", phone="01 23 45 67 89")
        assert self.names(lead, phone="+33 (1) 23-45-67-89") == ["Test Abroad"]

    def test_punctuation_alone_matches_nobody(self, lead):
        ParticipantFactory(name="Test Lee", phone="")
        assert self.names(lead, phone="- ( )") == []

    def test_the_phone_filter_is_one_query_whatever_the_register_holds(
        self, lead, django_assert_max_num_queries
    ):
        for n in range(5):
            ParticipantFactory(phone=f"07700 90012{n}")
        with django_assert_max_num_queries(8) as counted:
            assert len(self.names(lead, phone="07700900121")) == 1
        few = len(counted.captured_queries)
        for n in range(20):
            ParticipantFactory(phone=f"07700 90013{n:02d}")
        with django_assert_max_num_queries(few):
            self.names(lead, phone="07700900121")

    def test_a_participant_finds_no_one_else_by_their_details(self):
        other = ParticipantFactory(email="other@test.example", phone="07700 900555")
        login = UserFactory(roles=[Role.PARTICIPANT])
        ParticipantFactory(user=login)
        client = client_for_user(login)
        for params in ({"email": other.email}, {"phone": other.phone}):
            assert client.get(reverse("api:participant-list"), params).json()["results"] == []

    def test_the_schema_describes_both_filters(self):
        from drf_spectacular.generators import SchemaGenerator

        schema = SchemaGenerator().get_schema(request=None, public=True)
        params = {
            p["name"]: p for p in schema["paths"]["/api/v1/involvement/participants/"]["get"]["parameters"]
        }
        assert "whatever its case" in params["email"]["description"]
        assert "+44" in params["phone"]["description"]

    def test_a_shared_address_or_number_is_still_accepted(self, lead):
        ParticipantFactory(name="Test Parent", email="family@test.example", phone="07700 900777")
        response = lead.post(
            reverse("api:participant-list"),
            {
                "name": "Test Sibling",
                "experience": "carer",
                "email": "family@test.example",
                "phone": "07700900777",
            },
            format="json",
        )
        assert response.status_code == 201, response.content
        assert self.names(lead, email="family@test.example") == ["Test Parent", "Test Sibling"]
        assert self.names(lead, phone="+44 7700 900777") == ["Test Parent", "Test Sibling"]


@pytest.mark.django_db
class TestJoinDate:
    def post(self, lead, **extra):
        payload = {"name": "Test Joiner", "experience": "carer", **extra}
        return lead.post(reverse("api:participant-list"), payload, format="json")

    def test_more_than_a_month_ahead_is_refused_naming_joined_on(self, lead):
        ahead = timezone.localdate() + dt.timedelta(days=32)
        response = self.post(lead, joined_on=ahead.isoformat())
        assert response.status_code == 400, response.content
        assert response.json()["errors"] == {
            "joined_on": ["The join date cannot be more than a month ahead."]
        }
        assert not Participant.objects.filter(name="Test Joiner").exists()

    def test_four_hundred_days_ahead_is_refused(self, lead):
        ahead = timezone.localdate() + dt.timedelta(days=400)
        assert self.post(lead, joined_on=ahead.isoformat()).status_code == 400

    @pytest.mark.parametrize("days", [31, 0, -3650])
    def test_up_to_a_month_ahead_and_any_past_date_are_accepted(self, lead, days):
        day = timezone.localdate() + dt.timedelta(days=days)
        response = self.post(lead, joined_on=day.isoformat())
        assert response.status_code == 201, response.content
        assert response.json()["joined_on"] == day.isoformat()
