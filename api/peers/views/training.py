"""Training records, and the expiring, expired and compliance lists managers chase from."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import generics

from accounts.visibility import restrict
from api.exceptions import refusals_as_permission_denied
from api.filters import StrictDjangoFilterBackend
from api.peers.filters.training import ComplianceFilter, TrainingRecordFilter, TrainingReportFilter
from api.peers.serializers.training import (
    ExpiringQuerySerializer,
    TeamComplianceSerializer,
    TrainingRecordSerializer,
    TrainingReportRowSerializer,
    WorkerComplianceSerializer,
)
from api.views import RestrictedModelViewSet
from peers import selectors, services
from peers.models import PeerWorker
from peers.visibility import check_may_record_training


class TrainingRecordViewSet(RestrictedModelViewSet):
    """Completed training. The expiry date is worked out from the course's validity."""

    queryset = selectors.training_record_list()
    serializer_class = TrainingRecordSerializer
    filterset_class = TrainingRecordFilter
    ordering_fields = ["completed_on", "expires_on", "created_at"]

    def perform_create(self, serializer):
        data = serializer.validated_data
        user = self.request.user
        with refusals_as_permission_denied():
            check_may_record_training(user=user, worker=data["worker"])
        serializer.instance = services.training_record_create(
            worker=data["worker"],
            course=data["course"],
            completed_on=data["completed_on"],
            evidence_reference=data.get("evidence_reference", ""),
            by=self.request.user,
        )

    def perform_update(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.training_record_update(
            record=serializer.instance,
            by=self.request.user,
            completed_on=data.get("completed_on"),
            evidence_reference=data.get("evidence_reference"),
        )

    def perform_destroy(self, instance):
        services.training_record_delete(record=instance, by=self.request.user)


class _TrainingReportView(generics.ListAPIView):
    """A paged report over the rows this user may see; unknown query parameters are refused."""

    strict_query_params = True

    def visible(self, queryset):
        # restrict() adds the user's scope as a subquery, so the report stays one query.
        return restrict(queryset, self.request.user, "view")


class TrainingExpiringView(_TrainingReportView):
    """Each current worker's latest record of each course that expires within the next days."""

    serializer_class = TrainingReportRowSerializer
    filterset_class = TrainingReportFilter
    ordering_fields = ["expires_on", "completed_on"]
    extra_query_params = ("within_days",)

    @extend_schema(parameters=[ExpiringQuerySerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        query = ExpiringQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        within_days = query.validated_data.get("within_days", settings.PEERS_TRAINING_EXPIRING_DAYS)
        return self.visible(selectors.training_expiring(today=timezone.localdate(), within_days=within_days))


class TrainingExpiredView(_TrainingReportView):
    """Each current worker's latest record of each course that has expired and not been renewed."""

    serializer_class = TrainingReportRowSerializer
    filterset_class = TrainingReportFilter
    ordering_fields = ["expires_on", "completed_on"]

    def get_queryset(self):
        return self.visible(selectors.training_expired(today=timezone.localdate()))


class TrainingComplianceView(_TrainingReportView):
    """Per current worker: mandatory courses held in date out of those required."""

    serializer_class = WorkerComplianceSerializer
    filterset_class = ComplianceFilter
    ordering_fields = ["compliance", "mandatory_in_date", "start_date", "employee_number"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator: the selector counts courses
            return PeerWorker.objects.none()
        # Supervisors are not shown here; dropping their prefetch keeps the rows to one query.
        workers = selectors.training_compliance_by_worker(today=timezone.localdate()).prefetch_related(None)
        return self.visible(workers)


class TeamComplianceView(TrainingComplianceView):
    """Per team: the same figures summed over the team's current workers this user may see."""

    filter_backends = [StrictDjangoFilterBackend]  # sorted by team name; no ordering choice

    @extend_schema(responses=TeamComplianceSerializer(many=True))
    def get(self, request, *args, **kwargs):
        workers = self.filter_queryset(self.get_queryset())
        rows = selectors.training_compliance_by_team(today=timezone.localdate(), workers=workers)
        page = self.paginate_queryset(rows)
        data = TeamComplianceSerializer(page, many=True, context=self.get_serializer_context()).data
        return self.get_paginated_response(data)
