"""The recruitment and equality reports in the browser: who may open them, that every figure is the
API's for the same choices and the download's, that a suppressed figure never shows (not even by
taking the shown groups away from the total beside them), mistakes in the dates, and the queries
asked, the same for 3 applications as for 30."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from dateutil.relativedelta import relativedelta
from django.test import Client
from django.utils import timezone

from accounts.roles import Role
from recruitment.models import Application
from tests.conftest import client_for_user
from tests.disclosure.auditor import ABSENT
from tests.disclosure.collector import TRUST, Collector
from tests.factories import TeamFactory, UserFactory
from tests.recruitment.factories import ApplicationFactory, VacancyFactory
from tests.recruitment.report_data import applicants
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db

BASE = "/recruitment/reports/"
EQUALITY = f"{BASE}equality/"
API = "/api/v1/recruitment/reports/"
SHOWN_AS = {"Suppressed": None, "No figure": ""}


# --- reading the page ----------------------------------------------------------------------------


class _Tables(HTMLParser):
    """Every table in <main>: its caption and its rows of cell texts, without the headings a narrow
    screen shows beside each figure."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self._in_main = False
        self._skip = 0
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self._in_main = True
        if not self._in_main:
            return
        if self._skip or (tag == "span" and "nhsuk-table__heading" in (attrs.get("class") or "")):
            self._skip += tag == "span"
            return
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "caption":
            self._caption = []
        elif tag == "tr":
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "main":
            self._in_main = False
        if self._skip:
            self._skip -= tag == "span"
            return
        if tag == "caption" and self._caption is not None:
            self.tables[-1]["caption"] = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1]["rows"][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._skip:
            return
        if self._caption is not None:
            self._caption.append(data)
        elif self._cell is not None:
            self._cell.append(data)


def tables(response) -> dict[str, list[list[str]]]:
    """caption -> rows (the heading row first)."""
    parser = _Tables()
    parser.feed(response.content.decode())
    return {table["caption"]: table["rows"] for table in parser.tables}


def body_rows(response, caption: str) -> dict[str, list[str]]:
    """One table's rows after the headings: the row's name -> its cells."""
    rows = tables(response)[caption]
    return {row[0]: row[1:] for row in rows[1:]}


def main_text(response) -> str:
    body = response.content.decode().split('id="maincontent"', 1)[1].split("</main>", 1)[0]
    body = re.sub(r'<span class="nhsuk-table__heading" aria-hidden="true">[^<]*</span>', "", body)
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def whole_month(first: dt.date) -> tuple[dt.date, dt.date]:
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def this_month() -> tuple[dt.date, dt.date]:
    return whole_month(timezone.localdate().replace(day=1))


def page_query(first: dt.date, last: dt.date, **extra) -> dict:
    query = {}
    for name, day in (("date_from", first), ("date_to", last)):
        query.update({f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year})
    return {**query, **extra}


def api_query(first: dt.date, last: dt.date, **extra) -> dict:
    return {"from": first.isoformat(), "to": last.isoformat(), **extra}


def as_shown(value, *, rate: bool = False, denominator=1) -> str | None:
    """What the page shows for a figure of the API's equality report (None: "Suppressed")."""
    if rate and denominator == 0:
        return ""
    if value is None:
        return None
    return f"{value:.3f}" if rate else str(value)


def page_figures(cells: list[str]) -> list[str | None]:
    return [SHOWN_AS.get(cell, cell) for cell in cells]


# --- the data ---------------------------------------------------------------------------------------


@pytest.fixture
def hr():
    return UserFactory(roles=[Role.HR])


@pytest.fixture
def data(hr):
    """Two vacancies: the first with 17 applicants (two small ethnic groups that hide each other, one
    hired), the second (another hiring manager's) with 2 internal moves and an adjustment asked."""
    mine = VacancyFactory(title="Test Peer Support Worker")
    theirs = VacancyFactory(title="Test Peer Trainer")
    white = applicants(
        mine, hr, count=9, equality={"ethnic_group": "white", "sex": "male"}, shortlisted=8, hired=1
    )
    asian = applicants(mine, hr, count=3, equality={"ethnic_group": "asian", "sex": "female"})
    black = applicants(
        mine, hr, count=5, equality={"ethnic_group": "black", "sex": "female", "disabled": "yes"}
    )
    applicants(
        theirs, hr, count=2, equality={}, source=Application.Source.INTERNAL_MOVE, adjustments=["Extra time"]
    )
    return {"mine": mine, "theirs": theirs, "applications": white + asian + black}


# --- who may open the pages -------------------------------------------------------------------------


def test_hr_sees_both_reports_and_their_downloads(data, hr):
    page = signed_in(hr)
    for path in (BASE, EQUALITY):
        response = page.get(path)
        assert response.status_code == 200, path
        assert "Download these figures (CSV spreadsheet)" in main_text(response)
        assert 'aria-label="Recruitment reports"' in response.content.decode()  # the two reports' links
    for path in (f"{BASE}recruitment.csv", f"{BASE}equality.csv"):
        response = page.get(path)
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment" in response["Content-Disposition"]


def test_a_hiring_manager_sees_the_recruitment_report_for_their_own_vacancies_only(data):
    manager = signed_in(data["mine"].hiring_manager)
    response = manager.get(BASE)
    assert response.status_code == 200
    assert "for the vacancies you are hiring for" in main_text(response)
    assert body_rows(response, "In this period")["Applications made"] == ["17"]
    assert body_rows(response, "Applications by where they came from")["Internal move"][0] == "0"
    # Only their vacancy to choose; another's is refused as the API refuses it.
    assert "Test Peer Support Worker" in response.content.decode()
    assert "Test Peer Trainer" not in response.content.decode()
    refused = manager.get(BASE, {"vacancy": data["theirs"].pk})
    assert refused.status_code == 400
    assert "Choose a vacancy from the list" in main_text(refused)
    assert manager.get(f"{BASE}recruitment.csv", {"vacancy": data["theirs"].pk}).status_code == 400
    # No equality report for them, and no link to it.
    assert 'aria-label="Recruitment reports"' not in response.content.decode()
    for path in (EQUALITY, f"{BASE}equality.csv"):
        forbidden = manager.get(path)
        assert forbidden.status_code == 403, path
        assert "Only HR can see equality monitoring reports." in forbidden.content.decode()


@pytest.mark.parametrize(
    "role",
    [
        Role.LINE_MANAGER,
        Role.PEER_WORKER,
        Role.PARTICIPANT,
        Role.BOARD_MEMBER,
        Role.FINANCE,
        Role.INVOLVEMENT_LEAD,
    ],
)
def test_everyone_else_gets_the_403_page(page_for, role):
    page = page_for(role)  # a line manager hiring for nothing has no report either
    for path in (BASE, f"{BASE}recruitment.csv", EQUALITY, f"{BASE}equality.csv"):
        assert page.get(path).status_code == 403, path
    assert "Only HR and hiring managers can see recruitment reports." in page.get(BASE).content.decode()


def test_someone_not_signed_in_is_sent_to_sign_in(db):
    for path in (BASE, EQUALITY, f"{BASE}equality.csv"):
        response = Client().get(path)
        assert response.status_code == 302 and "/sign-in/" in response["Location"], path


def test_the_menu_offers_reports_to_hr_and_hiring_managers_only(data, hr, page_for):
    link = f'href="{BASE}"'
    assert link in signed_in(hr).get("/").content.decode()
    assert link in signed_in(data["mine"].hiring_manager).get("/").content.decode()
    assert link not in page_for(Role.LINE_MANAGER).get("/").content.decode()
    assert link not in page_for(Role.PEER_WORKER).get("/").content.decode()


# --- the recruitment report: the API's figures, and the download's ------------------------------------


def _percent(rate) -> str:
    return "No figure" if rate is None else f"{rate * 100:.1f}%"


def _days(value) -> str:
    return "No figure" if value is None else f"{value:.1f}"


def assert_page_matches_api(response, body: dict) -> None:
    """Every figure of the page against the API's JSON, written out here rather than by the builder."""
    assert body_rows(response, "In this period") == {
        "Applications made": [str(body["applications"])],
        "Applications from people on the involvement register": [
            str(next(r["applications"] for r in body["by_source"] if r["source"] == "involvement_register"))
        ],
        "Vacancies that opened": [str(body["lead_times"]["vacancies"])],
    }
    steps = ("shortlisted", "interviewed", "offered", "hired")
    assert body_rows(response, "Applications by where they came from") == {
        r["label"]: [str(r["applications"]), *(str(r[step]) for step in steps)] for r in body["by_source"]
    }
    assert body_rows(response, "Share of applications that got each step further, by source") == {
        r["label"]: [_percent(r[f"{step}_rate"]) for step in steps] for r in body["by_source"]
    }
    lead = body["lead_times"]
    assert body_rows(response, "Days from the advert opening") == {
        name: [str(lead[key]["vacancies"]), _days(lead[key]["mean_days"]), _days(lead[key]["median_days"])]
        for key, name in (
            ("advert_to_offer", "The first offer"),
            ("advert_to_start", "The start date of the first accepted offer"),
        )
    }
    assert body_rows(response, "Days in each stage") == {
        r["name"]: [str(r["left"]), _days(r["mean_days"]), _days(r["median_days"])]
        for r in body["time_in_stage"]
    }
    adjustments = body["adjustments"]
    assert body_rows(response, "Adjustments asked for in the recruitment process") == {
        "Asked for": [str(adjustments["asked"])],
        "Provided": [str(adjustments["provided"])],
        "Not provided": [str(adjustments["not_provided"])],
        "Not decided yet": [str(adjustments["undecided"])],
        "Applications that asked for at least one": [str(adjustments["applications"])],
        "Share of adjustments provided": [_percent(adjustments["share_provided"])],
    }


def test_the_recruitment_report_shows_the_apis_figures_for_the_same_choices(data, hr):
    page, api = signed_in(hr), client_for_user(hr)
    response = page.get(BASE)
    body = api.get(f"{API}analytics").json()
    assert body["applications"] == 19 and body["time_in_stage"]  # the data has something in every table
    assert_page_matches_api(response, body)
    first, last = this_month()
    narrowed = page.get(BASE, page_query(first, last, vacancy=data["theirs"].pk))
    assert narrowed.status_code == 200
    assert "For the vacancy Test Peer Trainer" in main_text(narrowed)
    assert_page_matches_api(
        narrowed, api.get(f"{API}analytics", api_query(first, last, vacancy=data["theirs"].pk)).json()
    )
    team = data["mine"].team
    by_team = page.get(BASE, page_query(first, last, team=team.pk))
    assert f"{team.name} and the teams under it" in main_text(by_team)
    assert_page_matches_api(by_team, api.get(f"{API}analytics", api_query(first, last, team=team.pk)).json())
    # A hiring manager's page is the API's answer to them.
    manager = data["mine"].hiring_manager
    assert_page_matches_api(
        signed_in(manager).get(BASE), client_for_user(manager).get(f"{API}analytics").json()
    )


def test_the_recruitment_download_has_the_pages_figures(data, hr):
    page = signed_in(hr)
    first, last = this_month()
    query = page_query(first, last, vacancy=data["mine"].pk)
    shown = tables(page.get(BASE, query))
    rows = csv_rows(page.get(f"{BASE}recruitment.csv", query))
    assert rows[0] == ["Recruitment report", f"{first.isoformat()} to {last.isoformat()}"]
    assert rows[1][0] == "For" and "Test Peer Support Worker" in rows[1][1]
    for caption, table in shown.items():
        at = rows.index([caption])
        sheet = rows[at + 1 : at + 1 + len(table)]
        on_page = [[cell if cell != "No figure" else "" for cell in row] for row in table]
        assert sheet == on_page, caption
    notes = [row[1] for row in rows if row and row[0] == "Note"]
    assert any("exact" in note for note in notes)


def test_the_recruitment_report_shows_no_one(data, hr):
    text = main_text(signed_in(hr).get(BASE))
    for application in data["applications"]:
        assert application.applicant_name not in text
        assert application.email not in text
    for word in ("ethnic", "White", "disab"):
        assert word not in text


# --- the equality report: the API's figures, the download, suppression -------------------------------


def assert_equality_matches_api(response, body: dict) -> None:
    """Every cell of the page is the API's figure; null shows as Suppressed, a rate with nothing to
    divide by as No figure."""

    def expected(group: dict) -> list[str | None]:
        return [
            as_shown(group["applicants"]),
            as_shown(group["shortlisted"]),
            as_shown(group["appointed"]),
            as_shown(group["shortlisting_rate"], rate=True, denominator=group["applicants"]),
            as_shown(group["appointment_likelihood"], rate=True, denominator=group["shortlisted"]),
        ]

    shown = tables(response)
    assert page_figures(shown["All applicants"][1][1:]) == expected(body["total"])
    for characteristic in body["characteristics"]:
        rows = {row[0]: page_figures(row[1:]) for row in shown[characteristic["label"]][1:]}
        assert rows == {group["label"]: expected(group) for group in characteristic["groups"]}, (
            characteristic["label"]
        )
    comparisons = {
        row[0]: row[1:] for row in shown["Relative likelihood of appointment from shortlisting"][1:]
    }
    for key, label in (("ethnicity", "Ethnicity"), ("disability", "Disability")):
        comparison = body["relative_likelihood"][key]
        first, second = comparison["first_group"], comparison["second_group"]
        likelihoods = page_figures([comparisons[label][1], comparisons[label][3]])
        assert likelihoods == [
            as_shown(first["appointment_likelihood"], rate=True, denominator=first["shortlisted"]),
            as_shown(second["appointment_likelihood"], rate=True, denominator=second["shortlisted"]),
        ], key
        ratio = comparison["relative_likelihood"]
        # Suppressed with a suppressed likelihood; otherwise None is nothing to divide by.
        expected_ratio = f"{ratio:.3f}" if ratio is not None else None if None in likelihoods else ""
        assert page_figures([comparisons[label][4]])[0] == expected_ratio, key


def test_the_equality_report_shows_the_apis_figures_and_its_download_is_the_apis_file(data, hr):
    page, api = signed_in(hr), client_for_user(hr)
    response = page.get(EQUALITY)
    assert response.status_code == 200
    first, last = this_month()
    body = api.get(f"{API}equality", api_query(first, last)).json()
    assert body["total"]["applicants"] == 20 and body["total"]["appointed"] is None  # 19; one hired: hidden
    # The default period is the last twelve whole months; the API's for the same months is the same.
    default = api.get(f"{API}equality").json()
    assert f"{timezone.localdate().year}" in main_text(response)
    assert_equality_matches_api(response, default)
    for query in ({}, {"vacancy": data["mine"].pk}, {"team": data["mine"].team.pk}):
        on_page = page.get(EQUALITY, page_query(first, last, **query))
        assert on_page.status_code == 200
        assert_equality_matches_api(
            on_page, api.get(f"{API}equality", api_query(first, last, **query)).json()
        )
        sheet = page.get(f"{BASE}equality.csv", page_query(first, last, **query))
        from_api = api.get(f"{API}equality.csv", api_query(first, last, **query))
        assert sheet.content == from_api.content, query
        assert sheet["Content-Disposition"] == from_api["Content-Disposition"]


COMPARISON_GROUPS = {
    "Ethnicity": (("ethnic_group", "white"), ("ethnic_group", "bme")),
    "Disability": (("disabled", "no"), ("disabled", "yes")),
}
MEASURES = ("applicants", "shortlisted", "appointed")
RATES = (("shortlisted", "applicants"), ("appointed", "shortlisted"))


def audit_pages(pages: dict, known: dict, *, label: str):
    """The disclosure audit (tests/disclosure) of exactly what the equality pages show: each table's
    counts and rates, and the comparisons' likelihoods (whose counts no page shows); with what HR knows
    beforehand (how many applied to each vacancy), and the relations between every count."""
    from recruitment.models import EqualityMonitoring as EM

    answer = {
        characteristic: {label: value for value, label in choices.choices}
        for characteristic, choices in (
            ("ethnic_group", EM.EthnicGroup),
            ("disabled", EM.YesNo),
            ("sex", EM.Sex),
            ("age_band", EM.AgeBand),
            ("lgb_plus", EM.YesNo),
            ("gender_same_as_at_birth", EM.YesNo),
        )
    }
    captions = {
        "Ethnic group": "ethnic_group",
        "Disabled": "disabled",
        "Sex": "sex",
        "Age band": "age_band",
        "Lesbian, gay, bisexual or another sexual orientation": "lgb_plus",
        "Gender the same as at birth": "gender_same_as_at_birth",
    }
    collector = Collector(today=timezone.localdate(), directorates={}, mandatory_courses=0)
    pub = collector.publication
    for scope, response in pages.items():
        collector.equality.add((scope, label))
        if scope != TRUST:
            collector.vacancies.add(scope[1])
        shown = tables(response)
        total_shown = shown["All applicants"][1][1] != "Suppressed"

        def key(group, measure, scope=scope):
            return ("eq", scope, label, *group, measure)

        def count(text):
            return None if text == "Suppressed" else int(text)

        def row(group, cells, where, total_shown=total_shown, key=key, count=count):
            figures = dict(zip(MEASURES, (count(text) for text in cells[:3]), strict=True))
            for measure, value in figures.items():
                if value is None:
                    everyone = group == ("all", "all") and (measure == "applicants" or total_shown)
                    pub.hidden(key(group, measure), where=where, low=1 if everyone else 0)
                else:
                    pub.shown(key(group, measure), value, where=where)
            for (top, bottom), text in zip(RATES, cells[3:], strict=True):
                if text not in SHOWN_AS:
                    pub.rate(
                        key(group, top),
                        figures[top],
                        key(group, bottom),
                        figures[bottom],
                        Decimal(text),
                        where=f"{where} {top}/{bottom}",
                        scale=1,
                        places=3,
                        paired=False,
                    )

        row(("all", "all"), shown["All applicants"][1][1:], f"{scope}: all applicants")
        for caption, characteristic in captions.items():
            for cells in shown[caption][1:]:
                group = (characteristic, answer[characteristic][cells[0]])
                row(group, cells[1:], f"{scope}: {group}")
        for cells in shown["Relative likelihood of appointment from shortlisting"][1:]:
            for group, text in zip(COMPARISON_GROUPS[cells[0]], (cells[2], cells[4]), strict=True):
                if text not in SHOWN_AS:  # a likelihood shown without its counts
                    pub.rate(
                        key(group, "appointed"),
                        ABSENT,
                        key(group, "shortlisted"),
                        ABSENT,
                        Decimal(text),
                        where=f"{scope}: {group} likelihood",
                        scale=1,
                        places=3,
                        paired=False,
                    )
    for scope, applied in known.items():
        collector.vacancies.add(scope[1])  # the trust's applications are its vacancies'
        pub.known(("eq", scope, label, "all", "all", "applicants"), applied, where="HR's applications list")
    return collector.relate().audit()


def leaks(shown: dict[str, list[list[str]]]) -> list[str]:
    """What a reader could learn from the equality page's tables by looking and subtracting: a count
    from 1 to 7 or not rounded; a characteristic with one lone hidden group beside a shown total (the
    total less the shown groups would be its number); a group shown holding everyone (each person's
    answer)."""
    found = []
    captions = [c for c in shown if c != "Relative likelihood of appointment from shortlisting"]
    for caption in captions:
        heading, *rows = shown[caption]
        assert heading[1:4] == ["Applicants", "Shortlisted", "Appointed"], caption
        for row in rows:
            for cell in row[1:4]:
                if cell != "Suppressed" and not (int(cell) == 0 or (int(cell) > 7 and int(cell) % 5 == 0)):
                    found.append(f"{caption}, {row[0]}: {cell} shown")
    total = shown["All applicants"][1][1:4]
    for caption in captions:
        if caption == "All applicants":
            continue
        for column, measure in enumerate(("applicants", "shortlisted", "appointed")):
            cells = {row[0]: row[1 + column] for row in shown[caption][1:]}
            hidden = [group for group, cell in cells.items() if cell == "Suppressed"]
            if total[column] != "Suppressed" and len(hidden) == 1:
                found.append(f"{caption}, {measure}: {hidden[0]} is the total less the others")
            others = [group for group, cell in cells.items() if cell != "0"]
            if (
                total[column] not in ("0", "Suppressed")
                and len(others) == 1
                and cells[others[0]] != "Suppressed"
            ):
                found.append(f"{caption}, {measure}: everyone is {others[0]}")
    return found


def test_a_suppressed_figure_never_shows_nor_can_be_worked_out_from_the_total_beside_it(data, hr):
    first, last = this_month()
    response = signed_in(hr).get(EQUALITY, page_query(first, last))
    text = main_text(response)
    shown = tables(response)
    # Primary: the 3 Asian and 5 Black applicants are hidden; the 9 white show as 10.
    ethnic = {row[0]: row[1:] for row in shown["Ethnic group"][1:]}
    assert ethnic["White"][0] == "10"
    assert ethnic["Asian or Asian British"][0] == "Suppressed"
    assert ethnic["Black, Black British, Caribbean or African"][0] == "Suppressed"
    assert "Suppressed: between 1 and 7 people, or held back" in text
    assert leaks(shown) == []
    # And the audit (tests/disclosure): however the figures on the page are combined, with the relations
    # between them and what HR knows beforehand (how many applied to each vacancy), every hidden count
    # keeps at least five possible values. The same for each vacancy's page on its own.
    hr_page = signed_in(hr)
    label = f"{first:%Y-%m}"
    known = {("vacancy", data["mine"].pk): 17, ("vacancy", data["theirs"].pk): 2}
    result = audit_pages({TRUST: response}, known, label=label)
    assert not result.findings, result.report()
    for vacancy in (data["mine"], data["theirs"]):
        scope = ("vacancy", vacancy.pk)
        alone = hr_page.get(EQUALITY, page_query(first, last, vacancy=vacancy.pk))
        result = audit_pages({scope: alone}, {scope: known[scope]}, label=label)
        assert not result.findings, result.report()
    # Never anyone's answers.
    for application in data["applications"]:
        assert application.applicant_name not in text and application.email not in text


def test_the_checks_would_catch_a_page_without_the_rules_beyond_the_first(data, hr, monkeypatch):
    """Without secondary suppression and the zeros rule, one vacancy's page gives a group away."""
    from accounts import disclosure
    from recruitment.selectors import equality

    def primary_only(counts, relations):
        return {key: disclosure.disclose_count(value) for key, value in counts.items()}

    monkeypatch.setattr(equality, "protect", primary_only)
    monkeypatch.setattr(equality, "_zeros_hidden_beside_hidden", lambda shown, relations: shown)
    first, last = this_month()
    found = leaks(tables(signed_in(hr).get(EQUALITY, page_query(first, last, vacancy=data["mine"].pk))))
    assert "Disabled, applicants: Yes is the total less the others" in found
    assert "Age band, applicants: everyone is Prefer not to say" in found


def test_a_very_small_report_shows_nothing_at_all(hr):
    vacancy = VacancyFactory()
    for answers in ({"ethnic_group": "white"}, {"ethnic_group": "asian"}):
        ApplicationFactory(vacancy=vacancy, equality=answers)
    first, last = this_month()
    response = signed_in(hr).get(EQUALITY, page_query(first, last, vacancy=vacancy.pk))
    assert response.status_code == 200
    shown = tables(response)
    for caption, rows in shown.items():
        if caption == "Relative likelihood of appointment from shortlisting":
            continue
        for row in rows[1:]:
            assert set(row[1:4]) == {"Suppressed"}, (caption, row)
    assert not re.search(
        r"\b[1-7]\b", " ".join(cell for rows in shown.values() for row in rows for cell in row)
    )


def test_a_period_with_no_applications_says_so(hr):
    first, last = whole_month(dt.date(2020, 1, 1))
    response = signed_in(hr).get(EQUALITY, page_query(first, last))
    assert response.status_code == 200
    assert "No one applied in this period, so there is nothing to report." in main_text(response)


# --- mistakes in the choices --------------------------------------------------------------------------


def test_a_date_that_is_not_a_date_gets_the_error_summary_and_no_figures(hr):
    page = signed_in(hr)
    bad = {"date_from_day": "31", "date_from_month": "2", "date_from_year": "2026"}
    for path in (BASE, EQUALITY):
        response = page.get(path, bad)
        assert response.status_code == 400, path
        content = response.content.decode()
        assert "<title>Error: " in content
        assert "nhsuk-error-summary" in content and 'href="#id_date_from"' in content
        assert "The first day must be a real date" in main_text(response)
        assert 'value="31"' in content  # what they typed is kept
        assert "Download these figures" not in content
    half = page.get(BASE, {"date_from_day": "1", "date_from_month": "", "date_from_year": "2026"})
    assert "The first day must include a day, month and year" in main_text(half)
    backwards = page.get(BASE, page_query(dt.date(2026, 3, 1), dt.date(2026, 2, 28)))
    assert backwards.status_code == 400
    assert "The last day must be the same as or after the first day" in main_text(backwards)


def test_an_equality_report_must_cover_whole_months(hr):
    page = signed_in(hr)
    response = page.get(EQUALITY, page_query(dt.date(2026, 1, 15), dt.date(2026, 2, 28)))
    assert response.status_code == 400
    assert "Equality reports cover whole months: start on the first day of a month." in main_text(response)
    assert 'href="#id_date_from"' in response.content.decode()
    assert "Relative likelihood" not in main_text(response).split("Choose what the report covers")[1]
    ending = page.get(EQUALITY, page_query(dt.date(2026, 1, 1), dt.date(2026, 2, 20)))
    assert (
        "end on the last day of a month" in main_text(ending)
        and 'href="#id_date_to"' in ending.content.decode()
    )
    assert (
        page.get(f"{BASE}equality.csv", page_query(dt.date(2026, 1, 15), dt.date(2026, 2, 28))).status_code
        == 400
    )
    # The recruitment report takes any days.
    assert page.get(BASE, page_query(dt.date(2026, 1, 15), dt.date(2026, 2, 20))).status_code == 200


def test_with_nothing_chosen_the_boxes_show_the_last_twelve_months(hr):
    today = timezone.localdate()
    response = signed_in(hr).get(BASE)
    content = response.content.decode()
    start = today.replace(day=1) - relativedelta(months=11)
    assert f'name="date_from_month" type="text" inputmode="numeric" value="{start.month}"' in content
    assert f'name="date_to_year" type="text" inputmode="numeric" value="{today.year}"' in content
    assert f"1 {start:%B %Y} to" in main_text(response)


# --- queries ---------------------------------------------------------------------------------------------


def _more(vacancy, hr, count: int) -> None:
    applicants(
        vacancy,
        hr,
        count=count,
        equality={"ethnic_group": "mixed", "age_band": "25_34"},
        shortlisted=count // 2,
    )


@pytest.mark.parametrize("path", [BASE, EQUALITY, f"{BASE}recruitment.csv", f"{BASE}equality.csv"])
def test_a_report_asks_as_many_queries_for_30_applications_as_for_3(hr, path, django_assert_max_num_queries):
    vacancy = VacancyFactory()
    page = signed_in(hr)
    _more(vacancy, hr, 3)
    with django_assert_max_num_queries(20) as few:
        assert page.get(path).status_code == 200
    _more(VacancyFactory(team=TeamFactory()), hr, 27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert page.get(path).status_code == 200
