"""Filters for the pathway and frameworks: levels, competence domains, competences, courses, policies."""

import django_filters

from api.filters import IdFilter
from peers.models import Competence, CompetenceDomain, PathwayLevel, SupervisionPolicy, TrainingCourse

# Levels and domains are named by plain ids: the pathway is staff's to read, so to anyone else an id
# that names a level answers like one that names nothing (200, no rows).


class PathwayLevelFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = PathwayLevel
        fields = ["code", "band", "is_active"]


class CompetenceDomainFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = CompetenceDomain
        fields = ["code"]


class CompetenceFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains")
    level = IdFilter(field_name="levels", label="Required for this level", help_text="A pathway level id.")
    domain = IdFilter(field_name="domain", help_text="A competence domain id.")

    class Meta:
        model = Competence
        fields = ["code", "is_active"]


class TrainingCourseFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains")
    level = IdFilter(field_name="levels", label="Required for this level", help_text="A pathway level id.")

    class Meta:
        model = TrainingCourse
        fields = ["code", "category", "mandatory", "is_active"]


class SupervisionPolicyFilter(django_filters.FilterSet):
    level = IdFilter(field_name="level", help_text="A pathway level id.")

    class Meta:
        model = SupervisionPolicy
        fields = ["kind"]
