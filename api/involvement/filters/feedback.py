"""Filters for "you said, we did" items and for the public list."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from accounts.models import Team, User
from involvement.models import Activity, Consultation, FeedbackItem, Rung, Theme

SOURCES = [("activity", "Activity"), ("consultation", "Consultation")]


def _by_source(queryset, name, value):
    return queryset.filter(**{f"{value}__isnull": False})


class FeedbackItemFilter(django_filters.FilterSet):
    source = django_filters.ChoiceFilter(choices=SOURCES, method=_by_source)
    activity = django_filters.ModelChoiceFilter(queryset=Activity.objects.all())
    consultation = django_filters.ModelChoiceFilter(queryset=Consultation.objects.all())
    theme = django_filters.ModelChoiceFilter(queryset=Theme.objects.all(), field_name="themes")
    owner = django_filters.ModelChoiceFilter(queryset=User.objects.all(), field_name="action_owner")
    team = django_filters.ModelChoiceFilter(queryset=Team.objects.all(), method="filter_team")
    due_after = django_filters.DateFilter(field_name="action_due", lookup_expr="gte")
    due_before = django_filters.DateFilter(field_name="action_due", lookup_expr="lte")
    completed_after = django_filters.DateFilter(field_name="completed_on", lookup_expr="gte")
    completed_before = django_filters.DateFilter(field_name="completed_on", lookup_expr="lte")
    published_after = django_filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = django_filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="lt")
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label="Due date passed, action not finished"
    )

    class Meta:
        model = FeedbackItem
        fields = ["action_status", "published"]

    @extend_schema_field(OpenApiTypes.INT)  # a team id
    def filter_team(self, queryset, name, value):
        return queryset.filter(Q(activity__team=value) | Q(consultation__team=value))

    def filter_overdue(self, queryset, name, value):
        late = Q(
            action_due__lt=timezone.localdate(),
            action_status__in=[FeedbackItem.ActionStatus.OPEN, FeedbackItem.ActionStatus.IN_PROGRESS],
        )
        return queryset.filter(late) if value else queryset.exclude(late)


class PublishedChangeFilter(django_filters.FilterSet):
    """What a visitor to the trust's website may narrow the public list by."""

    source_type = django_filters.ChoiceFilter(choices=SOURCES, method=_by_source)
    ladder_rung = django_filters.ChoiceFilter(field_name="activity__rung", choices=Rung.choices)
    theme = django_filters.ModelChoiceFilter(
        queryset=Theme.objects.all(), field_name="themes", to_field_name="code", label="Theme code"
    )
    status = django_filters.ChoiceFilter(
        field_name="action_status", choices=FeedbackItem.ActionStatus.choices
    )
    published_after = django_filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = django_filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="lt")
    completed_after = django_filters.DateFilter(field_name="completed_on", lookup_expr="gte")
    completed_before = django_filters.DateFilter(field_name="completed_on", lookup_expr="lte")

    class Meta:
        model = FeedbackItem
        fields: list[str] = []
