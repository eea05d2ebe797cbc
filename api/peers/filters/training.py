"""Filters for training records, the expiry lists and the compliance reports."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone

from api.filters import IdFilter, IdViaFilter
from api.peers.serializers.training import TrainingStatus, expiring_window_ends
from peers.models import PeerWorker, TrainingCourse, TrainingRecord
from peers.selectors import CURRENT_STATUSES

# The reports cover current workers only, so "left" is not offered.
CURRENT_STATUS_CHOICES = [
    (value, label) for value, label in PeerWorker.Status.choices if value in CURRENT_STATUSES
]


class TrainingRecordFilter(django_filters.FilterSet):
    # Plain ids, not choices checked against every row: an unknown worker gives no rows, not a hint.
    # A record shows its worker, not their team or level: those look only at workers you may see.
    worker = IdFilter(field_name="worker", help_text="A peer worker id.")
    course = IdFilter(field_name="course", help_text="A training course id.")
    team = IdViaFilter(via="worker", field_name="team", help_text="A team id: the worker's.")
    level = IdViaFilter(via="worker", field_name="level", help_text="A pathway level id: the worker's.")
    category = django_filters.ChoiceFilter(
        field_name="course__category", choices=TrainingCourse.Category.choices
    )
    mandatory = django_filters.BooleanFilter(field_name="course__mandatory")
    completed_after = django_filters.DateFilter(field_name="completed_on", lookup_expr="gte")
    completed_before = django_filters.DateFilter(field_name="completed_on", lookup_expr="lte")
    expires_after = django_filters.DateFilter(field_name="expires_on", lookup_expr="gte")
    expires_before = django_filters.DateFilter(field_name="expires_on", lookup_expr="lte")
    status = django_filters.ChoiceFilter(choices=TrainingStatus.choices, method="filter_status")

    class Meta:
        model = TrainingRecord
        fields: list[str] = []

    def filter_status(self, queryset, name, value):
        today = timezone.localdate()
        window_ends = expiring_window_ends(today)
        if value == TrainingStatus.EXPIRED:
            return queryset.filter(expires_on__lt=today)
        if value == TrainingStatus.EXPIRING:
            return queryset.filter(expires_on__gte=today, expires_on__lte=window_ends)
        return queryset.filter(Q(expires_on__isnull=True) | Q(expires_on__gt=window_ends))


class TrainingReportFilter(django_filters.FilterSet):
    """For the expiring and expired lists: each worker's latest record of each course."""

    # The rows show the worker's team (not their level, which looks only at workers you may see).
    worker = IdFilter(field_name="worker", help_text="A peer worker id.")
    team = IdFilter(field_name="worker__team", help_text="A team id: the worker's.")
    level = IdViaFilter(via="worker", field_name="level", help_text="A pathway level id: the worker's.")
    course = IdFilter(field_name="course", help_text="A training course id.")
    category = django_filters.ChoiceFilter(
        field_name="course__category", choices=TrainingCourse.Category.choices
    )
    mandatory = django_filters.BooleanFilter(field_name="course__mandatory")

    class Meta:
        model = TrainingRecord
        fields: list[str] = []


class ComplianceFilter(django_filters.FilterSet):
    """For compliance per worker and per team. Filters on the worker only, so the counts stay whole."""

    worker = IdFilter(field_name="pk", help_text="A peer worker id.")
    team = IdFilter(field_name="team", help_text="A team id.")
    level = IdFilter(field_name="level", help_text="A pathway level id.")
    status = django_filters.ChoiceFilter(choices=CURRENT_STATUS_CHOICES)

    class Meta:
        model = PeerWorker
        fields: list[str] = []
