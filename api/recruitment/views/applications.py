"""Applications and the pipeline: applying, moving between stages, its history, and adjustments."""

from __future__ import annotations

from django.db.models import Model
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from accounts.services import access_log_record
from api.recruitment.filters.applications import (
    AdjustmentRequestFilter,
    ApplicationFilter,
    StageMoveFilter,
)
from api.recruitment.serializers.applications import (
    AdjustmentDecideSerializer,
    AdjustmentRequestSerializer,
    AdvanceSerializer,
    ApplicationSerializer,
    StageMoveSerializer,
)
from api.views import RestrictedModelViewSet, RestrictedReadOnlyViewSet
from recruitment import selectors, services
from recruitment.models import AdjustmentRequest, Application, VacancyStage


class LogsReadsMixin:
    """Logs every adjustment request a GET shows: they often say something about the person's health."""

    def records_shown(self, rows: list) -> list[Model]:
        raise NotImplementedError

    def _log(self, rows: list) -> None:
        records = self.records_shown(rows)
        if records:  # one bulk insert per request, however many rows
            access_log_record(user=self.request.user, records=records, action="read", path=self.request.path)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = list(queryset if page is None else page)
        data = self.get_serializer(rows, many=True).data
        self._log(rows)
        return Response(data) if page is None else self.get_paginated_response(data)

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        data = self.get_serializer(obj).data
        self._log([obj])
        return Response(data)


def _applications():
    return (
        selectors.application_list()
        .select_related("vacancy__team", "hired_worker__user")
        .prefetch_related("vacancy__stages")
    )


class ApplicationViewSet(LogsReadsMixin, RestrictedModelViewSet):
    """Applications: HR records them; the hiring manager moves their own; panel members read theirs."""

    queryset = _applications()
    serializer_class = ApplicationSerializer
    filterset_class = ApplicationFilter
    ordering_fields = ["applied_at", "stage_entered_at", "applicant_name"]
    action_visibility = {"advance": "change"}

    def records_shown(self, rows: list[Application]) -> list[Model]:
        return [adjustment for application in rows for adjustment in application.adjustments.all()]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        if "equality" in data:
            data["equality"] = dict(data["equality"])
        serializer.instance = services.application_create(by=self.request.user, **data)

    def perform_update(self, serializer):
        serializer.instance = services.application_update(
            application=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.application_delete(application=instance, by=self.request.user)

    @extend_schema(request=AdvanceSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        """Move to the next stage, or end it (rejected needs a reason); every move is recorded."""
        application = self.get_object()  # 404 or 403 before anything about the body
        body = AdvanceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        stage = _stage_of(application, body.validated_data["to_stage"])
        return self.respond_with(
            services.application_advance(
                application=application, to_stage=stage, by=request.user, reason=body.validated_data["reason"]
            )
        )


def _stage_of(application: Application, ref: str) -> VacancyStage:
    """The vacancy's stage with this id or code."""
    ref = ref.strip()
    stages = application.vacancy.stages.all()
    found = [s for s in stages if (str(s.pk) == ref if ref.isdigit() else s.code == ref)]
    if not found:
        codes = ", ".join(s.code for s in stages)
        raise ValidationError({"to_stage": [f"This vacancy has no stage {ref!r}. Its stages: {codes}."]})
    return found[0]


class StageMoveViewSet(RestrictedReadOnlyViewSet):
    """The pipeline's history: who moved each application, when and why. Written only by moving."""

    queryset = selectors.stage_move_list().select_related("application__vacancy")
    serializer_class = StageMoveSerializer
    filterset_class = StageMoveFilter
    ordering_fields = ["at"]


class AdjustmentRequestViewSet(LogsReadsMixin, RestrictedModelViewSet):
    """Reasonable adjustments asked for the recruitment process, and whether each was provided."""

    queryset = AdjustmentRequest.objects.select_related("application__vacancy")
    serializer_class = AdjustmentRequestSerializer
    filterset_class = AdjustmentRequestFilter
    ordering_fields = ["id", "decided_at"]
    action_visibility = {"decide": "change"}

    def records_shown(self, rows: list[AdjustmentRequest]) -> list[Model]:
        return list(rows)

    def perform_create(self, serializer):
        serializer.instance = services.adjustment_request_create(
            by=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        # A PATCH that leaves the description out keeps it as it was.
        data = {"description": serializer.instance.description, **serializer.validated_data}
        serializer.instance = services.adjustment_request_update(
            adjustment=serializer.instance, by=self.request.user, **data
        )

    def perform_destroy(self, instance):
        services.adjustment_request_delete(adjustment=instance, by=self.request.user)

    @extend_schema(request=AdjustmentDecideSerializer, responses=AdjustmentRequestSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Record whether the adjustment was provided; not provided needs a note saying why."""
        adjustment = self.get_object()
        body = AdjustmentDecideSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.respond_with(
            services.adjustment_decide(adjustment=adjustment, by=request.user, **body.validated_data)
        )
