"""Reminders' API URLs, under /api/v1/reminders: a person's own reminders and their preference."""

from __future__ import annotations

from django.urls import path

from api.reminders import views
from api.routers import AppRouter

router = AppRouter()
router.register("reminders", views.ReminderViewSet, basename="reminder")

urlpatterns = [
    path("reminders/preference", views.PreferenceView.as_view(), name="reminder-preference"),
    *router.urls,
]
