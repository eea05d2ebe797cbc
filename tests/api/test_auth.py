"""Logging in and out with expiring tokens, and who am I."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from accounts.roles import Role
from tests.cache import clear_cache
from tests.factories import TEST_PASSWORD, TeamFactory, UserFactory

LOGIN = "/api/v1/auth/login"
FAILED = "Unable to log in with the email address and password given."


@pytest.fixture
def person(db):
    return UserFactory(email="casey@test.example", roles=[Role.SUPERVISOR], teams=[TeamFactory()])


def login(client, email, password):
    return client.post(LOGIN, {"email": email, "password": password}, format="json")


@pytest.mark.django_db
class TestLogin:
    def test_login_returns_a_token_that_opens_me(self, person):
        client = APIClient()
        response = login(client, "casey@test.example", TEST_PASSWORD)
        assert response.status_code == 200
        body = response.json()
        assert body["user"]["roles"] == ["supervisor"]
        assert body["expiry"]
        client.credentials(HTTP_AUTHORIZATION=f"Token {body['token']}")
        me = client.get("/api/v1/me").json()
        assert me["email"] == "casey@test.example"
        assert me["roles"] == ["supervisor"]
        assert [t["id"] for t in me["teams"]] == [person.teams.get().pk]

    def test_email_is_matched_whatever_its_case(self, person):
        assert login(APIClient(), "Casey@Test.Example", TEST_PASSWORD).status_code == 200

    def test_wrong_password_and_unknown_email_get_the_same_400(self, person):
        wrong = login(APIClient(), "casey@test.example", "not-the-password")
        unknown = login(APIClient(), "nobody@test.example", TEST_PASSWORD)
        assert wrong.status_code == unknown.status_code == 400
        assert wrong.json() == unknown.json() == {"detail": FAILED, "errors": {"non_field_errors": [FAILED]}}

    def test_inactive_account_cannot_log_in(self, person):
        person.is_active = False
        person.save()
        assert login(APIClient(), "casey@test.example", TEST_PASSWORD).json()["detail"] == FAILED

    def test_missing_fields_are_named(self, db):
        response = APIClient().post(LOGIN, {"email": "not-an-email"}, format="json")
        assert response.status_code == 400
        assert set(response.json()["errors"]) == {"email", "password"}

    def test_login_is_throttled(self, person):
        clear_cache()
        rates = {"anon": None, "user": None, "login": "3/min"}
        with override_settings(REST_FRAMEWORK={**_rf(), "DEFAULT_THROTTLE_RATES": rates}):
            statuses = [login(APIClient(), "casey@test.example", "wrong").status_code for _ in range(4)]
        assert statuses == [400, 400, 400, 429]
        clear_cache()


def _rf():
    from django.conf import settings

    return dict(settings.REST_FRAMEWORK)


@pytest.mark.django_db
class TestTokens:
    def test_missing_token_is_401_in_the_error_shape(self):
        response = APIClient().get("/api/v1/me")
        assert response.status_code == 401
        assert set(response.json()) == {"detail", "errors"}

    def test_expired_token_is_refused(self, person):
        client = APIClient()
        token = login(client, "casey@test.example", TEST_PASSWORD).json()["token"]
        AuthToken.objects.filter(user=person).update(expiry=timezone.now() - timedelta(seconds=1))
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        assert client.get("/api/v1/me").status_code == 401

    def test_logout_ends_only_this_token(self, person):
        first, second = APIClient(), APIClient()
        for client in (first, second):
            token = login(client, "casey@test.example", TEST_PASSWORD).json()["token"]
            client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        assert first.post("/api/v1/auth/logout").status_code == 204
        assert first.get("/api/v1/me").status_code == 401
        assert second.get("/api/v1/me").status_code == 200

    def test_logout_all_ends_every_token(self, person):
        first, second = APIClient(), APIClient()
        for client in (first, second):
            token = login(client, "casey@test.example", TEST_PASSWORD).json()["token"]
            client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        assert first.post("/api/v1/auth/logout-all").status_code == 204
        assert first.get("/api/v1/me").status_code == 401
        assert second.get("/api/v1/me").status_code == 401
        assert not AuthToken.objects.filter(user=person).exists()

    def test_a_browser_session_opens_nothing_in_the_api(self, person, client):
        # Signed in to the back office: the session cookie is sent, and the API ignores it.
        client.force_login(person)
        assert client.get("/admin/").status_code in {200, 302}
        response = client.get(reverse("api:me"))
        assert response.status_code == 401
        assert set(response.json()) == {"detail", "errors"}
        assert client.post("/api/v1/auth/logout-all").status_code == 401
