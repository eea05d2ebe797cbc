"""The reports' choices, read from the address (GET) so a report and its download cover the same
applications: the first and last day, and optionally one vacancy or one team. The days a report
covers by default, and whether an equality report may start or end mid-month, are the selectors'
to say; this form only checks what was typed is a day, and a vacancy or team from the list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone

from accounts.models import Team
from recruitment.models import Vacancy
from recruitment.selectors import report_period
from web.forms import DayMonthYearField, check_days_in_order

# A selector's field name for the period, and the form field that shows its refusal.
PERIOD_FIELDS = {"from": "date_from", "to": "date_to"}


class VacancyChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.team.name}), opened {timezone.localtime(obj.opens_at):%B %Y}"


class ReportForm(forms.Form):
    date_from = DayMonthYearField(what="The first day", label="From", required=False)
    date_to = DayMonthYearField(what="The last day", label="To", required=False)
    vacancy = VacancyChoice(
        queryset=Vacancy.objects.none(),
        required=False,
        label="Vacancy (optional)",
        empty_label="All vacancies",
        error_messages={"invalid_choice": "Choose a vacancy from the list"},
    )
    team = forms.ModelChoiceField(
        queryset=Team.objects.none(),
        required=False,
        label="Team (optional)",
        help_text="Takes in the teams under it.",
        empty_label="All teams",
        error_messages={"invalid_choice": "Choose a team from the list"},
    )

    def __init__(
        self, data: QueryDict, *, vacancies: QuerySet[Vacancy], teams: QuerySet[Team], today: dt.date
    ) -> None:
        # With nothing chosen yet, the boxes show the days the report covers by default.
        if not data:
            first, last = report_period(None, None, today=today)
            data = QueryDict(mutable=True)
            for name, day in (("date_from", first), ("date_to", last)):
                boxes = {"day": day.day, "month": day.month, "year": day.year}
                data.update({f"{name}_{box}": str(value) for box, value in boxes.items()})
        super().__init__(data)
        self.today = today
        self.fields["vacancy"].queryset = vacancies  # type: ignore[attr-defined]
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean()
        check_days_in_order(self, "date_from", "date_to")
        if "date_from" in self.errors or "date_to" in self.errors:
            return data
        first, last = report_period(data.get("date_from"), data.get("date_to"), today=self.today)
        if first > last:
            # Only one day was typed, and the other one (by default) comes before it.
            missing = "date_to" if data.get("date_from") else "date_from"
            self.add_error(missing, "Enter the first and last day, the last on or after the first")
        data["date_from"], data["date_to"] = first, last
        return data

    def query(self) -> dict[str, Any]:
        """The valid choices, as the report selectors take them."""
        data = self.cleaned_data
        return {
            "date_from": data["date_from"],
            "date_to": data["date_to"],
            "vacancy": data.get("vacancy"),
            "team": data.get("team"),
        }
