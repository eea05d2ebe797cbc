"""Forms for the partner pages. They check the shape of what is typed; the rules are the services'."""

from __future__ import annotations

from django import forms

from involvement.models import PartnerOrganisation


class PartnerFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of organisation",
        choices=[("", "Any kind"), *PartnerOrganisation.Kind.choices],
        required=False,
    )


class PartnerForm(forms.Form):
    name = forms.CharField(
        label="Name of the organisation",
        max_length=200,
        error_messages={
            "required": "Enter the organisation's name",
            "max_length": "Keep the name to 200 characters",
        },
    )
    kind = forms.ChoiceField(
        label="What kind of organisation is it?",
        choices=PartnerOrganisation.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of organisation it is"},
    )
    website = forms.URLField(
        label="Website (optional)",
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address, like https://www.example.org"},
        widget=forms.URLInput({"spellcheck": "false"}),
    )
    description = forms.CharField(
        label="What they do (optional)",
        help_text="For example, the communities they work with and how they work with the trust.",
        required=False,
        max_length=2000,
        error_messages={"max_length": "Keep this to 2000 characters"},
        widget=forms.Textarea({"rows": 4}),
    )


class PartnerEditForm(PartnerForm):
    is_active = forms.ChoiceField(
        label="Does the trust still work with them?",
        help_text=(
            "A partner you no longer work with stays on record, with what they co-delivered and who "
            "they referred, but is not offered as a choice."
        ),
        choices=[("yes", "Yes"), ("no", "No, not any more")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the trust still works with them"},
    )

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data["is_active"] = data["is_active"] == "yes"
        return data


class ContactForm(forms.Form):
    name = forms.CharField(
        label="Full name",
        max_length=200,
        error_messages={
            "required": "Enter the contact's name",
            "max_length": "Keep the name to 200 characters",
        },
    )
    job_title = forms.CharField(
        label="Job title (optional)",
        required=False,
        max_length=200,
        error_messages={"max_length": "Keep the job title to 200 characters"},
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address in the right format, like name@example.com"},
        widget=forms.EmailInput({"spellcheck": "false"}),
    )
    phone = forms.CharField(
        label="Phone number (optional)",
        required=False,
        max_length=40,
        error_messages={"max_length": "Keep the phone number to 40 characters"},
        widget=forms.TextInput({"type": "tel", "class": "nhsuk-input--width-20"}),
    )
