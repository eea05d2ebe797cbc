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
        rates = {"anon": None, "user": None, "login": "3/min", "login_address": None}
        with override_settings(REST_FRAMEWORK={**_rf(), "DEFAULT_THROTTLE_RATES": rates}):
            statuses = [login(APIClient(), "casey@test.example", "wrong").status_code for _ in range(4)]
        assert statuses == [400, 400, 400, 429]
        clear_cache()


def _rf():
    from django.conf import settings

    return dict(settings.REST_FRAMEWORK)


# The defaults of THROTTLE_LOGIN and THROTTLE_LOGIN_ADDRESS (config/settings/base.py).
PER_ACCOUNT, PER_ADDRESS = 10, 300


def login_rates(per_account: int = PER_ACCOUNT, per_address: int = PER_ADDRESS):
    rates = {"anon": None, "user": None, "login": f"{per_account}/min", "login_address": f"{per_address}/min"}
    return override_settings(REST_FRAMEWORK={**_rf(), "DEFAULT_THROTTLE_RATES": rates})


@pytest.mark.django_db
class TestLoginThrottle:
    """Sign-in attempts are counted per account, with a far higher ceiling per address: a trust's
    staff behind one proxy do not share one account's allowance."""

    @pytest.fixture(autouse=True)
    def empty_cache(self):
        clear_cache()  # the counters live in the cache
        yield
        clear_cache()

    def test_fifteen_colleagues_sign_in_from_one_address_within_a_minute(self):
        staff = [UserFactory(email=f"colleague{n}@test.example") for n in range(15)]
        with login_rates():
            statuses = [login(APIClient(), person.email, TEST_PASSWORD).status_code for person in staff]
        assert statuses == [200] * 15

    def test_the_eleventh_attempt_at_one_account_in_a_minute_is_429(self, person):
        with login_rates():
            # The right password each time, so the lockout (failures only) plays no part.
            statuses = [
                login(APIClient(), "casey@test.example", TEST_PASSWORD).status_code for _ in range(10)
            ]
            refused = login(APIClient(), "casey@test.example", TEST_PASSWORD)
            # However the email is written, it is the same account.
            also_refused = login(APIClient(), "  CASEY@test.example ", TEST_PASSWORD)
            colleague = UserFactory(email="colleague@test.example")
            other = login(APIClient(), colleague.email, TEST_PASSWORD)
        assert statuses == [200] * PER_ACCOUNT
        assert refused.status_code == also_refused.status_code == 429
        assert set(refused.json()) == {"detail", "errors"}
        assert int(refused["Retry-After"]) > 0
        assert other.status_code == 200  # the same address, another account: still served

    def test_wrong_passwords_count_against_the_account_too(self, person):
        with login_rates(per_account=3):
            statuses = [login(APIClient(), "casey@test.example", "wrong").status_code for _ in range(4)]
        assert statuses == [400, 400, 400, 429]

    def test_the_ceiling_per_address_still_bites(self):
        staff = [UserFactory(email=f"colleague{n}@test.example") for n in range(4)]
        with login_rates(per_address=3):
            statuses = [login(APIClient(), person.email, TEST_PASSWORD).status_code for person in staff]
            elsewhere = login(APIClient(REMOTE_ADDR="192.0.2.44"), staff[-1].email, TEST_PASSWORD)
        assert statuses == [200, 200, 200, 429]
        assert elsewhere.status_code == 200

    def test_a_body_with_no_email_counts_against_the_address_only(self):
        with login_rates(per_address=2):
            statuses = [APIClient().post(LOGIN, {}, format="json").status_code for _ in range(3)]
        assert statuses == [400, 400, 429]


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
