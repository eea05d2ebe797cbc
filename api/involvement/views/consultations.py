"""Consultations: the lifecycle, who is invited, and the responses people give or staff record."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed, ValidationError
from rest_framework.response import Response

from accounts.visibility import restrict
from api.involvement.filters.consultations import (
    ConsultationFilter,
    ConsultationInvitationFilter,
    ConsultationResponseFilter,
)
from api.involvement.filters.register import ParticipantFilter
from api.involvement.serializers.consultations import (
    ConsultationInvitationSerializer,
    ConsultationInviteSerializer,
    ConsultationOutcomeSerializer,
    ConsultationResponseSerializer,
    ConsultationSerializer,
)
from api.views import RestrictedModelViewSet
from involvement import selectors, services
from involvement.models import Participant


class ConsultationViewSet(RestrictedModelViewSet):
    """Documents and questions put out for comment, with a closing date for feedback."""

    queryset = selectors.consultation_list()
    serializer_class = ConsultationSerializer
    filterset_class = ConsultationFilter
    ordering_fields = ["opens_at", "closes_at", "title", "status"]
    action_visibility = {
        "open": "change",
        "close": "change",
        "publish_outcome": "change",
        "invite": "change",
    }

    def perform_create(self, serializer):
        serializer.instance = services.consultation_create(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.consultation_update(
            consultation=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.consultation_delete(consultation=instance, by=self.request.user)

    @extend_schema(request=None, responses={200: ConsultationSerializer, 409: OpenApiResponse()})
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        """Open for feedback (draft to open)."""
        return self.respond_with(services.consultation_open(consultation=self.get_object(), by=request.user))

    @extend_schema(request=None, responses={200: ConsultationSerializer, 409: OpenApiResponse()})
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Stop taking feedback (open to closed)."""
        return self.respond_with(services.consultation_close(consultation=self.get_object(), by=request.user))

    @extend_schema(
        request=ConsultationOutcomeSerializer, responses={200: ConsultationSerializer, 409: OpenApiResponse()}
    )
    @action(detail=True, methods=["post"], url_path="publish-outcome")
    def publish_outcome(self, request, pk=None):
        """Publish what was heard and what changes (closed to outcome published)."""
        consultation = self.get_object()
        body = ConsultationOutcomeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        consultation = services.consultation_publish_outcome(
            consultation=consultation, by=request.user, **body.validated_data
        )
        return self.respond_with(consultation)

    @extend_schema(
        request=ConsultationInviteSerializer,
        responses={
            201: inline_serializer(
                "ConsultationInviteResult",
                {
                    "invited": serializers.IntegerField(),
                    "invitations": ConsultationInvitationSerializer(many=True),
                },
            )
        },
    )
    @action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        """Invite one person, or everyone on the register a filter matches who may be contacted."""
        consultation = self.get_object()
        body = ConsultationInviteSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if "participant" in data:
            created = [
                services.consultation_invite(
                    consultation=consultation, participant=data["participant"], by=request.user
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
            created = services.consultation_invite_matching(
                consultation=consultation, participants=filterset.qs, by=request.user
            )
        rows = selectors.consultation_invitation_list().filter(pk__in=[i.pk for i in created])
        payload = ConsultationInvitationSerializer(
            rows, many=True, context=self.get_serializer_context()
        ).data
        return Response({"invited": len(created), "invitations": payload}, status=status.HTTP_201_CREATED)


class ConsultationInvitationViewSet(RestrictedModelViewSet):
    """Who was asked for their views. Creating one invites one person; an invitation is not edited."""

    queryset = selectors.consultation_invitation_list()
    serializer_class = ConsultationInvitationSerializer
    filterset_class = ConsultationInvitationFilter
    ordering_fields = ["invited_at"]

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.consultation_invite(
            consultation=data["consultation"], participant=data["participant"], by=self.request.user
        )

    @extend_schema(responses={405: OpenApiResponse(description="An invitation is not edited.")})
    def update(self, request, *args, **kwargs):
        self.get_object()  # 404 or 403 first, as for any other change
        raise MethodNotAllowed(
            request.method, detail="An invitation has nothing to change; remove it and invite again."
        )

    @extend_schema(responses={405: OpenApiResponse(description="An invitation is not edited.")})
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, **kwargs)

    def perform_destroy(self, instance):
        services.consultation_uninvite(invitation=instance, by=self.request.user)


class ConsultationResponseViewSet(RestrictedModelViewSet):
    """Responses to consultations. A participant sees, gives and changes only their own, once each."""

    queryset = selectors.consultation_response_list()
    serializer_class = ConsultationResponseSerializer
    filterset_class = ConsultationResponseFilter
    ordering_fields = ["submitted_at"]

    def perform_create(self, serializer):
        # The fields took only a consultation and a person the requester can see: for a participant,
        # a consultation they are invited to that is no longer a draft, and their own entry. The
        # service decides whose response it is.
        serializer.instance = services.consultation_response_submit(
            by=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.consultation_response_update(
            response=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.consultation_response_delete(response=instance, by=self.request.user)
