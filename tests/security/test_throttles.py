"""Rate limits on the expensive and data-heavy endpoints: exports, the dashboard (API and board), login.

Each test sets small rates for the scope it exercises (the test settings switch every limit off)
and asserts the request past the limit gets 429, while someone else is still served.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, override_settings
from rest_framework.test import APIClient

from accounts.roles import Role
from tests.cache import clear_cache
from tests.conftest import client_for_user
from tests.factories import TEST_PASSWORD, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

LIMIT = 2


@pytest.fixture(autouse=True)
def empty_cache():
    clear_cache()  # the counters live in the cache
    yield
    clear_cache()


def rates(**scopes: str | None):
    base = dict.fromkeys(("anon", "user", "login", "login_address", "export", "dashboard"))
    return override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {**base, **scopes}}
    )


def statuses(client, path: str, times: int = LIMIT + 1) -> list[int]:
    return [client.get(path).status_code for _ in range(times)]


EXPORTS = {
    "claims export": (Role.FINANCE, "/api/v1/involvement/claims/export.csv"),
    "equality report CSV": (Role.HR, "/api/v1/recruitment/reports/equality.csv"),
}


class TestApiExports:
    @pytest.mark.parametrize("name", list(EXPORTS))
    def test_past_the_limit_is_429_in_the_error_shape(self, name):
        role, path = EXPORTS[name]
        client = client_for_user(UserFactory(roles=[role]))
        with rates(export=f"{LIMIT}/min"):
            assert statuses(client, path, LIMIT) == [200] * LIMIT
            response = client.get(path)
        assert response.status_code == 429
        assert set(response.json()) == {"detail", "errors"}
        assert "throttled" in response.json()["detail"].lower()
        assert int(response["Retry-After"]) > 0

    def test_the_limit_is_per_person(self):
        first = client_for_user(UserFactory(roles=[Role.FINANCE]))
        second = client_for_user(UserFactory(roles=[Role.FINANCE]))
        path = EXPORTS["claims export"][1]
        with rates(export=f"{LIMIT}/min"):
            assert statuses(first, path) == [200, 200, 429]
            assert second.get(path).status_code == 200

    def test_every_export_draws_on_one_allowance(self):
        person = UserFactory(roles=[Role.FINANCE, Role.HR])
        client = client_for_user(person)
        with rates(export=f"{LIMIT}/min"):
            assert client.get(EXPORTS["claims export"][1]).status_code == 200
            assert client.get(EXPORTS["equality report CSV"][1]).status_code == 200
            assert client.get(EXPORTS["claims export"][1]).status_code == 429
            # Other reads are not exports: the per-person API limit alone applies to them.
            assert client.get("/api/v1/me").status_code == 200

    def test_the_public_published_changes_csv_is_limited_per_address(self):
        path = "/api/v1/involvement/published-changes.csv"
        with rates(export=f"{LIMIT}/min"):
            assert statuses(APIClient(), path) == [200, 200, 429]
            assert APIClient(REMOTE_ADDR="192.0.2.7").get(path).status_code == 200

    def test_subject_access_exports_are_limited(self):
        admin = client_for_user(UserFactory(roles=[Role.ADMIN]))
        participant = ParticipantFactory()
        path = f"/api/v1/privacy/participants/{participant.pk}/export"
        with rates(export=f"{LIMIT}/min"):
            assert statuses(admin, path) == [200, 200, 429]

    def test_no_rate_means_no_limit(self):
        client = client_for_user(UserFactory(roles=[Role.FINANCE]))
        with rates(export=None):
            assert statuses(client, EXPORTS["claims export"][1], 5) == [200] * 5


class TestApiDashboard:
    def test_past_the_limit_is_429(self):
        client = client_for_user(UserFactory(roles=[Role.BOARD_MEMBER]))
        with rates(dashboard=f"{LIMIT}/min"):
            assert statuses(client, "/api/v1/charter/dashboard") == [200, 200, 429]
            other = client_for_user(UserFactory(roles=[Role.BOARD_MEMBER]))
            assert other.get("/api/v1/charter/dashboard").status_code == 200

    def test_the_dashboard_and_exports_have_separate_allowances(self):
        client = client_for_user(UserFactory(roles=[Role.BOARD_MEMBER, Role.FINANCE]))
        with rates(dashboard=f"{LIMIT}/min", export=f"{LIMIT}/min"):
            assert statuses(client, "/api/v1/charter/dashboard") == [200, 200, 429]
            assert client.get(EXPORTS["claims export"][1]).status_code == 200


class TestBoardPages:
    """The board's pages are plain Django views: the same rates, counted by the board's own decorator."""

    @pytest.fixture
    def board(self, client):
        client.force_login(UserFactory(roles=[Role.BOARD_MEMBER]))
        return client

    def test_the_page_past_the_limit_is_429(self, board):
        with rates(dashboard=f"{LIMIT}/min"):
            assert statuses(board, "/board/") == [200, 200, 429]
            response = board.get("/board/")
        assert response.status_code == 429
        assert "Too many requests" in response.content.decode()
        assert response["Retry-After"] == "60"

    @pytest.mark.parametrize("path", ["/board/dashboard.csv", "/board/pack.pdf"])
    def test_the_files_count_as_exports(self, board, path):
        with rates(export=f"{LIMIT}/hour", dashboard=None):
            assert statuses(board, path) == [200, 200, 429]
            assert board.get("/board/").status_code == 200  # the page is not an export

    def test_the_limit_is_per_person(self, board):
        other = Client()
        other.force_login(UserFactory(roles=[Role.BOARD_MEMBER]))
        with rates(dashboard=f"{LIMIT}/min"):
            assert statuses(board, "/board/") == [200, 200, 429]
            assert other.get("/board/").status_code == 200

    def test_people_who_may_not_see_the_board_are_turned_away_before_counting(self, client):
        client.force_login(UserFactory(roles=[Role.PEER_WORKER]))
        with rates(dashboard=f"{LIMIT}/min"):
            assert statuses(client, "/board/") == [403, 403, 403]


class TestLoginThrottle:
    def test_a_forged_forwarded_for_header_does_not_escape_either_limit(self):
        UserFactory(email="casey@test.example")
        with rates(login=f"{LIMIT}/min"):
            answers = [
                APIClient(HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
                .post("/api/v1/auth/login", {"email": "casey@test.example", "password": "wrong"})
                .status_code
                for n in range(LIMIT + 1)
            ]
        assert answers == [400, 400, 429]
        clear_cache()
        with rates(login_address=f"{LIMIT}/min"):
            answers = [
                APIClient(HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
                .post("/api/v1/auth/login", {"email": f"person{n}@test.example", "password": "wrong"})
                .status_code
                for n in range(LIMIT + 1)
            ]
        assert answers == [400, 400, 429]

    def test_behind_one_proxy_each_client_address_is_counted_apart(self):
        people = [UserFactory(email=f"person{n}@test.example") for n in range(LIMIT + 2)]
        with (
            rates(login_address=f"{LIMIT}/min"),
            override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}),
        ):
            # The proxy appends the address it saw; whatever the client wrote before it is ignored.
            first = [
                APIClient(HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.1")
                .post("/api/v1/auth/login", {"email": person.email, "password": TEST_PASSWORD})
                .status_code
                for n, person in enumerate(people[: LIMIT + 1])
            ]
            second = APIClient(HTTP_X_FORWARDED_FOR="198.51.100.2").post(
                "/api/v1/auth/login", {"email": people[-1].email, "password": TEST_PASSWORD}
            )
        assert first == [200, 200, 429]
        assert second.status_code == 200
