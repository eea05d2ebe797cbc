"""Serializers for vacancies, their stages and criteria, and the pipeline board."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import serializers

from accounts.models import Team, User
from api.serializers import BaseModelSerializer, BriefRelatedField
from peers.models import Band, PathwayLevel
from recruitment.models import Application, Criterion, PipelineTemplate, Vacancy, VacancyStage


class VacancyStageSerializer(serializers.ModelSerializer):
    class Meta:
        model = VacancyStage
        fields = ["id", "code", "name", "order", "kind"]
        read_only_fields = fields


class VacancyCriterionSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:criterion-detail")

    class Meta:
        model = Criterion
        fields = ["id", "url", "name", "max_score", "order"]
        read_only_fields = fields


class VacancySerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:vacancy-detail")
    level = BriefRelatedField(
        view_name="api:pathway-level-detail", queryset=PathwayLevel.objects.filter(is_active=True)
    )
    band = serializers.ChoiceField(
        choices=Band.choices, required=False, help_text="Defaults to the level's band."
    )
    team = BriefRelatedField(view_name="api:team-detail", queryset=Team.objects.all())
    # Accounts are named, not browsed (action=None); the service checks the line manager role.
    hiring_manager = BriefRelatedField(
        view_name="api:user-detail",
        queryset=User.objects.filter(is_active=True),
        action=None,
        help_text="Holds the line manager role: they manage whoever is hired.",
    )
    template = BriefRelatedField(
        view_name="api:pipeline-template-detail",
        queryset=PipelineTemplate.objects.all(),
        required=False,
        help_text="The stages are copied from it once, at creation. Defaults to the default template.",
    )
    stages = VacancyStageSerializer(many=True, read_only=True)
    criteria = VacancyCriterionSerializer(many=True, read_only=True)
    application_count = serializers.IntegerField(read_only=True)
    hired_count = serializers.IntegerField(read_only=True)
    created_by = BriefRelatedField(view_name="api:user-detail", read_only=True)

    class Meta:
        model = Vacancy
        fields = [
            "id",
            "url",
            "display",
            "title",
            "level",
            "band",
            "team",
            "hiring_manager",
            "posts",
            "contracted_hours",
            "lived_experience_role",
            "lived_experience_criteria",
            "advert_text",
            "opens_at",
            "closes_at",
            "status",
            "template",
            "stages",
            "criteria",
            "application_count",
            "hired_count",
            "created_by",
            "created_at",
            "closed_at",
        ]
        read_only_fields = ["status", "created_at", "closed_at"]
        # The stages are copied from the template once, at creation.
        create_only_fields = ["template"]
        # The model's closes-after-opens constraint is checked in validate(), naming closes_at.
        validators: list = []

    def validate(self, attrs):
        opens = attrs.get("opens_at", getattr(self.instance, "opens_at", None))
        closes = attrs.get("closes_at", getattr(self.instance, "closes_at", None))
        if opens and closes and closes <= opens:
            raise serializers.ValidationError({"closes_at": ["A vacancy must close after it opens."]})
        return attrs


class CriterionSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:criterion-detail")
    vacancy = BriefRelatedField(
        view_name="api:vacancy-detail", queryset=Vacancy.objects.select_related("team")
    )

    class Meta:
        model = Criterion
        fields = ["id", "url", "display", "vacancy", "name", "max_score", "order"]
        create_only_fields = ["vacancy"]


class PipelineCardSerializer(serializers.ModelSerializer):
    """An application as a card on the board: enough to recognise it, nothing sensitive."""

    url = serializers.HyperlinkedIdentityField(view_name="api:application-detail")
    name = serializers.CharField(source="applicant_name")
    days_in_stage = serializers.SerializerMethodField()
    adjustments_count = serializers.IntegerField(source="adjustment_count")

    class Meta:
        model = Application
        fields = ["id", "url", "name", "source", "stage_entered_at", "days_in_stage", "adjustments_count"]
        read_only_fields = fields

    def get_days_in_stage(self, application: Application) -> int:
        now = self.context.get("now") or timezone.now()
        return max((now - application.stage_entered_at).days, 0)


class PipelineStageSerializer(VacancyStageSerializer):
    count = serializers.SerializerMethodField()
    applications = PipelineCardSerializer(source="cards", many=True, read_only=True)

    class Meta(VacancyStageSerializer.Meta):
        fields = [*VacancyStageSerializer.Meta.fields, "count", "applications"]
        read_only_fields = fields

    def get_count(self, stage: VacancyStage) -> int:
        return len(stage.cards)


class PipelineSerializer(serializers.Serializer):
    vacancy = BriefRelatedField(view_name="api:vacancy-detail", read_only=True)
    total = serializers.IntegerField()
    stages = PipelineStageSerializer(many=True)
