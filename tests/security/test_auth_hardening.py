"""Signing in under attack: account lockout (django-axes), tokens and sessions, security headers, CSP.

The lockout counts failed sign-ins per email, whichever door they come through (the API, the
admin's form), and answers a locked account with 429 in the API's one error shape, whether or not
the password was right, and the same for an email that has no account. An address the account
signed in from before keeps a count of its own, so a lockout made elsewhere does not keep the
person out there. Tokens are capped per person; logging out everywhere ends browser sessions too.
"""

from __future__ import annotations

from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessLog
from django.test import override_settings
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from accounts.roles import Role
from charter.views import CONTENT_SECURITY_POLICY as BOARD_CSP
from tests.factories import TEST_PASSWORD, TeamFactory, UserFactory

LOGIN = "/api/v1/auth/login"
FAILED = "Unable to log in with the email address and password given."
LIMIT = 3
COOL_OFF = timedelta(minutes=15)
LOCKED = (
    "Too many unsuccessful attempts to log in. Wait 15 minutes and try again, "
    "or ask an administrator to unlock the account."
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_limit():
    with override_settings(AXES_FAILURE_LIMIT=LIMIT, AXES_COOLOFF_TIME=COOL_OFF):
        yield


@pytest.fixture
def person():
    return UserFactory(email="casey@test.example", roles=[Role.SUPERVISOR], teams=[TeamFactory()])


def login(email: str, password: str, client: APIClient | None = None, address: str = "127.0.0.1", **extra):
    client = client or APIClient()
    return client.post(
        LOGIN, {"email": email, "password": password}, format="json", REMOTE_ADDR=address, **extra
    )


def fail(email: str, times: int, address: str = "127.0.0.1", **extra) -> list[int]:
    return [login(email, "not-the-password", address=address, **extra).status_code for _ in range(times)]


class TestLockout:
    def test_the_limit_locks_the_account_even_for_the_right_password(self, person):
        assert fail("casey@test.example", LIMIT - 1) == [400] * (LIMIT - 1)
        locking = login("casey@test.example", "not-the-password")
        assert locking.status_code == 429
        tokens_before = AuthToken.objects.filter(user=person).count()

        response = login("casey@test.example", TEST_PASSWORD)

        assert response.status_code == 429
        assert response.json() == {"detail": LOCKED, "errors": {"non_field_errors": [LOCKED]}}
        assert response["Retry-After"] == str(int(COOL_OFF.total_seconds()))
        assert "token" not in response.json()
        assert AuthToken.objects.filter(user=person).count() == tokens_before

    def test_an_unknown_email_is_locked_the_same_way(self, person):
        fail("casey@test.example", LIMIT)
        fail("nobody@test.example", LIMIT)
        known = login("casey@test.example", TEST_PASSWORD)
        unknown = login("nobody@test.example", TEST_PASSWORD)
        assert known.status_code == unknown.status_code == 429
        assert known.json() == unknown.json()

    def test_changing_the_case_of_the_email_does_not_buy_more_guesses(self, person):
        for email in ["Casey@test.example", "CASEY@TEST.EXAMPLE", "casey@Test.Example"][:LIMIT]:
            login(email, "not-the-password")
        assert login("casey@test.example", TEST_PASSWORD).status_code == 429

    def test_other_accounts_are_not_locked(self, person):
        UserFactory(email="robin@test.example")
        fail("casey@test.example", LIMIT)
        assert login("robin@test.example", TEST_PASSWORD).status_code == 200

    def test_the_lockout_lifts_after_the_cool_off(self, person):
        fail("casey@test.example", LIMIT)
        assert login("casey@test.example", TEST_PASSWORD).status_code == 429
        AccessAttempt.objects.update(attempt_time=timezone.now() - COOL_OFF - timedelta(seconds=1))
        assert login("casey@test.example", TEST_PASSWORD).status_code == 200

    def test_guesses_while_locked_do_not_stretch_the_lockout(self, person):
        fail("casey@test.example", LIMIT)
        AccessAttempt.objects.update(attempt_time=timezone.now() - COOL_OFF + timedelta(seconds=30))
        fail("casey@test.example", 5)  # refused unchecked while locked: not counted
        AccessAttempt.objects.update(attempt_time=timezone.now() - COOL_OFF - timedelta(seconds=1))
        assert login("casey@test.example", TEST_PASSWORD).status_code == 200

    def test_a_success_starts_the_count_again(self, person):
        fail("casey@test.example", LIMIT - 1)
        assert login("casey@test.example", TEST_PASSWORD).status_code == 200
        assert fail("casey@test.example", LIMIT - 1) == [400] * (LIMIT - 1)
        assert login("casey@test.example", TEST_PASSWORD).status_code == 200

    def test_a_success_is_recorded_in_the_sign_in_log(self, person):
        login("casey@test.example", TEST_PASSWORD)
        assert list(AccessLog.objects.values_list("username", "path_info")) == [("casey@test.example", LOGIN)]

    def test_failures_at_the_admin_form_count_towards_the_same_lockout(self, person, client):
        for _ in range(LIMIT - 1):
            response = client.post("/admin/login/", {"username": "Casey@test.example", "password": "wrong"})
            assert response.status_code == 200  # the form again, with its error
        assert login("casey@test.example", "not-the-password").status_code == 429
        response = client.post("/admin/login/", {"username": "casey@test.example", "password": TEST_PASSWORD})
        assert response.status_code == 429
        assert response.content.decode() == LOCKED
        assert "_auth_user_id" not in client.session


class TestTokensOfALockedAccount:
    """A lockout stops new sign-ins; tokens already held keep their expiry, and can still all be ended."""

    def _signed_in(self) -> APIClient:
        client = APIClient()
        token = login("casey@test.example", TEST_PASSWORD).json()["token"]
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return client

    def test_existing_tokens_work_until_they_expire(self, person):
        laptop, phone = self._signed_in(), self._signed_in()
        fail("casey@test.example", LIMIT)
        assert login("casey@test.example", TEST_PASSWORD).status_code == 429

        assert laptop.get("/api/v1/me").status_code == 200
        first = AuthToken.objects.filter(user=person).order_by("created").first()
        AuthToken.objects.filter(pk=first.pk).update(expiry=timezone.now() - timedelta(seconds=1))
        statuses = sorted([laptop.get("/api/v1/me").status_code, phone.get("/api/v1/me").status_code])
        assert statuses == [200, 401]

    def test_logout_everywhere_works_while_locked(self, person):
        laptop, phone = self._signed_in(), self._signed_in()
        fail("casey@test.example", LIMIT)

        assert phone.post("/api/v1/auth/logout-all").status_code == 204

        assert laptop.get("/api/v1/me").status_code == 401
        assert phone.get("/api/v1/me").status_code == 401
        assert not AuthToken.objects.filter(user=person).exists()
        assert login("casey@test.example", TEST_PASSWORD).status_code == 429  # still locked


HOME, OFFICE, ELSEWHERE, NEW = "192.0.2.10", "192.0.2.20", "203.0.113.66", "198.51.100.7"


class TestKnownAddresses:
    """Someone guessing a person's password from elsewhere cannot keep them out of their usual addresses."""

    @pytest.fixture
    def known(self, person):
        for address in (HOME, OFFICE):
            assert login("casey@test.example", TEST_PASSWORD, address=address).status_code == 200
        return person

    def test_a_lockout_made_elsewhere_does_not_keep_the_person_out_at_a_known_address(self, known):
        assert fail("casey@test.example", LIMIT, address=ELSEWHERE)[-1] == 429
        assert login("casey@test.example", TEST_PASSWORD, address=ELSEWHERE).status_code == 429

        for address in (HOME, OFFICE):
            assert login("casey@test.example", TEST_PASSWORD, address=address).status_code == 200
        # Signing in at home cleared home's count only: the account stays locked for everyone else.
        assert login("casey@test.example", TEST_PASSWORD, address=ELSEWHERE).status_code == 429
        assert login("casey@test.example", TEST_PASSWORD, address=NEW).status_code == 429

    def test_guesses_spread_over_many_addresses_share_one_allowance(self, known):
        addresses = [f"203.0.113.{n}" for n in range(1, LIMIT + 1)]
        assert [fail("casey@test.example", 1, address=a)[0] for a in addresses] == [400] * (LIMIT - 1) + [429]
        assert login("casey@test.example", TEST_PASSWORD, address="203.0.113.200").status_code == 429

    def test_guessing_at_a_known_address_locks_that_address(self, known):
        assert fail("casey@test.example", LIMIT, address=HOME)[-1] == 429
        assert login("casey@test.example", TEST_PASSWORD, address=HOME).status_code == 429
        assert login("casey@test.example", TEST_PASSWORD, address=OFFICE).status_code == 200

    def test_the_admin_form_honours_known_addresses_too(self, known, client):
        known.is_staff = known.is_superuser = True
        known.save()
        fail("casey@test.example", LIMIT, address=ELSEWHERE)
        credentials = {"username": "casey@test.example", "password": TEST_PASSWORD}
        assert client.post("/admin/login/", credentials, REMOTE_ADDR=ELSEWHERE).status_code == 429
        response = client.post("/admin/login/", credentials, REMOTE_ADDR=OFFICE)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(known.pk)

    def test_an_address_is_known_only_for_a_while(self, known, settings):
        AccessLog.objects.update(
            attempt_time=timezone.now() - timedelta(days=settings.LOGIN_KNOWN_ADDRESS_DAYS, seconds=1)
        )
        fail("casey@test.example", LIMIT, address=ELSEWHERE)
        assert login("casey@test.example", TEST_PASSWORD, address=HOME).status_code == 429

    def test_a_forwarded_for_header_does_not_make_an_address_known(self, known):
        fail("casey@test.example", LIMIT, address=ELSEWHERE)
        # With no proxy in front (THROTTLE_NUM_PROXIES=0) the header is the client's own words.
        response = login("casey@test.example", TEST_PASSWORD, address=ELSEWHERE, HTTP_X_FORWARDED_FOR=HOME)
        assert response.status_code == 429

    def test_behind_a_proxy_only_the_entry_it_added_counts(self, known, settings):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
        proxy = "10.0.0.2"
        fail("casey@test.example", LIMIT, address=proxy, HTTP_X_FORWARDED_FOR=ELSEWHERE)
        # The client wrote HOME first; the proxy appended the address it really came from.
        forged = login(
            "casey@test.example", TEST_PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR=f"{HOME}, {ELSEWHERE}"
        )
        assert forged.status_code == 429
        real = login("casey@test.example", TEST_PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR=HOME)
        assert real.status_code == 200
        assert AccessLog.objects.filter(ip_address=HOME).count() == 2  # signed in from home, twice

    def test_an_unknown_email_behaves_as_an_account_seen_nowhere(self, known):
        fail("casey@test.example", LIMIT, address=ELSEWHERE)
        fail("nobody@test.example", LIMIT, address=ELSEWHERE)
        known_answer = login("casey@test.example", TEST_PASSWORD, address=NEW)
        unknown_answer = login("nobody@test.example", TEST_PASSWORD, address=NEW)
        assert known_answer.status_code == unknown_answer.status_code == 429
        assert known_answer.json() == unknown_answer.json()


class TestTokenCap:
    """At most API_TOKEN_LIMIT_PER_USER live tokens: signing in past it ends the oldest."""

    def _tokens(self, times: int) -> list[str]:
        return [login("casey@test.example", TEST_PASSWORD).json()["token"] for _ in range(times)]

    @staticmethod
    def _opens(token: str) -> bool:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return client.get("/api/v1/me").status_code == 200

    def test_twenty_three_sign_ins_leave_twenty_live_tokens(self, person, settings):
        assert settings.REST_KNOX["TOKEN_LIMIT_PER_USER"] == 20
        tokens = self._tokens(23)
        assert AuthToken.objects.filter(user=person).count() == 20
        assert [self._opens(token) for token in tokens] == [False] * 3 + [True] * 20

    def test_the_oldest_live_token_goes_first_and_expired_ones_do_not_count(self, person, settings):
        settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_LIMIT_PER_USER": 3}
        first, second, third = self._tokens(3)
        AuthToken.objects.filter(user=person).order_by("created").filter(
            pk__in=AuthToken.objects.filter(user=person).order_by("created").values("pk")[:1]
        ).update(expiry=timezone.now() - timedelta(seconds=1))
        fourth = self._tokens(1)[0]  # two live before it: room without ending any
        assert [self._opens(t) for t in (second, third, fourth)] == [True, True, True]
        fifth = self._tokens(1)[0]
        opens = [self._opens(t) for t in (first, second, third, fourth, fifth)]
        assert opens == [False, False, True, True, True]

    def test_other_people_keep_their_tokens(self, person, settings):
        settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_LIMIT_PER_USER": 2}
        UserFactory(email="robin@test.example")
        robins = login("robin@test.example", TEST_PASSWORD).json()["token"]
        self._tokens(5)
        assert self._opens(robins)
        assert AuthToken.objects.filter(user=person).count() == 2


class TestSessions:
    """Browser sessions: they open no API endpoint, and logging out everywhere ends them."""

    @pytest.fixture
    def signed_in_browsers(self, person):
        from django.test import Client

        person.is_staff = True
        person.save()
        browsers = []
        for address in (HOME, OFFICE):
            browser = Client(REMOTE_ADDR=address)
            response = browser.post("/admin/login/", {"username": person.email, "password": TEST_PASSWORD})
            assert response.status_code == 302
            assert browser.get("/admin/").status_code == 200
            browsers.append(browser)
        return browsers

    @staticmethod
    def _signed_in(browser) -> bool:
        response = browser.get("/admin/")
        return response.status_code == 200 and "_auth_user_id" in browser.session

    def test_logout_everywhere_ends_every_browser_session(self, person, signed_in_browsers):
        token = login("casey@test.example", TEST_PASSWORD).json()["token"]
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {token}")

        assert api.post("/api/v1/auth/logout-all").status_code == 204

        assert [self._signed_in(b) for b in signed_in_browsers] == [False, False]
        assert signed_in_browsers[0].get("/admin/").status_code == 302  # back to the sign-in page
        assert api.get("/api/v1/me").status_code == 401
        # Signing in again works, and starts a session that lasts.
        browser = signed_in_browsers[0]
        browser.post("/admin/login/", {"username": person.email, "password": TEST_PASSWORD})
        assert self._signed_in(browser)

    def test_logging_out_one_token_leaves_browser_sessions_alone(self, signed_in_browsers):
        token = login("casey@test.example", TEST_PASSWORD).json()["token"]
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        assert api.post("/api/v1/auth/logout").status_code == 204
        assert [self._signed_in(b) for b in signed_in_browsers] == [True, True]

    def test_deactivating_an_account_ends_its_sessions_for_good(self, person, signed_in_browsers):
        from accounts import services

        services.user_update(user=person, is_active=False)
        services.user_update(user=person, is_active=True)
        assert [self._signed_in(b) for b in signed_in_browsers] == [False, False]

    def test_a_session_cookie_opens_no_api_endpoint(self, signed_in_browsers):
        browser = signed_in_browsers[0]
        assert browser.get("/api/v1/me").status_code == 401
        assert browser.post("/api/v1/auth/logout-all").status_code == 401
        assert self._signed_in(browser)

    def test_a_session_lasts_a_working_day(self, signed_in_browsers):
        assert signed_in_browsers[0].session.get_expiry_age() == 10 * 60 * 60


# --- security headers ------------------------------------------------------------------------


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inline: list[str] = []
        self.sources: list[str] = []
        self.styles = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            if attrs.get("src"):
                self.sources.append(attrs["src"])
            else:
                self.inline.append("")


def _directives(policy: str) -> dict[str, str]:
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


class TestHeaders:
    def test_api_answers_carry_the_protective_headers(self, client_for):
        response = client_for(Role.SUPERVISOR).get("/api/v1/me")
        assert response.status_code == 200
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"

    def test_admin_pages_get_the_site_policy(self, client):
        response = client.get("/admin/login/")
        assert response.status_code == 200
        policy = _directives(response["Content-Security-Policy"])
        assert policy["script-src"] == "script-src 'self'"
        assert policy["style-src"] == "style-src 'self'"
        assert policy["frame-ancestors"] == "frame-ancestors 'none'"
        assert policy["object-src"] == "object-src 'none'"

    def test_the_board_keeps_its_own_policy(self, client):
        response = client.get("/board/login/")
        assert response.status_code == 200
        assert response["Content-Security-Policy"] == BOARD_CSP

    def test_the_api_docs_run_no_inline_script(self, client):
        response = client.get("/api/docs/")
        assert response.status_code == 200
        policy = _directives(response["Content-Security-Policy"])
        assert policy["script-src"] == "script-src 'self'"
        assert policy["default-src"] == "default-src 'self'"
        scripts = _Scripts()
        scripts.feed(response.content.decode())
        assert scripts.inline == []
        assert len(scripts.sources) == 3
        assert all(src.startswith("/") for src in scripts.sources), scripts.sources  # this server's files
        start_up = client.get(next(src for src in scripts.sources if "script=" in src))
        assert start_up.status_code == 200
        assert start_up["Content-Type"].startswith("application/javascript")
        assert "/api/schema/" in start_up.content.decode()

    def test_a_json_answer_needs_no_page_policy(self, client_for):
        response = client_for(Role.SUPERVISOR).get("/api/v1/me")
        assert "Content-Security-Policy" not in response


# --- the policy in a real browser -------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.django_db(transaction=True)
def test_admin_and_api_docs_work_under_the_policy_in_chromium(live_server):
    """The CSP must not break the back office or Swagger UI: no violation in the console, and both work."""
    assert CHROMIUM.exists(), (
        "This test drives Debian's chromium (apt-get install -y chromium; .ci/run does)."
    )
    from playwright.sync_api import sync_playwright

    admin = UserFactory(email="root@test.example", is_staff=True, is_superuser=True)
    origin = live_server.url
    violations: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            context = browser.new_context()
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(origin) else r.abort())
            page = context.new_page()
            page.set_default_timeout(30_000)

            def on_console(message) -> None:
                if "Content Security Policy" in message.text:  # how Chromium reports a blocked load
                    violations.append(f"{page.url}: {message.text}")

            page.on("console", on_console)
            page.goto(f"{origin}/admin/login/")
            page.fill("#id_username", admin.email)
            page.fill("#id_password", TEST_PASSWORD)
            page.click("input[type=submit]")
            page.wait_for_url(f"{origin}/admin/")
            for path in ["/admin/accounts/user/", f"/admin/accounts/user/{admin.pk}/change/"]:
                page.goto(f"{origin}{path}")
                page.wait_for_load_state("networkidle")
            # The admin's own scripts ran: the change list's "select all" box ticks every row.
            page.goto(f"{origin}/admin/accounts/user/")
            page.check("#action-toggle")
            assert page.locator("input.action-select:checked").count() == 1

            # Swagger UI's scripts ran and drew the schema it fetched (it draws the rest as one scrolls).
            page.goto(f"{origin}/api/docs/")
            page.get_by_text("/api/v1/auth/login", exact=True).wait_for()
            assert page.locator(".opblock").count() > 5
            assert page.get_by_role("button", name="Authorize").count() == 1
        finally:
            browser.close()
    assert violations == []
