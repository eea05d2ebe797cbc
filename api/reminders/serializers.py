"""Serializers for reminders and the reminder preference."""

from __future__ import annotations

from rest_framework import serializers

from api.serializers import BaseModelSerializer
from reminders.models import Reminder, ReminderPreference


class ReminderSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:reminder-detail")

    class Meta:
        model = Reminder
        fields = [
            "id",
            "url",
            "display",
            "rule",
            "occasion",
            "subject_line",
            "body",
            "link",
            "due_at",
            "digest",
            "state",
            "sent_at",
        ]
        read_only_fields = fields


class SnoozeSerializer(serializers.Serializer):
    until = serializers.DateTimeField()


class PreferenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReminderPreference
        fields = ["mode"]
        # PUT sets the preference whole: without a mode there is nothing to set.
        extra_kwargs = {"mode": {"required": True}}
