"""Filters for users and teams."""

import django_filters

from accounts.models import Team, User
from accounts.roles import Role
from accounts.visibility import accounts_holding_role


class TeamFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Team
        fields = ["kind", "parent", "is_active", "code"]


class UserFilter(django_filters.FilterSet):
    role = django_filters.ChoiceFilter(choices=Role.choices, method="filter_role")
    team = django_filters.ModelChoiceFilter(queryset=Team.objects.all(), field_name="teams")
    email = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = User
        fields = ["is_active"]

    def filter_role(self, queryset, name, value):
        # A role the requester may not be told matches nobody, as a role nobody holds would.
        return accounts_holding_role(queryset, self.request.user, value)
