"""Filters for the register."""

import django_filters
from django.db.models import Q

from accounts.models import Team
from involvement.models import Participant, PartnerOrganisation, Theme


class ParticipantFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains")
    topic = django_filters.ModelMultipleChoiceFilter(queryset=Theme.objects.all(), field_name="topics")
    team_of_interest = django_filters.ModelChoiceFilter(
        queryset=Team.objects.all(), field_name="teams_of_interest"
    )
    referred_by = django_filters.ModelChoiceFilter(queryset=PartnerOrganisation.objects.all())
    may_be_contacted = django_filters.BooleanFilter(method="filter_contactable")
    joined_after = django_filters.DateFilter(field_name="joined_on", lookup_expr="gte")
    joined_before = django_filters.DateFilter(field_name="joined_on", lookup_expr="lte")

    class Meta:
        model = Participant
        fields = ["status", "experience", "payment_preference", "sharing_level"]

    def filter_contactable(self, queryset, name, value):
        contactable = Q(consent_given_at__isnull=False, consent_withdrawn_at__isnull=True, status="active")
        return queryset.filter(contactable) if value else queryset.exclude(contactable)
