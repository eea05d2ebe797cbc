"""Each person sees and manages only their own reminders and preference."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User
from accounts.visibility import Action, Visibility, register
from reminders.models import Reminder, ReminderPreference


@register
class ReminderVisibility(Visibility):
    model = Reminder

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        if action in ("view", "change"):
            return queryset.filter(recipient_user=user)
        return queryset.none()


@register
class ReminderPreferenceVisibility(Visibility):
    model = ReminderPreference

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        return queryset.filter(user=user)
