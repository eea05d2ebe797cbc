"""Progression: reviews held by line managers and HR, and the read-only history of level changes.

Promotions themselves are an action on the worker (`POST peers/workers/<id>/promote/`), HR only.
"""

from __future__ import annotations

from api.peers.filters.progression import LevelChangeFilter, ProgressionReviewFilter
from api.peers.serializers.progression import (
    LevelChangeSerializer,
    ProgressionReviewSerializer,
    ProgressionReviewUpdateSerializer,
)
from api.views import RestrictedModelViewSet, RestrictedReadOnlyViewSet
from peers import services
from peers.errors import PeersConflict
from peers.models import ProgressionReview
from peers.selectors.progression import level_change_list, progression_review_list


class ProgressionReviewViewSet(RestrictedModelViewSet):
    queryset = progression_review_list()
    filterset_class = ProgressionReviewFilter
    ordering_fields = ["reviewed_on", "next_review_on"]

    def get_serializer_class(self):
        if self.action in {"update", "partial_update"}:
            return ProgressionReviewUpdateSerializer
        return ProgressionReviewSerializer

    def _fresh(self, review: ProgressionReview) -> ProgressionReview:
        return progression_review_list().get(pk=review.pk)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.setdefault("reviewer", self.request.user)
        review = services.progression_review_record(by=self.request.user, **data)
        serializer.instance = self._fresh(review)

    def perform_update(self, serializer):
        review = services.progression_review_update(
            review=serializer.instance, by=self.request.user, **serializer.validated_data
        )
        serializer.instance = self._fresh(review)

    def perform_destroy(self, instance):
        # Promotion decisions rest on these; a wrong one is corrected, not erased.
        raise PeersConflict("Progression reviews are kept; correct this one instead of deleting it.")


class LevelChangeViewSet(RestrictedReadOnlyViewSet):
    """Each worker's levels and bands over time. Written only by starting and promoting a worker."""

    queryset = level_change_list()
    serializer_class = LevelChangeSerializer
    filterset_class = LevelChangeFilter
    ordering_fields = ["effective_date"]
