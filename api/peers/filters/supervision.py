"""Filters for supervision sessions and the due and overdue lists."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone

from accounts.models import Team
from api.peers.filters.training import CURRENT_STATUS_CHOICES
from peers.models import PathwayLevel, PeerWorker, SupervisionKind, SupervisionSession


class SupervisionSessionFilter(django_filters.FilterSet):
    # Plain ids, not choices checked against every row: an unknown person gives no rows, not a hint.
    worker = django_filters.NumberFilter(field_name="worker")
    supervisor = django_filters.NumberFilter(field_name="supervisor")
    team = django_filters.ModelChoiceFilter(queryset=Team.objects.all(), field_name="worker__team")
    level = django_filters.ModelChoiceFilter(queryset=PathwayLevel.objects.all(), field_name="worker__level")
    kind = django_filters.ChoiceFilter(choices=SupervisionKind.choices)
    status = django_filters.ChoiceFilter(choices=SupervisionSession.Status.choices)
    held_after = django_filters.DateFilter(field_name="held_on", lookup_expr="gte")
    held_before = django_filters.DateFilter(field_name="held_on", lookup_expr="lte")

    class Meta:
        model = SupervisionSession
        fields: list[str] = []


class SupervisionDueFilter(django_filters.FilterSet):
    worker = django_filters.NumberFilter(field_name="pk")
    team = django_filters.ModelChoiceFilter(queryset=Team.objects.all())
    level = django_filters.ModelChoiceFilter(queryset=PathwayLevel.objects.all())
    line_manager = django_filters.NumberFilter(field_name="line_manager")
    supervisor = django_filters.NumberFilter(method="filter_supervisor", help_text="A user id.")
    status = django_filters.ChoiceFilter(choices=CURRENT_STATUS_CHOICES)
    overdue = django_filters.BooleanFilter(method="filter_overdue", help_text="Any kind past due today.")

    class Meta:
        model = PeerWorker
        fields: list[str] = []

    def filter_supervisor(self, queryset, name, value):
        # A subquery, so a worker with several supervisors is still one row.
        return queryset.filter(pk__in=PeerWorker.objects.filter(supervisors=value).values("pk"))

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        any_overdue, none_overdue = Q(), Q()
        for kind in SupervisionKind.values:
            any_overdue |= Q(**{f"due_{kind}__lt": today})
            # Spelled out rather than exclude(): a kind with no policy has no due date (NULL).
            none_overdue &= Q(**{f"due_{kind}__isnull": True}) | Q(**{f"due_{kind}__gte": today})
        return queryset.filter(any_overdue if value else none_overdue)
