"""Filters for interviews and scores."""

import django_filters

from recruitment.models import Application, Criterion, Interview, PanelMember, Score, Vacancy


class InterviewFilter(django_filters.FilterSet):
    application = django_filters.ModelChoiceFilter(queryset=Application.objects.all())
    vacancy = django_filters.ModelChoiceFilter(
        queryset=Vacancy.objects.all(), field_name="application__vacancy"
    )
    starts_after = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="lt")

    class Meta:
        model = Interview
        fields = ["outcome"]


class ScoreFilter(django_filters.FilterSet):
    interview = django_filters.ModelChoiceFilter(queryset=Interview.objects.all())
    panel_member = django_filters.ModelChoiceFilter(queryset=PanelMember.objects.all())
    criterion = django_filters.ModelChoiceFilter(queryset=Criterion.objects.all())
    vacancy = django_filters.ModelChoiceFilter(
        queryset=Vacancy.objects.all(), field_name="interview__application__vacancy"
    )

    class Meta:
        model = Score
        fields: list[str] = []
