"""Reference lists the trust edits (themes, activity kinds) and partner organisations with contacts."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.visibility import restrict
from api.involvement.filters.reference import (
    ActivityKindFilter,
    PartnerContactFilter,
    PartnerOrganisationFilter,
    ThemeFilter,
)
from api.involvement.serializers.reference import (
    ActivityKindSerializer,
    PartnerActivitySerializer,
    PartnerContactSerializer,
    PartnerOrganisationSerializer,
    PartnerReferralSerializer,
    ThemeSerializer,
)
from api.views import RestrictedModelViewSet
from involvement import selectors, services
from involvement.models import ActivityKind, PartnerContact, Theme


class ThemeViewSet(RestrictedModelViewSet):
    """Themes for tagging: the "I" statements, the narrative's areas, and the trust's own topics."""

    queryset = Theme.objects.all()
    serializer_class = ThemeSerializer
    filterset_class = ThemeFilter
    ordering_fields = ["name", "group"]

    def perform_create(self, serializer):
        serializer.instance = services.theme_create(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.theme_update(
            theme=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.theme_delete(theme=instance, by=self.request.user)


class ActivityKindViewSet(RestrictedModelViewSet):
    """Kinds of activity; retire one by marking it inactive (it stays on past activities)."""

    queryset = ActivityKind.objects.all()
    serializer_class = ActivityKindSerializer
    filterset_class = ActivityKindFilter
    ordering_fields = ["name"]

    def perform_create(self, serializer):
        serializer.instance = services.activity_kind_create(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.activity_kind_update(
            kind=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.activity_kind_delete(kind=instance, by=self.request.user)


class PartnerOrganisationViewSet(RestrictedModelViewSet):
    """Voluntary, community, faith and social enterprise partners, with the contacts you may see."""

    queryset = selectors.partner_list()
    serializer_class = PartnerOrganisationSerializer
    filterset_class = PartnerOrganisationFilter
    ordering_fields = ["name", "kind"]
    action_visibility = {"activities": "view", "referrals": "view"}

    def get_queryset(self) -> QuerySet:
        # The contacts ride along in the same prefetch, narrowed by their own rule (HR reads
        # partners but not the people who work there), so the base class's restrict is done here.
        user = self.request.user
        contacts = restrict(PartnerContact.objects.all(), user, "view")
        return restrict(selectors.partner_list(contacts=contacts), user, "view")

    # A write is answered through the class's queryset, with every contact: only involvement
    # leads, who see them all, write partners.
    def perform_create(self, serializer):
        serializer.instance = services.partner_create(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.partner_update(
            partner=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.partner_delete(partner=instance, by=self.request.user)

    def _brief_page(self, rows: QuerySet, serializer_class) -> Response:
        page = self.paginate_queryset(rows)
        data = serializer_class(page, many=True, context=self.get_serializer_context()).data
        return self.get_paginated_response(data)

    @extend_schema(responses=PartnerActivitySerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[])
    def activities(self, request, pk=None):
        """Activities this partner co-delivers, limited to the ones you may see."""
        partner = self.get_object()
        rows = restrict(selectors.partner_activities(partner=partner), request.user, "view")
        return self._brief_page(rows, PartnerActivitySerializer)

    @extend_schema(responses=PartnerReferralSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[])
    def referrals(self, request, pk=None):
        """People this partner referred to the register; empty unless you may see the register."""
        partner = self.get_object()
        rows = restrict(selectors.partner_referrals(partner=partner), request.user, "view")
        return self._brief_page(rows, PartnerReferralSerializer)


class PartnerContactViewSet(RestrictedModelViewSet):
    """The people to talk to at each partner organisation."""

    queryset = selectors.partner_contact_list()
    serializer_class = PartnerContactSerializer
    filterset_class = PartnerContactFilter
    ordering_fields = ["name"]

    def perform_create(self, serializer):
        serializer.instance = services.partner_contact_create(
            by=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.partner_contact_update(
            contact=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.partner_contact_delete(contact=instance, by=self.request.user)
