"""Users log in by email; the team tree keeps its shape."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import Team, User
from accounts.roles import Role
from tests.factories import TEST_PASSWORD, DirectorateFactory, TeamFactory, UserFactory


@pytest.mark.django_db
class TestUser:
    def test_logs_in_by_email(self):
        user = UserFactory(email="robin@test.example")
        assert authenticate(email="robin@test.example", password=TEST_PASSWORD) == user

    def test_email_is_unique(self):
        UserFactory(email="same@test.example")
        with pytest.raises(IntegrityError), transaction.atomic():
            User.objects.create_user("same@test.example", "another-long-password")

    def test_superuser_holds_admin_role(self):
        admin = User.objects.create_superuser("root@test.example", "a-long-admin-password")
        assert Role.ADMIN in admin.role_names

    def test_display_prefers_the_chosen_name(self):
        user = UserFactory(first_name="Jo", last_name="Bloggs-Test", preferred_name="JB")
        assert str(user) == "JB"

    def test_role_groups_exist_after_migrations(self):
        from django.contrib.auth.models import Group

        assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


@pytest.mark.django_db
class TestTeamTree:
    def test_a_trust_has_no_parent(self):
        trust = Team.objects.create(name="T", code="t", kind=Team.Kind.TRUST)
        with pytest.raises(IntegrityError), transaction.atomic():
            Team.objects.create(name="T2", code="t2", kind=Team.Kind.TRUST, parent=trust)

    def test_a_team_needs_a_parent(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            Team.objects.create(name="Orphan", code="orphan", kind=Team.Kind.TEAM)

    def test_a_team_sits_under_a_directorate_not_a_trust(self):
        directorate = DirectorateFactory()
        team = Team(name="X", code="x", kind=Team.Kind.TEAM, parent=directorate.parent)
        with pytest.raises(ValidationError) as err:
            team.full_clean()
        assert err.value.message_dict["parent"] == ["A team must sit under a directorate."]

    def test_subtree_of_a_directorate(self):
        from accounts.selectors import team_subtree_ids

        team = TeamFactory()
        sibling = TeamFactory(parent=team.parent)
        other = TeamFactory()
        ids = team_subtree_ids(team=team.parent)
        assert ids == {team.parent_id, team.pk, sibling.pk}
        assert other.pk not in ids
