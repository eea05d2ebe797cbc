"""Serializers for peer workers, leaving, and what they need for the next level."""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import Team, User
from api.serializers import BaseModelSerializer, BriefRelatedField
from peers.models import Band, LeavingReason, PathwayLevel, PeerWorker
from peers.visibility import may_read_exit_notes


class PeerWorkerSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:peer-worker-detail")
    # Accounts are named, not browsed (action=None): a line manager who keeps a record current names
    # supervisors whose accounts they may not list; the service checks each one's role.
    user = BriefRelatedField(view_name="api:user-detail", queryset=User.objects.all(), action=None)
    level = BriefRelatedField(
        view_name="api:pathway-level-detail", queryset=PathwayLevel.objects.filter(is_active=True)
    )
    team = BriefRelatedField(view_name="api:team-detail", queryset=Team.objects.all())
    line_manager = BriefRelatedField(view_name="api:user-detail", queryset=User.objects.all(), action=None)
    supervisors = BriefRelatedField(
        view_name="api:user-detail", queryset=User.objects.all(), action=None, many=True, required=False
    )
    band = serializers.ChoiceField(
        choices=Band.choices, required=False, help_text="Defaults to the level's band."
    )

    class Meta:
        model = PeerWorker
        fields = [
            "id",
            "url",
            "display",
            "user",
            "employee_number",
            "level",
            "band",
            "team",
            "line_manager",
            "supervisors",
            "start_date",
            "contracted_hours",
            "status",
            "probation_review_date",
            "leaving_date",
            "leaving_reason",
            "exit_interview_notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "leaving_date",
            "leaving_reason",
            "exit_interview_notes",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "exit_interview_notes": {
                "allow_null": True,
                "help_text": "What the leaver said at their exit interview; null unless you are HR.",
            }
        }
        # Who it is, and the level and band they start on; a level changes by promotion only.
        create_only_fields = ["user", "level", "band"]
        # The one-current-employment rule is the service's, which names "user" rather than no field.
        validators: list = []

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        # Exit interview notes are for HR and the line manager, not supervisors.
        if request is not None and not may_read_exit_notes(request.user, instance):
            data["exit_interview_notes"] = None
        return data


class LeaveSerializer(serializers.Serializer):
    leaving_date = serializers.DateField()
    reason = serializers.ChoiceField(choices=LeavingReason.choices)
    exit_interview_notes = serializers.CharField(required=False, allow_blank=True, max_length=10000)


class PromoteSerializer(serializers.Serializer):
    to_level = BriefRelatedField(
        view_name="api:pathway-level-detail", queryset=PathwayLevel.objects.filter(is_active=True)
    )
    effective_date = serializers.DateField()
    band = serializers.ChoiceField(
        choices=Band.choices, required=False, help_text="Defaults to the level's band."
    )


class NextLevelSerializer(serializers.Serializer):
    next_level = BriefRelatedField(view_name="api:pathway-level-detail", read_only=True, allow_null=True)
    ready = serializers.BooleanField()
    missing_competences = BriefRelatedField(view_name="api:competence-detail", read_only=True, many=True)
    missing_courses = BriefRelatedField(view_name="api:training-course-detail", read_only=True, many=True)
