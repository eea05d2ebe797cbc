"""Serializers for training records and the expiry and compliance reports built on them."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone
from rest_framework import serializers
from rest_framework.reverse import reverse

from api.serializers import BaseModelSerializer, BriefRelatedField
from peers.models import PeerWorker, TrainingCourse, TrainingRecord


class TrainingStatus:
    """Where a record stands on a given day; the three values never overlap."""

    IN_DATE = "in_date"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    choices = [(IN_DATE, "In date"), (EXPIRING, "Expiring soon"), (EXPIRED, "Expired")]


def expiring_window_ends(today: date) -> date:
    return today + timedelta(days=settings.PEERS_TRAINING_EXPIRING_DAYS)


def training_status(expires_on: date | None, today: date) -> str:
    if expires_on is None or expires_on > expiring_window_ends(today):
        return TrainingStatus.IN_DATE
    if expires_on < today:
        return TrainingStatus.EXPIRED
    return TrainingStatus.EXPIRING


class TrainingRecordSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:training-record-detail")
    worker = BriefRelatedField(view_name="api:peer-worker-detail", queryset=PeerWorker.objects.all())
    course = BriefRelatedField(view_name="api:training-course-detail", queryset=TrainingCourse.objects.all())
    recorded_by = BriefRelatedField(view_name="api:user-detail", read_only=True)
    status = serializers.SerializerMethodField(
        help_text="in_date, expiring (within the setting's days) or expired."
    )

    class Meta:
        model = TrainingRecord
        fields = [
            "id",
            "url",
            "display",
            "worker",
            "course",
            "completed_on",
            "expires_on",
            "status",
            "evidence_reference",
            "recorded_by",
            "created_at",
        ]
        read_only_fields = ["expires_on", "created_at"]
        # Who and which course are fixed once recorded; correct the date or the evidence.
        create_only_fields = ["worker", "course"]

    def get_status(self, obj: TrainingRecord) -> str:
        return training_status(obj.expires_on, timezone.localdate())


class ExpiringQuerySerializer(serializers.Serializer):
    within_days = serializers.IntegerField(
        min_value=0, max_value=366, required=False, help_text="Days ahead to look (default from settings)."
    )


class TrainingReportRowSerializer(serializers.ModelSerializer):
    """One worker's latest record of one course, on the expiring or expired list."""

    url = serializers.HyperlinkedIdentityField(view_name="api:training-record-detail")
    worker = BriefRelatedField(view_name="api:peer-worker-detail", read_only=True)
    team = BriefRelatedField(view_name="api:team-detail", read_only=True, source="worker.team")
    course = BriefRelatedField(view_name="api:training-course-detail", read_only=True)
    mandatory = serializers.BooleanField(source="course.mandatory", read_only=True)
    days_to_expiry = serializers.SerializerMethodField(help_text="Negative once expired.")

    class Meta:
        model = TrainingRecord
        fields = [
            "id",
            "url",
            "worker",
            "team",
            "course",
            "mandatory",
            "completed_on",
            "expires_on",
            "days_to_expiry",
            "evidence_reference",
        ]

    def get_days_to_expiry(self, obj: TrainingRecord) -> int | None:
        return (obj.expires_on - timezone.localdate()).days if obj.expires_on else None


class WorkerComplianceSerializer(serializers.ModelSerializer):
    """A current worker's mandatory training: courses held in date out of those required."""

    worker = BriefRelatedField(view_name="api:peer-worker-detail", read_only=True, source="*")
    team = BriefRelatedField(view_name="api:team-detail", read_only=True)
    level = BriefRelatedField(view_name="api:pathway-level-detail", read_only=True)
    line_manager = BriefRelatedField(view_name="api:user-detail", read_only=True)
    mandatory_in_date = serializers.IntegerField(read_only=True)
    mandatory_required = serializers.IntegerField(read_only=True)
    compliance = serializers.SerializerMethodField(help_text="Share held in date, 0 to 1.")

    class Meta:
        model = PeerWorker
        fields = [
            "worker",
            "team",
            "level",
            "line_manager",
            "status",
            "mandatory_in_date",
            "mandatory_required",
            "compliance",
        ]

    def get_compliance(self, obj: PeerWorker) -> float:
        return round(obj.compliance, 4)


class TeamComplianceSerializer(serializers.Serializer):
    team = serializers.SerializerMethodField()
    workers = serializers.IntegerField()
    in_date = serializers.IntegerField(help_text="Mandatory courses held in date, summed over the workers.")
    required = serializers.IntegerField(help_text="Mandatory courses required, summed over the workers.")
    compliance = serializers.FloatField()

    def get_team(self, row: dict) -> dict:
        request = self.context.get("request")
        url = reverse("api:team-detail", kwargs={"pk": row["team_id"]}, request=request)
        return {"id": row["team_id"], "url": url, "display": row["team"]}
