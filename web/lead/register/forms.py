"""Forms for the register pages. They check the shape of what is typed; the rules are the services'."""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet

from accounts.models import Team
from involvement.models import Participant, PartnerOrganisation, Theme
from involvement.selectors import ConsentState
from web.forms import DayMonthYearField

ANY = [("", "Any")]


class RegisterFilterForm(forms.Form):
    """The register's search box and filters, read from the address (GET) so a search can be shared."""

    q = forms.CharField(
        label="Name, email address or phone number",
        help_text="Part of a name or email address, or a whole phone number.",
        required=False,
        max_length=200,
        error_messages={"max_length": "Keep the search to 200 characters"},
    )
    experience = forms.ChoiceField(
        label="Experience", choices=ANY + Participant.Experience.choices, required=False
    )
    team = forms.ModelChoiceField(
        label="Team of interest",
        queryset=Team.objects.none(),
        required=False,
        empty_label="Any",
        error_messages={"invalid_choice": "Choose a team from the list"},
    )
    consent = forms.ChoiceField(label="Consent", choices=ANY + ConsentState.choices, required=False)
    sharing_level = forms.ChoiceField(
        label="Who may see their details", choices=ANY + Participant.SharingLevel.choices, required=False
    )
    referred_by = forms.ModelChoiceField(
        label="Referred by",
        queryset=PartnerOrganisation.objects.none(),
        required=False,
        empty_label="Any partner",
        error_messages={"invalid_choice": "Choose a partner from the list"},
    )
    status = forms.ChoiceField(label="Status", choices=ANY + Participant.Status.choices, required=False)

    def __init__(self, *args, teams: QuerySet[Team], partners: QuerySet[PartnerOrganisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["referred_by"].queryset = partners  # type: ignore[attr-defined]

    def filters(self) -> dict:
        """The valid filters, as participant_search() takes them; a mistyped one is left out."""
        data = getattr(self, "cleaned_data", {})
        return {
            "text": data.get("q") or "",
            "experience": data.get("experience") or "",
            "team_of_interest": data.get("team"),
            "consent": data.get("consent") or "",
            "sharing_level": data.get("sharing_level") or "",
            "referred_by": data.get("referred_by"),
            "status": data.get("status") or "",
        }


def _text(label: str, limit: int, *, help_text: str = "", width: str = "", **attrs) -> forms.CharField:
    if width:
        attrs["class"] = width
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=limit,
        error_messages={"max_length": f"Keep this to {limit} characters"},
        widget=forms.TextInput(attrs) if limit <= 300 else forms.Textarea({"rows": 3, **attrs}),
    )


class ParticipantForm(forms.Form):
    """Everything the register holds about a person but their consent (that has pages of its own)."""

    name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={
            "required": "Enter the person's name",
            "max_length": "Keep the name to 200 characters",
        },
        widget=forms.TextInput({"autocomplete": "off", "spellcheck": "false"}),
    )
    pronouns = _text(
        "Pronouns (optional)",
        40,
        help_text="For example, she/her or they/them.",
        width="nhsuk-input--width-10",
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address in the right format, like name@example.com"},
        widget=forms.EmailInput({"autocomplete": "off", "spellcheck": "false"}),
    )
    phone = _text(
        "Phone number (optional)", 40, width="nhsuk-input--width-20", type="tel", autocomplete="off"
    )
    postal_address = forms.CharField(
        label="Postal address (optional)",
        required=False,
        max_length=500,
        error_messages={"max_length": "Keep the address to 500 characters"},
        widget=forms.Textarea({"rows": 4}),
    )
    preferred_contact = forms.ChoiceField(
        label="How do they want to be contacted?",
        choices=Participant.ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how they want to be contacted"},
    )
    experience = forms.ChoiceField(
        label="Their lived experience",
        choices=Participant.Experience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select their lived experience"},
    )
    topics = forms.ModelMultipleChoiceField(
        label="Topics they are interested in (optional)",
        queryset=Theme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose topics from the list"},
    )
    teams_of_interest = forms.ModelMultipleChoiceField(
        label="Teams they are interested in (optional)",
        queryset=Team.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose teams from the list"},
    )
    accessibility_needs = forms.CharField(
        label="Accessibility needs and agreed adjustments (optional)",
        help_text="For example, step-free access, a hearing loop, information in large print.",
        required=False,
        max_length=2000,
        error_messages={"max_length": "Keep this to 2000 characters"},
        widget=forms.Textarea({"rows": 3}),
    )
    sharing_level = forms.ChoiceField(
        label="Who may see their contact details and needs?",
        help_text="Involvement leads always can.",
        choices=Participant.SharingLevel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who may see their contact details and needs"},
    )
    payment_preference = forms.ChoiceField(
        label="Do they want to be paid for taking part?",
        choices=Participant.PaymentPreference.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how they want to be paid"},
    )
    payroll_reference = _text(
        "Payroll or supplier number (optional)",
        50,
        help_text="The trust's number for this person in payroll, if finance has given one.",
        width="nhsuk-input--width-10",
    )
    referred_by = forms.ModelChoiceField(
        label="Referred by a partner (optional)",
        queryset=PartnerOrganisation.objects.none(),
        required=False,
        empty_label="Not referred by a partner",
        error_messages={"invalid_choice": "Choose a partner from the list"},
    )

    def __init__(
        self,
        *args,
        themes: QuerySet[Theme],
        teams: QuerySet[Team],
        partners: QuerySet[PartnerOrganisation],
        person: Participant | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        # Retired topics and partners are not offered, unless this person already has them.
        kept_topics = Q(pk__in=person.topics.all()) if person is not None else Q(pk__in=[])
        self.fields["topics"].queryset = themes.filter(Q(is_active=True) | kept_topics)  # type: ignore[attr-defined]
        kept_teams = Q(pk__in=person.teams_of_interest.all()) if person is not None else Q(pk__in=[])
        self.fields["teams_of_interest"].queryset = teams.filter(Q(is_active=True) | kept_teams)  # type: ignore[attr-defined]
        kept_partner = (
            Q(pk=person.referred_by_id) if person is not None and person.referred_by_id else Q(pk__in=[])
        )
        self.fields["referred_by"].queryset = partners.filter(Q(is_active=True) | kept_partner)  # type: ignore[attr-defined]

    def changes(self) -> dict:
        """The cleaned values as the register's services take them."""
        data = dict(self.cleaned_data)
        for name in ("topics", "teams_of_interest"):
            data[name] = list(data[name])
        return data


class ParticipantAddForm(ParticipantForm):
    consent_given = forms.BooleanField(
        label="They have agreed to be contacted about involvement",
        required=False,
    )
    consent_purposes = forms.CharField(
        label="What have they agreed to be contacted about?",
        help_text="Needed when they have agreed. For example: invitations to activities and consultations.",
        required=False,
        max_length=300,
        error_messages={"max_length": "Keep this to 300 characters"},
        widget=forms.Textarea({"rows": 2}),
    )
    joined_on = DayMonthYearField(
        what="The join date",
        label="When did they join the register? (optional)",
        help_text="Leave it empty for today. For example, 15 3 2026.",
        required=False,
    )
    different_person = forms.BooleanField(
        label="This is a different person: add them",
        required=False,
    )

    field_order = [
        "name", "pronouns", "email", "phone", "postal_address", "preferred_contact", "experience",
        "topics", "teams_of_interest", "accessibility_needs", "consent_given", "consent_purposes",
        "sharing_level", "payment_preference", "payroll_reference", "referred_by", "joined_on",
    ]  # fmt: skip

    def changes(self) -> dict:
        data = super().changes()
        data["allow_possible_duplicate"] = data.pop("different_person")
        return data


class ParticipantEditForm(ParticipantForm):
    status = forms.ChoiceField(
        label="Status on the register",
        help_text=(
            "Paused or left: their unanswered invitations and waiting-list places for activities still "
            "to come lapse, and reminders planned for them are not sent."
        ),
        choices=Participant.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select their status on the register"},
    )


class ConsentGiveForm(forms.Form):
    purposes = forms.CharField(
        label="What have they agreed to be contacted about?",
        help_text="For example: invitations to activities and consultations about community services.",
        max_length=300,
        error_messages={
            "required": "Say what they have agreed to be contacted about",
            "max_length": "Keep this to 300 characters",
        },
        widget=forms.Textarea({"rows": 3}),
    )
