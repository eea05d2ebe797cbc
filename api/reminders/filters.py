"""Filters for a person's reminders."""

import django_filters

from reminders.models import Reminder


class ReminderFilter(django_filters.FilterSet):
    due_after = django_filters.IsoDateTimeFilter(field_name="due_at", lookup_expr="gte")
    due_before = django_filters.IsoDateTimeFilter(field_name="due_at", lookup_expr="lt")

    class Meta:
        model = Reminder
        fields = ["state", "rule"]
