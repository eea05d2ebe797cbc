"""Filters for the rate card and payment claims."""

import django_filters

from api.filters import IdFilter
from involvement.models import PaymentClaim, RateCardEntry


class RateCardEntryFilter(django_filters.FilterSet):
    activity_kind = IdFilter(field_name="activity_kind", help_text="An activity kind id.")

    class Meta:
        model = RateCardEntry
        fields = ["role", "unit", "is_active"]


class PaymentClaimFilter(django_filters.FilterSet):
    participant = IdFilter(field_name="participant", help_text="A register entry's id.")
    # A claim shows its activity, so this picks on what the row shows, places you may not see or not.
    activity = IdFilter(field_name="participation__activity", help_text="An activity id.")
    submitted_from = django_filters.DateFilter(field_name="submitted_at", lookup_expr="date__gte")
    submitted_to = django_filters.DateFilter(field_name="submitted_at", lookup_expr="date__lte")
    approved_from = django_filters.DateFilter(field_name="approved_at", lookup_expr="date__gte")
    approved_to = django_filters.DateFilter(field_name="approved_at", lookup_expr="date__lte")

    class Meta:
        model = PaymentClaim
        fields = ["status", "tax_year"]
