"""Filters for the register.

Themes, teams and partners are named by plain ids: one that names nothing, or a partner you may
not see, matches no rows rather than answering 400.
"""

import django_filters
from django.db.models import Q

from api.filters import LARGEST_ID, IdFilter, IdsFilter
from involvement.models import Participant
from involvement.selectors import participants_with_phone

# The invite actions read this filterset from a JSON body, where the range check on query
# parameters does not run: these bounds keep an id past 64 bits a 400 rather than a database error.
_OUT_OF_RANGE = f"Ensure this value is between {-LARGEST_ID} and {LARGEST_ID}."
ID_BOUNDS = {
    "min_value": -LARGEST_ID,
    "max_value": LARGEST_ID,
    "error_messages": {"min_value": _OUT_OF_RANGE, "max_value": _OUT_OF_RANGE},
}


class ParticipantFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", max_length=200)
    # To find someone already on the register before adding them again.
    email = django_filters.CharFilter(
        lookup_expr="iexact",
        max_length=254,
        help_text="An email address, matched whole and whatever its case.",
    )
    phone = django_filters.CharFilter(
        method="filter_phone",
        max_length=40,
        help_text=(
            "A phone number, matched whatever spaces, dashes or brackets either is written with, "
            "and whether it starts 0, +44 or +44 (0): 07700 900123 finds +44 7700 900123."
        ),
    )
    topic = IdsFilter(
        field_name="topics", help_text="A theme id; repeat the parameter for entries with any of several."
    )
    team_of_interest = IdFilter(field_name="teams_of_interest", help_text="A team id.", **ID_BOUNDS)
    referred_by = IdFilter(field_name="referred_by", help_text="A partner organisation id.", **ID_BOUNDS)
    may_be_contacted = django_filters.BooleanFilter(method="filter_contactable")
    joined_after = django_filters.DateFilter(field_name="joined_on", lookup_expr="gte")
    joined_before = django_filters.DateFilter(field_name="joined_on", lookup_expr="lte")

    class Meta:
        model = Participant
        fields = ["status", "experience", "payment_preference", "sharing_level"]

    def filter_phone(self, queryset, name, value):
        return participants_with_phone(queryset, phone=value)

    def filter_contactable(self, queryset, name, value):
        contactable = Q(consent_given_at__isnull=False, consent_withdrawn_at__isnull=True, status="active")
        return queryset.filter(contactable) if value else queryset.exclude(contactable)
