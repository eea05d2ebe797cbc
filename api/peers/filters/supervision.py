"""Filters for supervision sessions and the due and overdue lists."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone

from api.filters import IdFilter, IdViaFilter
from api.peers.filters.training import CURRENT_STATUS_CHOICES
from peers.models import PeerWorker, SupervisionKind, SupervisionSession


class SupervisionSessionFilter(django_filters.FilterSet):
    # Plain ids, not choices checked against every row: an unknown person gives no rows, not a hint.
    # A session shows its worker but not their team or level, and a supervisor keeps the sessions
    # they held after the worker moves on: team and level look only at workers you may see.
    worker = IdFilter(field_name="worker", help_text="A peer worker id.")
    supervisor = IdFilter(field_name="supervisor", help_text="A user id.")
    team = IdViaFilter(via="worker", field_name="team", help_text="A team id: the worker's.")
    level = IdViaFilter(via="worker", field_name="level", help_text="A pathway level id: the worker's.")
    kind = django_filters.ChoiceFilter(choices=SupervisionKind.choices)
    status = django_filters.ChoiceFilter(choices=SupervisionSession.Status.choices)
    held_after = django_filters.DateFilter(field_name="held_on", lookup_expr="gte")
    held_before = django_filters.DateFilter(field_name="held_on", lookup_expr="lte")

    class Meta:
        model = SupervisionSession
        fields: list[str] = []


class SupervisionDueFilter(django_filters.FilterSet):
    worker = IdFilter(field_name="pk", help_text="A peer worker id.")
    team = IdFilter(field_name="team", help_text="A team id.")
    level = IdFilter(field_name="level", help_text="A pathway level id.")
    line_manager = IdFilter(field_name="line_manager", help_text="A user id.")
    supervisor = IdFilter(method="filter_supervisor", help_text="A user id.")
    status = django_filters.ChoiceFilter(choices=CURRENT_STATUS_CHOICES)
    overdue = django_filters.BooleanFilter(method="filter_overdue", help_text="Any kind past due today.")

    class Meta:
        model = PeerWorker
        fields: list[str] = []

    def filter_supervisor(self, queryset, name, value):
        # A subquery, so a worker with several supervisors is still one row. The rows leave out
        # supervisors, but these are the workers whose records (supervisors shown) you may read.
        return queryset.filter(pk__in=PeerWorker.objects.filter(supervisors=value).values("pk"))

    def filter_overdue(self, queryset, name, value):
        today = timezone.localdate()
        any_overdue, none_overdue = Q(), Q()
        for kind in SupervisionKind.values:
            any_overdue |= Q(**{f"due_{kind}__lt": today})
            # Spelled out rather than exclude(): a kind with no policy has no due date (NULL).
            none_overdue &= Q(**{f"due_{kind}__isnull": True}) | Q(**{f"due_{kind}__gte": today})
        return queryset.filter(any_overdue if value else none_overdue)
