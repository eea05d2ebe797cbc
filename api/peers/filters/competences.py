"""Filters for competence evidence."""

import django_filters

from peers.models import Competence, CompetenceDomain, CompetenceEvidence, PeerWorker


class CompetenceEvidenceFilter(django_filters.FilterSet):
    # The list is already narrowed to what the requester sees; these only pick within it.
    worker = django_filters.ModelChoiceFilter(queryset=PeerWorker.objects.all())
    competence = django_filters.ModelChoiceFilter(queryset=Competence.objects.all())
    domain = django_filters.ModelChoiceFilter(
        queryset=CompetenceDomain.objects.all(), field_name="competence__domain"
    )
    signed_off = django_filters.BooleanFilter(field_name="signed_off_by", lookup_expr="isnull", exclude=True)

    class Meta:
        model = CompetenceEvidence
        fields = ["worker", "competence", "domain", "signed_off"]
