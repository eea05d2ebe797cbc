"""The pathway and frameworks the trust edits: levels, competences, courses, supervision policies.

Everyone on the workforce side reads them; HR edits them. An entry in use is retired by marking
it inactive, never deleted (the services answer 409).
"""

from __future__ import annotations

from api.peers.filters.reference import (
    CompetenceDomainFilter,
    CompetenceFilter,
    PathwayLevelFilter,
    SupervisionPolicyFilter,
    TrainingCourseFilter,
)
from api.peers.serializers.reference import (
    CompetenceDomainSerializer,
    CompetenceSerializer,
    PathwayLevelSerializer,
    SupervisionPolicySerializer,
    TrainingCourseSerializer,
)
from api.views import RestrictedModelViewSet
from peers import services
from peers.models import Competence, CompetenceDomain, PathwayLevel, SupervisionPolicy, TrainingCourse


class CompetenceDomainViewSet(RestrictedModelViewSet):
    """The groups the peer support competences fall into. Everyone reads them; HR keeps them."""

    queryset = CompetenceDomain.objects.all()
    serializer_class = CompetenceDomainSerializer
    filterset_class = CompetenceDomainFilter
    ordering_fields = ["order", "name"]

    def perform_create(self, serializer):
        serializer.instance = services.competence_domain_create(
            by=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.competence_domain_update(
            domain=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.competence_domain_delete(domain=instance, by=self.request.user)


class CompetenceViewSet(RestrictedModelViewSet):
    """The competences a peer worker shows evidence of, each in one domain. HR keeps the list."""

    queryset = Competence.objects.select_related("domain")
    serializer_class = CompetenceSerializer
    filterset_class = CompetenceFilter
    ordering_fields = ["name", "code"]

    def perform_create(self, serializer):
        serializer.instance = services.competence_create(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.competence_update(
            competence=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.competence_delete(competence=instance, by=self.request.user)


class TrainingCourseViewSet(RestrictedModelViewSet):
    """Training courses, whether each is mandatory and how long it stays valid. HR keeps the list."""

    queryset = TrainingCourse.objects.all()
    serializer_class = TrainingCourseSerializer
    filterset_class = TrainingCourseFilter
    ordering_fields = ["name", "category"]

    def perform_create(self, serializer):
        serializer.instance = services.training_course_create(
            by=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.training_course_update(
            course=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.training_course_delete(course=instance, by=self.request.user)


class PathwayLevelViewSet(RestrictedModelViewSet):
    """The levels of the peer worker pathway, with the competences and courses each one needs."""

    queryset = PathwayLevel.objects.prefetch_related("required_competences", "required_courses")
    serializer_class = PathwayLevelSerializer
    filterset_class = PathwayLevelFilter
    ordering_fields = ["order", "name"]

    def perform_create(self, serializer):
        serializer.instance = services.pathway_level_create(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.pathway_level_update(
            level=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.pathway_level_delete(level=instance, by=self.request.user)


class SupervisionPolicyViewSet(RestrictedModelViewSet):
    """How often each kind of supervision is due at each level of the pathway."""

    queryset = SupervisionPolicy.objects.select_related("level")
    serializer_class = SupervisionPolicySerializer
    filterset_class = SupervisionPolicyFilter
    ordering_fields = ["frequency_days"]

    def perform_create(self, serializer):
        serializer.instance = services.supervision_policy_create(
            by=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.supervision_policy_update(
            policy=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.supervision_policy_delete(policy=instance, by=self.request.user)
