"""Recruitment reports as tables and spreadsheets: the one shape the API's downloads and the pages share.

The selectors work the figures out (and the equality report puts every one through the small-number
rule); this module only writes them down, once, as cells: a figure's text, or that it is suppressed,
or that there is nothing to show. The report pages render these cells and the CSV files write the
same cells, so a page and its download cannot disagree, and neither can show a figure the rule hid.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from accounts.spreadsheet import spreadsheet_cell

__all__ = [
    "EQUALITY_COLUMNS",
    "SUPPRESSED",
    "AnalyticsTable",
    "Cell",
    "Comparison",
    "EqualityRow",
    "EqualityTable",
    "EqualityTables",
    "analytics_csv",
    "analytics_filename",
    "analytics_tables",
    "equality_csv",
    "equality_filename",
    "equality_tables",
]

SUPPRESSED = "*"  # how a suppressed figure is written in a spreadsheet
SHOWN, HIDDEN, NOTHING = "shown", "suppressed", "none"


@dataclass(frozen=True)
class Cell:
    """One figure as it may be shown: its text, or suppressed (`HIDDEN`), or nothing to show (`NOTHING`:
    a rate or average with nothing to work it out from)."""

    text: str
    state: str = SHOWN

    @property
    def suppressed(self) -> bool:
        return self.state == HIDDEN

    @property
    def shown(self) -> bool:
        return self.state == SHOWN

    @property
    def csv(self) -> str:
        return SUPPRESSED if self.state == HIDDEN else self.text


HIDDEN_CELL = Cell("", HIDDEN)
NOTHING_CELL = Cell("", NOTHING)


def _decimal(value: float) -> str:
    return f"{value:.3f}"


# --- equality (every figure already through the small-number rule: None means suppressed) ---------


def _count(value: int | None) -> Cell:
    return HIDDEN_CELL if value is None else Cell(str(value))


def _rate(value: float | None, denominator: int | None) -> Cell:
    """A rate from the disclosed counts; with 0 below it there is nothing to divide by, which is not
    a suppressed figure."""
    if denominator == 0:
        return NOTHING_CELL
    return HIDDEN_CELL if value is None else Cell(_decimal(value))


EQUALITY_COLUMNS = [
    "Applicants",
    "Shortlisted",
    "Appointed",
    "Shortlisting rate",
    "Likelihood of appointment from shortlisting",
]


@dataclass(frozen=True)
class EqualityRow:
    label: str
    applicants: Cell
    shortlisted: Cell
    appointed: Cell
    shortlisting_rate: Cell
    appointment_likelihood: Cell

    @property
    def cells(self) -> list[Cell]:
        return [
            self.applicants,
            self.shortlisted,
            self.appointed,
            self.shortlisting_rate,
            self.appointment_likelihood,
        ]

    @property
    def labelled_cells(self) -> list[tuple[str, Cell]]:
        """The cells with their column's heading (a narrow screen shows it beside the figure)."""
        return list(zip(EQUALITY_COLUMNS, self.cells, strict=True))


def _equality_row(label: str, group: dict[str, Any]) -> EqualityRow:
    return EqualityRow(
        label=label,
        applicants=_count(group["applicants"]),
        shortlisted=_count(group["shortlisted"]),
        appointed=_count(group["appointed"]),
        shortlisting_rate=_rate(group["shortlisting_rate"], group["applicants"]),
        appointment_likelihood=_rate(group["appointment_likelihood"], group["shortlisted"]),
    )


@dataclass(frozen=True)
class EqualityTable:
    characteristic: str
    label: str
    rows: list[EqualityRow]


@dataclass(frozen=True)
class Comparison:
    """A relative likelihood of appointment from shortlisting: the first group's likelihood / the second's."""

    key: str  # ethnicity, disability
    label: str
    first_group: str  # white, non_disabled
    first_label: str
    first_likelihood: Cell
    second_group: str  # bme, disabled
    second_label: str
    second_likelihood: Cell
    relative_likelihood: Cell


COMPARISON_WORDS = {
    "ethnicity": ("Ethnicity", "White", "Black and minority ethnic (BME)"),
    "disability": ("Disability", "Not disabled", "Disabled"),
}


def _comparison(key: str, comparison: dict[str, Any]) -> Comparison:
    first, second = comparison["first_group"], comparison["second_group"]
    first_likelihood = _rate(first["appointment_likelihood"], first["shortlisted"])
    second_likelihood = _rate(second["appointment_likelihood"], second["shortlisted"])
    ratio = comparison["relative_likelihood"]
    if ratio is not None:
        relative = Cell(_decimal(ratio))
    elif first_likelihood.suppressed or second_likelihood.suppressed:
        relative = HIDDEN_CELL
    else:  # no one shortlisted in a group, or no one appointed in the second: nothing to divide by
        relative = NOTHING_CELL
    label, first_label, second_label = COMPARISON_WORDS.get(key, (key, first["group"], second["group"]))
    return Comparison(
        key=key,
        label=label,
        first_group=first["group"],
        first_label=first_label,
        first_likelihood=first_likelihood,
        second_group=second["group"],
        second_label=second_label,
        second_likelihood=second_likelihood,
        relative_likelihood=relative,
    )


@dataclass(frozen=True)
class EqualityTables:
    total: EqualityRow
    characteristics: list[EqualityTable]
    comparisons: list[Comparison]

    @property
    def total_rows(self) -> list[EqualityRow]:
        return [self.total]


def equality_tables(report: dict[str, Any]) -> EqualityTables:
    """`selectors.equality_report` (or the API's rendering of it) as rows of cells."""
    return EqualityTables(
        total=_equality_row("All applicants", report["total"]),
        characteristics=[
            EqualityTable(
                characteristic=characteristic["characteristic"],
                label=characteristic["label"],
                rows=[_equality_row(group["label"], group) for group in characteristic["groups"]],
            )
            for characteristic in report["characteristics"]
        ],
        comparisons=[_comparison(key, value) for key, value in report["relative_likelihood"].items()],
    )


BLANK_NOTE = "A blank rate has nothing to divide by: no one in the group to count from."


def equality_csv(report: dict[str, Any]) -> str:
    """The report as a spreadsheet: the groups, then the relative likelihoods, then the rule applied.
    A suppressed figure is *; a rate with nothing to divide by is blank."""
    tables = equality_tables(report)
    out = io.StringIO()
    writer = csv.writer(out)
    period = report["period"]
    writer.writerow(["Equality monitoring: recruitment", f"{period['from']} to {period['to']}"])
    writer.writerow([])
    writer.writerow(["Characteristic", "Group", *EQUALITY_COLUMNS])
    writer.writerow(["All applicants", "", *(cell.csv for cell in tables.total.cells)])
    for table in tables.characteristics:
        for row in table.rows:
            writer.writerow([table.label, row.label, *(cell.csv for cell in row.cells)])
    writer.writerow([])
    writer.writerow(
        [
            "Comparison",
            "First group",
            "Likelihood (first)",
            "Second group",
            "Likelihood (second)",
            "Relative likelihood",
        ]
    )
    for comparison in tables.comparisons:
        writer.writerow(
            [
                comparison.key,
                comparison.first_group,
                comparison.first_likelihood.csv,
                comparison.second_group,
                comparison.second_likelihood.csv,
                comparison.relative_likelihood.csv,
            ]
        )
    writer.writerow([])
    writer.writerow(["Note", report["notes"]["disclosure"]])
    writer.writerow(["Note", report["notes"]["likelihood"]])
    writer.writerow(["Note", BLANK_NOTE])
    return out.getvalue()


def equality_filename(report: dict[str, Any]) -> str:
    period = report["period"]
    return f"recruitment-equality-{period['from']}-to-{period['to']}.csv"


# --- analytics (operational figures: exact counts, never suppressed) ------------------------------


@dataclass(frozen=True)
class AnalyticsTable:
    """One table of the recruitment report: a caption, its column headings (the first heads the rows'
    names), and its rows as (name, cells)."""

    key: str
    caption: str
    columns: list[str]
    rows: list[tuple[str, list[Cell]]]

    @property
    def wide(self) -> bool:
        """More than a name and one figure to a row (a phone shows each row under its headings)."""
        return len(self.columns) > 2

    @property
    def labelled_rows(self) -> list[tuple[str, list[tuple[str, Cell]]]]:
        """Each row's cells with their column's heading (a narrow screen shows it beside the figure)."""
        return [(name, list(zip(self.columns[1:], cells, strict=True))) for name, cells in self.rows]


def _number(value: int) -> Cell:
    return Cell(str(value))


def _percent(value: float | None) -> Cell:
    return NOTHING_CELL if value is None else Cell(f"{value * 100:.1f}%")


def _days(value: float | None) -> Cell:
    return NOTHING_CELL if value is None else Cell(f"{value:.1f}")


SOURCE_MEASURES = [
    ("shortlisted", "Shortlisted"),
    ("interviewed", "Interviewed"),
    ("offered", "Offered a job"),
    ("hired", "Hired"),
]
REGISTER = "involvement_register"


def analytics_tables(report: dict[str, Any]) -> list[AnalyticsTable]:
    """`selectors.recruitment_analytics` as the report's tables, in the order the page shows them."""
    sources = report["by_source"]
    register = next((row["applications"] for row in sources if row["source"] == REGISTER), 0)
    lead = report["lead_times"]
    adjustments = report["adjustments"]
    return [
        AnalyticsTable(
            "summary",
            "In this period",
            ["Measure", "Number"],
            [
                ("Applications made", [_number(report["applications"])]),
                ("Applications from people on the involvement register", [_number(register)]),
                ("Vacancies that opened", [_number(lead["vacancies"])]),
            ],
        ),
        AnalyticsTable(
            "sources",
            "Applications by where they came from",
            ["Source", "Applications", *(label for _name, label in SOURCE_MEASURES)],
            [
                (
                    row["label"],
                    [_number(row["applications"]), *(_number(row[name]) for name, _label in SOURCE_MEASURES)],
                )
                for row in sources
            ],
        ),
        AnalyticsTable(
            "conversion",
            "Share of applications that got each step further, by source",
            ["Source", *(label for _name, label in SOURCE_MEASURES)],
            [
                (row["label"], [_percent(row[f"{name}_rate"]) for name, _label in SOURCE_MEASURES])
                for row in sources
            ],
        ),
        AnalyticsTable(
            "lead_times",
            "Days from the advert opening",
            ["From the advert opening to", "Vacancies", "Mean (days)", "Median (days)"],
            [
                (
                    label,
                    [
                        _number(lead[key]["vacancies"]),
                        _days(lead[key]["mean_days"]),
                        _days(lead[key]["median_days"]),
                    ],
                )
                for key, label in (
                    ("advert_to_offer", "The first offer"),
                    ("advert_to_start", "The start date of the first accepted offer"),
                )
            ],
        ),
        AnalyticsTable(
            "stages",
            "Days in each stage",
            ["Stage", "Applications that moved on", "Mean (days)", "Median (days)"],
            [
                (row["name"], [_number(row["left"]), _days(row["mean_days"]), _days(row["median_days"])])
                for row in report["time_in_stage"]
            ],
        ),
        AnalyticsTable(
            "adjustments",
            "Adjustments asked for in the recruitment process",
            ["Adjustments", "Number"],
            [
                ("Asked for", [_number(adjustments["asked"])]),
                ("Provided", [_number(adjustments["provided"])]),
                ("Not provided", [_number(adjustments["not_provided"])]),
                ("Not decided yet", [_number(adjustments["undecided"])]),
                ("Applications that asked for at least one", [_number(adjustments["applications"])]),
                ("Share of adjustments provided", [_percent(adjustments["share_provided"])]),
            ],
        ),
    ]


ANALYTICS_NOTES = [
    "Counts are exact: these are working figures about applications the reader already sees one by one.",
    "Applications count when they were made in the period; times from the advert count vacancies that "
    "opened in it; days in a stage count applications that have moved on from it.",
    "A blank figure has nothing to work it out from (no applications, or no one has moved on yet).",
]


def analytics_csv(report: dict[str, Any], *, scope: str = "") -> str:
    """The recruitment report as a spreadsheet: each table under its caption, then the notes.
    `scope` names the vacancy or team the report is narrowed to, if any."""
    out = io.StringIO()
    writer = csv.writer(out)
    period = report["period"]
    writer.writerow(["Recruitment report", f"{period['from']} to {period['to']}"])
    if scope:
        writer.writerow(["For", spreadsheet_cell(scope)])
    for table in analytics_tables(report):
        writer.writerow([])
        writer.writerow([table.caption])
        writer.writerow(table.columns)
        for name, cells in table.rows:
            writer.writerow([spreadsheet_cell(name), *(cell.csv for cell in cells)])
    writer.writerow([])
    for note in ANALYTICS_NOTES:
        writer.writerow(["Note", note])
    return out.getvalue()


def analytics_filename(report: dict[str, Any]) -> str:
    period = report["period"]
    return f"recruitment-report-{period['from']}-to-{period['to']}.csv"
