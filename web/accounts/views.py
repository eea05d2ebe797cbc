"""Signing in and out, password reset (Django's own views in the NHS look), home and settings."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from accounts import services as account_services
from accounts.roles import Role
from accounts.visibility import restrict
from reminders import services as reminder_services
from reminders.models import ReminderPreference
from web import errors
from web.accounts.forms import (
    NewPasswordForm,
    PasswordChangeForm,
    ReminderPreferenceForm,
    ResetRequestForm,
    SignInForm,
)
from web.forms import add_domain_error
from web.home import cards_for
from web.pages import page, render_page
from web.settings_rows import rows_for
from web.throttles import rate_limited

RESET_LINK_HOURS = settings.PASSWORD_RESET_TIMEOUT // 3600


def _seconds(delta) -> int:
    return int(delta.total_seconds())


# --- signing in and out -----------------------------------------------------------------------


# Sign-in attempts count per account (the email typed), and per address under a far higher ceiling,
# so colleagues signing in behind one proxy do not use up each other's tries.
@method_decorator(rate_limited("login_address"), name="dispatch")
@method_decorator(rate_limited("login", account_field="username"), name="dispatch")
class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "web/accounts/sign_in.html"
    redirect_authenticated_user = True
    next_page = reverse_lazy("web:home")

    def form_invalid(self, form):
        # django-axes refused the attempt before any password was checked: the account is locked.
        if getattr(self.request, "axes_locked_out", False):
            seconds = _seconds(settings.AXES_COOLOFF_TIME)
            return errors.locked_out(self.request, minutes=max(1, round(seconds / 60)), retry_after=seconds)
        return super().form_invalid(form)


@never_cache
def sign_out(request: HttpRequest) -> HttpResponse:
    """POST signs out (the header's button); GET asks first, so a link or a prefetch cannot."""
    if request.method == "POST":
        logout(request)
        return redirect("web:signed-out")
    if not request.user.is_authenticated:
        return redirect("web:sign-in")
    return render_page(request, "web/accounts/sign_out.html")


def signed_out(request: HttpRequest) -> HttpResponse:
    return render_page(request, "web/accounts/signed_out.html")


# --- password reset ---------------------------------------------------------------------------


class _ResetEmailContext:
    def dispatch(self, request, *args, **kwargs):
        self.extra_email_context = {
            "site_url": settings.SITE_URL.rstrip("/"),
            "trust_name": settings.TRUST_NAME,
            "hours": RESET_LINK_HOURS,
        }
        return super().dispatch(request, *args, **kwargs)


@method_decorator(rate_limited("login_address"), name="dispatch")
@method_decorator(rate_limited("login", account_field="email"), name="dispatch")
class ResetRequestView(_ResetEmailContext, auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "web/accounts/reset_request.html"
    subject_template_name = "web/accounts/email/reset_subject.txt"
    email_template_name = "web/accounts/email/reset_body.txt"
    success_url = reverse_lazy("web:password-reset-sent")


class ResetSentView(auth_views.PasswordResetDoneView):
    template_name = "web/accounts/reset_sent.html"
    extra_context = {"hours": RESET_LINK_HOURS}


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "web/accounts/reset_confirm.html"
    success_url = reverse_lazy("web:password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # A reset is often because someone else may know the password: their API tokens end too.
        # (Browser sessions end by themselves: the password is part of each session's check.)
        account_services.auth_tokens_revoke_all(user=form.user)
        return response


class ResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "web/accounts/reset_complete.html"


@method_decorator(page, name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    """Change the password while signed in; this session stays, API tokens end (as after a reset)."""

    form_class = PasswordChangeForm
    template_name = "web/accounts/password_change.html"
    success_url = reverse_lazy("web:settings")

    def form_valid(self, form):
        response = super().form_valid(form)
        account_services.auth_tokens_revoke_all(user=form.user)
        messages.success(self.request, "Your password is changed.")
        return response


# --- home and settings ------------------------------------------------------------------------


@page
def home(request: HttpRequest) -> HttpResponse:
    """What is this person's to do. A board member has one page, the dashboard: they go straight there."""
    if request.user.role_names == frozenset({Role.BOARD_MEMBER}):
        return redirect("charter:dashboard")
    return render_page(request, "web/accounts/home.html", {"cards": cards_for(request)})


@page
def settings_page(request: HttpRequest) -> HttpResponse:
    preference = restrict(ReminderPreference.objects.all(), request.user).first()
    mode = preference.get_mode_display() if preference else ReminderPreference.Mode.IMMEDIATE.label
    return render_page(
        request, "web/accounts/settings.html", {"reminder_mode": mode, "sections": rows_for(request)}
    )


@page
def settings_reminders(request: HttpRequest) -> HttpResponse:
    preference = restrict(ReminderPreference.objects.all(), request.user).first()
    current = preference.mode if preference else ReminderPreference.Mode.IMMEDIATE
    form = ReminderPreferenceForm(
        request.POST if request.method == "POST" else None, initial={"mode": current}
    )
    if request.method == "POST" and form.is_valid():
        try:
            reminder_services.preference_set(user=request.user, mode=form.cleaned_data["mode"])
        except reminder_services.ReminderError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Your reminder setting is saved.")
            return redirect("web:settings")
    status = 400 if form.errors else 200
    return render_page(request, "web/accounts/settings_reminders.html", {"form": form}, status=status)
