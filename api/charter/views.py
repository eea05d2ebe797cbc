"""The charter API: the board dashboard for a period, and the charter's resources.

Commitments and snapshots are read-only here (commitments are edited in the admin; snapshots are
computed, never written by hand). Admins may change an indicator's target, thresholds, owner and
wording; its key, unit and direction define what it measures, so they stay as they are.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from api.charter.filters import CommitmentFilter, IndicatorFilter, SnapshotFilter
from api.charter.serializers import (
    CommitmentSerializer,
    DashboardQuerySerializer,
    DashboardSerializer,
    IndicatorSerializer,
    IndicatorUpdateSerializer,
    SnapshotSerializer,
)
from api.throttles import DASHBOARD_THROTTLES
from api.views import RestrictedReadOnlyViewSet, RestrictedViewSetMixin
from charter import periods, selectors, services
from charter.models import Commitment, Indicator, SnapshotBreakdown
from charter.visibility import may_read_charter

DASHBOARD_PARAMS = {"period", "format"}


class DashboardView(APIView):
    """Every commitment with its indicators for one period: figure, RAG, eight-quarter trend, breakdown.

    Board members, HR, involvement leads and admins. Every figure has been through disclosure
    control: a suppressed figure is null with `suppressed: true`; counts are 0 or a multiple of 5.
    """

    throttle_classes = DASHBOARD_THROTTLES

    @extend_schema(parameters=[DashboardQuerySerializer], responses=DashboardSerializer)
    def get(self, request):
        if not may_read_charter(request.user):
            raise PermissionDenied("Only board members, HR, involvement leads and admins see the dashboard.")
        unknown = sorted(set(request.query_params) - DASHBOARD_PARAMS)
        if unknown:
            raise ValidationError({name: ["Unknown query parameter for this endpoint."] for name in unknown})
        today = timezone.localdate()
        label = request.query_params.get("period")
        try:
            period = periods.quarter_of(today) if label is None else periods.parse(label, today=today)
        except periods.PeriodError as exc:
            raise ValidationError({"period": [str(exc)]}) from exc
        board = selectors.dashboard(period=period, today=today)
        return Response(DashboardSerializer(board, context={"request": request}).data)


class CommitmentViewSet(RestrictedReadOnlyViewSet):
    """The Lived Experience Charter's commitments, each with the indicators that measure it."""

    queryset = Commitment.objects.select_related("charter").prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.order_by("order", "id"))
    )
    serializer_class = CommitmentSerializer
    filterset_class = CommitmentFilter
    ordering_fields = ["number"]


class IndicatorViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Read by the charter's readers; admins may PATCH the editable fields. No create or delete:
    each indicator names a metric in code, so new ones arrive with the code (and its docs)."""

    http_method_names = ["get", "patch", "head", "options"]
    queryset = Indicator.objects.select_related("commitment", "owner")
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    ordering_fields = ["order", "name", "key"]

    @extend_schema(request=IndicatorUpdateSerializer, responses=IndicatorSerializer)
    def partial_update(self, request, *args, **kwargs):
        indicator = self.get_object()  # 404 unless visible, 403 unless the user may change it
        changes = IndicatorUpdateSerializer(indicator, data=request.data, partial=True)
        changes.is_valid(raise_exception=True)
        return self.respond_with(
            services.indicator_update(indicator=indicator, by=request.user, **changes.validated_data)
        )


class SnapshotViewSet(RestrictedReadOnlyViewSet):
    """Disclosed figures per indicator and period, with their breakdown by directorate."""

    queryset = selectors.snapshot_list().prefetch_related(
        Prefetch("breakdown", queryset=SnapshotBreakdown.objects.select_related("directorate"))
    )
    serializer_class = SnapshotSerializer
    filterset_class = SnapshotFilter
    ordering_fields = ["period_start", "period"]
