"""Filters for the pathway and frameworks: levels, competence domains, competences, courses, policies."""

import django_filters

from peers.models import Competence, CompetenceDomain, PathwayLevel, SupervisionPolicy, TrainingCourse


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
    level = django_filters.ModelChoiceFilter(
        queryset=PathwayLevel.objects.all(), field_name="levels", label="Required for this level"
    )

    class Meta:
        model = Competence
        fields = ["code", "domain", "is_active"]


class TrainingCourseFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains")
    level = django_filters.ModelChoiceFilter(
        queryset=PathwayLevel.objects.all(), field_name="levels", label="Required for this level"
    )

    class Meta:
        model = TrainingCourse
        fields = ["code", "category", "mandatory", "is_active"]


class SupervisionPolicyFilter(django_filters.FilterSet):
    class Meta:
        model = SupervisionPolicy
        fields = ["level", "kind"]
