"""Peer workers: the employment record, leaving, and the gap to the next level."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from accounts.visibility import may_create
from api.peers.filters.workers import PeerWorkerFilter
from api.peers.serializers.workers import (
    LeaveSerializer,
    NextLevelSerializer,
    PeerWorkerSerializer,
    PromoteSerializer,
)
from api.views import RestrictedModelViewSet
from peers import selectors, services
from peers.models import LevelChange


class PeerWorkerViewSet(RestrictedModelViewSet):
    """Peer worker employments. HR starts them; HR and line managers keep them current."""

    queryset = selectors.worker_list()
    serializer_class = PeerWorkerSerializer
    filterset_class = PeerWorkerFilter
    ordering_fields = ["start_date", "employee_number", "status"]
    action_visibility = {"leave": "change", "next_level": "view", "promote": "change"}

    def perform_create(self, serializer):
        serializer.instance = services.peer_worker_create(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.peer_worker_update(
            worker=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.peer_worker_delete(worker=instance, by=self.request.user)

    @extend_schema(request=LeaveSerializer, responses=PeerWorkerSerializer)
    @action(detail=True, methods=["post"])
    def leave(self, request, pk=None):
        """Record a leaver: date, reason from the list, exit interview notes."""
        worker = self.get_object()  # 404 or 403 before anything about the body
        body = LeaveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.respond_with(
            services.peer_worker_leave(worker=worker, by=request.user, **body.validated_data)
        )

    @extend_schema(responses=NextLevelSerializer)
    @action(detail=True, methods=["get"], url_path="next-level")
    def next_level(self, request, pk=None):
        """What this worker still needs for the next level of the pathway."""
        gaps = selectors.next_level_gaps(worker=self.get_object(), today=timezone.localdate())
        data = {
            "next_level": gaps.next_level,
            "ready": gaps.ready,
            "missing_competences": gaps.missing_competences,
            "missing_courses": gaps.missing_courses,
        }
        return Response(NextLevelSerializer(data, context=self.get_serializer_context()).data)

    @extend_schema(request=PromoteSerializer, responses=PeerWorkerSerializer)
    @action(detail=True, methods=["post"])
    def promote(self, request, pk=None):
        """Move the worker up the pathway from a date; the level history records it."""
        worker = self.get_object()
        # Line managers may change the record, but a change of level and pay band is HR's decision.
        if not may_create(request.user, LevelChange):
            raise PermissionDenied("Only HR can promote a worker; line managers record progression reviews.")
        body = PromoteSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        return self.respond_with(
            services.peer_worker_promote(worker=worker, by=request.user, **body.validated_data)
        )
