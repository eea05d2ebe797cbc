"""Serializers for "you said, we did": the working items, the action update, and the public list."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import serializers

from accounts.models import User
from api.serializers import BaseModelSerializer, BriefRelatedField
from involvement.models import Activity, Consultation, FeedbackItem, Rung, Theme
from involvement.selectors import feedback_is_overdue


class FeedbackItemSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:feedback-item-detail")
    source_type = serializers.SerializerMethodField()
    activity = BriefRelatedField(
        view_name="api:activity-detail", queryset=Activity.objects.all(), required=False, allow_null=True
    )
    consultation = BriefRelatedField(
        view_name="api:consultation-detail",
        queryset=Consultation.objects.all(),
        required=False,
        allow_null=True,
    )
    themes = BriefRelatedField(
        view_name="api:theme-detail", queryset=Theme.objects.all(), many=True, required=False
    )
    # Any active account may be named (action=None): a lead names a colleague they may not list.
    action_owner = BriefRelatedField(
        view_name="api:user-detail", queryset=User.objects.filter(is_active=True), action=None
    )
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = FeedbackItem
        fields = [
            "id",
            "url",
            "display",
            "source_type",
            "activity",
            "consultation",
            "you_said",
            "themes",
            "action",
            "action_owner",
            "action_due",
            "action_status",
            "overdue",
            "we_did",
            "completed_on",
            "published",
            "published_at",
            "created_at",
        ]
        read_only_fields = [
            "action_status",
            "we_did",
            "completed_on",
            "published",
            "published_at",
            "created_at",
        ]
        # Where feedback came from is fixed once recorded.
        create_only_fields = ["activity", "consultation"]
        extra_kwargs = {"you_said": {"max_length": 10000}, "action": {"max_length": 10000}}

    def get_fields(self):
        fields = super().get_fields()
        if self.updating:  # a PUT that leaves the owner out keeps the one the action has
            fields["action_owner"].required = False
        return fields

    def get_source_type(self, item: FeedbackItem) -> str:
        return "activity" if item.activity_id else "consultation"

    def get_overdue(self, item: FeedbackItem) -> bool:
        return feedback_is_overdue(item, today=timezone.localdate())

    def validate(self, attrs):
        if self.instance is None and bool(attrs.get("activity")) == bool(attrs.get("consultation")):
            field = "consultation" if attrs.get("activity") else "activity"
            raise serializers.ValidationError(
                {field: ["Give the activity or the consultation this feedback came from (one, not both)."]}
            )
        return attrs


class FeedbackActionSerializer(serializers.Serializer):
    action_status = serializers.ChoiceField(choices=FeedbackItem.ActionStatus.choices, required=False)
    we_did = serializers.CharField(
        max_length=10000,
        required=False,
        allow_blank=True,
        help_text="What changed; for not_doing, why it will not be done.",
    )

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError({"action_status": ["Give action_status, we_did, or both."]})
        return attrs


class PublishedChangeSerializer(serializers.Serializer):
    """One row of the public list. Every field here is safe to publish: no person is named."""

    id = serializers.IntegerField()
    source_type = serializers.CharField(help_text="activity or consultation")
    source_title = serializers.CharField()
    ladder_rung = serializers.SerializerMethodField(
        help_text="The activity's rung; empty for a consultation."
    )
    ladder_rung_label = serializers.SerializerMethodField()
    themes = serializers.SerializerMethodField()
    you_said = serializers.CharField()
    action = serializers.CharField()
    we_did = serializers.CharField()
    status = serializers.CharField(source="action_status")
    status_label = serializers.CharField(source="get_action_status_display")
    completed_on = serializers.DateField()
    published_at = serializers.DateTimeField()

    def get_ladder_rung(self, item: FeedbackItem) -> str | None:
        return item.activity.rung if item.activity_id else None

    def get_ladder_rung_label(self, item: FeedbackItem) -> str | None:
        return Rung(item.activity.rung).label if item.activity_id else None

    def get_themes(self, item: FeedbackItem) -> list[str]:
        return [theme.name for theme in item.themes.all()]


# The CSV columns, in order; the same fields as the JSON rows.
PUBLISHED_CSV_COLUMNS = [
    "id",
    "source_type",
    "source_title",
    "ladder_rung",
    "ladder_rung_label",
    "themes",
    "you_said",
    "action",
    "we_did",
    "status",
    "status_label",
    "completed_on",
    "published_at",
]
