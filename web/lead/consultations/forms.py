"""Forms for consultations and "you said, we did". They check the shape of what is typed (a date, a
choice from the list, a length); the rules (what may change when, who may own an action, what may
be published) are the services'."""

from __future__ import annotations

from django import forms

from accounts.models import User
from involvement.models import Consultation, ConsultationResponse, FeedbackItem, Participant
from web.forms import DateInput, long_text

# How a datetime-local input sends its value; the others are what people type where it is a text box.
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class PersonChoiceField(forms.ModelChoiceField):
    """A member of staff, by the name people know them by."""

    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        return obj.display_name


def when_field(label: str, *, required: str, help_text: str = "") -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        help_text=help_text,
        input_formats=DATETIME_FORMATS,
        error_messages={
            "required": required,
            "invalid": f"Enter {label.lower()} as a real date and time, like 31/03/2027 17:00",
        },
        widget=DateTimeLocalInput(attrs={"class": "nhsuk-input--width-20"}),
    )


def themes_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label="Themes (optional)",
        required=False,
        queryset=None,  # set by the form: the active themes
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose themes from the list"},
    )


# --- consultations ------------------------------------------------------------------------------


class ConsultationForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Enter a title", "max_length": "Keep the title to 200 characters"},
    )
    summary = long_text(
        Consultation,
        "summary",
        "Summary",
        required="Enter a summary of what the consultation is about",
        help_text="What people are asked about, in plain words. Invitations show this.",
        rows=5,
    )
    document_url = forms.URLField(
        label="Link to the document (optional)",
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={"invalid": "Enter the link in full, like https://www.example.nhs.uk/draft.pdf"},
    )
    audience = forms.ChoiceField(
        label="Who is it for?",
        choices=Consultation.Audience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who the consultation is for"},
    )
    owner = PersonChoiceField(
        label="Owner",
        help_text="The member of staff responsible for it.",
        queryset=User.objects.none(),
        empty_label="Choose a member of staff",
        error_messages={
            "required": "Choose the owner",
            "invalid_choice": "Choose an active member of staff from the list",
        },
    )
    team: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Team (optional)",
        required=False,
        queryset=None,
        empty_label="No team",
        error_messages={"invalid_choice": "Choose a team from the list"},
    )
    themes = themes_field()
    opens_at = when_field("Opens", required="Enter when the consultation opens for feedback")
    closes_at = when_field(
        "Closes",
        required="Enter when the consultation closes for feedback",
        help_text="The closing date for feedback. People are told it when invited.",
    )

    def __init__(self, *args, owners, teams, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["team"].queryset = teams
        self.fields["themes"].queryset = themes


class OutcomeForm(forms.Form):
    outcome_summary = long_text(
        Consultation,
        "outcome_summary",
        "What the consultation found and what changes",
        required="Say what the consultation found and what changes",
        help_text="People who responded, and the public, read this. Write it in plain words.",
        rows=8,
    )


# --- invitations --------------------------------------------------------------------------------


class FindPersonForm(forms.Form):
    """Find one person on the register to invite (a GET form)."""

    q = forms.CharField(
        label="Name, email address or phone number",
        max_length=254,
        error_messages={"required": "Enter a name, email address or phone number"},
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )


# --- responses ----------------------------------------------------------------------------------

NOT_NAMED = "none"
# A response entered for someone came on paper, by phone or another way; "online" is what a person
# sends themselves.
ENTERED_VIA = [
    (value, label)
    for value, label in ConsultationResponse.ReceivedVia.choices
    if value != ConsultationResponse.ReceivedVia.ONLINE
]


class ResponseForm(forms.Form):
    participant = forms.ChoiceField(
        label="Whose response is it?",
        help_text="People invited come first. Choose the last option for a response that names no one.",
        error_messages={
            "required": "Choose whose response this is",
            "invalid_choice": "Choose a person from the list",
        },
    )
    received_via = forms.ChoiceField(
        label="How did it reach you?",
        choices=ENTERED_VIA,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the response reached you"},
    )
    body = long_text(
        ConsultationResponse,
        "body",
        "The response",
        required="Write the response",
        help_text="Type what the person said or wrote, in their words as far as you can.",
        rows=10,
    )
    themes = themes_field()

    def __init__(self, *args, invited, others, responded, themes, **kwargs):
        super().__init__(*args, **kwargs)
        invited, others = list(invited), list(others)
        self.people = {str(p.pk): p for p in [*invited, *others]}

        def label(person: Participant) -> str:
            return f"{person.name} (has responded)" if person.pk in responded else person.name

        self.fields["participant"].choices = [
            ("", "Choose a person"),
            ("Invited", [(str(p.pk), label(p)) for p in invited]),
            ("Others on the register", [(str(p.pk), label(p)) for p in others]),
            (NOT_NAMED, "No one named (an anonymous response)"),
        ]
        self.fields["themes"].queryset = themes

    def person(self) -> Participant | None:
        return self.people.get(self.cleaned_data["participant"])


# --- you said, we did ---------------------------------------------------------------------------


class FeedbackItemForm(forms.Form):
    source = forms.ChoiceField(
        label="Where did this feedback come from?",
        error_messages={
            "required": "Choose the consultation or activity this feedback came from",
            "invalid_choice": "Choose a consultation or activity from the list",
        },
    )
    you_said = long_text(
        FeedbackItem,
        "you_said",
        "You said",
        required="Say what people said",
        help_text="What people told us, in their words as far as you can. This is published.",
        rows=5,
    )
    action = long_text(
        FeedbackItem,
        "action",
        "What we will do",
        required="Say what will be done about it",
        help_text="The action agreed.",
        rows=5,
    )
    action_owner = PersonChoiceField(
        label="Action owner",
        help_text="The member of staff who will see it done.",
        queryset=User.objects.none(),
        empty_label="Choose a member of staff",
        error_messages={
            "required": "Choose who owns the action",
            "invalid_choice": "Choose an active member of staff from the list",
        },
    )
    action_due = forms.DateField(
        label="Due date",
        input_formats=DATE_FORMATS,
        error_messages={
            "required": "Enter the date the action is due",
            "invalid": "Enter the due date as a real date, like 31/03/2027",
        },
        widget=DateInput(attrs={"class": "nhsuk-input--width-10"}),
    )
    themes = themes_field()

    def __init__(self, *args, sources=None, owners, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action_owner"].queryset = owners
        self.fields["themes"].queryset = themes
        if sources is None:  # a change: where it came from is fixed once recorded
            del self.fields["source"]
            return
        consultations, activities = sources
        self.sources = {f"consultation-{c.pk}": ("consultation", c) for c in consultations}
        self.sources.update({f"activity-{a.pk}": ("activity", a) for a in activities})
        self.fields["source"].choices = [
            ("", "Choose"),
            ("Consultations", [(f"consultation-{c.pk}", c.title) for c in consultations]),
            (
                "Activities",
                [(f"activity-{a.pk}", f"{a.title} ({a.starts_at:%d/%m/%Y})") for a in activities],
            ),
        ]

    def source_kwargs(self) -> dict:
        kind, row = self.sources[self.cleaned_data["source"]]
        return {kind: row}


class ProgressForm(forms.Form):
    action_status = forms.ChoiceField(
        label="Where is the action up to?",
        choices=FeedbackItem.ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select where the action is up to"},
    )
    we_did = long_text(
        FeedbackItem,
        "we_did",
        "We did",
        help_text=(
            "What changed, or why it will not be done. Needed once the action is done or not being done; "
            "this is what the public list shows."
        ),
        rows=5,
    )
