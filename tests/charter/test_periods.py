"""Reporting periods: NHS financial quarters (April to March), months, and labels a person can type."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from charter.periods import (
    MONTH,
    QUARTER,
    PeriodError,
    month_of,
    parse,
    quarter_of,
    recent_months,
    recent_quarters,
)

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("day", "label", "start", "end"),
    [
        (date(2026, 4, 1), "2026-27-Q1", date(2026, 4, 1), date(2026, 6, 30)),  # 1 April opens the year
        (date(2026, 6, 30), "2026-27-Q1", date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), "2026-27-Q2", date(2026, 7, 1), date(2026, 9, 30)),
        (date(2026, 12, 31), "2026-27-Q3", date(2026, 10, 1), date(2026, 12, 31)),
        (date(2027, 1, 1), "2026-27-Q4", date(2027, 1, 1), date(2027, 3, 31)),
        (date(2026, 3, 31), "2025-26-Q4", date(2026, 1, 1), date(2026, 3, 31)),  # last day of the year before
        (date(2099, 12, 1), "2099-00-Q3", date(2099, 10, 1), date(2099, 12, 31)),  # the century rolls over
    ],
)
def test_quarter_labels_and_boundaries(day, label, start, end):
    quarter = quarter_of(day)
    assert (quarter.label, quarter.start, quarter.end, quarter.type) == (label, start, end, QUARTER)


def test_quarter_and_month_names_read_plainly():
    assert quarter_of(date(2026, 11, 1)).name == "Q3 2026-27 (Oct to Dec 2026)"
    assert quarter_of(date(2027, 2, 1)).name == "Q4 2026-27 (Jan to Mar 2027)"
    assert month_of(date(2026, 11, 5)).name == "November 2026"


@pytest.mark.parametrize(
    ("day", "label", "end"),
    [
        (date(2024, 2, 10), "2024-02", date(2024, 2, 29)),  # a leap year
        (date(2025, 2, 28), "2025-02", date(2025, 2, 28)),
        (date(2026, 12, 31), "2026-12", date(2026, 12, 31)),
        (date(2026, 4, 1), "2026-04", date(2026, 4, 30)),
    ],
)
def test_months(day, label, end):
    month = month_of(day)
    assert (month.label, month.start, month.end, month.type) == (label, day.replace(day=1), end, MONTH)


@pytest.mark.parametrize(
    "label",
    ["2026-27-Q3", "2026-11", " 2026-27-Q3 ", "2026-27-Q1", "2018-19-Q4", "2026-01", "2026-10"],
)
def test_labels_parse_back_to_their_period(label):
    period = parse(label, today=TODAY)
    assert period.label == label.strip()
    assert period == (quarter_of(period.start) if "Q" in label else month_of(period.start))


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("", "Give a quarter like 2026-27-Q3 or a month like 2026-11."),
        ("Q3 2026", "Give a quarter like 2026-27-Q3 or a month like 2026-11."),
        ("2026-27-Q5", "Give a quarter like 2026-27-Q3 or a month like 2026-11."),
        ("2026-27-q3", "Give a quarter like 2026-27-Q3 or a month like 2026-11."),
        ("2026/11", "Give a quarter like 2026-27-Q3 or a month like 2026-11."),
        ("2026-11-01", "Give a quarter like 2026-27-Q3 or a month like 2026-11."),
        ("2026-28-Q1", "2026-28-Q1 is not a financial year: write it like 2026-27-Q1."),
        ("2026-13", "2026-13 has no month 13."),
        ("2026-00", "2026-00 has no month 0."),
    ],
)
def test_malformed_and_unknown_labels_are_refused_with_a_clear_message(label, message):
    with pytest.raises(PeriodError) as caught:
        parse(label, today=TODAY)
    assert str(caught.value) == message


@pytest.mark.parametrize("label", ["2026-27-Q4", "2027-28-Q1", "2026-12", "2030-01"])
def test_a_period_that_has_not_started_is_refused(label):
    with pytest.raises(PeriodError, match="has not started yet; the latest is 2026-27-Q3"):
        parse(label, today=TODAY)


def test_the_current_quarter_and_month_are_allowed_though_not_over():
    assert parse("2026-27-Q3", today=TODAY).end > TODAY
    assert parse("2026-11", today=TODAY).label == "2026-11"
    # On the first day of a quarter it has begun.
    assert parse("2026-27-Q4", today=date(2027, 1, 1)).start == date(2027, 1, 1)


def test_recent_quarters_are_eight_oldest_first_ending_with_this_one():
    labels = [q.label for q in recent_quarters(today=TODAY)]
    assert labels == [
        "2024-25-Q4",
        "2025-26-Q1",
        "2025-26-Q2",
        "2025-26-Q3",
        "2025-26-Q4",
        "2026-27-Q1",
        "2026-27-Q2",
        "2026-27-Q3",
    ]
    quarters = recent_quarters(today=TODAY)
    for earlier, later in itertools.pairwise(quarters):
        assert (later.start - earlier.end).days == 1  # no gaps, no overlaps


def test_recent_months_cross_the_year_end():
    assert [m.label for m in recent_months(today=date(2027, 1, 15), count=3)] == [
        "2026-11",
        "2026-12",
        "2027-01",
    ]
