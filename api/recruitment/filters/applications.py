"""Filters for applications, stage moves and adjustment requests."""

import django_filters

from recruitment.models import AdjustmentRequest, Application, StageMove, Vacancy


class ApplicationFilter(django_filters.FilterSet):
    vacancy = django_filters.ModelChoiceFilter(queryset=Vacancy.objects.all())
    stage = django_filters.CharFilter(field_name="stage__code", help_text="A stage code, e.g. 'interview'.")
    participant = django_filters.BooleanFilter(
        field_name="participant",
        lookup_expr="isnull",
        exclude=True,
        help_text="true: only applicants linked to the involvement register; false: only those not.",
    )
    applied_after = django_filters.IsoDateTimeFilter(field_name="applied_at", lookup_expr="gte")
    applied_before = django_filters.IsoDateTimeFilter(field_name="applied_at", lookup_expr="lt")
    name = django_filters.CharFilter(field_name="applicant_name", lookup_expr="icontains")

    class Meta:
        model = Application
        fields = ["source"]


class StageMoveFilter(django_filters.FilterSet):
    application = django_filters.ModelChoiceFilter(queryset=Application.objects.all())
    vacancy = django_filters.ModelChoiceFilter(
        queryset=Vacancy.objects.all(), field_name="application__vacancy"
    )
    at_after = django_filters.IsoDateTimeFilter(field_name="at", lookup_expr="gte")
    at_before = django_filters.IsoDateTimeFilter(field_name="at", lookup_expr="lt")

    class Meta:
        model = StageMove
        fields: list = []


class AdjustmentRequestFilter(django_filters.FilterSet):
    application = django_filters.ModelChoiceFilter(queryset=Application.objects.all())
    vacancy = django_filters.ModelChoiceFilter(
        queryset=Vacancy.objects.all(), field_name="application__vacancy"
    )
    decided = django_filters.BooleanFilter(field_name="provided", lookup_expr="isnull", exclude=True)
    provided = django_filters.BooleanFilter()

    class Meta:
        model = AdjustmentRequest
        fields: list = []
