"""Serializers for the trust-edited reference lists and partner organisations."""

from __future__ import annotations

from rest_framework import serializers

from api.serializers import BaseModelSerializer
from involvement.models import ActivityKind, PartnerOrganisation, Theme


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


class PartnerOrganisationSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:partner-detail")

    class Meta:
        model = PartnerOrganisation
        fields = ["id", "url", "display", "name", "kind", "website", "description", "is_active"]
