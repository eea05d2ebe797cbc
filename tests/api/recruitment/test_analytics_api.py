"""Recruitment analytics over the API: HR sees all, a hiring manager their own vacancies, nobody else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from recruitment import services
from tests.conftest import client_for_user
from tests.factories import UserFactory
from tests.recruitment.factories import ApplicationFactory, VacancyFactory, move_to
from tests.recruitment.report_data import applicants

pytestmark = pytest.mark.django_db

URL = "/api/v1/recruitment/reports/analytics"


@pytest.fixture
def data():
    hr = UserFactory(roles=[Role.HR])
    mine = VacancyFactory()
    theirs = VacancyFactory()
    applicants(mine, hr, count=3, equality={"ethnic_group": "white"}, shortlisted=2)
    applicants(theirs, hr, count=2, equality={}, source="internal_move")
    ApplicationFactory(vacancy=mine, adjustments=["Extra time"])
    return {"hr": hr, "mine": mine, "theirs": theirs}


def test_hr_sees_every_vacancy(data):
    response = client_for_user(data["hr"]).get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["applications"] == 6
    rows = {row["source"]: row for row in body["by_source"]}
    assert (rows["open_advert"]["applications"], rows["open_advert"]["shortlisted"]) == (4, 2)
    assert rows["internal_move"]["applications"] == 2
    assert body["adjustments"]["asked"] == 1
    assert body["lead_times"]["vacancies"] == 2
    assert [row["stage"] for row in body["time_in_stage"]] == ["applied", "shortlisted"]
    # operational figures: exact counts, not suppressed
    assert body["time_in_stage"][0]["left"] == 2


def test_a_hiring_manager_sees_only_their_vacancies(data):
    manager = client_for_user(data["mine"].hiring_manager)
    body = manager.get(URL).json()
    assert body["applications"] == 4
    assert body["lead_times"]["vacancies"] == 1
    assert manager.get(URL, {"vacancy": data["mine"].pk}).json()["applications"] == 4
    refused = manager.get(URL, {"vacancy": data["theirs"].pk})
    assert refused.status_code == 400 and "vacancy" in refused.json()["errors"]


def test_no_equality_data_in_analytics(data):
    body = client_for_user(data["hr"]).get(URL).content.decode()
    for word in ("ethnic", "white", "disab", "applicant_name", "email"):
        assert word not in body


def test_everyone_else_is_refused(data, client_for):
    panel_user = UserFactory(roles=[Role.PEER_WORKER])
    application = move_to(ApplicationFactory(vacancy=data["mine"]), "interview", by=data["hr"])
    start = timezone.now() + dt.timedelta(days=2)
    services.interview_schedule(
        application=application,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        panel=[{"user": panel_user, "lived_experience": True}],
        by=data["hr"],
    )
    assert client_for_user(panel_user).get(URL).status_code == 403
    for role in (Role.LINE_MANAGER, Role.BOARD_MEMBER, Role.FINANCE, Role.PARTICIPANT, None):
        assert client_for(role).get(URL).status_code == 403, role


def test_bad_input(data):
    client = client_for_user(data["hr"])
    today = timezone.localdate()
    backwards = client.get(URL, {"from": today.isoformat(), "to": (today - dt.timedelta(days=1)).isoformat()})
    assert backwards.status_code == 400 and "to" in backwards.json()["errors"]
    assert client.get(URL, {"team": 999999}).status_code == 400
    assert client.get(URL, {"sort": "x"}).status_code == 400


def test_query_count_is_constant_as_rows_grow(data):
    client = client_for_user(data["hr"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries.captured_queries)

    before = count()
    for _ in range(3):
        applicants(VacancyFactory(), data["hr"], count=3, equality={}, shortlisted=2, hired=1)
    assert count() == before
