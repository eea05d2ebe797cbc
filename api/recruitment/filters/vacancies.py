"""Filters for vacancies and their criteria."""

import django_filters

from accounts.models import Team, User
from peers.models import PathwayLevel
from recruitment.models import Criterion, Vacancy


class VacancyFilter(django_filters.FilterSet):
    title = django_filters.CharFilter(lookup_expr="icontains")
    team = django_filters.ModelChoiceFilter(queryset=Team.objects.all())
    level = django_filters.ModelChoiceFilter(queryset=PathwayLevel.objects.all())
    hiring_manager = django_filters.ModelChoiceFilter(queryset=User.objects.all())
    opens_after = django_filters.IsoDateTimeFilter(field_name="opens_at", lookup_expr="gte")
    opens_before = django_filters.IsoDateTimeFilter(field_name="opens_at", lookup_expr="lt")
    closes_after = django_filters.IsoDateTimeFilter(field_name="closes_at", lookup_expr="gte")
    closes_before = django_filters.IsoDateTimeFilter(field_name="closes_at", lookup_expr="lt")

    class Meta:
        model = Vacancy
        fields = ["status", "band", "lived_experience_role"]


class CriterionFilter(django_filters.FilterSet):
    vacancy = django_filters.ModelChoiceFilter(queryset=Vacancy.objects.all())

    class Meta:
        model = Criterion
        fields: list = []
