"""The board's pages: who may see them, what a bad period gets, and what the page, CSV and PDF show.

Figures are placed as snapshots (the cache the page reads), so each test knows what the board
should see; the demo-data test reads what the real metrics make of the synthetic demo.
"""

from __future__ import annotations

import csv
import html
import importlib
import importlib.util
import io
import itertools
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from charter.models import Commitment, Indicator, Snapshot, SnapshotBreakdown
from charter.periods import month_of, quarter_of, recent_quarters
from involvement.models import Participant, PartnerContact
from peers.models import PeerWorker
from recruitment.models import Application
from tests.factories import TEST_PASSWORD, DirectorateFactory

pytestmark = pytest.mark.django_db

BOARD = "/board/"


# --- helpers -----------------------------------------------------------------------------------


def this_quarter():
    return quarter_of(timezone.localdate())


def quarters():
    return recent_quarters(today=timezone.localdate(), count=8)


def snap(indicator: Indicator, period, *, value=None, numerator=None, denominator=None, rag="none"):
    snapshot, _ = Snapshot.objects.update_or_create(
        indicator=indicator,
        period_type=period.type,
        period=period.label,
        defaults={
            "period_start": period.start,
            "period_end": period.end,
            "numerator": numerator,
            "denominator": denominator,
            "value": None if value is None else Decimal(value),
            "suppressed": value is None,
            "rag": rag,
            "computed_at": timezone.now(),
        },
    )
    return snapshot


def fill_every_quarter(value="20", rag="green"):
    """A disclosed figure for every indicator in every quarter on the page, so nothing is computed."""
    for indicator in Indicator.objects.all():
        for quarter in quarters():
            snap(indicator, quarter, value=value, numerator=int(Decimal(value)), rag=rag)


@pytest.fixture
def board_client(client, make_user):
    client.force_login(make_user(Role.BOARD_MEMBER))
    return client


class Outline(HTMLParser):
    """Headings in document order, and every <svg> with its attributes and <title>s by id."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.svgs: list[dict[str, str]] = []
        self.texts_by_id: dict[str, str] = {}
        self._heading: list | None = None
        self._ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = [int(tag[1]), ""]
        if tag == "svg":
            self.svgs.append(attrs)
        self._ids.append(attrs.get("id", ""))
        if attrs.get("id"):
            self.texts_by_id.setdefault(attrs["id"], "")

    def handle_endtag(self, tag):
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and self._heading:
            self.headings.append((self._heading[0], " ".join(self._heading[1].split())))
            self._heading = None
        if self._ids:
            self._ids.pop()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_data(self, data):
        if self._heading is not None:
            self._heading[1] += data
        for element_id in self._ids:
            if element_id:
                self.texts_by_id[element_id] += data


def outline(content: bytes) -> Outline:
    parser = Outline()
    parser.feed(content.decode())
    return parser


# --- who may see it -------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [BOARD, f"{BOARD}dashboard.csv", f"{BOARD}pack.pdf"])
def test_anonymous_people_are_sent_to_the_board_sign_in_page(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/board/login/?next={path}"


def test_a_board_member_who_is_not_staff_signs_in_on_the_board_page(client, make_user):
    member = make_user(Role.BOARD_MEMBER, email="member@test.example")
    assert not member.is_staff  # the admin's own sign-in would turn this person away

    page = client.get("/board/login/?next=/board/")
    response = client.post(
        "/board/login/", {"username": "member@test.example", "password": TEST_PASSWORD, "next": "/board/"}
    )

    assert page.status_code == 200
    assert b'autocomplete="current-password"' in page.content
    assert response.status_code == 302
    assert response["Location"] == "/board/"
    assert client.get(BOARD).status_code == 200


def test_a_wrong_password_is_refused_with_a_message(client, make_user):
    make_user(Role.BOARD_MEMBER, email="member@test.example")

    response = client.post("/board/login/", {"username": "member@test.example", "password": "not-it"})

    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert client.get(BOARD).status_code == 302


def test_signing_out_ends_the_session(board_client):
    response = board_client.post("/board/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/board/login/"
    assert board_client.get(BOARD).status_code == 302


@pytest.mark.parametrize("role", [Role.HR, Role.INVOLVEMENT_LEAD, Role.PEER_WORKER, Role.PARTICIPANT, None])
@pytest.mark.parametrize("path", [BOARD, f"{BOARD}dashboard.csv", f"{BOARD}pack.pdf"])
def test_people_without_the_board_role_get_a_kind_403(client, make_user, role, path):
    client.force_login(make_user(*([role] if role else [])))

    response = client.get(path)

    assert response.status_code == 403
    assert b"You cannot see this page" in response.content
    assert "Trust board member" in response.content.decode()


@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.ADMIN])
def test_board_members_and_admins_see_the_dashboard(client, make_user, role):
    client.force_login(make_user(role))

    response = client.get(BOARD)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "no-store" in response["Cache-Control"]


def test_a_superuser_sees_the_dashboard(client, make_user):
    client.force_login(make_user(is_superuser=True, is_staff=True))

    assert client.get(BOARD).status_code == 200


# --- the period ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2026-28-Q1", "not a financial year"),
        ("2198-99-Q1", "has not started yet"),
        ("2026-27-Q5", "Give a quarter like 2026-27-Q3 or a month like 2026-11."),
        ("next quarter", "Give a quarter like"),
        ("2025-13", "has no month 13"),
    ],
)
@pytest.mark.parametrize("path", [BOARD, f"{BOARD}dashboard.csv", f"{BOARD}pack.pdf"])
def test_a_bad_period_gets_a_400_page_that_says_what_is_wrong(board_client, period, message, path):
    response = board_client.get(path, {"period": period})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert message in html.unescape(response.content.decode())
    assert f"?period={this_quarter().label}" in response.content.decode()


def test_the_page_defaults_to_this_quarter_and_offers_the_recent_periods(board_client):
    response = board_client.get(BOARD)
    content = response.content.decode()

    assert f'<option value="{this_quarter().label}" selected>' in content
    for quarter in quarters():
        assert f'<option value="{quarter.label}"' in content
    assert f'<option value="{month_of(timezone.localdate()).label}"' in content


def test_a_past_quarter_and_a_month_can_be_chosen(board_client):
    last_quarter = quarters()[-2]
    month = month_of(timezone.localdate())

    by_quarter = board_client.get(BOARD, {"period": last_quarter.label})
    by_month = board_client.get(BOARD, {"period": month.label})

    assert by_quarter.status_code == by_month.status_code == 200
    assert last_quarter.name in html.unescape(by_quarter.content.decode())
    assert month.name in by_month.content.decode()


# --- what the page shows -----------------------------------------------------------------------


def test_each_commitment_is_an_h2_with_its_indicators_as_h3s_in_order(board_client):
    commitments = list(Commitment.objects.filter(charter__is_current=True).order_by("number"))

    headings = outline(board_client.get(BOARD).content).headings

    levels = [level for level, _ in headings]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels)), headings
    h2s = [text for level, text in headings if level == 2]
    assert len(h2s) == 6
    for commitment, text in zip(commitments, h2s, strict=True):
        assert text == f"Commitment {commitment.number} {commitment.title}"
    h3s = [text for level, text in headings if level == 3]
    assert h3s == list(Indicator.objects.filter(is_active=True).values_list("name", flat=True))


def test_every_svg_is_an_image_with_an_accessible_name_and_every_chart_a_table(board_client):
    content = board_client.get(BOARD).content
    parsed = outline(content)

    charts = [svg for svg in parsed.svgs if "board-chart__svg" in svg.get("class", "")]
    assert len(charts) == Indicator.objects.filter(is_active=True).count()
    for svg in parsed.svgs:
        assert svg.get("role") == "img"
        names = [parsed.texts_by_id.get(i, "").strip() for i in svg.get("aria-labelledby", "").split()]
        assert svg.get("aria-label", "").strip() or any(names), svg
    for svg in charts:
        description = parsed.texts_by_id[svg["aria-describedby"]]
        assert "8 quarters from" in description and "Target" in description
    assert content.count(b"<caption") >= len(charts)
    assert content.count(b"Show the trend as a table") == len(charts)


def test_a_figure_shows_its_value_target_and_status_in_words(board_client):
    fill_every_quarter()
    training = Indicator.objects.get(key="mandatory_training_compliance")
    snap(training, this_quarter(), value="88.5", numerator=115, denominator=130, rag="amber")

    content = html.unescape(board_client.get(BOARD).content.decode())

    section = content[content.index('id="indicator-mandatory_training_compliance"') :]
    section = section[: section.index('class="nhsuk-card board-indicator"')]
    assert "88.5%" in section and "(115 of 130)" in section
    assert '<strong class="nhsuk-tag nhsuk-tag--yellow">Close to target</strong>' in section
    assert "95% or more (higher is better)" in section
    assert "On target" in content  # every other indicator


def test_a_suppressed_quarter_is_a_gap_with_a_marker_and_said_in_words(board_client):
    fill_every_quarter()
    in_post = Indicator.objects.get(key="peer_workers_in_post")
    snap(in_post, quarters()[3], value=None)  # 1 to 7 people: suppressed
    snap(in_post, this_quarter(), value=None)

    content = html.unescape(board_client.get(BOARD).content.decode())

    section = content[content.index('id="indicator-peer_workers_in_post"') :]
    section = section[: section.index("</details>")]
    chart = section[section.index("<svg") : section.index("</svg>")]
    assert chart.count('<path d="M') - chart.count('stroke="#d8dde0"') == 4  # axis, target, two line runs
    assert ">S</text>" in chart
    assert f"Suppressed: {quarters()[3].label[8:]} {quarters()[3].label[:7]}" in chart
    assert "This figure is suppressed" in section
    assert '<strong class="nhsuk-tag nhsuk-tag--grey">Suppressed</strong>' in section
    table = section[section.index("<table") :]
    assert table.count("Suppressed") == 2 and table.count("On target") == 6


def test_directorates_appear_only_where_a_figure_survived(board_client):
    fill_every_quarter()
    north, south = DirectorateFactory(name="Test North"), DirectorateFactory(name="Test South")
    in_post = Snapshot.objects.get(indicator__key="peer_workers_in_post", period=this_quarter().label)
    SnapshotBreakdown.objects.create(snapshot=in_post, directorate=north, numerator=15, value=Decimal(15))

    content = board_client.get(BOARD).content.decode()

    assert "Test North" in content
    assert "Test South" not in content and south.pk
    assert content.count("No directorate breakdown can be shown") == Indicator.objects.count() - 1


def test_the_page_prints_without_navigation_and_a_page_per_commitment(board_client):
    content = board_client.get(BOARD).content.decode()
    stylesheet = finders.find("charter/board.css")

    css = Path(stylesheet).read_text()
    print_rules = css[css.index("@media print") :]
    assert ".board-no-print" in print_rules and "display: none" in print_rules
    assert ".board-commitment + .board-commitment" in print_rules and "break-before: page" in print_rules
    assert 'class="nhsuk-header board-no-print"' in content
    assert 'class="nhsuk-header__navigation board-no-print"' in content


def test_the_nhs_frontend_is_served_from_here_and_nothing_is_fetched_from_elsewhere(board_client):
    response = board_client.get(BOARD)
    content = response.content.decode()

    assert finders.find("nhsuk/nhsuk-frontend.min.css"), "run `make install` (npm install) first"
    assert finders.find("nhsuk/nhsuk-frontend.min.js")
    assert 'href="/static/nhsuk/nhsuk-frontend.min.css"' in content
    assert "https://" not in content.split("<body", 1)[0]
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "font-src 'self'" in policy


def test_the_page_costs_a_bounded_number_of_queries_whatever_the_data(board_client):
    fill_every_quarter()
    board_client.get(BOARD)  # sessions, users, groups warmed
    with CaptureQueriesContext(connection) as few:
        board_client.get(BOARD)

    directorates = [DirectorateFactory() for _ in range(6)]
    for snapshot in Snapshot.objects.all():
        for directorate in directorates:
            SnapshotBreakdown.objects.create(
                snapshot=snapshot, directorate=directorate, numerator=20, value=Decimal(20)
            )
    with CaptureQueriesContext(connection) as many:
        response = board_client.get(BOARD)

    indicators = Indicator.objects.filter(is_active=True).count()
    assert response.content.decode().count(
        '<th class="nhsuk-table__header" scope="row">Test directorate'
    ) == (indicators * 6)
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    assert len(many) <= 2 * indicators


# --- the CSV and the PDF ------------------------------------------------------------------------


def test_the_csv_has_a_row_per_indicator_with_only_disclosed_figures(board_client):
    fill_every_quarter()
    in_post = Indicator.objects.get(key="peer_workers_in_post")
    snap(in_post, quarters()[0], value=None)
    snap(in_post, this_quarter(), value="25", numerator=25, rag="green")

    response = board_client.get(f"{BOARD}dashboard.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="charter-dashboard-{this_quarter().label}.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == [
        "indicator",
        "commitment",
        "period",
        "value",
        "unit",
        "target",
        "rag",
        *[q.label for q in quarters()],
    ]
    assert len(rows) == Indicator.objects.filter(is_active=True).count()
    row = next(r for r in rows if r["indicator"] == "Peer workers in post")
    assert row["commitment"].startswith("3. Support for people with lived experience")
    assert (row["period"], row["value"], row["unit"], row["target"], row["rag"]) == (
        this_quarter().label,
        "25",
        "count",
        "20",
        "On target",
    )
    assert row[quarters()[0].label] == "suppressed"
    assert row[quarters()[1].label] == "20"


def test_a_formula_in_an_indicator_name_is_not_run_by_a_spreadsheet(board_client):
    Indicator.objects.filter(key="promotions").update(name="=HYPERLINK(1)")

    rows = list(csv.DictReader(io.StringIO(board_client.get(f"{BOARD}dashboard.csv").content.decode())))

    assert "'=HYPERLINK(1)" in [row["indicator"] for row in rows]


def test_the_board_pack_is_a_pdf_of_the_period(board_client):
    fill_every_quarter()

    response = board_client.get(f"{BOARD}pack.pdf", {"period": this_quarter().label})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="charter-dashboard-{this_quarter().label}.pdf"'
    )
    assert response.content.startswith(b"%PDF-")
    assert 10_000 < len(response.content) < 2_000_000
    pages = re.findall(rb"/Type\s*/Page(?!s)", response.content)
    assert len(pages) >= 1 + Commitment.objects.count()  # a summary, then a page or more per commitment


# --- the demo data ------------------------------------------------------------------------------


def seed_demo() -> None:
    """Every app's demo data, in INSTALLED_APPS order, as `manage.py seed_demo` loads it."""
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name).seed()


def personal_names() -> set[str]:
    """Every person's name in the demo data: participants, staff, peer workers, applicants, contacts."""
    names = set(Participant.objects.values_list("name", flat=True))
    names |= {user.get_full_name() for user in User.objects.all()}
    names |= {worker.user.get_full_name() for worker in PeerWorker.objects.select_related("user")}
    names |= set(PartnerContact.objects.values_list("name", flat=True))
    names |= set(Application.objects.values_list("applicant_name", flat=True))
    return {name.strip() for name in names if name and name.strip()}


def test_no_personal_name_from_the_demo_data_reaches_the_page_or_the_csv(client):
    seed_demo()
    names = personal_names()
    assert len(names) > 50  # the demo has people in it
    client.force_login(User.objects.get(email="board@demo.example"))

    page = client.get(BOARD).content.decode()
    table = client.get(f"{BOARD}dashboard.csv").content.decode()

    assert "Commitment 6" in page
    for name in names:
        assert name not in page and html.escape(name) not in page, name
        assert name not in table, name
