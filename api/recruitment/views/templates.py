"""Pipeline templates: the stages HR sets up once and each new vacancy copies."""

from __future__ import annotations

from api.recruitment.filters.templates import PipelineTemplateFilter
from api.recruitment.serializers.templates import PipelineTemplateSerializer
from api.views import RestrictedModelViewSet
from recruitment import services
from recruitment.models import PipelineTemplate


class PipelineTemplateViewSet(RestrictedModelViewSet):
    """HR's pipeline templates, stages nested. Editing one never changes a vacancy already made."""

    queryset = PipelineTemplate.objects.prefetch_related("stages")
    serializer_class = PipelineTemplateSerializer
    filterset_class = PipelineTemplateFilter
    ordering_fields = ["name"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        stages = [dict(stage) for stage in data.pop("stages")]
        serializer.instance = services.template_create(by=self.request.user, stages=stages, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if "stages" in data:
            data["stages"] = [dict(stage) for stage in data["stages"]]
        serializer.instance = services.template_update(
            template=serializer.instance, by=self.request.user, **data
        )

    def perform_destroy(self, instance):
        services.template_delete(template=instance, by=self.request.user)
