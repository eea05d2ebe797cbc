"""Forms for a participant's own pages. They check the shape of what is typed; the rules are the services'."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import MinValueValidator

from involvement.models import ExpenseLine, Participant

PENNY = Decimal("0.01")


class ReplyForm(forms.Form):
    answer = forms.ChoiceField(
        label="Can you take part?",
        choices=[("yes", "Yes, I would like to take part"), ("no", "No, I cannot take part this time")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you would like to take part"},
    )


class ClaimForm(forms.Form):
    hours = forms.DecimalField(
        label="Hours you took part",
        help_text="We filled in the hours recorded for you. If they are not right, change them, like 2.5.",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(PENNY, message="Hours must be more than 0")],
        error_messages={
            "required": "Enter the hours you took part",
            "invalid": "Enter the hours as a number, like 2.5",
            "max_decimal_places": "Enter hours to 2 decimal places at most, like 1.25",
            "max_digits": "Enter hours as a smaller number",
            "max_whole_digits": "Enter hours as a smaller number",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "nhsuk-input--width-4"}),
    )


class ExpenseLineForm(forms.Form):
    """One expense. A row left blank is ignored; a row started must say what it was and how much."""

    kind = forms.ChoiceField(
        label="What was it for?",
        choices=[("", "Choose"), *ExpenseLine.Kind.choices],
        required=False,
        widget=forms.Select,
    )
    amount = forms.DecimalField(
        label="Amount",
        max_digits=10,
        decimal_places=2,
        required=False,
        validators=[MinValueValidator(PENNY, message="The amount must be more than £0.00")],
        error_messages={
            "invalid": "Enter the amount in pounds and pence, like 12.50",
            "max_decimal_places": "Enter the amount in pounds and pence, like 12.50",
            "max_digits": "That amount is too large",
            "max_whole_digits": "That amount is too large",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "nhsuk-input--width-5"}),
    )
    description = forms.CharField(
        label="Details (optional)",
        help_text="For example, bus fare from Newtown and back.",
        max_length=300,
        required=False,
        error_messages={"max_length": "Keep the details to 300 characters"},
    )
    receipt_reference = forms.CharField(
        label="Receipt reference (optional)",
        max_length=100,
        required=False,
        error_messages={"max_length": "Keep the receipt reference to 100 characters"},
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-20"}),
    )

    def clean(self):
        data = super().clean()
        if not self.has_changed():
            return data
        if not data.get("kind") and "kind" not in self.errors:
            self.add_error("kind", "Choose what the expense was for")
        if data.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", "Enter the amount, like 12.50")
        return data

    def as_line(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "amount": data["amount"],
            "description": data.get("description", ""),
            "receipt_reference": data.get("receipt_reference", ""),
        }


ExpenseLineFormSet = forms.formset_factory(ExpenseLineForm, extra=0, min_num=1, max_num=20, absolute_max=20)


class SharingForm(forms.Form):
    sharing_level = forms.ChoiceField(
        label="Who can see your contact details and needs?",
        help_text="The involvement team always can. They use them to invite you and to arrange support.",
        choices=Participant.SharingLevel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who can see your contact details and needs"},
    )
    payment_preference = forms.ChoiceField(
        label="Do you want to be paid for taking part?",
        help_text=(
            "Involvement payments can count as earnings for tax and for benefits. You can choose "
            "expenses only, or no payment at all, and change your mind at any time."
        ),
        choices=Participant.PaymentPreference.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you want to be paid"},
    )


class ContactForm(forms.Form):
    preferred_contact = forms.ChoiceField(
        label="How do you want us to contact you?",
        choices=Participant.ContactMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you want us to contact you"},
    )
    email = forms.EmailField(
        label="Email address for invitations and reminders",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address in the right format, like name@example.com"},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=40,
        error_messages={"max_length": "Keep the phone number to 40 characters"},
        widget=forms.TextInput(
            attrs={"autocomplete": "tel", "type": "tel", "class": "nhsuk-input--width-20"}
        ),
    )
    postal_address = forms.CharField(
        label="Postal address",
        required=False,
        max_length=500,
        error_messages={"max_length": "Keep the address to 500 characters"},
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "street-address"}),
    )


class ConsentGiveForm(forms.Form):
    purposes = forms.CharField(
        label="What are you happy for us to contact you about?",
        help_text="For example: invitations to activities and consultations about community services.",
        max_length=300,
        error_messages={
            "required": "Say what you are happy for us to contact you about",
            "max_length": "Keep this to 300 characters",
        },
        widget=forms.Textarea(attrs={"rows": 3}),
    )
