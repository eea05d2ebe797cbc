"""The hours pages' period: a tax year, a quarter, or two days of the lead's choosing, read from the
address (GET) so a page of totals, a person's hours and their certificate all cover the same days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet

from accounts.models import Team
from charter.periods import recent_quarters
from involvement.selectors import tax_year_bounds, tax_year_label, tax_year_of
from web.forms import DayMonthYearField, check_days_in_order

TAX_YEARS_OFFERED = 6
QUARTERS_OFFERED = 8
# The period fields; the team and name filters narrow the totals page only.
PERIOD_FIELDS = ("period", "date_from", "date_to")


@dataclass(frozen=True)
class Period:
    first: dt.date
    last: dt.date
    name: str  # "the tax year 2025-26", "April to June 2026", "1 May 2026 to 31 May 2026"


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _choices(today: dt.date) -> tuple[list, dict[str, Period]]:
    """The periods offered, newest first, and what each means."""
    periods: dict[str, Period] = {}
    years = []
    current = tax_year_of(today)
    for year in range(current, current - TAX_YEARS_OFFERED, -1):
        first, last = tax_year_bounds(year)
        key = f"tax-{year}"
        periods[key] = Period(first, last, f"the tax year {tax_year_label(year)}")
        years.append((key, f"Tax year {tax_year_label(year)} ({_day(first)} to {_day(last)})"))
    quarters = []
    for quarter in reversed(recent_quarters(today=today, count=QUARTERS_OFFERED)):
        key = f"quarter-{quarter.label}"
        name = f"{quarter.start:%B} to {quarter.end:%B %Y}"
        periods[key] = Period(quarter.start, quarter.end, name)
        quarters.append((key, f"{name} (quarter {quarter.label[-1]} of {quarter.label[:7]})"))
    return [("Tax years", years), ("Quarters of the financial year", quarters)], periods


class PeriodForm(forms.Form):
    period = forms.ChoiceField(
        label="Period",
        required=False,
        error_messages={"invalid_choice": "Choose a period from the list"},
    )
    date_from = DayMonthYearField(what="The first day", label="From", required=False)
    date_to = DayMonthYearField(what="The last day", label="To", required=False)

    def __init__(self, *args, today: dt.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices, self.periods = _choices(today)
        self.fields["period"].choices = choices  # type: ignore[attr-defined]
        self.default = f"tax-{tax_year_of(today)}"

    def clean(self):
        data = super().clean()
        first, last = data.get("date_from"), data.get("date_to")
        if first and not last and "date_to" not in self.errors:
            self.add_error("date_to", "Enter the last day as well, or leave both days blank")
        if last and not first and "date_from" not in self.errors:
            self.add_error("date_from", "Enter the first day as well, or leave both days blank")
        check_days_in_order(self, "date_from", "date_to")
        return data

    def chosen(self) -> Period:
        """Two days typed win over the list; a mistake in either falls back to the list's period."""
        data = getattr(self, "cleaned_data", {})
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and not self.errors:
            return Period(first, last, f"{_day(first)} to {_day(last)}")
        return self.periods.get(data.get("period") or self.default, self.periods[self.default])

    def query(self) -> str:
        """The address's period, to carry from the totals to a person's page and certificate."""
        if not self.is_bound:
            return ""
        kept = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict: the form is read from GET
        for name in list(kept):
            if not name.startswith(PERIOD_FIELDS):
                del kept[name]
        return kept.urlencode()


class HoursFilterForm(PeriodForm):
    team = forms.ModelChoiceField(
        label="Team",
        help_text="The team that ran the activities.",
        queryset=Team.objects.none(),
        required=False,
        empty_label="Every team",
        error_messages={"invalid_choice": "Choose a team from the list"},
    )
    q = forms.CharField(
        label="Name",
        help_text="Part of a person's name.",
        required=False,
        max_length=200,
        error_messages={"max_length": "Keep the name to 200 characters"},
    )

    def __init__(self, *args, teams: QuerySet[Team], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
