"""Forms for the vacancy pages. They check the shape of what is typed (a date, a number, a choice
from the list); the rules (who may be hiring manager, when a vacancy may change, which stage an
application may move to, what a paper application needs) are the recruitment services'."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django import forms
from django.db.models import QuerySet
from django.forms.boundfield import BoundWidget
from django.utils import timezone

from accounts.models import Team, User
from involvement.models import PartnerOrganisation
from peers.models import Band, PathwayLevel
from recruitment.models import (
    Application,
    Criterion,
    EqualityMonitoring,
    PipelineTemplate,
    Vacancy,
    VacancyStage,
)
from web.forms import DateInput, long_text

ANY = [("", "Any")]
YES_NO = [("yes", "Yes"), ("no", "No")]
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y"]
TIME_FORMATS = ["%H:%M", "%H.%M"]
# Where a move posted from the board goes back to; anything else goes to the application's page.
FROM_BOARD = "board"


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def _date_field(label: str, *, required: str, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        input_formats=DATE_FORMATS,
        error_messages={
            "required": required,
            "invalid": f"Enter the {label.lower()} as a real date, like 31/03/2027",
        },
        widget=DateInput(attrs={"class": "nhsuk-input--width-10"}),
    )


class StaffChoiceField(forms.ModelChoiceField):
    """A member of staff, by the name people know them by."""

    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        return obj.display_name


class TemplateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PipelineTemplate) -> str:  # type: ignore[override]
        return f"{obj.name} (the default)" if obj.is_default else obj.name


# --- the list ----------------------------------------------------------------------------------------


class VacancyFilterForm(forms.Form):
    """The list's filter, read from the address (GET), so a filtered list can be shared and kept."""

    status = forms.ChoiceField(
        label="Status",
        choices=ANY + Vacancy.Status.choices,
        required=False,
        error_messages={"invalid_choice": "Choose a status from the list"},
    )

    def status_wanted(self) -> str:
        return getattr(self, "cleaned_data", {}).get("status") or ""


# --- a vacancy ---------------------------------------------------------------------------------------


class VacancyForm(forms.Form):
    title = forms.CharField(
        label="Job title",
        max_length=200,
        error_messages={
            "required": "Enter the job title",
            "max_length": "Keep the job title to 200 characters",
        },
    )
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.none(),
        empty_label="Choose a team",
        error_messages={"required": "Choose the team", "invalid_choice": "Choose a team from the list"},
    )
    hiring_manager = StaffChoiceField(
        label="Hiring manager",
        help_text="A line manager: they manage whoever is hired, and see this vacancy and its applications.",
        queryset=User.objects.none(),
        empty_label="Choose a hiring manager",
        error_messages={
            "required": "Choose the hiring manager",
            "invalid_choice": "Choose a hiring manager from the list",
        },
    )
    level = forms.ModelChoiceField(
        label="Level on the peer pathway",
        queryset=PathwayLevel.objects.none(),
        empty_label="Choose a level",
        error_messages={"required": "Choose the level", "invalid_choice": "Choose a level from the list"},
    )
    band = forms.ChoiceField(
        label="Pay band (optional)",
        help_text="Leave it as it is to use the level's own band.",
        choices=[("", "The level's band"), *Band.choices],
        required=False,
        error_messages={"invalid_choice": "Choose a pay band from the list"},
    )
    posts = forms.IntegerField(
        label="Number of posts",
        min_value=1,
        max_value=100,
        error_messages={
            "required": "Enter the number of posts",
            "invalid": "Enter the number of posts as a whole number, like 2",
            "min_value": "The number of posts must be 1 or more",
            "max_value": "Enter a smaller number of posts",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-3"}),
    )
    contracted_hours = forms.DecimalField(
        label="Hours a week",
        help_text="For example, 37.5 for full time.",
        max_digits=4,
        decimal_places=2,
        min_value=0.5,
        max_value=48,
        error_messages={
            "required": "Enter the hours a week",
            "invalid": "Enter the hours a week as a number, like 22.5",
            "min_value": "The hours a week must be 0.5 or more",
            "max_value": "The hours a week must be 48 or fewer",
            "max_decimal_places": "Enter the hours to 2 decimal places at most, like 22.5",
            "max_digits": "Enter the hours a week as a smaller number",
            "max_whole_digits": "Enter the hours a week as a smaller number",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "nhsuk-input--width-4"}),
    )
    lived_experience_role = forms.ChoiceField(
        label="Does the role ask for lived experience?",
        help_text="If it does, every interview panel needs a member with lived experience.",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the role asks for lived experience"},
    )
    lived_experience_criteria = long_text(
        Vacancy,
        "lived_experience_criteria",
        "What lived experience the role asks for (optional)",
        rows=3,
    )
    advert_text = long_text(Vacancy, "advert_text", "The advert (optional)", rows=8)
    opens_on = _date_field("Opening date", required="Enter the opening date")
    closes_on = _date_field("Closing date", required="Enter the closing date")
    closes_time = forms.TimeField(
        label="Closing time",
        help_text="Applications close at this time on the closing date. For example, 23:59",
        input_formats=TIME_FORMATS,
        error_messages={
            "required": "Enter the closing time",
            "invalid": "Enter the closing time as a real time, like 23:59",
        },
        widget=TimeInput(attrs={"class": "nhsuk-input--width-10"}),
    )

    # A service's field, and the form field that shows its refusal.
    FIELDS = {"opens_at": "opens_on", "closes_at": "closes_on"}

    def __init__(
        self,
        *args,
        teams: QuerySet[Team],
        managers: QuerySet[User],
        levels: QuerySet[PathwayLevel],
        vacancy: Vacancy | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.vacancy = vacancy
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["hiring_manager"].queryset = managers  # type: ignore[attr-defined]
        self.fields["level"].queryset = levels  # type: ignore[attr-defined]

    def fields_for_service(self) -> dict:
        """The cleaned values as vacancy_create and vacancy_update take them.

        An opening date left as it was keeps the vacancy's own opening moment; a new one opens at
        the start of that day. A band left empty is the level's.
        """
        data = self.cleaned_data
        opens_at = timezone.make_aware(dt.datetime.combine(data["opens_on"], dt.time(0, 0)))
        if self.vacancy is not None and timezone.localtime(self.vacancy.opens_at).date() == data["opens_on"]:
            opens_at = self.vacancy.opens_at
        fields = {
            "title": data["title"],
            "team": data["team"],
            "hiring_manager": data["hiring_manager"],
            "level": data["level"],
            "posts": data["posts"],
            "contracted_hours": data["contracted_hours"],
            "lived_experience_role": data["lived_experience_role"] == "yes",
            "lived_experience_criteria": data["lived_experience_criteria"],
            "advert_text": data["advert_text"],
            "opens_at": opens_at,
            "closes_at": timezone.make_aware(dt.datetime.combine(data["closes_on"], data["closes_time"])),
        }
        if data["band"]:
            fields["band"] = data["band"]
        elif self.vacancy is not None:
            fields["band"] = data["level"].band
        return fields

    @staticmethod
    def initial_for(vacancy: Vacancy) -> dict:
        closes = timezone.localtime(vacancy.closes_at)
        return {
            "title": vacancy.title,
            "team": vacancy.team_id,
            "hiring_manager": vacancy.hiring_manager_id,
            "level": vacancy.level_id,
            "band": "" if vacancy.band == vacancy.level.band else vacancy.band,
            "posts": vacancy.posts,
            "contracted_hours": vacancy.contracted_hours.normalize(),
            "lived_experience_role": "yes" if vacancy.lived_experience_role else "no",
            "lived_experience_criteria": vacancy.lived_experience_criteria,
            "advert_text": vacancy.advert_text,
            "opens_on": timezone.localtime(vacancy.opens_at).date(),
            "closes_on": closes.date(),
            "closes_time": closes.time().replace(second=0, microsecond=0),
        }

    @staticmethod
    def initial_new() -> dict:
        today = timezone.localdate()
        return {
            "posts": 1,
            "contracted_hours": "37.5",
            "lived_experience_role": "yes",
            "opens_on": today,
            "closes_on": today + dt.timedelta(days=28),
            "closes_time": dt.time(23, 59),
        }


class NewVacancyForm(VacancyForm):
    """A new vacancy: its stages are copied once from the template chosen here."""

    template = TemplateChoiceField(
        label="Stages",
        help_text="The vacancy's stages are copied from this template once, now. Changing the "
        "template later does not change this vacancy.",
        queryset=PipelineTemplate.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the stages the applications go through",
            "invalid_choice": "Choose a stage template from the list",
        },
    )

    field_order = ["template"]

    def __init__(self, *args, templates: QuerySet[PipelineTemplate], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates  # type: ignore[attr-defined]
        # Each template's stages in order, to show under its name (prefetched by the view).
        self.template_stages = {str(t.pk): ", ".join(s.name for s in t.stages.all()) for t in templates}

    def template_radios(self) -> list[tuple[BoundWidget, str]]:
        """Each template's radio, with its stages in order to show under it."""
        return [(radio, self.template_stages.get(str(radio.data["value"]), "")) for radio in self["template"]]


# --- criteria ----------------------------------------------------------------------------------------


class CriterionForm(forms.Form):
    name = forms.CharField(
        label="What the panel scores",
        help_text="For example, Uses their own lived experience with purpose and care.",
        max_length=200,
        error_messages={
            "required": "Enter what the panel scores",
            "max_length": "Keep it to 200 characters",
        },
    )
    max_score = forms.IntegerField(
        label="Scored out of",
        min_value=1,
        max_value=100,
        error_messages={
            "required": "Enter the highest score",
            "invalid": "Enter the highest score as a whole number, like 5",
            "min_value": "The highest score must be 1 or more",
            "max_value": "The highest score must be 100 or less",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-3"}),
    )

    @staticmethod
    def initial_for(criterion: Criterion) -> dict:
        return {"name": criterion.name, "max_score": criterion.max_score}


# --- the pipeline ------------------------------------------------------------------------------------


class MoveForm(forms.Form):
    """Move one application to another stage. The list offers the moves allowed from where it is;
    any stage of the vacancy is accepted here, so a move the service refuses (the board was out of
    date) comes back with the service's own words."""

    to_stage = forms.ModelChoiceField(
        label="Move to",
        queryset=VacancyStage.objects.none(),
        empty_label="Choose a stage",
        error_messages={
            "required": "Choose the stage to move to",
            "invalid_choice": "Choose a stage from the list",
        },
    )
    reason = forms.CharField(
        label="Reason (needed to reject)",
        help_text="Kept with the move in the application's history.",
        required=False,
        max_length=500,
        error_messages={"max_length": "Keep the reason to 500 characters"},
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    back = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args, stages: QuerySet[VacancyStage], allowed: Iterable[VacancyStage], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_stage"]
        field.queryset = stages  # type: ignore[attr-defined]
        field.widget.choices = [("", "Choose a stage"), *((stage.pk, stage.name) for stage in allowed)]

    def from_board(self) -> bool:
        return self.data.get("back") == FROM_BOARD


class AdjustmentDecisionForm(forms.Form):
    provided = forms.ChoiceField(
        label="Was the adjustment provided?",
        choices=[("yes", "Yes, it was provided"), ("no", "No, it could not be provided")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the adjustment was provided"},
    )
    note = forms.CharField(
        label="Note (needed if it could not be provided)",
        help_text="Say why, and what was offered instead. The applicant may ask to see this.",
        required=False,
        max_length=500,
        error_messages={"max_length": "Keep the note to 500 characters"},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# --- a paper application -----------------------------------------------------------------------------

_Equality = EqualityMonitoring
PREFER_NOT = "prefer_not_to_say"


def _equality(label: str, choices) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        initial=PREFER_NOT,
        error_messages={"required": "Choose an answer", "invalid_choice": "Choose an answer from the list"},
    )


class PaperApplicationForm(forms.Form):
    applicant_name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={
            "required": "Enter the applicant's name",
            "max_length": "Keep the name to 200 characters",
        },
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter the applicant's email address",
            "invalid": "Enter an email address in the right format, like name@example.com",
            "max_length": "Enter a shorter email address",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label="Phone number (optional)",
        max_length=40,
        required=False,
        error_messages={"max_length": "Enter a shorter phone number"},
        widget=forms.TextInput(
            attrs={"type": "tel", "autocomplete": "off", "class": "nhsuk-input--width-20"}
        ),
    )
    source = forms.ChoiceField(
        label="How did they come to apply?",
        choices=Application.Source.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how they came to apply"},
    )
    participant = forms.IntegerField(
        label="Their number on the involvement register (if they came from the register)",
        help_text="The involvement team can tell you it.",
        required=False,
        min_value=1,
        error_messages={
            "invalid": "Enter the register number as a whole number, like 42",
            "min_value": "Enter the register number as a whole number, like 42",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-10"}),
    )
    referred_by = forms.ModelChoiceField(
        label="Partner organisation that referred them (if they were referred)",
        queryset=PartnerOrganisation.objects.none(),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose a partner organisation from the list"},
    )
    supporting_statement = long_text(
        Application, "supporting_statement", "Supporting statement (optional)", rows=8
    )
    adjustments = forms.CharField(
        label="Adjustments they ask for (optional)",
        help_text="One to a line. For example, questions in writing on the day.",
        required=False,
        max_length=4000,
        error_messages={"max_length": "Keep the adjustments to 4,000 characters"},
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    age_band = _equality("Age", _Equality.AgeBand.choices)
    ethnic_group = _equality("Ethnic group", _Equality.EthnicGroup.choices)
    disabled = _equality("Do they consider themselves disabled?", _Equality.YesNo.choices)
    sex = _equality("Sex", _Equality.Sex.choices)
    gender_same_as_at_birth = _equality("Is their gender the same as at birth?", _Equality.YesNo.choices)
    lgb_plus = _equality(
        "Are they lesbian, gay, bisexual or another sexual orientation?", _Equality.YesNo.choices
    )

    EQUALITY = ("age_band", "ethnic_group", "disabled", "sex", "gender_same_as_at_birth", "lgb_plus")
    # A service's field (equality.x is the answer x), and the form field that shows its refusal.
    FIELDS = {f"equality.{name}": name for name in EQUALITY} | {"vacancy": ""}

    def __init__(self, *args, partners: QuerySet[PartnerOrganisation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referred_by"].queryset = partners  # type: ignore[attr-defined]

    def equality_fields(self):
        return [self[name] for name in self.EQUALITY]

    def adjustment_lines(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["adjustments"].splitlines() if line.strip()]
