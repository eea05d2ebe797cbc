"""Signing in under attack: account lockout (django-axes), tokens of a locked account, security headers, CSP.

The lockout counts failed sign-ins per email, whichever door they come through (the API, the
admin's form), and answers a locked account with 429 in the API's one error shape, whether or not
the password was right, and the same for an email that has no account.
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


def login(email: str, password: str, client: APIClient | None = None):
    return (client or APIClient()).post(LOGIN, {"email": email, "password": password}, format="json")


def fail(email: str, times: int) -> list[int]:
    return [login(email, "not-the-password").status_code for _ in range(times)]


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
