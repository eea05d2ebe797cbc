"""Filters for offers."""

import django_filters

from api.filters import IdFilter
from recruitment.models import Offer


class OfferFilter(django_filters.FilterSet):
    # Plain ids: one you may not see answers like one that does not exist. An offer shows its vacancy.
    application = IdFilter(field_name="application", help_text="An application id.")
    vacancy = IdFilter(field_name="application__vacancy", help_text="A vacancy id.")
    starts_after = django_filters.DateFilter(field_name="start_date", lookup_expr="gte")
    starts_before = django_filters.DateFilter(field_name="start_date", lookup_expr="lte")

    class Meta:
        model = Offer
        fields = ["status"]
