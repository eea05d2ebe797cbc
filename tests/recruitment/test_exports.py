"""The reports written down as cells and spreadsheets (recruitment.exports), the days a report covers by
default, and who may see recruitment analytics."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from accounts.roles import Role
from recruitment import exports
from recruitment.selectors import report_period
from recruitment.visibility import may_report_analytics
from tests.factories import UserFactory
from tests.recruitment.factories import VacancyFactory


def group(name: str, applicants, shortlisted, appointed, rate=None, likelihood=None, label: str = "") -> dict:
    return {
        "group": name,
        "label": label or name.title(),
        "applicants": applicants,
        "shortlisted": shortlisted,
        "appointed": appointed,
        "shortlisting_rate": rate,
        "appointment_likelihood": likelihood,
    }


def equality_report(ethnicity: dict, disability: dict) -> dict:
    return {
        "period": {"from": dt.date(2026, 1, 1), "to": dt.date(2026, 3, 31)},
        "filters": {"vacancy": None, "team": None},
        "total": group("all", 20, 10, 0, 0.5, 0.0),
        "characteristics": [
            {
                "characteristic": "ethnic_group",
                "label": "Ethnic group",
                "groups": [
                    group("white", 10, None, 0, None, None, "White"),
                    group("asian", None, None, 0, None, None, "Asian or Asian British"),
                    group("mixed", 0, 0, 0, None, None, "Mixed"),
                ],
            }
        ],
        "relative_likelihood": {"ethnicity": ethnicity, "disability": disability},
        "notes": {"disclosure": "The rule.", "likelihood": "The likelihood."},
    }


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_equality_cells_say_suppressed_and_nothing_to_divide_by_apart():
    report = equality_report(
        ethnicity={
            "first_group": group("white", 10, 10, 0, 1.0, 0.0),
            "second_group": group("bme", None, None, None),
            "relative_likelihood": None,
        },
        disability={
            "first_group": group("non_disabled", 10, 10, 10, 1.0, 1.0),
            "second_group": group("disabled", 10, 0, 0, 0.0, None),
            "relative_likelihood": None,
        },
    )
    tables = exports.equality_tables(report)
    white, asian, mixed = tables.characteristics[0].rows
    assert [cell.state for cell in white.cells] == [
        "shown",
        "suppressed",
        "shown",
        "suppressed",
        "suppressed",
    ]
    assert asian.applicants.suppressed and asian.shortlisting_rate.suppressed
    # A group of 0: its rates have nothing to divide by, which is not a hidden figure.
    assert [cell.state for cell in mixed.cells[3:]] == ["none", "none"]
    ethnicity, disability = tables.comparisons
    assert ethnicity.second_likelihood.suppressed and ethnicity.relative_likelihood.suppressed
    assert disability.second_likelihood.state == "none" and disability.relative_likelihood.state == "none"
    sheet = rows(exports.equality_csv(report))
    assert sheet[0] == ["Equality monitoring: recruitment", "2026-01-01 to 2026-03-31"]
    assert ["All applicants", "", "20", "10", "0", "0.500", "0.000"] in sheet
    assert ["Ethnic group", "White", "10", "*", "0", "*", "*"] in sheet
    assert ["Ethnic group", "Mixed", "0", "0", "0", "", ""] in sheet
    assert ["ethnicity", "white", "0.000", "bme", "*", "*"] in sheet
    assert ["disability", "non_disabled", "1.000", "disabled", "", ""] in sheet


def test_a_relative_likelihood_shown_is_written_to_three_places():
    report = equality_report(
        ethnicity={
            "first_group": group("white", 40, 20, 10, 0.5, 0.5),
            "second_group": group("bme", 40, 20, 5, 0.5, 0.25),
            "relative_likelihood": 2.0,
        },
        disability={
            "first_group": group("non_disabled", 0, 0, 0),
            "second_group": group("disabled", 0, 0, 0),
            "relative_likelihood": None,
        },
    )
    ethnicity = exports.equality_tables(report).comparisons[0]
    assert (ethnicity.first_likelihood.text, ethnicity.relative_likelihood.text) == ("0.500", "2.000")
    assert ethnicity.label == "Ethnicity" and ethnicity.second_label == "Black and minority ethnic (BME)"


def analytics_report(**changes) -> dict:
    report = {
        "period": {"from": dt.date(2026, 1, 1), "to": dt.date(2026, 1, 31)},
        "filters": {"vacancy": None, "team": None},
        "applications": 3,
        "time_in_stage": [
            {"stage": "applied", "name": "=Applied", "left": 2, "mean_days": 1.25, "median_days": None}
        ],
        "lead_times": {
            "vacancies": 1,
            "advert_to_offer": {"vacancies": 1, "mean_days": 30.0, "median_days": 30.0},
            "advert_to_start": {"vacancies": 0, "mean_days": None, "median_days": None},
        },
        "by_source": [
            {
                "source": "involvement_register",
                "label": "Involvement register",
                "applications": 3,
                "shortlisted": 2,
                "interviewed": 1,
                "offered": 1,
                "hired": 0,
                "shortlisted_rate": 0.667,
                "interviewed_rate": 0.333,
                "offered_rate": 0.333,
                "hired_rate": 0.0,
            },
            {
                "source": "open_advert",
                "label": "Open advert",
                "applications": 0,
                "shortlisted": 0,
                "interviewed": 0,
                "offered": 0,
                "hired": 0,
                "shortlisted_rate": None,
                "interviewed_rate": None,
                "offered_rate": None,
                "hired_rate": None,
            },
        ],
        "adjustments": {
            "asked": 2,
            "provided": 1,
            "not_provided": 0,
            "undecided": 1,
            "applications": 1,
            "share_provided": 0.5,
        },
    }
    return {**report, **changes}


def test_analytics_tables_write_exact_counts_percentages_and_days():
    tables = {table.key: table for table in exports.analytics_tables(analytics_report())}
    assert dict(tables["summary"].rows)["Applications from people on the involvement register"][0].text == "3"
    conversion = dict(tables["conversion"].rows)
    assert [cell.text for cell in conversion["Involvement register"]] == ["66.7%", "33.3%", "33.3%", "0.0%"]
    assert {cell.state for cell in conversion["Open advert"]} == {"none"}
    assert [cell.csv for cell in dict(tables["stages"].rows)["=Applied"]] == ["2", "1.2", ""]
    assert tables["stages"].labelled_rows[0][1][0] == (
        "Applications that moved on",
        tables["stages"].rows[0][1][0],
    )
    assert dict(tables["adjustments"].rows)["Share of adjustments provided"][0].text == "50.0%"
    assert not any(
        cell.suppressed for table in tables.values() for _name, cells in table.rows for cell in cells
    )


def test_the_analytics_spreadsheet_has_each_table_under_its_caption_and_no_formula():
    sheet = rows(exports.analytics_csv(analytics_report(), scope="=Test vacancy"))
    assert sheet[0] == ["Recruitment report", "2026-01-01 to 2026-01-31"]
    assert sheet[1] == ["For", "'=Test vacancy"]
    at = sheet.index(["Days in each stage"])
    assert sheet[at + 1] == ["Stage", "Applications that moved on", "Mean (days)", "Median (days)"]
    assert sheet[at + 2] == ["'=Applied", "2", "1.2", ""]
    assert exports.analytics_filename(analytics_report()) == "recruitment-report-2026-01-01-to-2026-01-31.csv"


@pytest.mark.parametrize(
    ("today", "given", "expected"),
    [
        (dt.date(2026, 5, 17), (None, None), (dt.date(2025, 6, 1), dt.date(2026, 5, 31))),
        (dt.date(2026, 12, 3), (None, None), (dt.date(2026, 1, 1), dt.date(2026, 12, 31))),
        (dt.date(2026, 5, 17), (None, dt.date(2025, 2, 28)), (dt.date(2024, 3, 1), dt.date(2025, 2, 28))),
        (dt.date(2026, 5, 17), (dt.date(2026, 4, 1), None), (dt.date(2026, 4, 1), dt.date(2026, 5, 31))),
        (
            dt.date(2026, 5, 17),
            (dt.date(2026, 4, 2), dt.date(2026, 4, 9)),
            (dt.date(2026, 4, 2), dt.date(2026, 4, 9)),
        ),
    ],
)
def test_a_report_covers_the_days_given_or_the_last_twelve_whole_months(today, given, expected):
    assert report_period(*given, today=today) == expected


@pytest.mark.django_db
def test_hr_and_a_hiring_manager_with_a_vacancy_may_see_analytics():
    vacancy = VacancyFactory()
    assert may_report_analytics(UserFactory(roles=[Role.HR]))
    assert may_report_analytics(vacancy.hiring_manager)
    assert not may_report_analytics(UserFactory(roles=[Role.LINE_MANAGER]))
    assert not may_report_analytics(UserFactory(roles=[Role.BOARD_MEMBER]))
