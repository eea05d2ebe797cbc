"""Forms for the claims pages. They check the shape of what is typed (a date, a length); whether a claim
may be approved, rejected or paid, and what a note or a reference must say, is the services' to decide."""

from __future__ import annotations

from django import forms

from involvement.models import PaymentClaim
from web.forms import DayMonthYearField, check_days_in_order


class ApproveForm(forms.Form):
    """Approve a claim. The note is the page's only field, and only asked for over the threshold; the
    service says when it is missing or too short."""

    benefits_conversation = forms.CharField(
        label="What did you talk about?",
        help_text=(
            "For example: that the payments count as earnings, what that means for their benefits, "
            "and where they can get advice. Between 10 and 1,000 characters."
        ),
        required=False,
        max_length=1000,
        error_messages={"max_length": "Keep the note of the conversation to 1,000 characters"},
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Why are you rejecting this claim?",
        help_text="Write it for them. For example: this was already paid on a paper claim.",
        required=False,
        max_length=500,
        error_messages={"max_length": "Keep the reason to 500 characters"},
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MarkPaidForm(forms.Form):
    paid_on = DayMonthYearField(
        what="The payment date",
        label="When was it paid?",
        help_text="The day the money went out. For example, 27 3 2026.",
        required=False,
    )
    payment_reference = forms.CharField(
        label="Payment reference",
        help_text="The payroll run or BACS reference the payment went out under.",
        required=False,
        max_length=100,
        error_messages={"max_length": "Keep the payment reference to 100 characters"},
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-20", "spellcheck": "false"}),
    )


class ApprovedBetweenForm(forms.Form):
    """Finance's filter, read from the address so the CSV link carries it: claims approved between two
    days, both included; either may be left blank."""

    approved_from = DayMonthYearField(what="The first day", label="Approved from", required=False)
    approved_to = DayMonthYearField(what="The last day", label="Approved up to", required=False)

    def clean(self):
        data = super().clean()
        check_days_in_order(self, "approved_from", "approved_to")
        return data

    def dates(self) -> dict:
        """The valid dates, as selectors.claims_for_export takes them."""
        data = getattr(self, "cleaned_data", {})
        return {"approved_from": data.get("approved_from"), "approved_to": data.get("approved_to")}


class ExportForm(ApprovedBetweenForm):
    status = forms.ChoiceField(
        choices=[(PaymentClaim.Status.APPROVED, "To pay"), (PaymentClaim.Status.PAID, "Paid")],
        required=False,
        error_messages={"invalid_choice": "Choose claims to pay or claims paid"},
    )
