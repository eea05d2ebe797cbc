"""Filters for peer workers."""

import django_filters

from accounts.models import Team, User
from peers.models import PathwayLevel, PeerWorker


class PeerWorkerFilter(django_filters.FilterSet):
    team = django_filters.ModelChoiceFilter(queryset=Team.objects.all())
    level = django_filters.ModelChoiceFilter(queryset=PathwayLevel.objects.all())
    line_manager = django_filters.ModelChoiceFilter(queryset=User.objects.all())
    supervisor = django_filters.ModelChoiceFilter(queryset=User.objects.all(), field_name="supervisors")
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
