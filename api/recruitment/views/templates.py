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

    def _fresh(self, template: PipelineTemplate) -> PipelineTemplate:
        return self.queryset.get(pk=template.pk)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        stages = [dict(stage) for stage in data.pop("stages")]
        template = services.template_create(by=self.request.user, stages=stages, **data)
        serializer.instance = self._fresh(template)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if "stages" in data:
            data["stages"] = [dict(stage) for stage in data["stages"]]
        template = services.template_update(template=serializer.instance, by=self.request.user, **data)
        serializer.instance = self._fresh(template)

    def perform_destroy(self, instance):
        services.template_delete(template=instance, by=self.request.user)
