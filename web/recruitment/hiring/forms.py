"""Forms for the hiring pages. They check the shape of what is typed (a date, a time, a whole number,
a choice from the list) and find the people named; the rules (who may sit on a panel, the score's
range, posts left, when a check clears, when someone may be hired) are the recruitment services'."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from involvement.models import Participant
from recruitment import selectors
from recruitment.models import CheckKind, Criterion, Interview, Offer, PreEmploymentCheck, Score
from web.forms import DateInput, DayMonthYearField, long_text, time_field

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %m %Y"]
STAFF_SEATS = 3
REGISTER_SEATS = 2


class StaffChoiceField(forms.ModelChoiceField):
    """A member of staff, by the name people know them by."""

    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        return obj.display_name


# --- interviews --------------------------------------------------------------------------------------


class InterviewTimeForm(forms.Form):
    """When and where: the part of an interview that can change until the outcome."""

    date = forms.DateField(
        label="Date",
        input_formats=DATE_FORMATS,
        error_messages={
            "required": "Enter the date of the interview",
            "invalid": "Enter the date as a real date, like 31/03/2027",
        },
        widget=DateInput(attrs={"class": "nhsuk-input--width-10"}),
    )
    start_time = time_field("Start time", required="Enter the start time")
    end_time = time_field("End time", required="Enter the end time")
    location = forms.CharField(
        label="Place (optional)",
        help_text="The room and building, as the candidate will look for them.",
        required=False,
        max_length=300,
        error_messages={"max_length": "Keep the place to 300 characters"},
    )
    online_link = forms.URLField(
        label="Video link (optional)",
        help_text="For an interview held online.",
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={"invalid": "Enter the link in full, like https://meet.example.nhs.uk/abc"},
    )
    panel_override_reason = forms.CharField(
        label="If no one on the panel has lived experience, why not? (optional)",
        help_text="A role that asks for lived experience needs someone with lived experience on its panel, "
        "or a reason kept on record.",
        required=False,
        max_length=500,
        error_messages={"max_length": "Keep the reason to 500 characters"},
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def moments(self) -> tuple[dt.datetime, dt.datetime]:
        data = self.cleaned_data
        start = timezone.make_aware(dt.datetime.combine(data["date"], data["start_time"]))
        end = timezone.make_aware(dt.datetime.combine(data["date"], data["end_time"]))
        return start, end

    def fields_for_service(self) -> dict[str, Any]:
        starts_at, ends_at = self.moments()
        data = self.cleaned_data
        return {
            "starts_at": starts_at,
            "ends_at": ends_at,
            "location": data["location"],
            "online_link": data["online_link"],
            "panel_override_reason": data["panel_override_reason"],
        }

    @staticmethod
    def initial_for(interview: Interview) -> dict[str, Any]:
        start, end = timezone.localtime(interview.starts_at), timezone.localtime(interview.ends_at)
        return {
            "date": start.date(),
            "start_time": start.time(),
            "end_time": end.time(),
            "location": interview.location,
            "online_link": interview.online_link,
            "panel_override_reason": interview.panel_override_reason,
        }


class InterviewForm(InterviewTimeForm):
    """A new interview: when and where, and its panel. Register members are named by the email address
    or phone number the involvement lead gives; members of staff are chosen from the list."""

    def __init__(self, *args, staff: QuerySet[User], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.register_found: dict[str, Participant] = {}
        for number in range(1, REGISTER_SEATS + 1):
            self.fields[f"register_{number}"] = forms.CharField(
                label="Register member: email address or phone number"
                if number == 1
                else "Another register member (optional)",
                help_text="As it is on the involvement register: ask the involvement lead, who agrees the "
                "seat with the person. They sit as a person with lived experience and are paid as "
                "the rate card says."
                if number == 1
                else "",
                required=False,
                max_length=200,
                error_messages={"max_length": "Keep this to 200 characters"},
                widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
            )
        for number in range(1, STAFF_SEATS + 1):
            self.fields[f"staff_{number}"] = StaffChoiceField(
                label=f"Member of staff {number}{' (optional)' if number > 1 else ''}",
                queryset=staff,
                required=False,
                empty_label="Choose a member of staff",
                error_messages={"invalid_choice": "Choose a member of staff from the list"},
            )
            self.fields[f"staff_{number}_lived"] = forms.BooleanField(
                label="They sit as a person with lived experience",
                required=False,
            )
        # The panel override comes after the panel it explains.
        self.order_fields(
            ["date", "start_time", "end_time", "location", "online_link"]
            + self.register_seat_names()
            + [name for seat in self.staff_seat_names() for name in (seat, f"{seat}_lived")]
            + ["panel_override_reason"]
        )

    def staff_seat_names(self) -> list[str]:
        return [f"staff_{number}" for number in range(1, STAFF_SEATS + 1)]

    def register_seat_names(self) -> list[str]:
        return [f"register_{number}" for number in range(1, REGISTER_SEATS + 1)]

    def clean(self):
        data = super().clean()
        chosen: dict[int, str] = {}
        for name in self.staff_seat_names():
            person = data.get(name)
            if person is None:
                continue
            if person.pk in chosen:
                self.add_error(name, "Choose a different member of staff for each seat")
            chosen[person.pk] = name
        found: dict[int, str] = {}
        for name in self.register_seat_names():
            contact = (data.get(name) or "").strip()
            if not contact:
                continue
            matches = list(selectors.register_members_named(contact)[:2])
            if not matches:
                self.add_error(
                    name,
                    "No one on the involvement register has this email address or phone number. "
                    "Check it with the involvement lead",
                )
            elif len(matches) > 1:
                self.add_error(
                    name,
                    "More than one person on the register has this email address or phone number. "
                    "Ask the involvement lead which of them it is",
                )
            elif matches[0].pk in found:
                self.add_error(name, "This person is named twice: name each register member once")
            else:
                found[matches[0].pk] = name
                self.register_found[name] = matches[0]
        return data

    def seats(self) -> tuple[list[dict[str, Any]], list[str]]:
        """The panel as interview_schedule takes it, and beside each seat the field that named it."""
        seats: list[dict[str, Any]] = []
        names: list[str] = []
        for name in self.register_seat_names():
            if name in self.register_found:
                seats.append({"participant": self.register_found[name]})
                names.append(name)
        for name in self.staff_seat_names():
            person = self.cleaned_data.get(name)
            if person is not None:
                seats.append(
                    {"user": person, "lived_experience": self.cleaned_data.get(f"{name}_lived", False)}
                )
                names.append(name)
        return seats, names


class CancelInterviewForm(forms.Form):
    reason = forms.CharField(
        label="Why is it cancelled? (optional)",
        help_text="Register members on the panel see this on their page, with the panel marked cancelled.",
        required=False,
        max_length=300,
        error_messages={"max_length": "Keep the reason to 300 characters"},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What did the panel decide?",
        choices=[
            (Interview.Outcome.APPOINTABLE, "Appointable"),
            (Interview.Outcome.NOT_APPOINTABLE, "Not appointable"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what the panel decided",
            "invalid_choice": "Select what the panel decided",
        },
    )
    notes = long_text(
        Interview,
        "outcome_notes",
        "Notes (optional)",
        help_text="Why, in a few words: the candidate may ask for feedback.",
    )


# --- scores ------------------------------------------------------------------------------------------


class ScoreForm(forms.Form):
    """One criterion's score and note; the form's prefix names the criterion."""

    score = forms.IntegerField(
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-3"}),
    )
    comment = long_text(Score, "comment", "Note (optional)", rows=3)

    def __init__(self, *args, criterion: Criterion, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.criterion = criterion
        score = self.fields["score"]
        score.label = f"Score for {criterion.name}"
        score.help_text = f"A whole number from 1 to {criterion.max_score}."
        score.error_messages = {
            "required": f"Enter a score for {criterion.name}",
            "invalid": f"Enter the score for {criterion.name} as a whole number, like 3",
        }
        self.fields["comment"].label = f"Note on {criterion.name} (optional)"


# --- offers ------------------------------------------------------------------------------------------


class OfferForm(forms.Form):
    start_date = DayMonthYearField(
        what="The start date",
        label="Start date",
        help_text="For example, 1 9 2027",
        error_messages={"required": "Enter the start date"},
    )
    salary_point = forms.CharField(
        label="Salary point",
        help_text="For example, band 3, entry step point.",
        max_length=60,
        error_messages={
            "required": "Enter the salary point",
            "max_length": "Keep the salary point to 60 characters",
        },
    )
    annual_salary = forms.DecimalField(
        label="Salary a year (optional)",
        required=False,
        max_digits=9,
        decimal_places=2,
        error_messages={
            "invalid": "Enter the salary as an amount of money, like 24071.00",
            "max_decimal_places": "Enter the salary in pounds and pence, like 24071.50",
            "max_digits": "Enter a smaller salary",
            "max_whole_digits": "Enter a smaller salary",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "nhsuk-input--width-10"}),
    )


class OfferAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="What did they say?",
        choices=[("accepted", "They accepted the offer"), ("declined", "They declined the offer")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what they said", "invalid_choice": "Select what they said"},
    )


# --- checks and hire ---------------------------------------------------------------------------------


class CheckForm(forms.Form):
    status = forms.ChoiceField(
        label="Where does the check stand?",
        choices=PreEmploymentCheck.Status.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select where the check stands",
            "invalid_choice": "Select where the check stands",
        },
    )
    dbs_certificate_date = DayMonthYearField(
        what="The certificate date",
        label="Date on the DBS certificate",
        help_text="For example, 15 3 2026. The recheck falls due from this date.",
        required=False,
    )
    notes = long_text(
        PreEmploymentCheck,
        "notes",
        "Notes (optional)",
        help_text="What was seen and who saw it. No copies of documents: keep those where HR keeps them.",
    )

    def __init__(self, *args, check: PreEmploymentCheck, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.check = check
        if check.kind != CheckKind.DBS:
            del self.fields["dbs_certificate_date"]

    def fields_for_service(self) -> dict[str, Any]:
        data = self.cleaned_data
        status = data["status"]
        return {
            "status": status,
            # Marking it not required is the same as saying the role does not need it, and back.
            "required": status != PreEmploymentCheck.Status.NOT_REQUIRED,
            "dbs_certificate_date": data.get("dbs_certificate_date"),
            "notes": data["notes"],
        }


class HireForm(forms.Form):
    employee_number = forms.CharField(
        label="Employee number",
        help_text="From the electronic staff record.",
        max_length=30,
        error_messages={
            "required": "Enter the new starter's employee number",
            "max_length": "Keep the employee number to 30 characters",
        },
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-10", "spellcheck": "false"}),
    )
    account = forms.EmailField(
        label="Their existing account's email address (only if they already have one)",
        help_text="Leave it empty and a new account is made for them from the application. An account "
        "is never taken over by its address alone: name it here only if you know it is theirs.",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address, like name@example.nhs.uk"},
        widget=forms.EmailInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )

    def __init__(self, *args, accounts: QuerySet[User], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.accounts = accounts
        self.found: User | None = None

    def clean_account(self) -> str:
        address = self.cleaned_data["account"].strip()
        if address:
            self.found = self.accounts.filter(email__iexact=address).first()
            if self.found is None:
                raise forms.ValidationError("No account you can see has this email address")
        return address


OFFER_ANSWERS = {"accepted": True, "declined": False}
LIVE_OFFERS = (Offer.Status.MADE, Offer.Status.ACCEPTED)
