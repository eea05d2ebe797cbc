"""Filters for wellness action plans and reasonable adjustments."""

from __future__ import annotations

import django_filters

from api.filters import IdFilter, IdViaFilter
from peers.models import PeerWorker, ReasonableAdjustment, WellnessActionPlan


class WellbeingFilter(django_filters.FilterSet):
    """What both resources filter on: the worker, their team, level and employment status.

    Plain ids: a worker whose plan you may not see answers like one that does not exist. The rows
    show the worker, not their team or level: those look only at workers you may see.
    """

    worker = IdFilter(field_name="worker", help_text="A peer worker id.")
    team = IdViaFilter(via="worker", field_name="team", help_text="A team id: the worker's.")
    level = IdViaFilter(via="worker", field_name="level", help_text="A pathway level id: the worker's.")
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
