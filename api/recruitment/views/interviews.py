"""Interviews: scheduling with a panel, the outcome that pays register members, and the panel's scores."""

from __future__ import annotations

from django.db.models import Q
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.roles import Role
from api.recruitment.filters.interviews import InterviewFilter, ScoreFilter
from api.recruitment.serializers.interviews import (
    InterviewSerializer,
    InterviewUpdateSerializer,
    OutcomeSerializer,
    ScoreSerializer,
    ScoreUpdateSerializer,
)
from api.views import RestrictedModelViewSet
from recruitment import selectors, services
from recruitment.errors import RecruitmentConflict, RecruitmentError
from recruitment.models import Interview, PanelMember, Score
from recruitment.visibility import is_hr


class InterviewViewSet(RestrictedModelViewSet):
    """Interviews. HR and the vacancy's hiring manager schedule them; panel members see only theirs."""

    queryset = selectors.interview_list()
    filterset_class = InterviewFilter
    ordering_fields = ["starts_at", "outcome"]
    action_visibility = {"outcome": "change"}

    def get_serializer_class(self):
        if self.action in {"update", "partial_update"}:
            return InterviewUpdateSerializer
        return InterviewSerializer

    def _fresh(self, interview: Interview) -> Interview:
        return selectors.interview_list().get(pk=interview.pk)

    def perform_create(self, serializer):
        interview = services.interview_schedule(by=self.request.user, **serializer.validated_data)
        serializer.instance = self._fresh(interview)

    def perform_update(self, serializer):
        interview = services.interview_update(
            interview=serializer.instance, by=self.request.user, **serializer.validated_data
        )
        serializer.instance = self._fresh(interview)

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
        interview = services.interview_record_outcome(
            interview=interview, by=request.user, **body.validated_data
        )
        return Response(
            InterviewSerializer(self._fresh(interview), context=self.get_serializer_context()).data
        )


def _may_score_for_others(user) -> bool:
    return is_hr(user) or user.has_role(Role.ADMIN)


def _own_seat(interview: Interview, user) -> PanelMember | None:
    return interview.panel.filter(Q(user=user) | Q(participant__user=user)).first()


class ScoreViewSet(RestrictedModelViewSet):
    """Scores per criterion per panel member. A panel member records and reads only their own."""

    queryset = selectors.score_list()
    filterset_class = ScoreFilter
    ordering_fields = ["criterion__order", "score"]

    def get_serializer_class(self):
        if self.action in {"update", "partial_update"}:
            return ScoreUpdateSerializer
        return ScoreSerializer

    def _seat(self, interview: Interview, asked: PanelMember | None) -> PanelMember:
        """Whose score this is: your own seat, or (HR) a register member's who has no login."""
        user = self.request.user
        own = _own_seat(interview, user)
        if not _may_score_for_others(user) or asked is None:
            if own is None:
                if _may_score_for_others(user):
                    raise RecruitmentError("Say whose scores these are.", field="panel_member")
                raise RecruitmentError("You are not on this interview's panel.", field="interview")
            return own
        if asked == own:
            return own
        if asked.participant_id is None or asked.participant.user_id is not None:
            raise RecruitmentError(
                "Panel members with a login record their own scores; HR records only for register "
                "members without one.",
                field="panel_member",
            )
        return asked

    def perform_create(self, serializer):
        data = serializer.validated_data
        interview = data["interview"]
        score = services.score_record(
            interview=interview,
            panel_member=self._seat(interview, data.get("panel_member")),
            criterion=data["criterion"],
            score=data["score"],
            comment=data.get("comment", ""),
            by=self.request.user,
        )
        serializer.instance = selectors.score_list().get(pk=score.pk)

    def perform_update(self, serializer):
        row: Score = serializer.instance
        data = serializer.validated_data
        score = services.score_record(
            interview=row.interview,
            panel_member=row.panel_member,
            criterion=row.criterion,
            score=data.get("score", row.score),
            comment=data.get("comment", row.comment),
            by=self.request.user,
        )
        serializer.instance = selectors.score_list().get(pk=score.pk)

    def perform_destroy(self, instance):
        raise RecruitmentConflict(
            "Scores are kept as the record of the panel's decision; change the score instead."
        )
