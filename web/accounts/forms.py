"""Forms for signing in, resetting a password, and personal settings."""

from __future__ import annotations

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

from reminders.models import ReminderPreference

SIGN_IN_FAILED = (
    "The email address or password is not right. Check them and try again, or reset your password."
)


class SignInForm(AuthenticationForm):
    """Email and password. Django's form calls `authenticate(request, ...)`, so django-axes counts
    every attempt; the email is lower-cased first, as accounts store it."""

    username = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the right format, like name@example.nhs.uk",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        error_messages={"required": "Enter your password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    # The same words whichever part was wrong, and for an inactive account: nothing about who exists.
    error_messages = {"invalid_login": SIGN_IN_FAILED, "inactive": SIGN_IN_FAILED}

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class ResetRequestForm(PasswordResetForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="The address you sign in with. We will email a link to choose a new password.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the right format, like name@example.nhs.uk",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class NewPasswordForm(SetPasswordForm):
    error_messages = {
        "password_mismatch": "The two passwords are not the same. Type the same password twice."
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        first, second = self.fields["new_password1"], self.fields["new_password2"]
        first.label, second.label = "New password", "Type the new password again"
        first.help_text = (
            "At least 12 characters. A few words together are easy to remember and hard to guess."
        )
        first.error_messages["required"] = "Enter a new password"
        second.error_messages["required"] = "Type the new password again"
        # Django's own validator list in HTML is not what the NHS hint looks like; the message is enough.
        for field in (first, second):
            field.widget.attrs.pop("aria-describedby", None)


class PasswordChangeForm(NewPasswordForm, auth_forms.PasswordChangeForm):
    error_messages = {
        **NewPasswordForm.error_messages,
        "password_incorrect": "Your current password is not right. Type it again.",
    }
    field_order = ["old_password", "new_password1", "new_password2"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.fields["old_password"].widget.attrs.pop("autofocus", None)


class ReminderPreferenceForm(forms.Form):
    mode = forms.ChoiceField(
        label="How do you want to get reminders?",
        choices=ReminderPreference.Mode.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you want to get reminders"},
    )
