"""Forms for a manager's and supervisor's pages. They check the shape of what is typed (a date, a
number, a choice from the list); the rules (no held session in the future, no training before the
worker started, who may sign off) are the peers services'."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet

from peers.models import ProgressionReview, SupervisionKind, SupervisionSession, TrainingCourse
from web.forms import DayMonthYearField, long_text

YES, NO = "yes", "no"


def _date(what: str, label: str, *, required: str = "", help_text: str = "") -> DayMonthYearField:
    return DayMonthYearField(
        what=what,
        label=label,
        help_text=help_text or "For example, 15 3 2026.",
        required=bool(required),
        error_messages={"required": required} if required else None,
    )


class SessionForm(forms.Form):
    """A supervision session the person recording it held."""

    kind = forms.ChoiceField(
        label="What kind of supervision was it?",
        choices=SupervisionKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the kind of supervision",
            "invalid_choice": "Select the kind of supervision",
        },
    )
    held_on = _date(
        "The date", "When was it, or when was it due to be?", required="Enter the date of the session"
    )
    status = forms.ChoiceField(
        label="Did it go ahead?",
        choices=[
            (SupervisionSession.Status.HELD, "Yes, it was held"),
            (SupervisionSession.Status.CANCELLED, "No, it was cancelled"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether the session went ahead",
            "invalid_choice": "Select whether the session went ahead",
        },
    )
    duration_minutes = forms.IntegerField(
        label="How long was it, in minutes?",
        help_text="For a cancelled session, how long it was booked for. For example, 60.",
        min_value=5,
        max_value=600,
        error_messages={
            "required": "Enter how long the session was, in minutes",
            "invalid": "Enter how long the session was as a whole number of minutes, like 60",
            "min_value": "A session must be at least 5 minutes",
            "max_value": "A session can be at most 600 minutes (10 hours)",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-4"}),
    )
    peer_led = forms.ChoiceField(
        label="Was it peer-led?",
        choices=[(YES, "Yes"), (NO, "No")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if the session was peer-led",
            "invalid_choice": "Select yes if the session was peer-led",
        },
    )
    notes = long_text(SupervisionSession, "notes", "Notes (optional)", rows=6)

    def __init__(self, *args, worker_name: str, peer_worker: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["notes"].help_text = f"Only you, {worker_name} and HR can read these."
        self.fields["peer_led"].help_text = (
            "Peer-led means the person who held it has lived experience and works in a peer role. "
            + (
                "We have said yes because you work here as a peer worker."
                if peer_worker
                else "We have said no because you are not employed here as a peer worker: say yes if you "
                "hold a lived-experience role elsewhere."
            )
        )

    def for_service(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "held_on": data["held_on"],
            "status": data["status"],
            "duration_minutes": data["duration_minutes"],
            "peer_led": data["peer_led"] == YES,
            "notes": data["notes"],
        }


class SignOffForm(forms.Form):
    signed_off_on = _date(
        "The sign-off date",
        "Date you signed it off",
        required="Enter the date you signed it off",
        help_text="Today, unless you signed it off on an earlier day. For example, 15 3 2026.",
    )


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: TrainingCourse) -> str:  # type: ignore[override]
        return f"{obj.name} (mandatory)" if obj.mandatory else obj.name


class TrainingForm(forms.Form):
    course = CourseChoiceField(
        label="Course",
        queryset=TrainingCourse.objects.none(),
        empty_label="Choose a course",
        error_messages={"required": "Choose the course", "invalid_choice": "Choose a course from the list"},
    )
    completed_on = _date(
        "The completion date", "When did they complete it?", required="Enter the date they completed it"
    )
    evidence_reference = forms.CharField(
        label="Certificate or evidence reference (optional)",
        help_text="For example, the certificate number from the e-learning system.",
        required=False,
        max_length=200,
        error_messages={"max_length": "Keep the reference to 200 characters"},
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-20", "spellcheck": "false"}),
    )

    def __init__(self, *args, courses: QuerySet[TrainingCourse], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses  # type: ignore[attr-defined]


class ReviewForm(forms.Form):
    reviewed_on = _date("The review date", "Date of the review", required="Enter the date of the review")
    outcome = forms.ChoiceField(
        label="What was the outcome?",
        choices=ProgressionReview.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome", "invalid_choice": "Select the outcome"},
    )
    notes = long_text(
        ProgressionReview,
        "notes",
        "Notes (optional)",
        help_text="What you agreed, and what would help them reach the next level.",
        rows=6,
    )
    next_review_on = _date(
        "The next review date",
        "When is the next review? (optional)",
        help_text="Leave it empty if you have not agreed one. For example, 15 9 2026.",
    )
