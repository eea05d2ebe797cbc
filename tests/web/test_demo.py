"""On a fresh `make run`, every demo login signs in on the pages and has a home page (the board member's
is the dashboard), and the demo participant's own pages open."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from accounts import demo
from accounts.roles import Role

pytestmark = pytest.mark.django_db

PARTICIPANT_PAGES = [
    "/involvement/invitations/",
    "/involvement/activities/",
    "/involvement/claims/",
    "/involvement/hours/",
    "/involvement/consent/",
    "/settings/",
]


def test_every_demo_login_signs_in_and_has_a_home_page():
    call_command("seed_demo", "--force", "--quiet-logins", stdout=None)
    for login in demo.LOGINS:
        client = Client()
        response = client.post("/sign-in/", {"username": login.email, "password": demo.DEMO_PASSWORD})
        assert response.status_code == 302, login.email
        home = client.get("/")
        if login.role == Role.BOARD_MEMBER:
            assert home["Location"] == "/board/"
            assert client.get("/board/").status_code == 200
            continue
        assert home.status_code == 200, login.email
        assert f"Hello, {login.first_name}" in home.content.decode()
        if login.role == Role.PARTICIPANT:
            for path in PARTICIPANT_PAGES:
                assert client.get(path).status_code == 200, path
