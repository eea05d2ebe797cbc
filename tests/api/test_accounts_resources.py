"""The resource battery for teams and users, plus what is particular to each."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Team, User
from accounts.roles import Role
from tests.api.battery import ResourceBattery
from tests.conftest import client_for_user
from tests.factories import DirectorateFactory, TeamFactory, UserFactory


class TestTeamResource(ResourceBattery):
    basename = "team"
    reader_role = Role.PEER_WORKER
    forbidden_role = Role.HR
    hidden_from_role = None  # the trust's structure is not personal data

    def make_object(self) -> Team:
        return TeamFactory()

    def create_payload(self) -> dict:
        parent = DirectorateFactory().pk
        return {"name": "Early Intervention", "code": "eip", "kind": "team", "parent": parent}

    def update_payload(self, obj: Team) -> dict:
        return {"name": "Renamed team"}


class TestUserResource(ResourceBattery):
    basename = "user"
    reader_role = Role.HR
    forbidden_role = Role.INVOLVEMENT_LEAD
    hidden_from_role = Role.PEER_WORKER

    def make_object(self) -> User:
        return UserFactory(roles=[Role.SUPERVISOR], teams=[TeamFactory()])

    def create_payload(self) -> dict:
        return {
            "email": "new.starter@test.example",
            "first_name": "New",
            "last_name": "Starter",
            "roles": ["peer_worker"],
            "password": "a-long-and-unusual-passphrase",
        }

    def update_payload(self, obj: User) -> dict:
        return {"preferred_name": "Sunny", "roles": ["line_manager", "supervisor"]}

    def assert_deleted(self, obj: User) -> None:
        obj.refresh_from_db()
        assert obj.is_active is False  # deactivated, so their history stays attributable


@pytest.mark.django_db
class TestTeamRules:
    def test_team_must_hang_under_the_right_kind(self):
        client = client_for_user(UserFactory(roles=[Role.ADMIN]))
        trust = TeamFactory(kind=Team.Kind.TRUST, parent=None, code="t1")
        response = client.post(
            reverse("api:team-list"), {"name": "Ward", "code": "ward", "kind": "team", "parent": trust.pk}
        )
        assert response.status_code == 400
        assert response.json()["errors"]["parent"] == ["A team must sit under a directorate."]
        assert not Team.objects.filter(code="ward").exists()

    def test_a_team_can_be_made_inactive_from_the_start(self):
        # A team that is being set up, not yet taking people: this answered 500 once.
        client = client_for_user(UserFactory(roles=[Role.ADMIN]))
        parent = DirectorateFactory().pk
        payload = {
            "name": "Future ward",
            "code": "future",
            "kind": "team",
            "parent": parent,
            "is_active": False,
        }
        response = client.post(reverse("api:team-list"), payload, format="json")
        assert response.status_code == 201, response.content[:300]
        assert response.json()["is_active"] is False
        assert Team.objects.get(code="future").is_active is False

    def test_deleting_a_team_with_teams_under_it_is_a_conflict(self):
        client = client_for_user(UserFactory(roles=[Role.ADMIN]))
        team = TeamFactory()
        response = client.delete(reverse("api:team-detail", kwargs={"pk": team.parent_id}))
        assert response.status_code == 409
        assert "teams under it" in response.json()["detail"]
        assert Team.objects.filter(pk=team.parent_id).exists()

    def test_filter_by_kind(self):
        client = client_for_user(UserFactory(roles=[Role.PEER_WORKER]))
        TeamFactory()
        rows = client.get(reverse("api:team-list"), {"kind": "directorate"}).json()["results"]
        assert rows and {row["kind"] for row in rows} == {"directorate"}


@pytest.mark.django_db
class TestUserRules:
    def test_duplicate_email_is_refused_and_nothing_written(self):
        UserFactory(email="taken@test.example")
        client = client_for_user(UserFactory(roles=[Role.ADMIN]))
        before = User.objects.count()
        response = client.post(
            reverse("api:user-list"), {"email": "Taken@test.example", "roles": ["hr"]}, format="json"
        )
        assert response.status_code == 409
        assert response.json()["errors"] == {"email": ["An account with this email address already exists."]}
        assert User.objects.count() == before

    def test_weak_password_is_refused_naming_the_field(self):
        client = client_for_user(UserFactory(roles=[Role.ADMIN]))
        response = client.post(
            reverse("api:user-list"), {"email": "weak@test.example", "password": "password"}, format="json"
        )
        assert response.status_code == 400
        assert "password" in response.json()["errors"]
        assert not User.objects.filter(email="weak@test.example").exists()

    def test_unknown_role_is_refused(self):
        client = client_for_user(UserFactory(roles=[Role.ADMIN]))
        response = client.post(
            reverse("api:user-list"), {"email": "r@test.example", "roles": ["wizard"]}, format="json"
        )
        assert response.status_code == 400
        assert "roles.0" in response.json()["errors"] or "roles" in response.json()["errors"]

    def test_filter_by_role(self):
        UserFactory(roles=[Role.FINANCE], email="money@test.example")
        UserFactory(roles=[Role.BOARD_MEMBER])
        client = client_for_user(UserFactory(roles=[Role.HR]))
        rows = client.get(reverse("api:user-list"), {"role": "finance"}).json()["results"]
        assert [row["email"] for row in rows] == ["money@test.example"]

    def test_deactivated_user_tokens_stop_working(self):
        person = UserFactory(roles=[Role.PEER_WORKER])
        theirs = client_for_user(person)
        admin = client_for_user(UserFactory(roles=[Role.ADMIN]))
        assert (
            admin.patch(
                reverse("api:user-detail", kwargs={"pk": person.pk}), {"is_active": False}, format="json"
            ).status_code
            == 200
        )
        assert theirs.get(reverse("api:me")).status_code == 401

    def test_everyone_can_read_themselves(self):
        person = UserFactory(roles=[Role.PARTICIPANT])
        client = client_for_user(person)
        rows = client.get(reverse("api:user-list")).json()["results"]
        assert [row["id"] for row in rows] == [person.pk]
