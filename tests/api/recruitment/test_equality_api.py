"""The equality report over the API: HR only, aggregates only, suppressed figures null or *."""

from __future__ import annotations

import csv
import datetime as dt
import io
from datetime import date

import pytest
from django.utils import timezone

from accounts.roles import Role
from recruitment import services
from tests.conftest import client_for_user
from tests.factories import UserFactory
from tests.recruitment.factories import VacancyFactory, move_to
from tests.recruitment.report_data import applicants

pytestmark = pytest.mark.django_db

URL = "/api/v1/recruitment/reports/equality"
CSV_URL = "/api/v1/recruitment/reports/equality.csv"


@pytest.fixture
def data():
    hr = UserFactory(roles=[Role.HR])
    vacancy = VacancyFactory()
    white = applicants(vacancy, hr, count=9, equality={"ethnic_group": "white", "sex": "male"}, shortlisted=8)
    asian = applicants(vacancy, hr, count=3, equality={"ethnic_group": "asian", "sex": "female"})
    # Two small groups hide each other: with Asian alone hidden, the total less White would give it back.
    black = applicants(vacancy, hr, count=5, equality={"ethnic_group": "black", "sex": "female"})
    panel_user = UserFactory(roles=[Role.PEER_WORKER])
    interviewed = move_to(white[0], "interview", by=hr)
    start = timezone.now() + dt.timedelta(days=3)
    services.interview_schedule(
        application=interviewed,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        panel=[{"user": vacancy.hiring_manager}, {"user": panel_user, "lived_experience": True}],
        by=hr,
    )
    return {"hr": hr, "vacancy": vacancy, "applications": white + asian + black, "panel_user": panel_user}


def _month(first: dt.date) -> dict:
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return {"from": first.isoformat(), "to": (following - dt.timedelta(days=1)).isoformat()}


def _period() -> dict:
    """This month: equality reports cover whole months."""
    return _month(timezone.localdate().replace(day=1))


def _ethnic(body, group):
    section = next(c for c in body["characteristics"] if c["characteristic"] == "ethnic_group")
    return next(g for g in section["groups"] if g["group"] == group)


def test_hr_gets_disclosed_aggregates_with_suppressed_figures_null(data):
    response = client_for_user(data["hr"]).get(URL, _period())
    assert response.status_code == 200
    body = response.json()
    white, asian = _ethnic(body, "white"), _ethnic(body, "asian")
    assert (white["applicants"], white["appointed"]) == (10, 0)
    # Everyone shortlisted is white: shown, that would tell HR each shortlisted person's answer.
    # So it is hidden, and so are the zeros beside it (issue 13); the total still shows.
    assert (white["shortlisted"], asian["shortlisted"]) == (None, None)
    assert body["total"]["shortlisted"] == 10
    assert (asian["applicants"], asian["appointed"]) == (None, 0)
    assert white["shortlisting_rate"] is None and asian["shortlisting_rate"] is None
    assert body["total"]["shortlisting_rate"] == 10 / 15  # from the rounded figures, not 8 / 17
    assert body["relative_likelihood"]["ethnicity"]["relative_likelihood"] is None
    assert "suppressed" in body["notes"]["disclosure"]
    assert body["period"] == {"from": _period()["from"], "to": _period()["to"]}


def test_no_applicant_row_or_detail_ever_appears(data):
    client = client_for_user(data["hr"])
    body = client.get(URL, _period()).content.decode()
    sheet = client.get(CSV_URL, _period()).content.decode()
    for application in data["applications"]:
        for text in (body, sheet):
            assert application.applicant_name not in text
            assert application.email not in text
    for key in ('"email"', '"applicant_name"', '"application"', '"id"'):
        assert key not in body


def test_csv_shows_suppressed_figures_as_a_star_and_explains_the_rule(data):
    response = client_for_user(data["hr"]).get(CSV_URL, _period())
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header = rows.index(
        [
            "Characteristic",
            "Group",
            "Applicants",
            "Shortlisted",
            "Appointed",
            "Shortlisting rate",
            "Likelihood of appointment from shortlisting",
        ]
    )
    table = {(r[0], r[1]): r[2:] for r in rows[header + 1 :] if len(r) == 7}
    assert table[("Ethnic group", "White")] == ["10", "*", "0", "*", "*"]
    assert table[("Ethnic group", "Asian or Asian British")] == ["*", "*", "0", "*", "*"]
    assert table[("Sex", "Male")][:3] == ["10", "*", "0"]
    assert table[("All applicants", "")][:3] == ["15", "10", "0"]
    ethnicity = next(r for r in rows if r and r[0] == "ethnicity")
    assert ethnicity[-1] == "*"
    notes = [r[1] for r in rows if r and r[0] == "Note"]
    assert any("* in CSV" in note and "nearest 5" in note for note in notes)


@pytest.mark.parametrize("url", [URL, CSV_URL])
def test_only_hr_may_see_it(data, client_for, url):
    manager = data["vacancy"].hiring_manager
    for user in (manager, data["panel_user"]):
        response = client_for_user(user).get(url, _period())
        assert response.status_code == 403, user
    for role in (
        Role.ADMIN,
        Role.BOARD_MEMBER,
        Role.LINE_MANAGER,
        Role.INVOLVEMENT_LEAD,
        Role.PARTICIPANT,
        None,
    ):
        assert client_for(role).get(url, _period()).status_code == 403, role


def test_anonymous_is_refused(client):
    assert client.get(URL, _period()).status_code == 401


def test_filters_and_bad_input(data):
    client = client_for_user(data["hr"])
    vacancy = data["vacancy"]
    by_vacancy = client.get(URL, {**_period(), "vacancy": vacancy.pk}).json()
    assert by_vacancy["total"]["applicants"] == 15 and by_vacancy["filters"]["vacancy"] == vacancy.pk
    assert client.get(URL, {**_period(), "team": vacancy.team_id}).json()["total"]["applicants"] == 15
    next_month = _month(date.fromisoformat(_period()["to"]) + dt.timedelta(days=1))
    assert client.get(URL, next_month).json()["total"]["applicants"] == 0

    wrong = client.get(URL, {"from": next_month["from"], "to": _period()["to"]})
    assert wrong.status_code == 400 and "to" in wrong.json()["errors"]
    # Whole months only: a report a day long could be subtracted from the next one.
    today = timezone.localdate().isoformat()
    part = client.get(URL, {"from": today, "to": _period()["to"]})
    if today != _period()["from"]:
        assert part.status_code == 400 and "from" in part.json()["errors"]
    short = client.get(URL, {"from": _period()["from"], "to": _period()["from"]})
    assert short.status_code == 400 and "to" in short.json()["errors"]
    assert "vacancy" in client.get(URL, {"vacancy": 999999}).json()["errors"]
    assert "from" in client.get(URL, {"from": "yesterday"}).json()["errors"]
    typo = client.get(URL, {"form": "2025-01-01"})
    assert typo.status_code == 400 and "form" in typo.json()["errors"]
    assert client.get(CSV_URL, {"form": "2025-01-01"}).status_code == 400


def test_the_period_defaults_to_the_last_12_whole_months(data):
    body = client_for_user(data["hr"]).get(URL).json()
    this_month = timezone.localdate().replace(day=1)
    assert body["period"]["to"] == _period()["to"]
    year_ago = this_month.replace(year=this_month.year - 1)
    first = (year_ago + dt.timedelta(days=32)).replace(day=1)
    assert body["period"]["from"] == first.isoformat()
    assert body["total"]["applicants"] == 15
