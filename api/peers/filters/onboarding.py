"""Filters for the onboarding template, workers' steps and the checklists list."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone

from api.filters import IdFilter, IdViaFilter
from peers.models import OnboardingItem, OnboardingOwner, OnboardingTemplateItem, PeerWorker


class OnboardingTemplateItemFilter(django_filters.FilterSet):
    owner_role = django_filters.ChoiceFilter(choices=OnboardingOwner.choices)

    class Meta:
        model = OnboardingTemplateItem
        fields = ["is_active"]


class OnboardingItemFilter(django_filters.FilterSet):
    # Plain ids: an unknown worker or person gives no rows, not a hint. A step shows its worker but
    # not their team: the team looks only at workers you may see.
    worker = IdFilter(field_name="worker", help_text="A peer worker id.")
    owner = IdFilter(field_name="owner", help_text="A user id: the steps that person owns.")
    team = IdViaFilter(via="worker", field_name="team", help_text="A team id: the worker's.")
    owner_role = django_filters.ChoiceFilter(choices=OnboardingOwner.choices)
    done = django_filters.BooleanFilter(field_name="done_on", lookup_expr="isnull", exclude=True)
    overdue = django_filters.BooleanFilter(method="filter_overdue", help_text="Not done and past due today.")
    due_after = django_filters.DateFilter(field_name="due_on", lookup_expr="gte")
    due_before = django_filters.DateFilter(field_name="due_on", lookup_expr="lte")

    class Meta:
        model = OnboardingItem
        fields: list[str] = []

    def filter_overdue(self, queryset, name, value):
        late = Q(done_on__isnull=True, due_on__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)


class ChecklistFilter(django_filters.FilterSet):
    worker = IdFilter(field_name="pk", help_text="A peer worker id.")
    team = IdFilter(field_name="team", help_text="A team id.")
    line_manager = IdFilter(field_name="line_manager", help_text="A user id.")
    overdue = django_filters.BooleanFilter(method="filter_overdue", help_text="Any step past due today.")
    complete = django_filters.BooleanFilter(method="filter_complete", help_text="Every step done.")
    started_after = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    started_before = django_filters.DateFilter(field_name="start_date", lookup_expr="lte")

    class Meta:
        model = PeerWorker
        fields: list[str] = []

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(items_overdue__gt=0) if value else queryset.filter(items_overdue=0)

    def filter_complete(self, queryset, name, value):
        return queryset.filter(next_due__isnull=value)
