"""Forms for the activities pages. They check the shape of what is typed (a date, a time, a number, a
choice from the list); the rules (when an activity may change, who may be invited, how many places
and hours) are the involvement services'."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import Team, User
from involvement.models import (
    Activity,
    ActivityKind,
    ActivitySeries,
    Participation,
    ParticipationRole,
    PartnerOrganisation,
    Rung,
    Theme,
)
from involvement.selectors import ActivityWhen
from web.forms import DateInput, long_text, time_field

ANY = [("", "Any")]

# What each rung of the ladder of co-production means, in a line a lead can judge an activity by.
RUNG_MEANINGS = {
    Rung.COERCION: "People attend, but have no say: things are decided and done to them.",
    Rung.EDUCATING: "We help people understand the service and how it works; they do not yet have a say.",
    Rung.INFORMING: "We tell people what is happening and what has been decided.",
    Rung.CONSULTATION: "We ask people for their views, but we make the decisions.",
    Rung.ENGAGEMENT: "People get more say and shape some decisions, but we still make the final decision.",
    Rung.CO_DESIGN: "People design the service or change with us, from their experience; we share decisions.",
    Rung.CO_PRODUCTION: "People share power and responsibility equally with staff, from planning to review.",
}

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y"]


class StaffChoiceField(forms.ModelMultipleChoiceField):
    """Members of staff, by the name people know them by."""

    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        return obj.display_name


def _date_field(label: str, *, required: str = "", help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=bool(required),
        input_formats=DATE_FORMATS,
        error_messages={
            "required": required,
            "invalid": f"Enter {label.lower()} as a real date, like 31/03/2027",
        },
        widget=DateInput(attrs={"class": "nhsuk-input--width-10"}),
    )


# --- the list ---------------------------------------------------------------------------------------


class ActivityFilterForm(forms.Form):
    """The list's filters, read from the address (GET), so a filtered list can be shared and kept."""

    when = forms.ChoiceField(label="When", choices=[*ActivityWhen.choices, ("", "Any time")], required=False)
    status = forms.ChoiceField(label="Status", choices=ANY + Activity.Status.choices, required=False)
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.none(),
        required=False,
        empty_label="Any",
        error_messages={"invalid_choice": "Choose a team from the list"},
    )
    kind = forms.ModelChoiceField(
        label="Kind of activity",
        queryset=ActivityKind.objects.none(),
        required=False,
        empty_label="Any",
        error_messages={"invalid_choice": "Choose a kind of activity from the list"},
    )
    rung = forms.ChoiceField(label="Rung of the ladder", choices=ANY + Rung.choices, required=False)

    def __init__(self, *args, teams: QuerySet[Team], kinds: QuerySet[ActivityKind], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["kind"].queryset = kinds  # type: ignore[attr-defined]

    def filters(self) -> dict:
        """The valid filters, as activities_matching() takes them; a mistyped one is left out."""
        data = getattr(self, "cleaned_data", {})
        return {
            name: data.get(name) or ("" if name not in ("team", "kind") else None) for name in self.fields
        }


# --- making and changing an activity ----------------------------------------------------------------

ONCE = "once"


class ActivityForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Enter a title", "max_length": "Keep the title to 200 characters"},
    )
    description = long_text(
        Activity,
        "description",
        "What it is about (optional)",
        help_text="People invited read this. Say what will happen and what you hope will change.",
    )
    kind = forms.ModelChoiceField(
        label="Kind of activity",
        queryset=ActivityKind.objects.none(),
        empty_label="Choose a kind",
        error_messages={
            "required": "Choose the kind of activity",
            "invalid_choice": "Choose a kind of activity from the list",
        },
    )
    rung = forms.ChoiceField(
        label="Where does it sit on the ladder of co-production?",
        help_text="Be honest about how much say people will really have: the board sees these figures.",
        choices=Rung.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the rung of the ladder"},
    )
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.none(),
        empty_label="Choose a team",
        error_messages={"required": "Choose the team", "invalid_choice": "Choose a team from the list"},
    )
    date = _date_field("Date", required="Enter the date")
    start_time = time_field("Start time", required="Enter the start time")
    end_time = time_field("End time", required="Enter the end time")
    end_date = _date_field(
        "End date (optional)",
        help_text="Only for an activity that runs past midnight or over more than one day.",
    )
    venue = forms.CharField(
        label="Venue (optional)",
        required=False,
        max_length=300,
        error_messages={"max_length": "Keep the venue to 300 characters"},
    )
    online_link = forms.URLField(
        label="Online meeting link (optional)",
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={"invalid": "Enter the link in full, like https://meet.example.nhs.uk/abc"},
    )
    capacity = forms.IntegerField(
        label="Places (optional)",
        help_text="The most people who can take part. Leave it empty for no limit.",
        required=False,
        min_value=1,
        max_value=10_000,
        error_messages={
            "invalid": "Enter the number of places as a whole number, like 12",
            "min_value": "The number of places must be 1 or more, or empty for no limit",
            "max_value": "Enter a smaller number of places",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-4"}),
    )
    accessibility_arrangements = long_text(
        Activity,
        "accessibility_arrangements",
        "Access arrangements (optional)",
        help_text="For example, step-free access, a hearing loop, a quiet room.",
        rows=3,
    )
    themes = forms.ModelMultipleChoiceField(
        label="Themes (optional)",
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose themes from the list"},
    )
    partners = forms.ModelMultipleChoiceField(
        label="Partners who deliver it with you (optional)",
        queryset=PartnerOrganisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose partners from the list"},
    )
    leads = StaffChoiceField(
        label="Who leads it?",
        help_text="They see the activity and who takes part, and can record attendance.",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one lead",
            "invalid_choice": "Choose leads from the list",
        },
    )

    def __init__(
        self,
        *args,
        kinds: QuerySet[ActivityKind],
        teams: QuerySet[Team],
        themes: QuerySet[Theme],
        partners: QuerySet[PartnerOrganisation],
        leads: QuerySet[User],
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = kinds  # type: ignore[attr-defined]
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["themes"].queryset = themes  # type: ignore[attr-defined]
        self.fields["partners"].queryset = partners  # type: ignore[attr-defined]
        self.fields["leads"].queryset = leads  # type: ignore[attr-defined]
        self.rung_meanings = {value: RUNG_MEANINGS[Rung(value)] for value in Rung.values}

    def moments(self) -> tuple[dt.datetime, dt.datetime]:
        """When it starts and ends, in the trust's time zone."""
        data = self.cleaned_data
        start = timezone.make_aware(dt.datetime.combine(data["date"], data["start_time"]))
        end_day = data.get("end_date") or data["date"]
        end = timezone.make_aware(dt.datetime.combine(end_day, data["end_time"]))
        return start, end

    def fields_for_service(self) -> dict:
        """The cleaned values as activity_create, activity_update and activity_series_schedule take them."""
        data = self.cleaned_data
        starts_at, ends_at = self.moments()
        return {
            "title": data["title"],
            "description": data["description"],
            "kind": data["kind"],
            "rung": data["rung"],
            "team": data["team"],
            "starts_at": starts_at,
            "ends_at": ends_at,
            "venue": data["venue"],
            "online_link": data["online_link"],
            "capacity": data["capacity"],
            "accessibility_arrangements": data["accessibility_arrangements"],
            "themes": list(data["themes"]),
            "partners": list(data["partners"]),
            "leads": list(data["leads"]),
        }

    @staticmethod
    def initial_for(activity: Activity) -> dict:
        start, end = timezone.localtime(activity.starts_at), timezone.localtime(activity.ends_at)
        return {
            "title": activity.title,
            "description": activity.description,
            "kind": activity.kind_id,
            "rung": activity.rung,
            "team": activity.team_id,
            "date": start.date(),
            "start_time": start.time(),
            "end_time": end.time(),
            "end_date": end.date() if end.date() != start.date() else None,
            "venue": activity.venue,
            "online_link": activity.online_link,
            "capacity": activity.capacity,
            "accessibility_arrangements": activity.accessibility_arrangements,
            "themes": [theme.pk for theme in activity.themes.all()],
            "partners": [partner.pk for partner in activity.partners.all()],
            "leads": [lead.pk for lead in activity.leads.all()],
        }


class NewActivityForm(ActivityForm):
    """A new activity: once, or a series repeating weekly, fortnightly or monthly."""

    repeats = forms.ChoiceField(
        label="Does it repeat?",
        choices=[(ONCE, "No, it happens once"), *ActivitySeries.Frequency.choices],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the activity repeats"},
    )
    occurrences = forms.IntegerField(
        label="How many times will it happen? (for a repeating activity)",
        help_text="Counting the first. Each time is an activity of its own, with its own invitations.",
        required=False,
        min_value=1,
        error_messages={
            "invalid": "Enter how many times as a whole number, like 6",
            "min_value": "Enter how many times, 1 or more",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-3"}),
    )

    field_order = [
        "title", "description", "kind", "rung", "team", "date", "start_time", "end_time", "end_date",
        "repeats", "occurrences",
    ]  # fmt: skip

    def clean(self):
        data = super().clean()
        if (
            data.get("repeats") not in (None, ONCE)
            and data.get("occurrences") is None
            and "occurrences" not in self.errors
        ):
            self.add_error("occurrences", "Enter how many times the activity will happen")
        return data


# --- invitations ------------------------------------------------------------------------------------


class FindPersonForm(forms.Form):
    """Find one person on the register to invite (a GET form)."""

    q = forms.CharField(
        label="Name, email address or phone number",
        help_text="Part of a name or email address, or a whole phone number.",
        max_length=200,
        error_messages={
            "required": "Enter a name, email address or phone number",
            "max_length": "Keep the search to 200 characters",
        },
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label="Invite them as",
        choices=ParticipationRole.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the part they will play",
            "invalid_choice": "Select the part they will play",
        },
    )


class ReplyForm(forms.Form):
    answer = forms.ChoiceField(
        label="What did they say?",
        choices=[
            ("yes", "Yes, they will take part"),
            ("no", "No, they cannot take part"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what they said"},
    )


# --- attendance, closing and cancelling -------------------------------------------------------------


class AttendanceForm(forms.Form):
    """One person's attendance on the day; the form's prefix names their participation."""

    attendance = forms.ChoiceField(
        label="Did they attend?",
        choices=[
            (Participation.Attendance.ATTENDED, "Attended"),
            (Participation.Attendance.NO_SHOW, "Did not attend"),
            (Participation.Attendance.UNKNOWN, "Not recorded yet"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether they attended"},
    )
    hours = forms.DecimalField(
        label="Hours (if they attended)",
        help_text="Leave it empty for the whole activity. Fewer for part of it, like 1.5.",
        required=False,
        max_digits=5,
        decimal_places=2,
        min_value=0,
        error_messages={
            "invalid": "Enter the hours as a number, like 1.5",
            "min_value": "Hours cannot be less than 0",
            "max_decimal_places": "Enter hours to 2 decimal places at most, like 1.25",
            "max_digits": "Enter hours as a smaller number",
            "max_whole_digits": "Enter hours as a smaller number",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "nhsuk-input--width-4"}),
    )

    def __init__(self, *args, participation: Participation, **kwargs):
        super().__init__(*args, **kwargs)
        self.participation = participation
        name = participation.participant.name
        self.fields["attendance"].label = f"Did {name} attend?"
        self.fields["hours"].label = f"Hours {name} took part (if they attended)"


class CloseForm(forms.Form):
    summary = long_text(
        Activity,
        "report_summary",
        "What happened?",
        required="Say what happened",
        help_text="In plain words: what was done and what people said.",
        rows=6,
    )
    attendee_count = forms.IntegerField(
        label="How many people attended?",
        help_text="We filled in the number recorded as attended. Change it if others came too.",
        min_value=0,
        max_value=100_000,
        error_messages={
            "required": "Enter how many people attended",
            "invalid": "Enter the number of people as a whole number, like 12",
            "min_value": "The number of people cannot be less than 0",
            "max_value": "Enter a smaller number of people",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-4"}),
    )
    changes_agreed = long_text(
        Activity,
        "report_changes_agreed",
        "What changes were agreed?",
        required="Say what changes were agreed, or that none were",
        help_text='Write "None" if no changes were agreed. This is what feeds "you said, we did".',
        rows=6,
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label="Why is it cancelled?",
        help_text="People invited see this reason on their page.",
        max_length=300,
        error_messages={
            "required": "Say why the activity is cancelled",
            "max_length": "Keep the reason to 300 characters",
        },
        widget=forms.Textarea(attrs={"rows": 3}),
    )
