"""Serializers for the trust-edited reference lists and partner organisations."""

from __future__ import annotations

from rest_framework import serializers

from api.serializers import BaseModelSerializer, BriefRelatedField
from involvement.models import Activity, ActivityKind, Participant, PartnerContact, PartnerOrganisation, Theme


class ThemeSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:theme-detail")

    class Meta:
        model = Theme
        fields = ["id", "url", "display", "code", "name", "group", "is_active"]


class ActivityKindSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:activity-kind-detail")

    class Meta:
        model = ActivityKind
        fields = ["id", "url", "display", "code", "name", "is_active"]


class PartnerContactSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:partner-contact-detail")
    organisation = BriefRelatedField(
        view_name="api:partner-detail", queryset=PartnerOrganisation.objects.all()
    )

    class Meta:
        model = PartnerContact
        fields = ["id", "url", "display", "organisation", "name", "job_title", "email", "phone"]


class PartnerContactInPartnerSerializer(PartnerContactSerializer):
    """A contact shown inside its partner: the organisation goes without saying."""

    class Meta(PartnerContactSerializer.Meta):
        fields = ["id", "url", "display", "name", "job_title", "email", "phone"]


class PartnerOrganisationSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:partner-detail")
    activity_count = serializers.IntegerField(
        read_only=True, help_text="Activities this partner co-delivers (all of them, not only yours)."
    )
    referral_count = serializers.IntegerField(
        read_only=True, help_text="People on the register this partner referred."
    )
    contacts = PartnerContactInPartnerSerializer(
        source="contact_list",
        many=True,
        read_only=True,
        help_text="Contacts you may see; add and change them at /involvement/partner-contacts/.",
    )

    class Meta:
        model = PartnerOrganisation
        fields = [
            "id",
            "url",
            "display",
            "name",
            "kind",
            "website",
            "description",
            "is_active",
            "activity_count",
            "referral_count",
            "contacts",
        ]


class PartnerActivitySerializer(BaseModelSerializer):
    """An activity in brief, as listed under the partner that co-delivers it."""

    url = serializers.HyperlinkedIdentityField(view_name="api:activity-detail")
    kind = serializers.CharField(source="kind.name", read_only=True)
    team = serializers.CharField(source="team.name", read_only=True)

    class Meta:
        model = Activity
        fields = ["id", "url", "display", "title", "kind", "rung", "team", "starts_at", "status"]
        read_only_fields = fields


class PartnerReferralSerializer(BaseModelSerializer):
    """A person on the register in brief, as listed under the partner that referred them."""

    url = serializers.HyperlinkedIdentityField(view_name="api:participant-detail")

    class Meta:
        model = Participant
        fields = ["id", "url", "display", "experience", "status", "joined_on"]
        read_only_fields = fields
