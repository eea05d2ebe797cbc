"""Filters for reference lists and partners."""

import django_filters

from api.filters import IdFilter
from involvement.models import ActivityKind, PartnerContact, PartnerOrganisation, Theme


class ThemeFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Theme
        fields = ["group", "is_active", "code"]


class ActivityKindFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = ActivityKind
        fields = ["is_active", "code"]


class PartnerOrganisationFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = PartnerOrganisation
        fields = ["kind", "is_active"]


class PartnerContactFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains")
    organisation = IdFilter(field_name="organisation", help_text="A partner organisation id.")

    class Meta:
        model = PartnerContact
        fields: list[str] = []
