"""Filters for activities and participation."""

import django_filters

from accounts.models import Team, User
from involvement.models import Activity, ActivityKind, Participant, Participation, Theme


class ActivityFilter(django_filters.FilterSet):
    title = django_filters.CharFilter(lookup_expr="icontains")
    kind = django_filters.ModelChoiceFilter(queryset=ActivityKind.objects.all())
    team = django_filters.ModelChoiceFilter(queryset=Team.objects.all())
    theme = django_filters.ModelChoiceFilter(queryset=Theme.objects.all(), field_name="themes")
    lead = django_filters.ModelChoiceFilter(queryset=User.objects.all(), field_name="leads")
    participant = django_filters.ModelChoiceFilter(
        queryset=Participant.objects.all(), field_name="participations__participant"
    )
    starts_after = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="lt")

    class Meta:
        model = Activity
        fields = ["status", "rung", "series"]


class ParticipationFilter(django_filters.FilterSet):
    activity = django_filters.ModelChoiceFilter(queryset=Activity.objects.all())
    participant = django_filters.ModelChoiceFilter(queryset=Participant.objects.all())
    starts_after = django_filters.IsoDateTimeFilter(field_name="activity__starts_at", lookup_expr="gte")
    starts_before = django_filters.IsoDateTimeFilter(field_name="activity__starts_at", lookup_expr="lt")

    class Meta:
        model = Participation
        fields = ["status", "attendance", "role"]
