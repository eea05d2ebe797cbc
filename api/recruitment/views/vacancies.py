"""Vacancies (advert, dates, status), their criteria, and the pipeline board of each."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.visibility import restrict
from api.recruitment.filters.vacancies import CriterionFilter, VacancyFilter
from api.recruitment.serializers.vacancies import CriterionSerializer, PipelineSerializer, VacancySerializer
from api.views import RestrictedModelViewSet
from recruitment import selectors, services
from recruitment.models import Application, Criterion


def _vacancies():
    return (
        selectors.vacancy_list()
        .select_related("created_by", "template")
        .prefetch_related("stages", "criteria")
    )


class VacancyViewSet(RestrictedModelViewSet):
    """Vacancies: HR advertises and runs them; a hiring manager reads their own."""

    queryset = _vacancies()
    serializer_class = VacancySerializer
    filterset_class = VacancyFilter
    ordering_fields = ["opens_at", "closes_at", "title", "status"]
    action_visibility = {"open": "change", "close": "change", "withdraw": "change", "pipeline": "view"}

    def perform_create(self, serializer):
        serializer.instance = services.vacancy_create(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.vacancy_update(
            vacancy=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.vacancy_delete(vacancy=instance, by=self.request.user)

    @extend_schema(request=None, responses=VacancySerializer)
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        """Open for applications (a draft whose closing time is still ahead)."""
        return self.respond_with(services.vacancy_open(vacancy=self.get_object(), by=request.user))

    @extend_schema(request=None, responses=VacancySerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close to applications now, before the closing time (the beat task closes the rest)."""
        return self.respond_with(services.vacancy_close(vacancy=self.get_object(), by=request.user))

    @extend_schema(request=None, responses=VacancySerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraw the vacancy: it will not be filled."""
        return self.respond_with(services.vacancy_withdraw(vacancy=self.get_object(), by=request.user))

    @extend_schema(responses=PipelineSerializer)
    @action(detail=True, methods=["get"])
    def pipeline(self, request, pk=None):
        """The board: each stage in order with its applications as cards; a few queries however many."""
        vacancy = self.get_object()
        visible = restrict(Application.objects.all(), request.user, "view")
        stages = list(selectors.pipeline_stages(vacancy=vacancy, applications=visible))
        data = {"vacancy": vacancy, "total": sum(len(stage.cards) for stage in stages), "stages": stages}
        context = {**self.get_serializer_context(), "now": timezone.now()}
        return Response(PipelineSerializer(data, context=context).data)


class CriterionViewSet(RestrictedModelViewSet):
    """What panels score candidates on, per vacancy: HR and the vacancy's hiring manager write them."""

    queryset = Criterion.objects.select_related("vacancy__team")
    serializer_class = CriterionSerializer
    filterset_class = CriterionFilter
    ordering_fields = ["order", "name"]
    # The hiring manager may remove a criterion as well as edit it (before anyone scores it).
    action_visibility = {"destroy": "change"}

    def perform_create(self, serializer):
        serializer.instance = services.criterion_create(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.criterion_update(
            criterion=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.criterion_delete(criterion=instance, by=self.request.user)
