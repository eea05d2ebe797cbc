"""Reporting periods: NHS financial quarters (April to March) and calendar months."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

QUARTER = "quarter"
MONTH = "month"
_QUARTER_LABEL = re.compile(r"(\d{4})-(\d{2})-Q([1-4])", re.ASCII)
_MONTH_LABEL = re.compile(r"(\d{4})-(\d{2})", re.ASCII)
# Years a label may name. A trend reaches two years back from the period and a quarter ends in the
# next calendar year, so labels near year 1 or 9999 would leave the calendar.
YEARS = range(1900, 2200)


class PeriodError(ValueError):
    """A period label that is malformed, unknown, or not yet begun."""


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date  # inclusive
    type: str
    label: str

    @property
    def name(self) -> str:
        if self.type == QUARTER:
            return f"Q{self.label[-1]} {self.label[:7]} ({self.start:%b} to {self.end:%b %Y})"
        return f"{self.start:%B %Y}"


def financial_year_start(day: date) -> int:
    """The year an NHS financial year starts: 1 April belongs to the year starting then."""
    return day.year if day.month >= 4 else day.year - 1


def quarter_of(day: date) -> Period:
    year = financial_year_start(day)
    index = ((day.month - 4) % 12) // 3  # April-June is Q1
    start = date(year, 4, 1) + relativedelta(months=3 * index)
    end = start + relativedelta(months=3) - relativedelta(days=1)
    return Period(start=start, end=end, type=QUARTER, label=f"{year}-{(year + 1) % 100:02d}-Q{index + 1}")


def month_of(day: date) -> Period:
    start = day.replace(day=1)
    end = start + relativedelta(months=1) - relativedelta(days=1)
    return Period(start=start, end=end, type=MONTH, label=f"{start:%Y-%m}")


def parse(label: str, *, today: date) -> Period:
    """A period from its label; refuses a malformed label and one that has not begun."""
    label = (label or "").strip()
    match = _QUARTER_LABEL.fullmatch(label) or _MONTH_LABEL.fullmatch(label)
    if match and int(match[1]) not in YEARS:
        raise PeriodError(f"{label} is out of range: give a year from {YEARS[0]} to {YEARS[-1]}.")
    if match := _QUARTER_LABEL.fullmatch(label):
        year, next_year, number = int(match[1]), int(match[2]), int(match[3])
        if (year + 1) % 100 != next_year:
            raise PeriodError(
                f"{label} is not a financial year: write it like {year}-{(year + 1) % 100:02d}-Q1."
            )
        period = quarter_of(date(year, 4, 1) + relativedelta(months=3 * (number - 1)))
    elif match := _MONTH_LABEL.fullmatch(label):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise PeriodError(f"{label} has no month {month}.")
        period = month_of(date(year, month, 1))
    else:
        raise PeriodError("Give a quarter like 2026-27-Q3 or a month like 2026-11.")
    if period.start > today:
        raise PeriodError(f"{label} has not started yet; the latest is {quarter_of(today).label}.")
    return period


def recent_quarters(*, today: date, count: int = 8) -> list[Period]:
    """The current quarter and the ones before it, oldest first."""
    current = quarter_of(today)
    return [quarter_of(current.start - relativedelta(months=3 * back)) for back in range(count - 1, -1, -1)]


def recent_months(*, today: date, count: int = 12) -> list[Period]:
    current = month_of(today)
    return [month_of(current.start - relativedelta(months=back)) for back in range(count - 1, -1, -1)]
