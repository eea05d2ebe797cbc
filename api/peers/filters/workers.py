"""Filters for peer workers."""

import django_filters

from api.filters import IdFilter
from peers.models import PeerWorker


class PeerWorkerFilter(django_filters.FilterSet):
    # Plain ids: a manager or supervisor you may not see answers like one that does not exist.
    team = IdFilter(field_name="team", help_text="A team id.")
    level = IdFilter(field_name="level", help_text="A pathway level id.")
    line_manager = IdFilter(field_name="line_manager", help_text="A user id.")
    supervisor = IdFilter(field_name="supervisors", help_text="A user id: one of the worker's supervisors.")
    started_after = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    started_before = django_filters.DateFilter(field_name="start_date", lookup_expr="lte")
    left_after = django_filters.DateFilter(field_name="leaving_date", lookup_expr="gte")
    left_before = django_filters.DateFilter(field_name="leaving_date", lookup_expr="lte")
    name = django_filters.CharFilter(method="filter_name")

    class Meta:
        model = PeerWorker
        fields = ["status", "band", "leaving_reason", "employee_number"]

    def filter_name(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(
            Q(user__first_name__icontains=value)
            | Q(user__last_name__icontains=value)
            | Q(user__preferred_name__icontains=value)
        )
