"""Forms for the onboarding pages. They check the shape of what is typed (a date, a number, a choice
from the list); the rules (who may own a step, how early it may be due, who may mark it) are the
peers services'."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from peers.models import OnboardingItem, OnboardingOwner, OnboardingTemplateItem, PeerWorker
from web.forms import DateInput, DayMonthYearField, long_text

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y"]

# The list's views of the checklists.
SHOW_CHOICES = [
    ("open", "Not finished"),
    ("overdue", "With overdue steps"),
    ("finished", "Finished"),
    ("all", "All"),
]


class ChecklistFilterForm(forms.Form):
    show = forms.ChoiceField(
        label="Show",
        choices=SHOW_CHOICES,
        required=False,
        error_messages={"invalid_choice": "Choose which checklists to show from the list"},
    )

    def show_value(self) -> str:
        return (getattr(self, "cleaned_data", None) or {}).get("show") or "open"


def _title_field() -> forms.CharField:
    return forms.CharField(
        label="Step",
        help_text="A few words, like ID badge or First supervision booked.",
        max_length=200,
        error_messages={"required": "Enter the step", "max_length": "Keep the step to 200 characters"},
    )


class OwnerChoiceField(forms.ModelChoiceField):
    """The people who may own a step of one worker's checklist, each with their part in it."""

    def __init__(self, *, worker: PeerWorker, queryset: QuerySet[User], **kwargs) -> None:
        self.parts = {worker.user_id: "the new worker", worker.line_manager_id: "line manager"}
        for supervisor in worker.supervisors.all():
            self.parts.setdefault(supervisor.pk, "supervisor")
        super().__init__(queryset=queryset, **kwargs)

    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        return f"{obj.display_name} ({self.parts.get(obj.pk, 'HR')})"


class StepForm(forms.Form):
    """A step added for one worker, or one of theirs changed (then with its notes too)."""

    title = _title_field()
    description = long_text(
        OnboardingItem,
        "description",
        "What it involves (optional)",
        help_text="Plain words, for whoever does it.",
    )
    owner = forms.ModelChoiceField(queryset=User.objects.none())  # made per worker in __init__
    due_on = DayMonthYearField(
        what="The due date",
        label="Due by",
        help_text="For example, 15 3 2027",
        error_messages={"required": "Enter the date it is due by"},
    )

    def __init__(self, *args, worker: PeerWorker, owners: QuerySet[User], with_notes: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"] = OwnerChoiceField(
            worker=worker,
            queryset=owners,
            label="Who does it",
            empty_label="Choose someone",
            error_messages={
                "required": "Choose who does it",
                "invalid_choice": "Choose someone from the list",
            },
        )
        if with_notes:
            self.fields["notes"] = _notes_field()

    @classmethod
    def initial_for(cls, item: OnboardingItem) -> dict:
        return {
            "title": item.title,
            "description": item.description,
            "owner": item.owner_id,
            "due_on": item.due_on,
            "notes": item.notes,
        }


def _notes_field() -> forms.CharField:
    return forms.CharField(
        label="Notes (optional)",
        help_text="A short note, such as where to find it or who to ask.",
        required=False,
        max_length=500,
        error_messages={"max_length": "Keep the notes to 500 characters"},
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DoneForm(forms.Form):
    done_on = DayMonthYearField(
        what="The date it was done",
        label="When was it done?",
        help_text="For example, 15 3 2027",
        error_messages={"required": "Enter the date it was done"},
    )
    notes = _notes_field()

    @classmethod
    def initial_for(cls, item: OnboardingItem) -> dict:
        return {"done_on": timezone.localdate(), "notes": item.notes}


class TemplateStepForm(forms.Form):
    """A step of the template: what, who, and when, in days from the start date."""

    title = _title_field()
    description = long_text(
        OnboardingTemplateItem,
        "description",
        "What it involves (optional)",
        help_text="Plain words: whoever does it reads this on the new worker's checklist.",
    )
    owner_role = forms.ChoiceField(
        label="Who does it",
        choices=OnboardingOwner.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who does it"},
    )
    due_days = forms.IntegerField(
        label="When is it due, in days from the start date?",
        help_text="0 is the first day. 7 is a week after. Put a minus sign for days before the start: -5.",
        error_messages={
            "required": "Enter when it is due, in days from the start date",
            "invalid": "Enter the days as a whole number, like 7 or -5",
        },
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-4"}),
    )

    @classmethod
    def initial_for(cls, step: OnboardingTemplateItem) -> dict:
        return {
            "title": step.title,
            "description": step.description,
            "owner_role": step.owner_role,
            "due_days": step.due_days,
        }


def _date(label: str, help_text: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": f"Enter the {label.lower()} as a real date, like 31/03/2027"},
        widget=DateInput(attrs={"class": "nhsuk-input--width-10"}),
    )


class ReportForm(forms.Form):
    """The period of start dates the completion rate covers; the last year when left empty."""

    start = _date("From", "Workers who started on or after this day.")
    end = _date("To", "Workers who started on or before this day.")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The last day must be the same as or after the first day")
        elif start and not end and start > timezone.localdate():
            self.add_error("start", "The first day must be today or before, or give a last day too")
        for name in ("start", "end"):
            day = data.get(name)
            if day and not (1900 <= day.year < 2200):
                self.add_error(name, f"Enter the {name} as a date between 1900 and 2199")
        return data

    def period(self) -> tuple[dt.date, dt.date]:
        data = getattr(self, "cleaned_data", None) or {}
        end = data.get("end") or timezone.localdate()
        return data.get("start") or end - relativedelta(years=1), end
