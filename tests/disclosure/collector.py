"""Everything a board member and an HR officer can read, turned into facts for the auditor.

As a board member: the dashboard page, its CSV and the PDF pack for a quarter, and the API's
dashboard (for the quarter and each of its months) and snapshots. As HR: the equality report
for the quarter and each month, for the whole trust and for each vacancy, and what HR already
knows before reading it (how many applications each vacancy had in each month, from the
applications list).

Every figure becomes facts about true counts named by keys (`auditor.Publication`), and the
relations between the counts come from the documented formulas (docs/indicators.md and
docs/board.md for the charter, the equality report's notes for HR):

- a directorate's records are part of the trust's; the trust's figure is its directorates' plus
  records kept against the trust itself (an unpublished remainder);
- events in a quarter are the events in its months (a distinct count, like vacancies that
  interviewed, lies between the largest month and the sum of the months);
- a count "on the last day" of a quarter is the same count as on the last day of its last month
  (the key names the day, so both outputs name one variable); a running period is measured
  up to today;
- a numerator is at most its denominator; workers in date with supervision, training or
  reviews are workers in post; retained workers are in post at the end; staff training
  sessions are activities held;
- mandatory training: course places are workers in post times the number of mandatory
  courses where the documented formula counts places, and workers otherwise;
- equality: each characteristic's groups add up to all applicants (every applicant has an
  answer, "prefer not to say" by default), BME is mixed, Asian, Black and other, the trust is
  the sum of its vacancies, a quarter the sum of its months.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from dateutil.relativedelta import relativedelta
from django.conf import settings

from charter.periods import QUARTER, Period, month_of, parse, quarter_of
from tests.disclosure.auditor import ABSENT, ZERO_BESIDE_HIDDEN, Publication

TRUST, REST = "trust", "rest"
STOCK, FLOW, DISTINCT = "stock", "flow", "distinct"
COUNT, RATE, MEAN = "count", "rate", "mean"
SHOWN, SUPPRESSED, NONE, LEFT_OUT = "shown", "suppressed", "none", "left out"


@dataclass(frozen=True)
class Measure:
    name: str
    kind: str
    months_back: int = 0  # a stock taken this many months before the period's last day


@dataclass(frozen=True)
class Spec:
    unit: str
    numerator: Measure
    denominator: Measure | None = None
    scale: int = 100


IN_POST = Measure("in_post", STOCK)
ACTIVITIES = Measure("activities_held", FLOW)


def specs(*, places: bool) -> dict[str, Spec]:
    """What each indicator counts (docs/indicators.md); ratios of rates show no counts and are left out."""
    training = (
        Spec(RATE, Measure("training_places_held", STOCK), Measure("training_places", STOCK))
        if places
        else Spec(RATE, Measure("trained_workers", STOCK), IN_POST)
    )
    return {
        "le_panel_share": Spec(
            RATE, Measure("vacancies_with_le_panel", DISTINCT), Measure("vacancies_interviewing", DISTINCT)
        ),
        "advert_to_offer_days": Spec(MEAN, Measure("offer_days", FLOW), Measure("offers", FLOW), scale=1),
        "adjustments_provided_share": Spec(
            RATE, Measure("adjustments_provided", FLOW), Measure("adjustments_decided", FLOW)
        ),
        "register_applications": Spec(COUNT, Measure("register_applications", FLOW)),
        "le_training_delivered": Spec(COUNT, Measure("training_delivered", FLOW)),
        "cofacilitated_share": Spec(RATE, Measure("cofacilitated", FLOW), ACTIVITIES),
        "peer_workers_in_post": Spec(COUNT, IN_POST),
        "supervision_in_date": Spec(RATE, Measure("supervision_in_date", STOCK), IN_POST),
        "mandatory_training_compliance": training,
        "retention_12_months": Spec(
            RATE, Measure("retained", STOCK), Measure("in_post", STOCK, months_back=12)
        ),
        "promotions": Spec(COUNT, Measure("promotions", FLOW)),
        "progression_reviews_share": Spec(RATE, Measure("reviewed", STOCK), IN_POST),
        "coproduction_share": Spec(RATE, Measure("coproduced", FLOW), ACTIVITIES),
        "you_said_we_did_on_time": Spec(RATE, Measure("actions_on_time", FLOW), Measure("actions_due", FLOW)),
        "consultation_outcomes_published": Spec(
            RATE, Measure("outcomes_published", FLOW), Measure("consultations_closed", FLOW)
        ),
    }


def training_counts_places(docs: Path | None = None) -> bool:
    """Whether docs/indicators.md says mandatory training compliance is counted in course places."""
    path = docs or Path(settings.BASE_DIR) / "docs" / "indicators.md"
    text = path.read_text()
    section = text.split("### Mandatory training compliance", 1)[1].split("###", 1)[0]
    denominator = re.search(r"\*\*Denominator:\*\*(.*?)(?:\n- \*\*|\Z)", section, re.S)
    return bool(denominator and "course places" in denominator.group(1))


# --- reading what is shown ---------------------------------------------------------------


def parse_value(text: str) -> tuple[str, Decimal | None]:
    """'88.5%', '42 days', '1,234', '1.25' -> (shown, number); 'Suppressed', 'No figure' or a dash."""
    text = " ".join(unescape(text).split())
    lowered = text.lower()
    if lowered.startswith("suppressed"):
        return SUPPRESSED, None
    if lowered in {"", "-", "\u2013", "\u2014", "no figure"}:  # the page writes an en dash
        return NONE, None
    number = re.match(r"^(-?[\d,]+(?:\.\d+)?)\s*(?:%|days?)?$", text)
    if not number:
        raise ValueError(f"Cannot read a figure from {text!r}")
    try:
        return SHOWN, Decimal(number.group(1).replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the pattern only lets numbers through
        raise ValueError(text) from exc


COUNTS = re.compile(r"\(([\d,]+) of ([\d,]+)\)\s*$")


def split_counts(text: str) -> tuple[str, object, object]:
    """'50% (10 of 20)' -> ('50%', 10, 20); without counts the parts are ABSENT."""
    text = " ".join(unescape(text).split())
    found = COUNTS.search(text)
    if not found:
        return text, ABSENT, ABSENT
    return (
        text[: found.start()].strip(),
        int(found.group(1).replace(",", "")),
        int(found.group(2).replace(",", "")),
    )


def quarter_label(name: str) -> str:
    """'Q3 2026-27' -> '2026-27-Q3' (a month label passes through)."""
    found = re.match(r"^Q([1-4]) (\d{4}-\d{2})$", name.strip())
    return f"{found.group(2)}-Q{found.group(1)}" if found else name.strip()


class _Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: _Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[_Node | str] = []

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return " ".join(
            " ".join((c if isinstance(c, str) else c.text()).split()) for c in self.children
        ).strip()

    def find_all(self, predicate) -> list[_Node]:
        found = []
        for child in self.children:
            if isinstance(child, _Node):
                if predicate(child):
                    found.append(child)
                found += child.find_all(predicate)
        return found


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("root", {}, None)
        self.at = self.root

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, {k: v or "" for k, v in attrs}, self.at)
        self.at.children.append(node)
        if tag not in VOID:
            self.at = node

    def handle_endtag(self, tag):
        node = self.at
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.at = node.parent

    def handle_data(self, data):
        self.at.children.append(data)


def _rows(table: _Node) -> list[list[str]]:
    return [
        [cell.text() for cell in row.find_all(lambda n: n.tag in {"th", "td"})]
        for row in table.find_all(lambda n: n.tag == "tr")
    ]


@dataclass
class Figure:
    """One figure as an output shows it; parts are ints, None (hidden) or ABSENT (not shown here)."""

    indicator: str
    period: str
    scope: object  # TRUST or a directorate id
    state: str
    value: Decimal | None = None
    numerator: object = ABSENT
    denominator: object = ABSENT
    where: str = ""
    low: int = 0  # for a hidden or left-out count: the least a reader may assume


def page_figures(html: str, *, period: str, directorates: dict[int, str], where: str) -> list[Figure]:
    """The board page: each indicator's figure, its trend table and its directorate breakdown."""
    tree = _Tree()
    tree.feed(html)
    by_name = {name: pk for pk, name in directorates.items()}
    figures: list[Figure] = []
    cards = tree.root.find_all(lambda n: n.attrs.get("id", "").startswith("indicator-"))
    for card in cards:
        key = card.attrs["id"].removeprefix("indicator-")
        values = card.find_all(lambda n: "board-figures" in n.classes)
        if values:
            first = values[0].find_all(lambda n: n.tag == "dd")[0]
            text, top, bottom = split_counts(first.text())
            state, value = parse_value(text)
            figures.append(Figure(key, period, TRUST, state, value, top, bottom, f"{where}: {key}"))
        breakdown: list[tuple[str, str]] = []
        for table in card.find_all(lambda n: n.tag == "table"):
            rows = _rows(table)
            if not rows:
                continue
            header = rows[0]
            if header[:1] == ["Quarter"]:
                for name, shown, status in (r[:3] for r in rows[1:] if len(r) >= 3):
                    state, value = parse_value(shown)
                    if state == NONE and status.lower().startswith("suppressed"):
                        state = SUPPRESSED
                    label = quarter_label(name)
                    figures.append(
                        Figure(key, label, TRUST, state, value, where=f"{where}: {key} trend {label}")
                    )
            elif header[:1] == ["Directorate"]:
                breakdown += [(r[0], r[1]) for r in rows[1:] if len(r) >= 2]
        # No table at all is every directorate left out.
        figures += _breakdown(key, period, breakdown, by_name, f"{where}: {key}")
    return figures


def _breakdown(key: str, period: str, rows, by_name: dict[str, int], where: str) -> list[Figure]:
    """A breakdown's rows, and every directorate it leaves out (hidden, perhaps 0)."""
    figures, seen = [], set()
    for name, shown in rows:
        pk = by_name[name.strip()]
        seen.add(pk)
        text, top, bottom = split_counts(shown)
        state, value = parse_value(text)
        figures.append(Figure(key, period, pk, state, value, top, bottom, f"{where} in {name}"))
    # Left out next to shown rows: suppressed, so at least 1. A breakdown with no rows at all may be
    # hidden whole (or not published for this period): then each directorate may be 0.
    low = 1 if seen else 0
    for name, pk in by_name.items():
        if pk not in seen:
            figures.append(Figure(key, period, pk, LEFT_OUT, where=f"{where}: {name} left out", low=low))
    return figures


def csv_figures(text: str, *, keys: dict[str, str], where: str) -> list[Figure]:
    """The CSV: a row per indicator (by name) with the period's figure and one column per quarter."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    quarters = header[7:]
    figures = []
    for row in reader:
        key = keys[row[0].removeprefix("'")]
        columns = [(row[2], row[3]), *zip(quarters, row[7:], strict=False)]
        for label, cell in columns:
            state, value = (SUPPRESSED, None) if cell == "suppressed" else parse_value(cell)
            figures.append(Figure(key, label, TRUST, state, value, where=f"{where}: {key} {label}"))
    return figures


def pdf_figures(
    text: str,
    *,
    period: str,
    period_name: str,
    indicators: dict[str, str],
    directorates: dict[int, str],
    where: str,
) -> list[Figure]:
    """The board pack's text: per indicator, its figure, trend table and directorate breakdown.

    `indicators` maps each indicator's name to its key, in the order the pack prints them.
    """
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    by_name = {name: pk for pk, name in directorates.items()}
    starts = []
    cursor = 0
    for name, key in indicators.items():
        found = _find(lines, name, cursor)
        if found is None:
            raise AssertionError(f"{where}: {name!r} is not in the pack")
        starts.append((found, key))
        cursor = found + 1
    figures: list[Figure] = []
    for n, (start, key) in enumerate(starts):
        stop = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        block = lines[start:stop]
        for i in range(len(block) - 3):
            if block[i : i + 3] == [period_name, "Status", "Target"]:
                shown, top, bottom = split_counts(block[i + 3])
                state, value = parse_value(shown)
                figures.append(Figure(key, period, TRUST, state, value, top, bottom, f"{where}: {key}"))
                break
        rows: list[tuple[str, str]] = []
        for i in range(len(block) - 2):
            if block[i : i + 3] == ["Quarter", "Figure", "Status"]:
                j = i + 3
                while j + 2 < len(block) and re.match(r"^Q[1-4] \d{4}-\d{2}$", block[j]):
                    state, value = parse_value(block[j + 1])
                    if state == NONE and block[j + 2].lower().startswith("suppressed"):
                        state = SUPPRESSED
                    label = quarter_label(block[j])
                    figures.append(
                        Figure(key, label, TRUST, state, value, where=f"{where}: {key} trend {label}")
                    )
                    j += 3
            if block[i : i + 2] == ["By directorate", "Figure"]:
                j = i + 2
                while j + 1 < len(block) and block[j] in by_name:
                    rows.append((block[j], block[j + 1]))
                    j += 2
        figures += _breakdown(key, period, rows, by_name, f"{where}: {key}")
    return figures


def _find(lines: list[str], name: str, start: int) -> int | None:
    for i in range(start, len(lines)):
        for span in (1, 2, 3):
            if " ".join(lines[i : i + span]) == name:
                return i
    return None


def api_figures(body: dict, *, directorates: dict[int, str], where: str) -> list[Figure]:
    """The API's dashboard: current figure, trend values and breakdown for each indicator."""
    period = body["period"]["label"]
    figures = []
    for commitment in body["commitments"]:
        for item in commitment["indicators"]:
            key = item["key"]
            if item["current"] is not None:
                figures.append(_api_figure(key, period, TRUST, item["current"], f"{where} {period}: {key}"))
            for point in item["trend"]:
                state = SHOWN if point["value"] is not None else (SUPPRESSED if point["suppressed"] else NONE)
                value = Decimal(point["value"]) if point["value"] is not None else None
                figures.append(
                    Figure(key, point["period"], TRUST, state, value, where=f"{where}: {key} trend")
                )
            figures += _api_breakdown(
                key, period, item["breakdown"], directorates, f"{where} {period}: {key}"
            )
    return figures


def snapshot_figures(rows: list[dict], *, keys: dict[str, str], directorates, where: str) -> list[Figure]:
    """The API's snapshots: each indicator and period with its counts and breakdown."""
    figures = []
    for row in rows:
        key = keys[row["indicator"]["display"]]
        label = row["period"]
        figures.append(_api_figure(key, label, TRUST, row, f"{where}: {key} {label}"))
        figures += _api_breakdown(key, label, row["breakdown"], directorates, f"{where}: {key} {label}")
    return figures


def _api_figure(key: str, period: str, scope, row: dict, where: str) -> Figure:
    value = Decimal(row["value"]) if row.get("value") is not None else None
    state = SHOWN if value is not None else SUPPRESSED if row.get("suppressed") else NONE
    return Figure(key, period, scope, state, value, row.get("numerator"), row.get("denominator"), where)


def _api_breakdown(key, period, rows, directorates, where) -> list[Figure]:
    figures, seen = [], set()
    for row in rows:
        pk = row["directorate_id"]
        seen.add(pk)
        figures.append(
            _api_figure(key, period, pk, {**row, "suppressed": row.get("value") is None}, f"{where} in {pk}")
        )
    low = 1 if seen else 0
    for pk in directorates:
        if pk not in seen:
            figures.append(
                Figure(key, period, pk, LEFT_OUT, where=f"{where}: directorate {pk} left out", low=low)
            )
    return figures


# --- from figures to facts ---------------------------------------------------------------


class Collector:
    """Turns figures into facts and, at the end, writes down the relations between their counts."""

    def __init__(
        self,
        *,
        today: date,
        directorates: dict[int, str],
        mandatory_courses: int,
        places: bool | None = None,
        publication: Publication | None = None,
        remainder: bool = True,
    ) -> None:
        """`remainder=False` is a reader who knows no record is kept against the trust itself (say,
        from the organisation chart), so the trust's figure is exactly its directorates'."""
        self.today = today
        self.directorates = directorates
        self.courses = mandatory_courses
        self.places = training_counts_places() if places is None else places
        self.specs = specs(places=self.places)
        self.publication = publication or Publication()
        self.remainder = remainder
        self.seen: dict[Measure, set[str]] = defaultdict(set)  # measure -> slots (dates or labels)
        self.rates: set[tuple[Spec, str]] = set()
        self.equality: set[tuple[object, str]] = set()  # (scope, period label)
        self.vacancies: set[int] = set()
        self._periods: dict[str, Period] = {}
        self._slots: dict[tuple[Measure, str], str] = {}

    # keys

    def _period(self, label: str) -> Period:
        if label not in self._periods:
            self._periods[label] = parse(label, today=self.today)
        return self._periods[label]

    def slot(self, measure: Measure, label: str) -> str:
        """A stock's day (a running period is measured up to today), or a flow's period."""
        if measure.kind != STOCK:
            return label
        if (measure, label) not in self._slots:
            period = self._period(label)
            day = min(period.end, self.today) - relativedelta(months=measure.months_back)
            self._slots[(measure, label)] = day.isoformat()
        return self._slots[(measure, label)]

    def key(self, measure: Measure, scope, label: str) -> tuple:
        return (measure.name, scope, self.slot(measure, label))

    # figures

    def add(self, figures: list[Figure]) -> None:
        for figure in figures:
            self.figure(figure)

    def figure(self, f: Figure) -> None:
        spec = self.specs.get(f.indicator)
        if spec is None:
            return
        pub = self.publication
        for measure in (spec.numerator, spec.denominator):
            if measure is not None:
                self.seen[measure].add(self.slot(measure, f.period))
        top = self.key(spec.numerator, f.scope, f.period)
        if spec.unit == COUNT:
            shown = (
                f.value if f.value is not None else (f.numerator if isinstance(f.numerator, int) else None)
            )
            if shown is not None:
                pub.shown(top, shown, where=f.where)
            elif f.state == SUPPRESSED:
                pub.hidden(top, where=f.where, low=1)
            elif f.state == LEFT_OUT:
                pub.hidden(top, where=f.where, low=f.low)
            return
        self.rates.add((spec, f.period))
        bottom = self.key(spec.denominator, f.scope, f.period)
        if f.state == LEFT_OUT:
            # Which of the two counts is the small one is not said: each may be 0.
            pub.hidden(top, where=f.where, low=0)
            pub.hidden(bottom, where=f.where, low=0)
            return
        if f.state == NONE:
            # "No figure": nothing to measure, so nothing to divide by.
            pub.shown(bottom, 0, where=f.where + " (no figure: nothing to divide by)")
            return
        places = 1
        pub.rate(
            top, f.numerator, bottom, f.denominator, f.value, where=f.where, scale=spec.scale, places=places
        )

    # equality (HR)

    def equality_report(self, body: dict, *, scope, label: str, where: str) -> None:
        pub = self.publication
        self.equality.add((scope, label))
        if scope != TRUST:
            self.vacancies.add(scope[1])
        measures = ("applicants", "shortlisted", "appointed")
        total = body["total"]
        # A characteristic with a hidden group hides its zeros too, so a hidden group may hold no
        # one; when all applicants are hidden, so is everything.
        everyone_hidden = total["applicants"] is None

        def low_of(group_key: tuple[str, str], m: str) -> int:
            if group_key == ("all", "all"):
                return 1 if m == "applicants" or not everyone_hidden else 0
            return 0

        def cell(group_key: tuple[str, str], figures: dict, place: str) -> None:
            for m in measures:
                key = ("eq", scope, label, *group_key, m)
                if figures[m] is None:
                    pub.hidden(key, where=place, low=low_of(group_key, m))
                else:
                    pub.shown(key, figures[m], where=place)
            for rate, top, bottom in (
                ("shortlisting_rate", "shortlisted", "applicants"),
                ("appointment_likelihood", "appointed", "shortlisted"),
            ):
                if figures.get(rate) is not None:
                    pub.rate(
                        ("eq", scope, label, *group_key, top),
                        figures[top],
                        ("eq", scope, label, *group_key, bottom),
                        figures[bottom],
                        figures[rate],
                        where=f"{place} {rate}",
                        scale=1,
                        places=None,
                        paired=False,
                    )

        cell(("all", "all"), total, f"{where}: all applicants")
        for characteristic in body["characteristics"]:
            for m in measures:
                figures = [group[m] for group in characteristic["groups"]]
                if None in figures and 0 in figures:
                    pub.breaks_its_rule(
                        ZERO_BESIDE_HIDDEN,
                        ("eq", scope, label, characteristic["characteristic"], m),
                        "a zero shown beside a hidden group: the hidden groups could not be 0",
                        where=where,
                    )
            for group in characteristic["groups"]:
                cell(
                    (characteristic["characteristic"], group["group"]),
                    group,
                    f"{where}: {characteristic['characteristic']}={group['group']}",
                )
        groups = {
            "white": ("ethnic_group", "white"),
            "bme": ("ethnic_group", "bme"),
            "non_disabled": ("disabled", "no"),
            "disabled": ("disabled", "yes"),
        }
        for comparison in body.get("relative_likelihood", {}).values():
            for side in ("first_group", "second_group"):
                figures = comparison[side]
                cell(groups[figures["group"]], figures, f"{where}: {figures['group']}")

    def known_applications(
        self, applications: list[dict], vacancies: list[int], months: list[Period]
    ) -> None:
        """What HR knows before any report: applications per vacancy and month, from their own list."""
        counts: dict[tuple[int, str], int] = defaultdict(int)
        for application in applications:
            applied = date.fromisoformat(application["applied_at"][:10])
            counts[(application["vacancy"]["id"], month_of(applied).label)] += 1
        for vacancy in vacancies:
            for month in months:
                self.publication.known(
                    ("eq", ("vacancy", vacancy), month.label, "all", "all", "applicants"),
                    counts[(vacancy, month.label)],
                    where="HR's applications list",
                )

    # relations

    def relate(self) -> Publication:
        pub = self.publication
        scopes = [TRUST, *self.directorates, REST]
        for measure, slots in self.seen.items():
            for slot in slots:
                pub.total(
                    (measure.name, TRUST, slot),
                    [(measure.name, d, slot) for d in self.directorates],
                    remainder=(measure.name, REST, slot) if self.remainder else None,
                    where=f"{measure.name} {slot}: trust = directorates + records kept against the trust",
                )
            if measure.kind == STOCK:
                continue
            quarters = {quarter_of(self._period(s).start).label for s in slots}
            for quarter in quarters:
                months = self._months(quarter)
                if not any(m in slots for m in months) and quarter not in slots:
                    continue
                if not any(m in slots for m in months):
                    continue
                for scope in scopes:
                    parts = [(measure.name, scope, m) for m in months]
                    total = (measure.name, scope, quarter)
                    where = f"{measure.name} {quarter}: the quarter's events are its months'"
                    if measure.kind == FLOW:
                        pub.total(total, parts, where=where)
                    else:
                        pub.distinct_total(total, parts, where=where)
        for spec, label in self.rates:
            for scope in scopes:
                top, bottom = self.key(spec.numerator, scope, label), self.key(spec.denominator, scope, label)
                if spec.unit == RATE:
                    pub.at_most(top, bottom, where=f"{top[0]} <= {bottom[0]}")
                if spec.numerator.name in {"supervision_in_date", "reviewed", "trained_workers", "retained"}:
                    pub.at_most(top, self.key(IN_POST, scope, label), where=f"{top[0]} are workers in post")
                if spec.numerator.name == "training_places_held":
                    pub.product(
                        bottom,
                        self.key(IN_POST, scope, label),
                        self.courses,
                        where=f"course places = workers in post x {self.courses} mandatory courses",
                    )
        for slot in self.seen.get(Measure("training_delivered", FLOW), ()):
            for scope in scopes:
                pub.at_most(
                    ("training_delivered", scope, slot),
                    ("activities_held", scope, slot),
                    where="training sessions delivered are activities held",
                )
        self._relate_equality()
        return pub

    def _months(self, quarter: str) -> list[str]:
        period = self._period(quarter)
        months = [month_of(period.start + relativedelta(months=n)) for n in range(3)]
        return [m.label for m in months if m.start <= self.today]

    def _relate_equality(self) -> None:
        from recruitment.models import EqualityMonitoring as EM

        pub = self.publication
        characteristics = {
            "ethnic_group": EM.EthnicGroup.values,
            "disabled": EM.YesNo.values,
            "sex": EM.Sex.values,
            "age_band": EM.AgeBand.values,
            "lgb_plus": EM.YesNo.values,
            "gender_same_as_at_birth": EM.YesNo.values,
        }
        cells = [("all", "all")] + [(c, g) for c, groups in characteristics.items() for g in groups]
        cells.append(("ethnic_group", "bme"))
        measures = ("applicants", "shortlisted", "appointed")
        scopes = {scope for scope, _ in self.equality} | {("vacancy", v) for v in self.vacancies}
        labels = {label for _, label in self.equality}
        for scope in scopes:
            for label in labels:
                for m in measures:
                    total = ("eq", scope, label, "all", "all", m)
                    for c, groups in characteristics.items():
                        pub.total(
                            total,
                            [("eq", scope, label, c, g, m) for g in groups],
                            where=f"every applicant answers {c}",
                        )
                    pub.total(
                        ("eq", scope, label, "ethnic_group", "bme", m),
                        [
                            ("eq", scope, label, "ethnic_group", g, m)
                            for g in ("mixed", "asian", "black", "other")
                        ],
                        where="BME is mixed, Asian, Black and other",
                    )
                for cell in cells:
                    for m in ("shortlisted", "appointed"):
                        pub.at_most(
                            ("eq", scope, label, *cell, m),
                            ("eq", scope, label, *cell, "applicants"),
                            where=f"{m} are applicants",
                        )
        for label in labels:
            for cell in cells:
                for m in measures:
                    pub.total(
                        ("eq", TRUST, label, *cell, m),
                        [("eq", ("vacancy", v), label, *cell, m) for v in sorted(self.vacancies)],
                        where="the trust's applications are its vacancies'",
                    )
        for label in labels:
            period = self._period(label)
            if period.type != QUARTER:
                continue
            months = [m for m in self._months(label) if m in labels]
            if not months:
                continue
            for scope in scopes:
                for cell in cells:
                    for m in measures:
                        pub.total(
                            ("eq", scope, label, *cell, m),
                            [("eq", scope, month, *cell, m) for month in self._months(label)],
                            where="a quarter's applications are its months'",
                        )


# --- reading it all, as the people who can ---------------------------------------------------


def started_months(quarter: Period, today: date) -> list[Period]:
    months = [month_of(quarter.start + relativedelta(months=n)) for n in range(3)]
    return [m for m in months if m.start <= today]


def _all_pages(client, path: str, params: dict | None = None) -> list[dict]:
    response = client.get(path, {**(params or {}), "page_size": 500})
    assert response.status_code == 200, (path, response.content[:500])
    body = response.json()
    rows = list(body["results"])
    while body.get("next"):
        response = client.get(body["next"])
        assert response.status_code == 200, (body["next"], response.content[:500])
        body = response.json()
        rows += body["results"]
    return rows


def gather_board(collector: Collector, *, page_client, api_client, quarter: Period) -> None:
    """The page, CSV and PDF pack for the quarter; the API's dashboard for it and its months; snapshots."""
    from pypdf import PdfReader

    from charter.board import short_period

    label, dirs = quarter.label, collector.directorates
    dashboard = api_client.get("/api/v1/charter/dashboard", {"period": label})
    assert dashboard.status_code == 200, dashboard.content[:500]
    body = dashboard.json()
    names = {i["name"]: i["key"] for c in body["commitments"] for i in c["indicators"]}
    collector.add(api_figures(body, directorates=dirs, where="dashboard API"))
    for month in started_months(quarter, collector.today):
        response = api_client.get("/api/v1/charter/dashboard", {"period": month.label})
        assert response.status_code == 200, response.content[:500]
        collector.add(api_figures(response.json(), directorates=dirs, where="dashboard API"))

    page = page_client.get("/board/", {"period": label})
    assert page.status_code == 200, page.content[:500]
    collector.add(
        page_figures(page.content.decode(), period=label, directorates=dirs, where=f"board page {label}")
    )

    sheet = page_client.get("/board/dashboard.csv", {"period": label})
    assert sheet.status_code == 200, sheet.content[:500]
    collector.add(csv_figures(sheet.content.decode(), keys=names, where=f"board CSV {label}"))

    pack = page_client.get("/board/pack.pdf", {"period": label})
    assert pack.status_code == 200, pack.content[:500]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pack.content)).pages)
    collector.add(
        pdf_figures(
            text,
            period=label,
            period_name=short_period(label),
            indicators=names,
            directorates=dirs,
            where=f"board pack {label}",
        )
    )

    snapshots = _all_pages(api_client, "/api/v1/charter/snapshots/")
    collector.add(snapshot_figures(snapshots, keys=names, directorates=dirs, where="snapshots API"))


def gather_hr(collector: Collector, *, api_client, quarter: Period) -> None:
    """The equality report for the quarter and its months, for the trust and each vacancy."""
    vacancies = sorted(v["id"] for v in _all_pages(api_client, "/api/v1/recruitment/vacancies/"))
    applications = _all_pages(api_client, "/api/v1/recruitment/applications/")
    months = started_months(quarter, collector.today)
    collector.known_applications(applications, vacancies, months)
    for period in [quarter, *months]:
        for vacancy in [None, *vacancies]:
            params = {"from": period.start.isoformat(), "to": period.end.isoformat()}
            if vacancy is not None:
                params["vacancy"] = vacancy
            response = api_client.get("/api/v1/recruitment/reports/equality", params)
            assert response.status_code == 200, (params, response.content[:500])
            scope = TRUST if vacancy is None else ("vacancy", vacancy)
            collector.equality_report(
                response.json(),
                scope=scope,
                label=period.label,
                where=f"equality report {period.label}" + (f" vacancy {vacancy}" if vacancy else ""),
            )
