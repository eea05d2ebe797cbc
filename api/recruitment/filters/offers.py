"""Filters for offers."""

import django_filters

from recruitment.models import Application, Offer, Vacancy


class OfferFilter(django_filters.FilterSet):
    application = django_filters.ModelChoiceFilter(queryset=Application.objects.all())
    vacancy = django_filters.ModelChoiceFilter(
        queryset=Vacancy.objects.all(), field_name="application__vacancy"
    )
    starts_after = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    starts_before = django_filters.DateFilter(field_name="start_date", lookup_expr="lte")

    class Meta:
        model = Offer
        fields = ["status"]
