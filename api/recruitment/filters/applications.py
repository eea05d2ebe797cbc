"""Filters for applications, stage moves and adjustment requests.

Vacancies and applications are named by plain ids: one you may not see matches no rows, exactly
like one that does not exist (see docs/access.md, "Filters see what you see").
"""

import django_filters

from api.filters import IdFilter, IdViaFilter
from recruitment import visibility
from recruitment.models import AdjustmentRequest, Application, StageMove


class ApplicationFilter(django_filters.FilterSet):
    """Source and register filters pick on what the requester is shown (see recruitment.visibility)."""

    vacancy = IdFilter(field_name="vacancy", help_text="A vacancy id.")
    stage = django_filters.CharFilter(field_name="stage__code", help_text="A stage code, e.g. 'interview'.")
    source = django_filters.ChoiceFilter(
        choices=Application.Source.choices,
        method="filter_source",
        help_text="How the applicant came. Matches only applications whose source you are shown.",
    )
    participant = django_filters.BooleanFilter(
        method="filter_participant",
        help_text="true: only applicants linked to the involvement register; false: only those not. "
        "An application whose register entry you are not shown counts as not linked.",
    )
    applied_after = django_filters.IsoDateTimeFilter(field_name="applied_at", lookup_expr="gte")
    applied_before = django_filters.IsoDateTimeFilter(field_name="applied_at", lookup_expr="lt")
    name = django_filters.CharFilter(field_name="applicant_name", lookup_expr="icontains")

    class Meta:
        model = Application
        fields: list = []

    def filter_source(self, queryset, name, value):
        return visibility.applications_from_source(queryset, self.request.user, value)

    def filter_participant(self, queryset, name, value):
        return visibility.applications_on_register(queryset, self.request.user, value)


class StageMoveFilter(django_filters.FilterSet):
    # A move shows its application, not the vacancy: that looks only at applications you may see.
    application = IdFilter(field_name="application", help_text="An application id.")
    vacancy = IdViaFilter(via="application", field_name="vacancy", help_text="A vacancy id.")
    at_after = django_filters.IsoDateTimeFilter(field_name="at", lookup_expr="gte")
    at_before = django_filters.IsoDateTimeFilter(field_name="at", lookup_expr="lt")

    class Meta:
        model = StageMove
        fields: list = []


class AdjustmentRequestFilter(django_filters.FilterSet):
    application = IdFilter(field_name="application", help_text="An application id.")
    vacancy = IdViaFilter(via="application", field_name="vacancy", help_text="A vacancy id.")
    decided = django_filters.BooleanFilter(field_name="provided", lookup_expr="isnull", exclude=True)
    provided = django_filters.BooleanFilter()

    class Meta:
        model = AdjustmentRequest
        fields: list = []
