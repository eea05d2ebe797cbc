"""Accounts' API URLs, at the top of /api/v1/: signing in and out, the current user, teams and users."""

from __future__ import annotations

from django.urls import path

from api.accounts import views
from api.routers import AppRouter

router = AppRouter()
router.register("teams", views.TeamViewSet, basename="team")
router.register("users", views.UserViewSet, basename="user")

urlpatterns = [
    path("auth/login", views.LoginView.as_view(), name="auth-login"),
    path("auth/logout", views.LogoutView.as_view(), name="auth-logout"),
    path("auth/logout-all", views.LogoutAllView.as_view(), name="auth-logout-all"),
    path("me", views.MeView.as_view(), name="me"),
    *router.urls,
]
