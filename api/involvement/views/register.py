"""The involvement register: leads manage it; a participant sees and updates their own entry."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action

from api.involvement.filters.register import ParticipantFilter
from api.involvement.serializers.register import ConsentGiveSerializer, ParticipantSerializer
from api.logged_reads import LogsReadsMixin
from api.views import RestrictedModelViewSet
from involvement import selectors, services
from involvement.models import Participant
from involvement.visibility import is_lead


class ParticipantViewSet(LogsReadsMixin, RestrictedModelViewSet):
    """People on the involvement register. Deleting marks someone as having left.

    A person's details (contact, needs, consent) are sensitive: every entry a GET shows is logged.
    """

    queryset = selectors.participant_list()
    serializer_class = ParticipantSerializer
    filterset_class = ParticipantFilter
    ordering_fields = ["name", "joined_on", "status"]
    action_visibility = {"withdraw_consent": "change", "give_consent": "change"}

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.participant_create(by=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("consent_given", None)
        serializer.instance = services.participant_update(
            participant=serializer.instance,
            by=self.request.user,
            self_service=not is_lead(self.request.user),
            **data,
        )

    def perform_destroy(self, instance):
        services.participant_update(
            participant=instance, by=self.request.user, status=Participant.Status.LEFT
        )

    @extend_schema(request=None, responses=ParticipantSerializer)
    @action(detail=True, methods=["post"], url_path="withdraw-consent")
    def withdraw_consent(self, request, pk=None):
        """Stop all contact now: pending invitations lapse and no reminder goes to this person."""
        return self.respond_with(
            services.participant_consent_withdraw(participant=self.get_object(), by=request.user)
        )

    @extend_schema(request=ConsentGiveSerializer, responses=ParticipantSerializer)
    @action(detail=True, methods=["post"], url_path="give-consent")
    def give_consent(self, request, pk=None):
        body = ConsentGiveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.respond_with(
            services.participant_consent_give(
                participant=self.get_object(), purposes=body.validated_data["purposes"], by=request.user
            )
        )
