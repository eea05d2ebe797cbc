"""Serializers for activities, series and participation."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Team, User
from api.serializers import BaseModelSerializer, BriefRelatedField
from involvement.models import (
    Activity,
    ActivityKind,
    ActivitySeries,
    Participant,
    Participation,
    ParticipationRole,
    PartnerOrganisation,
    Theme,
)
from involvement.visibility import may_see_participant_contact


class ActivitySerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:activity-detail")
    kind = BriefRelatedField(
        view_name="api:activity-kind-detail", queryset=ActivityKind.objects.filter(is_active=True)
    )
    team = BriefRelatedField(view_name="api:team-detail", queryset=Team.objects.all())
    themes = BriefRelatedField(
        view_name="api:theme-detail", queryset=Theme.objects.all(), many=True, required=False
    )
    # Accounts are named, not browsed (action=None): a lead names colleagues they may not list.
    leads = BriefRelatedField(
        view_name="api:user-detail", queryset=User.objects.all(), action=None, many=True, required=False
    )
    partners = BriefRelatedField(
        view_name="api:partner-detail", queryset=PartnerOrganisation.objects.all(), many=True, required=False
    )
    series = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    places_taken = serializers.IntegerField(read_only=True)
    waiting = serializers.IntegerField(read_only=True)
    attended = serializers.IntegerField(read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "url",
            "display",
            "title",
            "description",
            "kind",
            "rung",
            "themes",
            "leads",
            "team",
            "starts_at",
            "ends_at",
            "venue",
            "online_link",
            "capacity",
            "places_taken",
            "waiting",
            "attended",
            "accessibility_arrangements",
            "partners",
            "series",
            "status",
            "report_summary",
            "report_attendee_count",
            "report_changes_agreed",
            "closed_at",
            "cancelled_reason",
            "created_at",
        ]
        read_only_fields = [
            "status",
            "report_summary",
            "report_attendee_count",
            "report_changes_agreed",
            "closed_at",
            "cancelled_reason",
            "created_at",
        ]

    def validate(self, attrs):
        starts = attrs.get("starts_at", getattr(self.instance, "starts_at", None))
        ends = attrs.get("ends_at", getattr(self.instance, "ends_at", None))
        if starts and ends and ends <= starts:
            raise serializers.ValidationError({"ends_at": ["An activity must end after it starts."]})
        return attrs


class ActivitySeriesSerializer(ActivitySerializer):
    frequency = serializers.ChoiceField(choices=ActivitySeries.Frequency.choices)
    occurrences = serializers.IntegerField(min_value=1, max_value=52)

    class Meta(ActivitySerializer.Meta):
        fields = [*ActivitySerializer.Meta.fields, "frequency", "occurrences"]


class ActivityCloseSerializer(serializers.Serializer):
    summary = serializers.CharField(max_length=5000)
    attendee_count = serializers.IntegerField(min_value=0)
    changes_agreed = serializers.CharField(max_length=5000)


class ActivityCancelSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class InviteSerializer(serializers.Serializer):
    """Invite one person (`participant`) or everyone a register filter matches (`filter`)."""

    participant = BriefRelatedField(
        view_name="api:participant-detail", queryset=Participant.objects.all(), required=False
    )
    filter = serializers.DictField(
        required=False,
        help_text="Register filters, as on GET /involvement/participants/ (e.g. experience, topic).",
    )
    role = serializers.ChoiceField(choices=ParticipationRole.choices, default=ParticipationRole.PARTICIPANT)

    def validate(self, attrs):
        if ("participant" in attrs) == ("filter" in attrs):
            raise serializers.ValidationError({"participant": ["Give either participant or filter."]})
        return attrs


@extend_schema_field(
    {
        "type": "object",
        "nullable": True,
        "description": "Contact details and needs; null when the person's sharing level hides them from you.",
        "properties": {
            "email": {"type": "string"},
            "phone": {"type": "string"},
            "preferred_contact": {"type": "string"},
            "accessibility_needs": {"type": "string"},
        },
    }
)
class ParticipantContactField(serializers.Field):
    """Contact details and needs, shown only to whom the person's sharing level allows."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, participation: Participation):
        person = participation.participant
        if not may_see_participant_contact(self.context["request"].user, person):
            return None
        return {
            "email": person.email,
            "phone": person.phone,
            "preferred_contact": person.preferred_contact,
            "accessibility_needs": person.accessibility_needs,
        }


class ParticipationSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:participation-detail")
    activity = BriefRelatedField(view_name="api:activity-detail", queryset=Activity.objects.all())
    participant = BriefRelatedField(view_name="api:participant-detail", queryset=Participant.objects.all())
    participant_pronouns = serializers.CharField(source="participant.pronouns", read_only=True)
    participant_contact = ParticipantContactField()

    class Meta:
        model = Participation
        fields = [
            "id",
            "url",
            "display",
            "activity",
            "participant",
            "participant_pronouns",
            "participant_contact",
            "role",
            "status",
            "invited_at",
            "responded_at",
            "waitlisted_at",
            "attendance",
            "hours",
        ]
        read_only_fields = ["status", "invited_at", "responded_at", "waitlisted_at", "attendance", "hours"]
        create_only_fields = ["activity", "participant"]


class AttendanceSerializer(serializers.Serializer):
    attendance = serializers.ChoiceField(choices=Participation.Attendance.choices)
    hours = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, required=False, allow_null=True
    )
