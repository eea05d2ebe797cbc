"""Competence evidence: recorded by the worker or those around them, signed off by a supervisor or manager."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action

from api.peers.filters.competences import CompetenceEvidenceFilter
from api.peers.serializers.competences import CompetenceEvidenceSerializer, SignOffSerializer
from api.views import RestrictedModelViewSet
from peers import services
from peers.selectors.competences import competence_evidence_list


class CompetenceEvidenceViewSet(RestrictedModelViewSet):
    """A peer worker's evidence of a competence, and who signed it off. Workers add their own;
    their line manager, supervisor or HR signs it off."""

    queryset = competence_evidence_list()
    serializer_class = CompetenceEvidenceSerializer
    filterset_class = CompetenceEvidenceFilter
    ordering_fields = ["recorded_at", "signed_off_on"]
    # Sign-off's rule (the worker's own supervisor or line manager, never the worker, HR only when
    # they are one of those) is narrower than "may change"; the service checks it and says why.
    action_visibility = {"sign_off": "view"}

    def perform_create(self, serializer):
        serializer.instance = services.competence_evidence_record(
            by=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.competence_evidence_update(
            evidence=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.competence_evidence_delete(evidence=instance, by=self.request.user)

    @extend_schema(request=SignOffSerializer, responses=CompetenceEvidenceSerializer)
    @action(detail=True, methods=["post"], url_path="sign-off")
    def sign_off(self, request, pk=None):
        """Sign the evidence off, dated today unless another (past) date is given."""
        evidence = self.get_object()
        body = SignOffSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.respond_with(
            services.competence_evidence_sign_off(evidence=evidence, by=request.user, **body.validated_data)
        )
