"""Account services: creating people, tokens, and the restrict rules."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from knox.models import AuthToken

from accounts import services
from accounts.errors import Conflict
from accounts.models import Team, User
from accounts.roles import Role
from accounts.visibility import may_create, restrict
from tests.factories import TeamFactory, UserFactory


@pytest.mark.django_db
class TestUserCreate:
    def test_creates_with_roles_and_teams(self):
        team = TeamFactory()
        user = services.user_create(
            email="New.Person@Test.Example",
            password="a-long-and-unusual-passphrase",
            roles=[Role.PEER_WORKER],
            teams=[team],
        )
        assert user.email == "new.person@test.example"
        assert user.role_names == {Role.PEER_WORKER}
        assert list(user.teams.all()) == [team]
        assert user.check_password("a-long-and-unusual-passphrase")

    def test_without_a_password_the_account_cannot_log_in_yet(self):
        user = services.user_create(email="later@test.example", password=None)
        assert not user.has_usable_password()

    def test_duplicate_email_in_any_case_is_a_conflict(self):
        UserFactory(email="dup@test.example")
        with pytest.raises(Conflict):
            services.user_create(email="DUP@test.example", password=None)
        assert User.objects.filter(email__iexact="dup@test.example").count() == 1


@pytest.mark.django_db
class TestTokens:
    def test_purge_removes_only_expired_tokens(self):
        person = UserFactory()
        AuthToken.objects.create(user=person, expiry=timedelta(seconds=-1))
        live, _ = AuthToken.objects.create(user=person)
        assert services.expired_tokens_purge() == 1
        assert list(AuthToken.objects.values_list("pk", flat=True)) == [live.pk]
        assert services.expired_tokens_purge() == 0  # running twice is running once


@pytest.mark.django_db
class TestRestrict:
    def test_anonymous_sees_nothing(self):
        from django.contrib.auth.models import AnonymousUser

        TeamFactory()
        assert not restrict(Team.objects.all(), AnonymousUser()).exists()

    def test_a_model_without_a_rule_is_admin_only(self):
        # Permission is exposed nowhere and has no rule: closed to everyone but admins.
        assert not restrict(Permission.objects.all(), UserFactory(roles=[Role.HR])).exists()
        assert restrict(Permission.objects.all(), UserFactory(roles=[Role.ADMIN])).exists()
        assert not may_create(UserFactory(roles=[Role.HR]), Permission)

    def test_inactive_user_sees_nothing(self):
        TeamFactory()
        user = UserFactory(roles=[Role.ADMIN], is_active=False)
        assert not restrict(Team.objects.all(), user).exists()

    def test_only_admins_change_teams(self):
        TeamFactory()
        assert not restrict(Team.objects.all(), UserFactory(roles=[Role.HR]), "change").exists()
        assert restrict(Team.objects.all(), UserFactory(roles=[Role.ADMIN]), "change").exists()
