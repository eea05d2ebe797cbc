"""Filters for users and teams."""

import django_filters

from accounts.models import Team, User
from accounts.roles import Role


class TeamFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Team
        fields = ["kind", "parent", "is_active", "code"]


class UserFilter(django_filters.FilterSet):
    role = django_filters.ChoiceFilter(choices=Role.choices, field_name="groups__name")
    team = django_filters.ModelChoiceFilter(queryset=Team.objects.all(), field_name="teams")
    email = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = User
        fields = ["is_active"]
