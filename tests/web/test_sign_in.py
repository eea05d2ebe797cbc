"""Signing in and out, the lockout, password reset and change, and the cookies and CSRF that guard them."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings
from knox.models import AuthToken

from accounts import services as account_services
from accounts.roles import Role
from reminders.models import ReminderPreference
from tests.cache import clear_cache
from tests.factories import TEST_PASSWORD, UserFactory
from web.accounts.forms import SIGN_IN_FAILED

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    return UserFactory(email="casey@test.example", first_name="Casey", roles=[Role.INVOLVEMENT_LEAD])


def sign_in(client: Client, email: str, password: str, **extra):
    return client.post("/sign-in/", {"username": email, "password": password, **extra})


def test_a_page_sends_someone_not_signed_in_to_sign_in_and_back():
    client = Client()
    response = client.get("/involvement/claims/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/involvement/claims/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert '<h1 class="nhsuk-heading-xl">Sign in</h1>' in page.content.decode()


def test_signing_in_with_any_case_lands_on_home_or_next(person):
    client = Client()
    response = sign_in(client, " Casey@Test.Example ", TEST_PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert "Hello, Casey" in client.get("/").content.decode()

    other = Client()
    response = sign_in(other, "casey@test.example", TEST_PASSWORD, next="/settings/")
    assert response["Location"] == "/settings/"
    # A next address off this site is ignored: no open redirect through the sign-in page.
    third = Client()
    assert (
        sign_in(third, "casey@test.example", TEST_PASSWORD, next="https://elsewhere.example/")["Location"]
        == "/"
    )


def test_a_wrong_password_says_the_same_as_an_unknown_email_and_keeps_the_email(person):
    wrong = sign_in(Client(), "casey@test.example", "not-the-password")
    unknown = sign_in(Client(), "nobody@test.example", "not-the-password")
    for response, typed in ((wrong, "casey@test.example"), (unknown, "nobody@test.example")):
        body = response.content.decode()
        assert response.status_code == 200
        assert "There is a problem" in body and SIGN_IN_FAILED in body
        assert f'value="{typed}"' in body
        assert "_auth_user_id" not in response.wsgi_request.session


def test_empty_fields_are_named_in_the_error_summary():
    body = sign_in(Client(), "", "").content.decode()
    assert '<a href="#id_username">Enter your email address</a>' in body
    assert '<a href="#id_password">Enter your password</a>' in body
    assert "<title>Error: Sign in" in body


def test_a_locked_account_gets_a_plain_nhs_page_even_with_the_right_password(person):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "casey@test.example", "not-the-password")
    response = sign_in(client, "casey@test.example", TEST_PASSWORD)
    body = response.content.decode()
    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    assert "Your account is locked for now" in body and "nhsuk-header" in body
    assert int(response["Retry-After"]) == int(settings.AXES_COOLOFF_TIME.total_seconds())
    assert "_auth_user_id" not in client.session
    # The admin's form still answers the same lockout in its own plain words.
    admin = Client().post("/admin/login/", {"username": "casey@test.example", "password": TEST_PASSWORD})
    assert admin.status_code == 429 and admin["Content-Type"].startswith("text/plain")


# --- how often one may try -------------------------------------------------------------------------


@pytest.fixture
def login_rates():
    """The default rates (THROTTLE_LOGIN per account, THROTTLE_LOGIN_ADDRESS per address), or others."""

    def make(per_account: int = 10, per_address: int = 300):
        rates = {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "login": f"{per_account}/min",
            "login_address": f"{per_address}/min",
        }
        return override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates})

    clear_cache()  # the counters live in the cache
    yield make
    clear_cache()


def test_fifteen_colleagues_sign_in_from_one_address_within_a_minute(login_rates):
    staff = [UserFactory(email=f"colleague{n}@test.example") for n in range(15)]
    with login_rates():
        answers = [sign_in(Client(), person.email, TEST_PASSWORD) for person in staff]
    assert [(a.status_code, a["Location"]) for a in answers] == [(302, "/")] * 15


def test_the_eleventh_try_at_one_account_in_a_minute_gets_a_plain_page(person, login_rates):
    with login_rates():
        answers = [sign_in(Client(), "casey@test.example", TEST_PASSWORD).status_code for _ in range(10)]
        refused = sign_in(Client(), "Casey@Test.Example", TEST_PASSWORD)
        colleague = UserFactory(email="colleague@test.example")
        other = sign_in(Client(), colleague.email, TEST_PASSWORD)
    assert answers == [302] * 10
    body = refused.content.decode()
    assert refused.status_code == 429
    assert "Too many tries" in body and "Wait 1 minute and try again" in body
    assert "_auth_user_id" not in refused.wsgi_request.session
    assert other.status_code == 302  # the same address, another account: still served


def test_the_ceiling_per_address_still_bites(login_rates):
    staff = [UserFactory(email=f"colleague{n}@test.example") for n in range(4)]
    with login_rates(per_address=3):
        answers = [sign_in(Client(), person.email, TEST_PASSWORD).status_code for person in staff]
    assert answers == [302, 302, 302, 429]


def test_reset_requests_are_counted_per_account_too(person, login_rates):
    with login_rates(per_account=2):
        answers = [
            Client().post("/sign-in/reset/", {"email": "casey@test.example"}).status_code for _ in range(3)
        ]
        other = Client().post("/sign-in/reset/", {"email": "someone@test.example"})
    assert answers == [302, 302, 429]
    assert other.status_code == 302
    assert len(mail.outbox) == 2


def test_signing_out_takes_a_post_and_ends_the_session(person):
    client = Client()
    client.force_login(person)
    asked = client.get("/sign-out/")
    assert asked.status_code == 200 and "Sign out when you have finished" in asked.content.decode()
    assert client.get("/").status_code == 200  # a GET changed nothing
    response = client.post("/sign-out/")
    assert response["Location"] == "/signed-out/"
    assert "You have signed out" in client.get("/signed-out/").content.decode()
    assert client.get("/").status_code == 302


def test_every_form_needs_its_csrf_token(person):
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    response = client.post("/settings/reminders/", {"mode": "digest"})
    assert response.status_code == 403
    assert "Sorry, we could not save that" in response.content.decode()
    assert not ReminderPreference.objects.filter(user=person).exists()
    page = client.get("/settings/reminders/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    assert (
        client.post("/settings/reminders/", {"mode": "digest", "csrfmiddlewaretoken": token}).status_code
        == 302
    )


def test_session_and_csrf_cookies_are_http_only_and_same_site(person):
    client = Client()
    response = sign_in(client, "casey@test.example", TEST_PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60


def test_production_sends_the_session_cookie_over_https_only():
    import subprocess
    import sys

    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, s.LOGIN_URL)"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x7#kQ2!vLp9@zR4$wN8^bT1&mY6*cF3(hJ5)dG0-sA+eU_iO=oP",
        "DATABASE_URL": "sqlite:////tmp/lx-web-cookie-check.sqlite3",
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["True", "True", "True", "web:sign-in"], done.stderr


# --- password reset ------------------------------------------------------------------------------


def reset_link() -> str:
    assert len(mail.outbox) == 1
    found = re.search(r"(http://\S+/sign-in/reset/\S+/)", mail.outbox[0].body)
    assert found, mail.outbox[0].body
    return found.group(1)


def test_password_reset_by_email_sets_a_new_password_and_ends_api_tokens(person):
    account_services.auth_token_issue(user=person)
    client = Client()
    response = client.post("/sign-in/reset/", {"email": "CASEY@test.example"})
    assert response["Location"] == "/sign-in/reset/sent/"
    message = mail.outbox[0]
    assert message.to == ["casey@test.example"]
    assert message.subject == "Reset your password for Lived Experience"
    assert message.body.startswith("Hello Casey")
    assert "The link works once, for 24 hours." in message.body
    link = reset_link()
    assert link.startswith(settings.SITE_URL.rstrip("/"))
    assert "/api/" not in message.body

    path = link.removeprefix(settings.SITE_URL.rstrip("/"))
    form = client.get(path, follow=True)
    assert "Choose a new password" in form.content.decode()
    mismatch = client.post(
        form.redirect_chain[-1][0], {"new_password1": "a-new-long-phrase-2026", "new_password2": "other"}
    )
    assert "The two passwords are not the same" in mismatch.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a-new-long-phrase-2026", "new_password2": "a-new-long-phrase-2026"},
    )
    assert done["Location"] == "/sign-in/reset/done/"
    assert not AuthToken.objects.filter(user=person).exists()
    assert sign_in(Client(), "casey@test.example", "a-new-long-phrase-2026")["Location"] == "/"
    # The link works once.
    again = Client().get(path, follow=True)
    assert "This link no longer works" in again.content.decode()


def test_a_reset_for_an_unknown_address_looks_the_same_and_sends_nothing():
    response = Client().post("/sign-in/reset/", {"email": "nobody@test.example"})
    assert response["Location"] == "/sign-in/reset/sent/"
    assert mail.outbox == []


def test_a_badly_typed_reset_address_gets_the_error_summary():
    response = Client().post("/sign-in/reset/", {"email": "not an email"})
    body = response.content.decode()
    assert "There is a problem" in body and "Enter an email address in the right format" in body
    assert mail.outbox == []


def test_changing_a_password_keeps_this_session_and_ends_api_tokens(person):
    account_services.auth_token_issue(user=person)
    client = Client()
    client.force_login(person)
    wrong = client.post(
        "/settings/password/",
        {
            "old_password": "nope",
            "new_password1": "a-new-long-phrase-2026",
            "new_password2": "a-new-long-phrase-2026",
        },
    )
    assert "Your current password is not right" in wrong.content.decode()
    person.refresh_from_db()
    assert person.check_password(TEST_PASSWORD)
    done = client.post(
        "/settings/password/",
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "a-new-long-phrase-2026",
            "new_password2": "a-new-long-phrase-2026",
        },
    )
    assert done["Location"] == "/settings/"
    assert "Your password is changed." in client.get("/settings/").content.decode()
    assert not AuthToken.objects.filter(user=person).exists()
