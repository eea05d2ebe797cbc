"""Progression: reviews held by line managers and HR, and the read-only history of level changes.

Promotions themselves are an action on the worker (`POST peers/workers/<id>/promote/`), HR only.
"""

from __future__ import annotations

from api.peers.filters.progression import LevelChangeFilter, ProgressionReviewFilter
from api.peers.serializers.progression import LevelChangeSerializer, ProgressionReviewSerializer
from api.views import RestrictedModelViewSet, RestrictedReadOnlyViewSet
from peers import services
from peers.selectors.progression import level_change_list, progression_review_list


class ProgressionReviewViewSet(RestrictedModelViewSet):
    """Reviews of a worker's readiness for the next level of the pathway, and what was agreed."""

    queryset = progression_review_list()
    serializer_class = ProgressionReviewSerializer
    filterset_class = ProgressionReviewFilter
    ordering_fields = ["reviewed_on", "next_review_on"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.setdefault("reviewer", self.request.user)
        serializer.instance = services.progression_review_record(by=self.request.user, **data)

    def perform_update(self, serializer):
        serializer.instance = services.progression_review_update(
            review=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.progression_review_delete(review=instance, by=self.request.user)


class LevelChangeViewSet(RestrictedReadOnlyViewSet):
    """Each worker's levels and bands over time. Written only by starting and promoting a worker."""

    queryset = level_change_list()
    serializer_class = LevelChangeSerializer
    filterset_class = LevelChangeFilter
    ordering_fields = ["effective_date"]
