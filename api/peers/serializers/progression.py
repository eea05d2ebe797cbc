"""Serializers for progression reviews and the history of level and band changes."""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import User
from api.serializers import BaseModelSerializer, BriefRelatedField
from peers.models import LevelChange, PeerWorker, ProgressionReview


class ProgressionReviewSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:progression-review-detail")
    # Reviews are held by the worker's line manager or HR: the workers they may change.
    worker = BriefRelatedField(
        view_name="api:peer-worker-detail",
        queryset=PeerWorker.objects.select_related("user"),
        action="change",
    )
    # Any active account may be named (action=None): a manager names a colleague they cannot list.
    reviewer = BriefRelatedField(
        view_name="api:user-detail",
        queryset=User.objects.filter(is_active=True),
        action=None,
        required=False,
        help_text="Defaults to you.",
    )

    class Meta:
        model = ProgressionReview
        fields = [
            "id",
            "url",
            "display",
            "worker",
            "reviewed_on",
            "reviewer",
            "outcome",
            "notes",
            "next_review_on",
        ]
        create_only_fields = ["worker"]


class LevelChangeSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:level-change-detail")
    worker = BriefRelatedField(view_name="api:peer-worker-detail", read_only=True)
    from_level = BriefRelatedField(view_name="api:pathway-level-detail", read_only=True, allow_null=True)
    to_level = BriefRelatedField(view_name="api:pathway-level-detail", read_only=True)
    recorded_by = BriefRelatedField(view_name="api:user-detail", read_only=True, allow_null=True)

    class Meta:
        model = LevelChange
        fields = [
            "id",
            "url",
            "display",
            "worker",
            "reason",
            "from_level",
            "from_band",
            "to_level",
            "to_band",
            "effective_date",
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = fields
