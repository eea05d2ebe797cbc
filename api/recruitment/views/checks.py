"""Pre-employment checks (one per NHS Employers standard), and the hire they gate."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.visibility import restrict
from api.exceptions import refusals_as_permission_denied
from api.peers.serializers.workers import PeerWorkerSerializer
from api.recruitment.filters.checks import PreEmploymentCheckFilter
from api.recruitment.serializers.checks import HireSerializer, PreEmploymentCheckSerializer
from api.views import RestrictedModelViewSet
from peers import selectors as peer_selectors
from recruitment import selectors, services
from recruitment.models import Application
from recruitment.visibility import check_may_hire


class PreEmploymentCheckViewSet(RestrictedModelViewSet):
    """The checks for a candidate who accepted an offer. HR works them; the hiring manager reads them.

    Accepting an offer opens the six checks, so there is no POST; checks are never deleted.
    """

    queryset = selectors.check_list()
    serializer_class = PreEmploymentCheckSerializer
    filterset_class = PreEmploymentCheckFilter
    ordering_fields = ["kind", "status", "recheck_due", "updated_at"]
    http_method_names = ["get", "put", "patch", "delete", "head", "options"]

    def perform_update(self, serializer):
        serializer.instance = services.check_update(
            check=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.check_delete(check=instance, by=self.request.user)


class ApplicationHireView(APIView):
    """Hire the candidate: the peer worker record and the application's final move, in one go (HR)."""

    @extend_schema(
        request=HireSerializer,
        responses={
            201: PeerWorkerSerializer,
            409: OpenApiResponse(
                description=(
                    "No accepted offer, checks not clear (named), or the application's email address "
                    "already belongs to an account that HR has not named as the applicant's (user)."
                )
            ),
        },
    )
    def post(self, request, pk: int):
        application = get_object_or_404(restrict(Application.objects.all(), request.user, "view"), pk=pk)
        # Refused before the body is read, so the hiring manager hears "HR only" whatever they sent.
        with refusals_as_permission_denied():
            check_may_hire(request.user)
        body = HireSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        worker = services.application_hire(application=application, by=request.user, **body.validated_data)
        data = PeerWorkerSerializer(
            peer_selectors.worker_list().get(pk=worker.pk), context={"request": request}
        ).data
        return Response(data, status=status.HTTP_201_CREATED)
