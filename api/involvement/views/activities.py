"""Activities and who takes part: scheduling, the lifecycle, invitations, places and attendance."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from accounts.visibility import may_create, restrict
from api.involvement.filters.activities import ActivityFilter, ParticipationFilter
from api.involvement.filters.register import ParticipantFilter
from api.involvement.serializers.activities import (
    ActivityCancelSerializer,
    ActivityCloseSerializer,
    ActivitySerializer,
    ActivitySeriesSerializer,
    AttendanceSerializer,
    InviteSerializer,
    ParticipationSerializer,
)
from api.views import RestrictedModelViewSet
from involvement import selectors, services
from involvement.models import Activity, Participant


class ActivityViewSet(RestrictedModelViewSet):
    """Co-production activities, each on one rung of the ladder."""

    queryset = selectors.activity_list()
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    ordering_fields = ["starts_at", "title", "status", "rung"]
    action_visibility = {
        "open": "change",
        "held": "change",
        "close": "change",
        "cancel": "change",
        "invite": "change",
    }

    def perform_create(self, serializer):
        serializer.instance = services.activity_create(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.activity_update(
            activity=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.activity_delete(activity=instance, by=self.request.user)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        """Open for sign-up."""
        return self.respond_with(services.activity_open(activity=self.get_object(), by=request.user))

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def held(self, request, pk=None):
        """Mark as held (it has taken place)."""
        return self.respond_with(services.activity_mark_held(activity=self.get_object(), by=request.user))

    @extend_schema(request=ActivityCloseSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close with the closing report: what happened, attendee count, changes agreed."""
        body = ActivityCloseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        activity = services.activity_close(activity=self.get_object(), by=request.user, **body.validated_data)
        return self.respond_with(activity)

    @extend_schema(request=ActivityCancelSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        body = ActivityCancelSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        activity = services.activity_cancel(
            activity=self.get_object(), by=request.user, **body.validated_data
        )
        return self.respond_with(activity)

    @extend_schema(
        request=InviteSerializer,
        responses={
            201: inline_serializer(
                "InviteResult",
                {"invited": serializers.IntegerField(), "participations": ParticipationSerializer(many=True)},
            )
        },
    )
    @action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        """Invite one person, or everyone on the register a filter matches who may be contacted."""
        activity = self.get_object()
        body = InviteSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if "participant" in data:
            created = [
                services.participation_invite(
                    activity=activity, participant=data["participant"], role=data["role"], by=request.user
                )
            ]
        else:
            register = restrict(Participant.objects.all(), request.user)
            filterset = ParticipantFilter(data=data["filter"], queryset=register, request=request)
            unknown = sorted(set(data["filter"]) - set(filterset.filters))
            if unknown:
                raise ValidationError({f"filter.{name}": ["Unknown register filter."] for name in unknown})
            if not filterset.is_valid():
                raise ValidationError({f"filter.{k}": v for k, v in filterset.errors.items()})
            created = services.participations_invite_matching(
                activity=activity, participants=filterset.qs, role=data["role"], by=request.user
            )
        rows = selectors.participation_list().filter(pk__in=[p.pk for p in created])
        payload = ParticipationSerializer(rows, many=True, context=self.get_serializer_context()).data
        return Response({"invited": len(created), "participations": payload}, status=status.HTTP_201_CREATED)

    @extend_schema(request=ActivitySeriesSerializer, responses={201: ActivitySerializer(many=True)})
    @action(detail=False, methods=["post"])
    def series(self, request):
        """Schedule a repeating activity once: weekly, fortnightly or monthly, N occurrences."""
        if not may_create(request.user, Activity):
            raise PermissionDenied("Your role cannot schedule activities.")
        body = ActivitySeriesSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        series = services.activity_series_schedule(by=request.user, **body.validated_data)
        rows = selectors.activity_list().filter(series=series).order_by("starts_at")
        return Response(
            ActivitySerializer(rows, many=True, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )


class ParticipationViewSet(RestrictedModelViewSet):
    """Invitations, places, the waiting list and attendance. Creating one is an invitation."""

    queryset = selectors.participation_list()
    serializer_class = ParticipationSerializer
    filterset_class = ParticipationFilter
    ordering_fields = ["invited_at", "status"]
    action_visibility = {"accept": "change", "decline": "change", "attendance": "change"}

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.participation_invite(
            activity=data["activity"],
            participant=data["participant"],
            role=data.get("role"),
            by=self.request.user,
        )

    def perform_update(self, serializer):
        # Only the role can be changed directly; places and attendance have their own actions.
        if "role" in serializer.validated_data:
            serializer.instance = services.participation_role_change(
                participation=serializer.instance,
                role=serializer.validated_data["role"],
                by=self.request.user,
            )

    def perform_destroy(self, instance):
        services.participation_uninvite(participation=instance, by=self.request.user)

    @extend_schema(request=None, responses=ParticipationSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Take a place, or join the waiting list when the activity is full."""
        return self.respond_with(
            services.participation_accept(participation=self.get_object(), by=request.user)
        )

    @extend_schema(request=None, responses=ParticipationSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """Say no or give up a place; the first person waiting gets it."""
        return self.respond_with(
            services.participation_decline(participation=self.get_object(), by=request.user)
        )

    @extend_schema(
        request=AttendanceSerializer, responses={200: ParticipationSerializer, 409: OpenApiResponse()}
    )
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        """Record attended or no-show, and hours (default: the activity's length)."""
        body = AttendanceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        participation = services.participation_record_attendance(
            participation=self.get_object(), by=request.user, **body.validated_data
        )
        return self.respond_with(participation)
