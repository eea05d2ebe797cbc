"""Filters for users and teams.

Records are named by plain ids (api.filters.IdFilter): an id that names nothing and an id you may
not see both match no rows, so a filter never confirms that a record exists.
"""

import django_filters

from accounts.models import Team, User
from accounts.roles import Role
from accounts.visibility import accounts_holding_role
from api.filters import IdFilter


class TeamFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains")
    parent = IdFilter(field_name="parent", help_text="A team id: the teams directly under it.")

    class Meta:
        model = Team
        fields = ["kind", "is_active", "code"]


class UserFilter(django_filters.FilterSet):
    role = django_filters.ChoiceFilter(choices=Role.choices, method="filter_role")
    team = IdFilter(field_name="teams", help_text="A team id.")
    email = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = User
        fields = ["is_active"]

    def filter_role(self, queryset, name, value):
        # A role the requester may not be told matches nobody, as a role nobody holds would.
        return accounts_holding_role(queryset, self.request.user, value)
