"""Filters for activities and participation."""

import django_filters

from accounts.models import Team
from api.filters import IdFilter
from involvement.models import Activity, ActivityKind, Participation, Theme
from involvement.visibility import activities_with_participant

# Reference lists everyone signed in reads are choices (an unknown one is a 400). Records that are
# not everyone's (people, activities, series) are plain ids: one you may not see matches no rows,
# exactly like one that does not exist, so a filter never confirms that a record is there.


class ActivityFilter(django_filters.FilterSet):
    title = django_filters.CharFilter(lookup_expr="icontains")
    kind = django_filters.ModelChoiceFilter(queryset=ActivityKind.objects.all())
    team = django_filters.ModelChoiceFilter(queryset=Team.objects.all())
    theme = django_filters.ModelChoiceFilter(queryset=Theme.objects.all(), field_name="themes")
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
