"""Filters for competence evidence."""

import django_filters

from api.filters import IdFilter
from peers.models import CompetenceEvidence


class CompetenceEvidenceFilter(django_filters.FilterSet):
    # The list is already narrowed to what the requester sees; these only pick within it, by plain
    # ids, so a worker you may not see answers like one that does not exist. Evidence shows its domain.
    worker = IdFilter(field_name="worker", help_text="A peer worker id.")
    competence = IdFilter(field_name="competence", help_text="A competence id.")
    domain = IdFilter(field_name="competence__domain", help_text="A competence domain id.")
    signed_off = django_filters.BooleanFilter(field_name="signed_off_by", lookup_expr="isnull", exclude=True)

    class Meta:
        model = CompetenceEvidence
        fields = ["worker", "competence", "domain", "signed_off"]
