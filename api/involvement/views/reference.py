"""Reference lists the trust edits (themes, activity kinds) and partner organisations."""

from __future__ import annotations

from api.involvement.filters.reference import ActivityKindFilter, PartnerOrganisationFilter, ThemeFilter
from api.involvement.serializers.reference import (
    ActivityKindSerializer,
    PartnerOrganisationSerializer,
    ThemeSerializer,
)
from api.views import RestrictedModelViewSet
from involvement.models import ActivityKind, PartnerOrganisation, Theme


class ThemeViewSet(RestrictedModelViewSet):
    """Themes for tagging: the "I" statements, the narrative's areas, and the trust's own topics."""

    queryset = Theme.objects.all()
    serializer_class = ThemeSerializer
    filterset_class = ThemeFilter
    ordering_fields = ["name", "group"]


class ActivityKindViewSet(RestrictedModelViewSet):
    """Kinds of activity; retire one by marking it inactive (it stays on past activities)."""

    queryset = ActivityKind.objects.all()
    serializer_class = ActivityKindSerializer
    filterset_class = ActivityKindFilter
    ordering_fields = ["name"]


class PartnerOrganisationViewSet(RestrictedModelViewSet):
    """Voluntary, community, faith and social enterprise partners."""

    queryset = PartnerOrganisation.objects.all()
    serializer_class = PartnerOrganisationSerializer
    filterset_class = PartnerOrganisationFilter
    ordering_fields = ["name", "kind"]
