"""Serializers for competence evidence and its sign-off."""

from __future__ import annotations

from rest_framework import serializers

from api.serializers import BaseModelSerializer, BriefRelatedField
from peers.models import Competence, CompetenceEvidence, PeerWorker


class CompetenceEvidenceSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:competence-evidence-detail")
    # Evidence can be added for any worker the requester sees: themselves, supervisees, their team.
    worker = BriefRelatedField(
        view_name="api:peer-worker-detail", queryset=PeerWorker.objects.select_related("user")
    )
    competence = BriefRelatedField(
        view_name="api:competence-detail", queryset=Competence.objects.filter(is_active=True)
    )
    domain = BriefRelatedField(
        source="competence.domain", view_name="api:competence-domain-detail", read_only=True
    )
    signed_off = serializers.SerializerMethodField()
    signed_off_by = BriefRelatedField(view_name="api:user-detail", read_only=True)

    class Meta:
        model = CompetenceEvidence
        fields = [
            "id",
            "url",
            "display",
            "worker",
            "competence",
            "domain",
            "description",
            "evidence_reference",
            "recorded_at",
            "signed_off",
            "signed_off_by",
            "signed_off_on",
        ]
        read_only_fields = ["recorded_at", "signed_off_on"]
        create_only_fields = ["worker", "competence"]

    def get_signed_off(self, obj: CompetenceEvidence) -> bool:
        return obj.signed_off_by_id is not None


class SignOffSerializer(serializers.Serializer):
    signed_off_on = serializers.DateField(required=False, help_text="Defaults to today; never in the future.")
