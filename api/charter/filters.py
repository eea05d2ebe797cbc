"""Filters for the charter's resources; a period is checked like the dashboard checks it."""

from __future__ import annotations

import django_filters
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from charter import periods
from charter.models import Commitment, Indicator, Snapshot


class CommitmentFilter(django_filters.FilterSet):
    class Meta:
        model = Commitment
        fields = ["charter", "number"]


class IndicatorFilter(django_filters.FilterSet):
    commitment = django_filters.ModelChoiceFilter(queryset=Commitment.objects.all())

    class Meta:
        model = Indicator
        fields = ["commitment", "key", "unit", "direction", "is_active"]


class SnapshotFilter(django_filters.FilterSet):
    indicator = django_filters.ModelChoiceFilter(queryset=Indicator.objects.all())
    commitment = django_filters.ModelChoiceFilter(
        field_name="indicator__commitment", queryset=Commitment.objects.all()
    )
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
