"""Filters for wellness action plans and reasonable adjustments."""

from __future__ import annotations

import django_filters

from accounts.models import Team
from peers.models import PathwayLevel, PeerWorker, ReasonableAdjustment, WellnessActionPlan


class WellbeingFilter(django_filters.FilterSet):
    """What both resources filter on: the worker, their team, level and employment status."""

    worker = django_filters.ModelChoiceFilter(queryset=PeerWorker.objects.all())
    team = django_filters.ModelChoiceFilter(queryset=Team.objects.all(), field_name="worker__team")
    level = django_filters.ModelChoiceFilter(queryset=PathwayLevel.objects.all(), field_name="worker__level")
    worker_status = django_filters.ChoiceFilter(
        choices=PeerWorker.Status.choices, field_name="worker__status"
    )
    updated_after = django_filters.DateFilter(field_name="updated_at", lookup_expr="date__gte")
    updated_before = django_filters.DateFilter(field_name="updated_at", lookup_expr="date__lte")


class WellnessActionPlanFilter(WellbeingFilter):
    class Meta:
        model = WellnessActionPlan
        fields: list[str] = []


class ReasonableAdjustmentFilter(WellbeingFilter):
    review_before = django_filters.DateFilter(
        field_name="review_on", lookup_expr="lte", help_text="Reviews due on or before this date."
    )
    review_after = django_filters.DateFilter(field_name="review_on", lookup_expr="gte")
    agreed_after = django_filters.DateFilter(field_name="agreed_on", lookup_expr="gte")
    agreed_before = django_filters.DateFilter(field_name="agreed_on", lookup_expr="lte")

    class Meta:
        model = ReasonableAdjustment
        fields = ["status"]
