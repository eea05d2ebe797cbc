"""Serializers for wellness action plans and reasonable adjustments (special-category data)."""

from __future__ import annotations

from rest_framework import serializers

from api.serializers import BaseModelSerializer, BriefRelatedField
from peers.models import PeerWorker, ReasonableAdjustment, WellnessActionPlan

PLAN_FIELDS = ["keeps_me_well", "triggers", "early_warning_signs", "impact_on_work", "agreed_support"]


class WellnessActionPlanSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:wellness-plan-detail")
    # Any worker id is accepted here (action=None): the service refuses (403) a plan for anyone
    # but yourself, and that refusal is the answer the authorization matrix asserts.
    worker = BriefRelatedField(
        view_name="api:peer-worker-detail", queryset=PeerWorker.objects.all(), action=None
    )

    class Meta:
        model = WellnessActionPlan
        fields = ["id", "url", "display", "worker", *PLAN_FIELDS, "updated_at"]
        read_only_fields = ["updated_at"]
        create_only_fields = ["worker"]


class ReasonableAdjustmentSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:reasonable-adjustment-detail")
    # As for plans: the service refuses (403) a worker who is not yours or your own.
    worker = BriefRelatedField(
        view_name="api:peer-worker-detail", queryset=PeerWorker.objects.all(), action=None
    )

    class Meta:
        model = ReasonableAdjustment
        fields = [
            "id",
            "url",
            "display",
            "worker",
            "description",
            "status",
            "agreed_on",
            "review_on",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]
        create_only_fields = ["worker"]
