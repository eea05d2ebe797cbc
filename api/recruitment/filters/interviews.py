"""Filters for interviews and scores.

Records are named by plain ids: an application, vacancy, interview, seat or criterion you may not
see answers like one that does not exist (200, no rows). An interview shows its vacancy; a score
shows its interview but not the vacancy, which it looks up only through interviews you may see.
"""

import django_filters

from api.filters import IdFilter, IdViaFilter
from recruitment.models import Interview, Score


class InterviewFilter(django_filters.FilterSet):
    application = IdFilter(field_name="application", help_text="An application id.")
    vacancy = IdFilter(field_name="application__vacancy", help_text="A vacancy id.")
    starts_after = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = django_filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="lt")

    class Meta:
        model = Interview
        fields = ["outcome"]


class ScoreFilter(django_filters.FilterSet):
    interview = IdFilter(field_name="interview", help_text="An interview id.")
    panel_member = IdFilter(field_name="panel_member", help_text="A panel seat id.")
    criterion = IdFilter(field_name="criterion", help_text="A criterion id.")
    vacancy = IdViaFilter(via="interview", field_name="application__vacancy", help_text="A vacancy id.")

    class Meta:
        model = Score
        fields: list[str] = []
