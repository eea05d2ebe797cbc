"""The involvement register over the API: who sees it, consent, and bad input."""

from __future__ import annotations

import pytest
from django.urls import reverse

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
