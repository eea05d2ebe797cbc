"""Serializers for the involvement register."""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import Team, User
from api.serializers import BaseModelSerializer, BriefRelatedField
from involvement.models import Participant, PartnerOrganisation, Theme


class ParticipantSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:participant-detail")
    topics = BriefRelatedField(
        view_name="api:theme-detail", queryset=Theme.objects.all(), many=True, required=False
    )
    teams_of_interest = BriefRelatedField(
        view_name="api:team-detail", queryset=Team.objects.all(), many=True, required=False
    )
    referred_by = BriefRelatedField(
        view_name="api:partner-detail",
        queryset=PartnerOrganisation.objects.all(),
        required=False,
        allow_null=True,
    )
    user = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(),
        required=False,
        allow_null=True,
        help_text="The login linked to this entry, if the person has one.",
    )
    consent_given = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="On creation: the person has agreed to be contacted for consent_purposes.",
    )
    may_be_contacted = serializers.BooleanField(read_only=True)

    class Meta:
        model = Participant
        fields = [
            "id",
            "url",
            "display",
            "name",
            "pronouns",
            "email",
            "phone",
            "postal_address",
            "preferred_contact",
            "experience",
            "topics",
            "teams_of_interest",
            "accessibility_needs",
            "consent_given",
            "consent_given_at",
            "consent_purposes",
            "consent_withdrawn_at",
            "may_be_contacted",
            "sharing_level",
            "payment_preference",
            "payroll_reference",
            "status",
            "referred_by",
            "user",
            "joined_on",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["consent_given_at", "consent_withdrawn_at", "created_at", "updated_at"]
        extra_kwargs = {"joined_on": {"required": False}}


class ConsentGiveSerializer(serializers.Serializer):
    purposes = serializers.CharField(max_length=300)
