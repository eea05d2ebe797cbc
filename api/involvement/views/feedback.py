""" "You said, we did": the working items and their actions, and the public list a trust's website shows."""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.throttling import AnonRateThrottle

from accounts.models import User
from accounts.spreadsheet import spreadsheet_cell
from api.filters import StrictDjangoFilterBackend, StrictOrderingFilter
from api.involvement.filters.feedback import FeedbackItemFilter, PublishedChangeFilter
from api.involvement.serializers.feedback import (
    PUBLISHED_CSV_COLUMNS,
    FeedbackActionSerializer,
    FeedbackItemSerializer,
    PublishedChangeSerializer,
)
from api.throttles import ExportRateThrottle
from api.views import RestrictedModelViewSet
from involvement import selectors, services
from involvement.visibility import runs_involvement


def _leads_only(user: User) -> None:
    # An action's owner may see the item and report progress, but what was said, the action
    # itself and what the public sees are the involvement team's to decide.
    if not runs_involvement(user):
        raise PermissionDenied("Only involvement leads can do that; update progress with the action update.")


class FeedbackItemViewSet(RestrictedModelViewSet):
    """What people said, the action it led to, and what changed. Action owners update their actions."""

    queryset = selectors.feedback_item_list()
    serializer_class = FeedbackItemSerializer
    filterset_class = FeedbackItemFilter
    ordering_fields = ["action_due", "created_at", "completed_on", "published_at"]
    action_visibility = {"publish": "change", "unpublish": "change", "update_action": "change"}

    def perform_create(self, serializer):
        serializer.instance = services.feedback_item_create(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        _leads_only(self.request.user)
        serializer.instance = services.feedback_item_update(
            item=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.feedback_item_delete(item=instance, by=self.request.user)

    @extend_schema(request=None, responses={200: FeedbackItemSerializer, 409: OpenApiResponse()})
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Put it on the public "you said, we did" list (needs a finished action and what we did)."""
        item = self.get_object()
        _leads_only(request.user)
        return self.respond_with(services.feedback_item_publish(item=item, by=request.user))

    @extend_schema(request=None, responses={200: FeedbackItemSerializer, 409: OpenApiResponse()})
    @action(detail=True, methods=["post"])
    def unpublish(self, request, pk=None):
        """Take it off the public list."""
        item = self.get_object()
        _leads_only(request.user)
        return self.respond_with(services.feedback_item_unpublish(item=item, by=request.user))

    @extend_schema(request=FeedbackActionSerializer, responses={200: FeedbackItemSerializer})
    @action(detail=True, methods=["post"], url_path="action", url_name="action")
    def update_action(self, request, pk=None):
        """The action owner's progress: status, and what we did (or why not). Done needs we_did."""
        item = self.get_object()
        body = FeedbackActionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        item = services.feedback_action_update(
            item=item, by=request.user, status=data.get("action_status"), we_did=data.get("we_did")
        )
        return self.respond_with(item)


class PublishedChangeListView(generics.ListAPIView):
    """The published "we asked, you said, we did" list, for the trust's public website.

    Open to anyone, with no sign-in: it holds only published items and names no one.
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle]
    serializer_class = PublishedChangeSerializer
    filterset_class = PublishedChangeFilter
    filter_backends = [StrictDjangoFilterBackend, StrictOrderingFilter]
    ordering_fields = ["published_at", "completed_on"]
    strict_query_params = True

    def get_queryset(self):
        return selectors.published_feedback()

    @extend_schema(auth=[])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class PublishedChangeCsvView(PublishedChangeListView):
    """The same list as a CSV file to download, every matching row (no pages)."""

    pagination_class = None
    throttle_classes = [AnonRateThrottle, ExportRateThrottle]

    def perform_content_negotiation(self, request, force=False):
        # The body is CSV whatever the client asks for; errors still come back as JSON.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        auth=[],
        responses={(200, "text/csv"): OpenApiResponse(response=OpenApiTypes.STR, description="CSV file")},
    )
    def get(self, request, *args, **kwargs):
        rows = PublishedChangeSerializer(self.filter_queryset(self.get_queryset()), many=True).data
        filename = f"you-said-we-did-{timezone.localdate():%Y-%m-%d}.csv"
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        writer = csv.DictWriter(response, fieldnames=PUBLISHED_CSV_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {
                    key: spreadsheet_cell("; ".join(row[key]) if key == "themes" else row[key])
                    for key in PUBLISHED_CSV_COLUMNS
                }
            )
        return response
