"""Filters for vacancies and their criteria."""

import django_filters

from api.filters import IdFilter
from recruitment.models import Criterion, Vacancy

# Plain ids: a hiring manager or vacancy you may not see answers like one that does not exist.


class VacancyFilter(django_filters.FilterSet):
    title = django_filters.CharFilter(lookup_expr="icontains")
    team = IdFilter(field_name="team", help_text="A team id.")
    level = IdFilter(field_name="level", help_text="A pathway level id.")
    hiring_manager = IdFilter(field_name="hiring_manager", help_text="A user id.")
    opens_after = django_filters.IsoDateTimeFilter(field_name="opens_at", lookup_expr="gte")
    opens_before = django_filters.IsoDateTimeFilter(field_name="opens_at", lookup_expr="lt")
    closes_after = django_filters.IsoDateTimeFilter(field_name="closes_at", lookup_expr="gte")
    closes_before = django_filters.IsoDateTimeFilter(field_name="closes_at", lookup_expr="lt")

    class Meta:
        model = Vacancy
        fields = ["status", "band", "lived_experience_role"]


class CriterionFilter(django_filters.FilterSet):
    vacancy = IdFilter(field_name="vacancy", help_text="A vacancy id.")

    class Meta:
        model = Criterion
        fields: list = []
