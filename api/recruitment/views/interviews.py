"""Interviews: scheduling with a panel, the outcome that pays register members, and the panel's scores."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action

from api.recruitment.filters.interviews import InterviewFilter, ScoreFilter
from api.recruitment.serializers.interviews import InterviewSerializer, OutcomeSerializer, ScoreSerializer
from api.views import RestrictedModelViewSet
from recruitment import selectors, services
from recruitment.models import Score
from recruitment.visibility import scoring_seat


class InterviewViewSet(RestrictedModelViewSet):
    """Interviews. HR and the vacancy's hiring manager schedule them; panel members see only theirs."""

    queryset = selectors.interview_list()
    serializer_class = InterviewSerializer
    filterset_class = InterviewFilter
    ordering_fields = ["starts_at", "outcome"]
    action_visibility = {"outcome": "change"}

    def perform_create(self, serializer):
        serializer.instance = services.interview_schedule(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.interview_update(
            interview=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        # Calling it off before the outcome; the panel activity is cancelled so register members know.
        services.interview_cancel(interview=instance, by=self.request.user)

    @extend_schema(
        request=OutcomeSerializer,
        responses={200: InterviewSerializer, 409: OpenApiResponse(description="Not yet held, or decided.")},
    )
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        """Record the outcome; register members on the panel are marked attended and their claim made."""
        interview = self.get_object()
        body = OutcomeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.respond_with(
            services.interview_record_outcome(interview=interview, by=request.user, **body.validated_data)
        )


class ScoreViewSet(RestrictedModelViewSet):
    """Scores per criterion per panel member. A panel member records and reads only their own."""

    queryset = selectors.score_list()
    serializer_class = ScoreSerializer
    filterset_class = ScoreFilter
    ordering_fields = ["criterion__order", "score"]

    def perform_create(self, serializer):
        data = serializer.validated_data
        interview = data["interview"]
        serializer.instance = services.score_record(
            interview=interview,
            panel_member=scoring_seat(
                interview=interview, user=self.request.user, asked=data.get("panel_member")
            ),
            criterion=data["criterion"],
            score=data["score"],
            comment=data.get("comment", ""),
            by=self.request.user,
        )

    def perform_update(self, serializer):
        row: Score = serializer.instance
        data = serializer.validated_data
        serializer.instance = services.score_record(
            interview=row.interview,
            panel_member=row.panel_member,
            criterion=row.criterion,
            score=data.get("score", row.score),
            comment=data.get("comment", row.comment),
            by=self.request.user,
        )

    def perform_destroy(self, instance):
        services.score_delete(score=instance, by=self.request.user)
