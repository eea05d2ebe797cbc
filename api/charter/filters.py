"""Filters for the charter's resources; a period is checked like the dashboard checks it."""

from __future__ import annotations

import django_filters
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from api.filters import IdFilter, IdViaFilter
from charter import periods
from charter.models import Commitment, Indicator, Snapshot

# Charters, commitments and indicators are named by plain ids: to someone who may not read the
# charter, an id that names one answers like an id that names nothing (200, no rows).


class CommitmentFilter(django_filters.FilterSet):
    charter = IdFilter(field_name="charter", help_text="A charter id.")

    class Meta:
        model = Commitment
        fields = ["number"]


class IndicatorFilter(django_filters.FilterSet):
    commitment = IdFilter(field_name="commitment", help_text="A commitment id.")

    class Meta:
        model = Indicator
        fields = ["commitment", "key", "unit", "direction", "is_active"]


class SnapshotFilter(django_filters.FilterSet):
    indicator = IdFilter(field_name="indicator", help_text="An indicator id.")
    commitment = IdViaFilter(via="indicator", field_name="commitment", help_text="A commitment id.")
    period = django_filters.CharFilter(method="filter_period", help_text="2026-27-Q3 or 2026-11.")

    class Meta:
        model = Snapshot
        fields = ["indicator", "commitment", "period", "period_type", "rag"]

    def filter_period(self, queryset, name, value):
        # A typo or a future period gets the same clear 400 as the dashboard, not an empty list.
        try:
            period = periods.parse(value, today=timezone.localdate())
        except periods.PeriodError as exc:
            raise ValidationError({"period": [str(exc)]}) from exc
        return queryset.filter(period_type=period.type, period=period.label)
