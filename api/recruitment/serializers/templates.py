"""Serializers for pipeline templates, their stages nested inside them."""

from __future__ import annotations

from rest_framework import serializers

from api.serializers import BaseModelSerializer
from recruitment.models import PipelineTemplate, TemplateStage


class TemplateStageSerializer(serializers.ModelSerializer):
    order = serializers.IntegerField(
        required=False, min_value=0, max_value=32767, help_text="Defaults to the stage's place in the list."
    )

    class Meta:
        model = TemplateStage
        fields = ["id", "code", "name", "order", "kind"]
        read_only_fields = ["id"]
        # Codes and orders unique within the template: the service checks, naming the stage at fault.
        validators: list = []


class PipelineTemplateSerializer(BaseModelSerializer):
    """A template with all its stages; writing `stages` replaces the whole list."""

    url = serializers.HyperlinkedIdentityField(view_name="api:pipeline-template-detail")
    stages = TemplateStageSerializer(many=True)
    # Declared so no uniqueness validator is derived from the one-default constraint: making a
    # template the default takes the flag from the old one (the service does it).
    is_default = serializers.BooleanField(required=False)

    class Meta:
        model = PipelineTemplate
        fields = ["id", "url", "display", "name", "is_default", "stages"]
