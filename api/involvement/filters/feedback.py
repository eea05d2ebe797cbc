"""Filters for "you said, we did" items and for the public list.

Records are named by plain ids (or, on the public list, a theme's code), never checked against
the table: an unknown one matches no rows. An item shows its activity or consultation but not
their team, so `team` looks only at the activities and consultations you may see.
"""

import django_filters
from django.db.models import Q
from django.utils import timezone

from api.filters import IdFilter, IdViaFilter
from involvement.models import FeedbackItem, Rung

SOURCES = [("activity", "Activity"), ("consultation", "Consultation")]


def _by_source(queryset, name, value):
    return queryset.filter(**{f"{value}__isnull": False})


class FeedbackItemFilter(django_filters.FilterSet):
    source = django_filters.ChoiceFilter(choices=SOURCES, method=_by_source)
    activity = IdFilter(field_name="activity", help_text="An activity id.")
    consultation = IdFilter(field_name="consultation", help_text="A consultation id.")
    theme = IdFilter(field_name="themes", help_text="A theme id.")
    owner = IdFilter(field_name="action_owner", help_text="A user id: the action's owner.")
    team = IdViaFilter(
        via=("activity", "consultation"),
        field_name="team",
        help_text="A team id: the team of the activity or consultation the feedback came from.",
    )
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
    # A code, matched as given: one that names no theme matches no rows.
    theme = django_filters.CharFilter(field_name="themes__code", label="Theme code")
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
