"""Forms for HR's peer workforce pages. They check the shape of what is typed (a date, a number, a
choice from the list); the rules (who may manage or supervise, when a level may change, when someone
may leave) are the peers services'."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django import forms
from django.db.models import QuerySet

from accounts.models import Team, User
from peers.models import Band, LeavingReason, LevelChange, PathwayLevel, PeerWorker
from peers.selectors import STILL_EMPLOYED
from web.forms import DayMonthYearField, check_days_in_order, long_text

SEARCH_LIMIT = 100
Status = PeerWorker.Status


class PersonChoiceField(forms.ModelChoiceField):
    """A member of staff by the name people know them by, and their email address (names repeat)."""

    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        return f"{obj.display_name} ({obj.email})" if obj.display_name != obj.email else obj.email


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        return f"{obj.display_name} ({obj.email})" if obj.display_name != obj.email else obj.email


class TeamChoiceField(forms.ModelChoiceField):
    """A team, with the directorate it sits in."""

    def label_from_instance(self, obj: Team) -> str:  # type: ignore[override]
        return f"{obj.name} ({obj.parent.name})" if obj.parent_id else obj.name  # type: ignore[union-attr]


class LevelChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PathwayLevel) -> str:  # type: ignore[override]
        return f"{obj.name} (band {obj.band})"


def _level(
    label: str, *, required: str = "Choose a level", empty: str = "Choose a level", help_text: str = ""
) -> LevelChoiceField:
    return LevelChoiceField(
        label=label,
        help_text=help_text,
        queryset=PathwayLevel.objects.none(),
        required=bool(required),
        empty_label=empty,
        error_messages={"required": required, "invalid_choice": "Choose a level from the list"},
    )


def _band(label: str, help_text: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=help_text,
        required=False,
        choices=[("", "The level's band"), *Band.choices],
        error_messages={"invalid_choice": "Choose a band from the list"},
    )


def team_groups(teams: Iterable[Team]) -> list:
    """The filter's choices: each directorate (meaning everything in it), then its teams."""
    by_parent: dict[int | None, list[Team]] = {}
    for team in teams:
        by_parent.setdefault(team.parent_id, []).append(team)
    groups: list = [("", "Any")]
    for directorate in (t for t in teams if t.kind == Team.Kind.DIRECTORATE):
        options = [(directorate.pk, f"All of {directorate.name}")]
        options += [(team.pk, team.name) for team in by_parent.get(directorate.pk, [])]
        groups.append((directorate.name, options))
    return groups


# --- the list ---------------------------------------------------------------------------------------


class WorkerFilterForm(forms.Form):
    """The list's search and filters, read from the address (GET), so a filtered list can be shared."""

    q = forms.CharField(
        label="Name or employee number",
        help_text="Part of a name, or of an employee number.",
        required=False,
        max_length=SEARCH_LIMIT,
        error_messages={"max_length": f"Keep the search to {SEARCH_LIMIT} characters"},
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[
            (STILL_EMPLOYED, "Still employed (not left)"),
            *Status.choices,
            ("", "Any, including people who left"),
        ],
        error_messages={"invalid_choice": "Choose a status from the list"},
    )
    team = forms.TypedChoiceField(
        label="Team or directorate",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Choose a team or directorate from the list"},
    )
    level = _level("Level", required="", empty="Any")

    def __init__(self, *args, teams: list[Team], levels: QuerySet[PathwayLevel], **kwargs):
        super().__init__(*args, **kwargs)
        self.teams = {team.pk: team for team in teams}
        self.fields["team"].choices = team_groups(teams)  # type: ignore[attr-defined]
        self.fields["level"].queryset = levels  # type: ignore[attr-defined]

    def filters(self) -> dict:
        """The valid filters, as workers_matching() takes them; a mistyped one is left out."""
        data = getattr(self, "cleaned_data", {})
        return {
            "text": data.get("q") or "",
            "status": data.get("status") or "",
            "team": self.teams.get(data.get("team")),  # type: ignore[arg-type]
            "level": data.get("level"),
        }


# --- a worker's employment ----------------------------------------------------------------------------


class EmploymentForm(forms.Form):
    """What HR keeps current on an employment: the fields the update service takes."""

    employee_number = forms.CharField(
        label="Employee number",
        max_length=30,
        error_messages={
            "required": "Enter the employee number",
            "max_length": "Keep the employee number to 30 characters",
        },
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-10", "spellcheck": "false"}),
    )
    team = TeamChoiceField(
        label="Team",
        queryset=Team.objects.none(),
        empty_label="Choose a team",
        error_messages={"required": "Choose a team", "invalid_choice": "Choose a team from the list"},
    )
    line_manager = PersonChoiceField(
        label="Line manager",
        help_text="Staff who hold the line manager role.",
        queryset=User.objects.none(),
        empty_label="Choose a line manager",
        error_messages={
            "required": "Choose a line manager",
            "invalid_choice": "Choose a line manager from the list",
        },
    )
    supervisors = PeopleChoiceField(
        label="Supervisors (optional)",
        help_text="Staff who hold the supervisor role. Choose as many as the worker has.",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Choose supervisors from the list",
            "invalid_pk_value": "Choose supervisors from the list",
        },
    )
    start_date = DayMonthYearField(
        what="The start date",
        label="Start date",
        help_text="For example, 15 3 2026",
        error_messages={"required": "Enter the start date"},
    )
    contracted_hours = forms.DecimalField(
        label="Contracted hours a week",
        help_text="For example, 22.5 for three days a week",
        min_value=Decimal("0.5"),
        max_value=Decimal("48"),
        max_digits=4,
        decimal_places=2,
        error_messages={
            "required": "Enter the contracted hours a week",
            "invalid": "Enter the contracted hours as a number, like 22.5",
            "min_value": "Contracted hours must be at least 0.5 a week",
            "max_value": "Contracted hours cannot be more than 48 a week",
            "max_digits": "Enter the contracted hours as a number, like 22.5",
            "max_decimal_places": "Enter the contracted hours to no more than 2 decimal places",
        },
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-5", "inputmode": "decimal"}),
    )
    status = forms.ChoiceField(
        label="Status",
        help_text='To record someone leaving, use "Record a leaver" on their page.',
        choices=[(value, label) for value, label in Status.choices if value != Status.LEFT],
        error_messages={"required": "Choose a status", "invalid_choice": "Choose a status from the list"},
    )
    probation_review_date = DayMonthYearField(
        what="The probation review date",
        label="Probation review date (optional)",
        help_text="When probation is reviewed. For example, 15 9 2026",
        required=False,
    )

    def __init__(
        self,
        *args,
        teams: QuerySet[Team],
        line_managers: QuerySet[User],
        supervisors: QuerySet[User],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["line_manager"].queryset = line_managers  # type: ignore[attr-defined]
        self.fields["supervisors"].queryset = supervisors  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(worker: PeerWorker) -> dict:
        return {
            "employee_number": worker.employee_number,
            "team": worker.team_id,
            "line_manager": worker.line_manager_id,
            "supervisors": [s.pk for s in worker.supervisors.all()],
            "start_date": worker.start_date,
            "contracted_hours": worker.contracted_hours,
            "status": worker.status,
            "probation_review_date": worker.probation_review_date,
        }


class NewWorkerForm(EmploymentForm):
    """A new employment, starting as pre-start: who, on which level, and the rest of the employment."""

    field_order = [
        "user",
        "employee_number",
        "level",
        "band",
        "team",
        "line_manager",
        "supervisors",
        "start_date",
        "contracted_hours",
        "probation_review_date",
    ]

    user = PersonChoiceField(
        label="Who is starting",
        help_text="People with a peer worker account and no current employment. If the person is not "
        "here, ask an administrator to give their account the peer worker role.",
        queryset=User.objects.none(),
        empty_label="Choose the person",
        error_messages={
            "required": "Choose who is starting",
            "invalid_choice": "Choose a person from the list",
        },
    )
    level = _level("Level on the pathway")
    band = _band("Pay band", "Leave this as the level's band unless the job was agreed on a different one.")

    def __init__(self, *args, people: QuerySet[User], levels: QuerySet[PathwayLevel], **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["status"]  # a new employment starts as pre-start
        self.fields["user"].queryset = people  # type: ignore[attr-defined]
        self.fields["level"].queryset = levels  # type: ignore[attr-defined]


# --- a change of level ------------------------------------------------------------------------------

# What each reason means, in words HR can choose by.
LEVEL_CHANGE_MEANINGS = {
    LevelChange.Reason.PROMOTION: "They move up the pathway to a higher level. Counts as a promotion "
    "on the charter dashboard.",
    LevelChange.Reason.REGRADING: "Their job is moved to a different pay band.",
    LevelChange.Reason.CORRECTION: "Their record showed the wrong level or band.",
}


class LevelChangeForm(forms.Form):
    reason = forms.ChoiceField(
        label="What kind of change is it?",
        choices=[(reason.value, reason.label) for reason in LEVEL_CHANGE_MEANINGS],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what kind of change it is",
            "invalid_choice": "Choose what kind of change it is",
        },
    )
    to_level = _level("New level", help_text="For a regrading, keep their level as it is.")
    band = _band("New pay band", "Leave this as the level's band unless a different one was agreed.")
    effective_date = DayMonthYearField(
        what="The date it takes effect",
        label="When does it take effect?",
        help_text="For example, 1 4 2026",
        error_messages={"required": "Enter the date it takes effect"},
    )

    def __init__(self, *args, levels: QuerySet[PathwayLevel], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_level"].queryset = levels  # type: ignore[attr-defined]

    @property
    def meanings(self) -> dict[str, str]:
        return {str(reason): meaning for reason, meaning in LEVEL_CHANGE_MEANINGS.items()}


# --- a leaver -----------------------------------------------------------------------------------------


class LeaveForm(forms.Form):
    leaving_date = DayMonthYearField(
        what="The leaving date",
        label="Leaving date",
        help_text="Their last day of employment. For example, 31 3 2026",
        error_messages={"required": "Enter the leaving date"},
    )
    reason = forms.ChoiceField(
        label="Why are they leaving?",
        choices=LeavingReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose why they are leaving",
            "invalid_choice": "Choose a leaving reason from the list",
        },
    )
    exit_interview_notes = long_text(
        PeerWorker,
        "exit_interview_notes",
        "Exit interview notes (optional)",
        help_text="What they said at their exit interview, in their words where you can.",
        rows=6,
    )

    def hidden(self) -> list[tuple[str, str]]:
        """The answers as the confirm page's hidden inputs, (name, value), exactly as they were typed."""
        pairs: list[tuple[str, str]] = []
        for name, field in self.fields.items():
            names = [f"{name}{suffix}" for suffix in getattr(field.widget, "widgets_names", [""])]
            pairs.extend((each, self.data.get(each, "")) for each in names)
        return pairs


# --- the leavers summary ------------------------------------------------------------------------------


class LeaversPeriodForm(forms.Form):
    date_from = DayMonthYearField(what="The first day", label="From", required=False)
    date_to = DayMonthYearField(what="The last day", label="To", required=False)

    def __init__(self, *args, default: tuple[dt.date, dt.date], **kwargs):
        super().__init__(*args, **kwargs)
        self.default = default

    def clean(self):
        data = super().clean()
        check_days_in_order(self, "date_from", "date_to")
        return data

    def period(self) -> tuple[dt.date, dt.date]:
        """The days typed, each falling back to the default's when left blank or mistyped."""
        data = getattr(self, "cleaned_data", {}) if not self.errors else {}
        return data.get("date_from") or self.default[0], data.get("date_to") or self.default[1]
