"""Serializers for the pathway and frameworks the trust edits."""

from __future__ import annotations

from rest_framework import serializers

from api.serializers import BaseModelSerializer, BriefRelatedField
from peers.models import Competence, CompetenceDomain, PathwayLevel, SupervisionPolicy, TrainingCourse


class CompetenceDomainSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:competence-domain-detail")

    class Meta:
        model = CompetenceDomain
        fields = ["id", "url", "display", "code", "name", "order"]


class CompetenceSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:competence-detail")
    domain = BriefRelatedField(
        view_name="api:competence-domain-detail", queryset=CompetenceDomain.objects.all()
    )

    class Meta:
        model = Competence
        fields = ["id", "url", "display", "domain", "code", "name", "description", "is_active"]


class TrainingCourseSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:training-course-detail")

    class Meta:
        model = TrainingCourse
        fields = [
            "id",
            "url",
            "display",
            "code",
            "name",
            "category",
            "mandatory",
            "validity_months",
            "is_active",
        ]


class PathwayLevelSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:pathway-level-detail")
    required_competences = BriefRelatedField(
        view_name="api:competence-detail", queryset=Competence.objects.all(), many=True, required=False
    )
    required_courses = BriefRelatedField(
        view_name="api:training-course-detail",
        queryset=TrainingCourse.objects.all(),
        many=True,
        required=False,
    )

    class Meta:
        model = PathwayLevel
        fields = [
            "id",
            "url",
            "display",
            "code",
            "name",
            "order",
            "band",
            "description",
            "required_competences",
            "required_courses",
            "is_active",
        ]


class SupervisionPolicySerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:supervision-policy-detail")
    level = BriefRelatedField(view_name="api:pathway-level-detail", queryset=PathwayLevel.objects.all())

    class Meta:
        model = SupervisionPolicy
        fields = ["id", "url", "display", "level", "kind", "frequency_days"]
        # One policy per level and kind: the service says so naming "kind", not a non-field error.
        validators: list = []
