"""Filters for pre-employment checks."""

import django_filters

from api.filters import IdFilter
from recruitment.models import PreEmploymentCheck


class PreEmploymentCheckFilter(django_filters.FilterSet):
    # Plain ids: an application or vacancy you may not see answers like one that does not exist.
    # A check shows its vacancy, so `vacancy` picks on what the row shows.
    application = IdFilter(field_name="application", help_text="An application id.")
    vacancy = IdFilter(field_name="application__vacancy", help_text="A vacancy id.")
    recheck_due_before = django_filters.DateFilter(field_name="recheck_due", lookup_expr="lte")

    class Meta:
        model = PreEmploymentCheck
        fields = ["kind", "status", "required"]
