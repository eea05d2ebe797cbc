"""Signing in and out, password reset, home and settings: at the top of the site."""

from django.urls import path

from web.accounts import views

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("signed-out/", views.signed_out, name="signed-out"),
    path("sign-in/reset/", views.ResetRequestView.as_view(), name="password-reset"),
    path("sign-in/reset/sent/", views.ResetSentView.as_view(), name="password-reset-sent"),
    path("sign-in/reset/done/", views.ResetCompleteView.as_view(), name="password-reset-complete"),
    path("sign-in/reset/<uidb64>/<token>/", views.ResetConfirmView.as_view(), name="password-reset-confirm"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/reminders/", views.settings_reminders, name="settings-reminders"),
    path("settings/password/", views.PasswordChangeView.as_view(), name="password-change"),
]
