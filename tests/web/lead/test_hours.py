"""Hours of involvement for the involvement team: totals per team and per person over a tax year, a
quarter or two days chosen; one person's activities; the certificate of involvement as a PDF (read
back with pypdf), and a participant's own certificate. Who may not open them, bad input, and the
query counts."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader

from accounts.roles import Role
from involvement.models import Participation
from involvement.selectors import tax_year_bounds, tax_year_label, tax_year_of
from tests.factories import (
    ActivityFactory,
    ActivityKindFactory,
    ParticipantFactory,
    ParticipationFactory,
    TeamFactory,
    UserFactory,
)
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db

TOTALS = "/lead/hours/"
LONDON = ZoneInfo("Europe/London")
NUMBERS = itertools.count(1)


def text(response) -> str:
    return response.content.decode()


def main(response) -> str:
    return text(response).split('id="maincontent"', 1)[1].split("</main>", 1)[0]


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def this_tax_year() -> tuple[dt.date, dt.date]:
    return tax_year_bounds(tax_year_of(timezone.localdate()))


def last_tax_year() -> tuple[dict, dt.date]:
    """The period choice for the tax year before this one (wholly past), and its first day."""
    year = tax_year_of(timezone.localdate()) - 1
    return {"period": f"tax-{year}"}, tax_year_bounds(year)[0]


def took_part(person, day: dt.date, hours: str = "2.00", *, team=None, title: str = "", kind=None, **fields):
    """`person` attended an activity on `day` (10am, UK time) for `hours`."""
    start = dt.datetime(day.year, day.month, day.day, 10, tzinfo=LONDON)
    activity = ActivityFactory(
        title=title or f"Test activity {next(NUMBERS)}",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        status="held",
        **({"team": team} if team else {}),
        **({"kind": kind} if kind else {}),
    )
    return ParticipationFactory(
        participant=person,
        activity=activity,
        status=Participation.Status.ACCEPTED,
        attendance=fields.pop("attendance", Participation.Attendance.ATTENDED),
        hours=Decimal(hours),
        **fields,
    )


def dates(first: dt.date, last: dt.date) -> dict:
    return {
        "date_from_day": first.day,
        "date_from_month": first.month,
        "date_from_year": first.year,
        "date_to_day": last.day,
        "date_to_month": last.month,
        "date_to_year": last.year,
    }


@pytest.fixture
def lead_user():
    return UserFactory(roles=[Role.INVOLVEMENT_LEAD], first_name="Indra", last_name="Lead-Test")


@pytest.fixture
def lead(lead_user):
    return signed_in(lead_user)


# --- who may open these pages ------------------------------------------------------------------


@pytest.mark.parametrize("role", [r for r in Role if r not in (Role.INVOLVEMENT_LEAD, Role.ADMIN)])
def test_other_roles_get_the_403_page(page_for, role):
    person = ParticipantFactory(name="Test Hidden Person")
    took_part(person, this_tax_year()[0])
    client = page_for(role)
    for path in (TOTALS, f"{TOTALS}people/{person.pk}/", f"{TOTALS}people/{person.pk}/certificate.pdf"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "Hours of involvement are for the involvement team." in text(response)
        assert "Test Hidden Person" not in text(response)


def test_a_person_who_is_not_there_is_404(lead):
    assert lead.get(f"{TOTALS}people/999999/").status_code == 404
    assert lead.get(f"{TOTALS}people/999999/certificate.pdf").status_code == 404


def test_the_menu_offers_hours_to_leads(lead, page_for):
    assert f'href="{TOTALS}"' in text(lead.get("/"))
    assert f'href="{TOTALS}"' not in text(page_for(Role.FINANCE).get("/"))


# --- the totals --------------------------------------------------------------------------------


def test_totals_per_team_and_person_for_this_tax_year_by_default(lead):
    first, last = this_tax_year()
    north, south = TeamFactory(name="Test North Team"), TeamFactory(name="Test South Team")
    ada, ben = ParticipantFactory(name="Test Ada Hours"), ParticipantFactory(name="Test Ben Hours")
    took_part(ada, first, "2.50", team=north)
    took_part(ada, first + dt.timedelta(days=30), "1.50", team=south)
    took_part(ben, last, "3.00", team=north)
    took_part(ben, first - dt.timedelta(days=1), "7.00", team=north)  # the tax year before
    took_part(ben, first + dt.timedelta(days=2), "9.00", team=north, attendance="no_show")
    took_part(ben, first + dt.timedelta(days=3), "9.00", team=north, attendance="unknown")

    page = main(lead.get(TOTALS))
    assert f"The tax year {tax_year_label(tax_year_of(first))}" in page
    summary = page.split("nhsuk-summary-list", 1)[1].split("</dl>", 1)[0]
    assert "7 hours" in summary and re.search(r"People who took part</dt>\s*<dd[^>]*>2<", summary)
    by_team = page.split("By team", 1)[1].split("</table>", 1)[0]
    assert re.search(r"Test North Team.*?2</td>.*?2</td>.*?5.5 hours", by_team, re.S)
    assert re.search(r"Test South Team.*?1</td>.*?1</td>.*?1.5 hours", by_team, re.S)
    assert by_team.index("Test North Team") < by_team.index("Test South Team")  # most hours first
    by_person = page.split("By person", 1)[1]
    assert re.search(r"Test Ada Hours</a>.*?2</td>.*?4 hours", by_person, re.S)
    assert re.search(r"Test Ben Hours</a>.*?1</td>.*?3 hours", by_person, re.S)
    assert by_person.index("Test Ada Hours") < by_person.index("Test Ben Hours")

    page = main(lead.get(TOTALS, {"team": north.pk, "q": "ben"}))
    by_person = page.split("By person", 1)[1]
    assert "Test Ben Hours" in by_person and "Test Ada Hours" not in by_person
    assert "By team" not in page  # one team chosen: its totals are the summary


def test_a_quarter_or_two_days_chosen(lead):
    person = ParticipantFactory(name="Test Quarter Person")
    today = timezone.localdate()
    took_part(person, today, "1.25", title="Test Today Session")
    took_part(person, today - dt.timedelta(days=400), "4.00", title="Test Long Ago Session")

    response = lead.get(TOTALS)
    options = re.findall(r'<option value="(quarter-[^"]+)"', text(response))
    assert len(options) == 8
    page = main(lead.get(TOTALS, {"period": options[0]}))
    assert "1.25 hours" in page and "4 hours" not in page

    long_ago = today - dt.timedelta(days=400)
    page = main(lead.get(TOTALS, dates(long_ago, long_ago)))
    assert f"{long_ago.day} {long_ago:%B %Y} to {long_ago.day} {long_ago:%B %Y}" in page
    assert re.search(r"Test Quarter Person</a>.*?4 hours", page, re.S)


def test_bad_days_show_the_error_summary_and_keep_what_was_typed(lead):
    response = lead.get(TOTALS, {"date_from_day": "30", "date_from_month": "2", "date_from_year": "2026"})
    assert response.status_code == 400
    body = text(response)
    assert "<title>Error: " in body and '<a href="#id_date_from">' in body
    assert "The first day must be a real date" in body
    assert 'name="date_from_day" type="text" inputmode="numeric" value="30"' in body
    # The page still shows this tax year's totals.
    assert f"The tax year {tax_year_label(tax_year_of(timezone.localdate()))}" in body

    response = lead.get(TOTALS, {"date_from_day": "1", "date_from_month": "2", "date_from_year": "2026"})
    assert response.status_code == 400 and '<a href="#id_date_to">' in text(response)
    assert "Enter the last day as well" in text(response)

    response = lead.get(TOTALS, dates(dt.date(2026, 3, 1), dt.date(2026, 2, 1)))
    assert response.status_code == 400 and "The last day must be the same as or after the first day" in text(
        response
    )
    assert lead.get(TOTALS, {"period": "tax-1850"}).status_code == 400


# --- a person and their certificate --------------------------------------------------------------


def test_a_persons_page_and_certificate_list_their_activities_and_hours(lead):
    query, first = last_tax_year()
    kind = ActivityKindFactory(code=f"hours-kind-{next(NUMBERS)}", name="Test Interview Panel Kind")
    person = ParticipantFactory(name="Test Certificate Person", email="cert.person@test.example")
    took_part(person, first + dt.timedelta(days=10), "2.50", title="Test Recruitment Panel", kind=kind)
    took_part(person, first + dt.timedelta(days=40), "1.75", title="Test Leaflet Review")
    took_part(
        ParticipantFactory(), first + dt.timedelta(days=10), "9.00", title="Test Someone Else's Session"
    )

    page = main(lead.get(f"{TOTALS}people/{person.pk}/", query))
    assert "Test Certificate Person" in page and "4.25 hours" in page
    assert "Test Recruitment Panel" in page and "Test Interview Panel Kind" in page
    assert "Test Someone Else" not in page
    assert f'href="{TOTALS}people/{person.pk}/certificate.pdf?period=tax-' in page

    response = lead.get(f"{TOTALS}people/{person.pk}/certificate.pdf", query)
    assert response.status_code == 200
    assert 'filename="certificate-of-involvement-test-certificate-person-' in response["Content-Disposition"]
    words = pdf_text(response)
    for expected in (
        "Certificate of involvement",
        "Test Certificate Person",
        "4.25 hours",
        "2 activities",
        "Test Recruitment Panel",
        "Test Leaflet Review",
        "Test Interview Panel Kind",
        "Signed off by Indra Lead-Test",
        "Demo NHS Foundation Trust",
        f"{first.day} {first:%B %Y}",
    ):
        assert expected in words, expected
    assert "Test Someone Else" not in words and "cert.person@test.example" not in words


def test_the_certificate_covers_the_period_chosen(lead):
    person = ParticipantFactory(name="Test Period Person")
    took_part(person, dt.date(2025, 5, 1), "2.00", title="Test May Session")
    took_part(person, dt.date(2025, 7, 1), "3.00", title="Test July Session")
    query = dates(dt.date(2025, 6, 1), dt.date(2025, 7, 31))
    page = main(lead.get(f"{TOTALS}people/{person.pk}/", query))
    assert "certificate.pdf?date_from_day=1&amp;date_from_month=6" in page
    words = pdf_text(lead.get(f"{TOTALS}people/{person.pk}/certificate.pdf", query))
    assert "Test July Session" in words and "Test May Session" not in words
    assert "1 June 2025 to 31 July 2025" in words and "3 hours" in words


def test_a_participant_downloads_their_own_certificate(participant, participant_page, page_for):
    took_part(participant, dt.date(2025, 5, 1), "2.00", title="Test Own Session")
    took_part(ParticipantFactory(), dt.date(2025, 5, 1), "5.00", title="Test Other Session")
    page = text(participant_page.get("/involvement/hours/"))
    assert 'href="/involvement/hours/certificate.pdf"' in page
    words = pdf_text(participant_page.get("/involvement/hours/certificate.pdf"))
    assert "Rowan Testperson" in words and "Test Own Session" in words and "2 hours" in words
    assert "Test Other Session" not in words
    assert "Produced from the involvement team's records" in words and "Signed off" not in words
    assert (
        page_for(Role.PARTICIPANT).get("/involvement/hours/certificate.pdf").status_code == 403
    )  # not linked
    assert page_for(Role.HR).get("/involvement/hours/certificate.pdf").status_code == 403


# --- query counts --------------------------------------------------------------------------------


def _people(count: int, team) -> None:
    first, _ = this_tax_year()
    for _ in range(count):
        person = ParticipantFactory()
        took_part(person, first + dt.timedelta(days=1), team=team)
        took_part(person, first + dt.timedelta(days=2), team=TeamFactory())


def test_the_totals_ask_the_same_number_of_queries_for_3_people_as_for_30(
    lead, django_assert_max_num_queries
):
    team = TeamFactory()
    _people(3, team)
    with CaptureQueriesContext(connection) as few:
        assert lead.get(TOTALS).status_code == 200
    _people(27, team)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = lead.get(TOTALS)
    assert 'aria-label="Page 2"' in text(response)
    assert len(few.captured_queries) <= 12


def test_a_persons_pages_ask_the_same_number_of_queries_for_3_activities_as_for_30(lead):
    person = ParticipantFactory()
    query, first = last_tax_year()
    for index in range(3):
        took_part(person, first + dt.timedelta(days=index))
    counts = {}
    for path in (f"{TOTALS}people/{person.pk}/", f"{TOTALS}people/{person.pk}/certificate.pdf"):
        with CaptureQueriesContext(connection) as few:
            assert lead.get(path, query).status_code == 200
        counts[path] = len(few)
    for index in range(27):
        took_part(person, first + dt.timedelta(days=3 + index))
    for path, count in counts.items():
        with CaptureQueriesContext(connection) as many:
            response = lead.get(path, query)
        assert len(many) == count, path
        assert "30 activities" in (pdf_text(response) if path.endswith(".pdf") else main(response))


def test_a_certificate_for_this_tax_year_ends_today(lead):
    person = ParticipantFactory(name="Test Today Person")
    today = timezone.localdate()
    took_part(person, today, "1.00", title="Test Today Session")
    words = pdf_text(lead.get(f"{TOTALS}people/{person.pk}/certificate.pdf"))
    first, _ = this_tax_year()
    assert f"from {first.day} {first:%B %Y} to {today.day} {today:%B %Y}" in words
    assert "Test Today Session" in words
