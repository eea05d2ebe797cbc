"""Offers: made by HR, accepted or declined, or withdrawn; the last post goes to one offer only."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from api.recruitment.filters.offers import OfferFilter
from api.recruitment.serializers.offers import OfferSerializer
from api.views import RestrictedModelViewSet
from recruitment import selectors, services
from recruitment.errors import RecruitmentConflict
from recruitment.models import Offer


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

    def _respond(self, offer: Offer) -> Response:
        return Response(self.get_serializer(selectors.offer_list().get(pk=offer.pk)).data)

    def perform_create(self, serializer):
        offer = services.offer_make(by=self.request.user, **serializer.validated_data)
        serializer.instance = selectors.offer_list().get(pk=offer.pk)

    def perform_destroy(self, instance):
        raise RecruitmentConflict("Offers are kept on record; withdraw it instead.")

    @extend_schema(request=None, responses={200: OfferSerializer, 409: OpenApiResponse()})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The candidate said yes: the six pre-employment checks open."""
        return self._respond(services.offer_respond(offer=self.get_object(), accepted=True, by=request.user))

    @extend_schema(request=None, responses={200: OfferSerializer, 409: OpenApiResponse()})
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """The candidate said no: the post is free for another offer."""
        return self._respond(services.offer_respond(offer=self.get_object(), accepted=False, by=request.user))

    @extend_schema(request=None, responses={200: OfferSerializer, 409: OpenApiResponse()})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """The trust takes the offer back (not once the person is hired)."""
        return self._respond(services.offer_withdraw(offer=self.get_object(), by=request.user))
