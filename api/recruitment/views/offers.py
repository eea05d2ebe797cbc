"""Offers: made by HR, accepted or declined, or withdrawn; the last post goes to one offer only."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action

from api.recruitment.filters.offers import OfferFilter
from api.recruitment.serializers.offers import OfferSerializer
from api.views import RestrictedModelViewSet
from recruitment import selectors, services


class OfferViewSet(RestrictedModelViewSet):
    """Offers of employment. HR makes and changes them; the hiring manager sees their vacancy's offers.

    An offer is not edited: withdraw it and make another, so what was offered stays on record.
    """

    queryset = selectors.offer_list()
    serializer_class = OfferSerializer
    filterset_class = OfferFilter
    ordering_fields = ["made_at", "start_date", "status"]
    http_method_names = ["get", "post", "delete", "head", "options"]
    action_visibility = {"accept": "change", "decline": "change", "withdraw": "change"}

    def perform_create(self, serializer):
        serializer.instance = services.offer_make(by=self.request.user, **serializer.validated_data)

    def perform_destroy(self, instance):
        services.offer_delete(offer=instance, by=self.request.user)

    @extend_schema(request=None, responses={200: OfferSerializer, 409: OpenApiResponse()})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The candidate said yes: the six pre-employment checks open."""
        return self.respond_with(
            services.offer_respond(offer=self.get_object(), accepted=True, by=request.user)
        )

    @extend_schema(request=None, responses={200: OfferSerializer, 409: OpenApiResponse()})
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """The candidate said no: the post is free for another offer."""
        return self.respond_with(
            services.offer_respond(offer=self.get_object(), accepted=False, by=request.user)
        )

    @extend_schema(request=None, responses={200: OfferSerializer, 409: OpenApiResponse()})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """The trust takes the offer back (not once the person is hired)."""
        return self.respond_with(services.offer_withdraw(offer=self.get_object(), by=request.user))
