"""Filters for activities and participation."""

import django_filters

from api.filters import IdFilter
from involvement.models import Activity, Participation
from involvement.visibility import activities_with_participant

# Every record is named by a plain id, reference lists included: one you may not see matches no
# rows, exactly like one that does not exist, so a filter never confirms that a record is there.


class ActivityFilter(django_filters.FilterSet):
    title = django_filters.CharFilter(lookup_expr="icontains")
    kind = IdFilter(field_name="kind", help_text="An activity kind id.")
    team = IdFilter(field_name="team", help_text="A team id.")
    theme = IdFilter(field_name="themes", help_text="A theme id.")
    lead = IdFilter(field_name="leads", help_text="A user id: activities this person leads.")
    participant = IdFilter(
        method="filter_participant",
        help_text="A register entry's id: activities where they have a place that you may see.",
    )
    series = IdFilter(field_name="series", help_text="A series id.")
    starts_after = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="lt")

    class Meta:
        model = Activity
        fields = ["status", "rung"]

    def filter_participant(self, queryset, name, value):
        return activities_with_participant(queryset, self.request.user, value)


class ParticipationFilter(django_filters.FilterSet):
    activity = IdFilter(field_name="activity", help_text="An activity id.")
    participant = IdFilter(field_name="participant", help_text="A register entry's id.")
    starts_after = django_filters.IsoDateTimeFilter(field_name="activity__starts_at", lookup_expr="gte")
    starts_before = django_filters.IsoDateTimeFilter(field_name="activity__starts_at", lookup_expr="lt")

    class Meta:
        model = Participation
        fields = ["status", "attendance", "role"]
