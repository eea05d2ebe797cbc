"""Filters for pre-employment checks."""

import django_filters

from recruitment.models import Application, PreEmploymentCheck, Vacancy


class PreEmploymentCheckFilter(django_filters.FilterSet):
    application = django_filters.ModelChoiceFilter(queryset=Application.objects.all())
    vacancy = django_filters.ModelChoiceFilter(
        queryset=Vacancy.objects.all(), field_name="application__vacancy"
    )
    recheck_due_before = django_filters.DateFilter(field_name="recheck_due", lookup_expr="lte")

    class Meta:
        model = PreEmploymentCheck
        fields = ["kind", "status", "required"]
