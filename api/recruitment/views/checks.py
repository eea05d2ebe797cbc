"""Pre-employment checks (one per NHS Employers standard), and the hire they gate."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.visibility import may_create, restrict
from api.peers.serializers.workers import PeerWorkerSerializer
from api.recruitment.filters.checks import PreEmploymentCheckFilter
from api.recruitment.serializers.checks import HireSerializer, PreEmploymentCheckSerializer
from api.views import RestrictedModelViewSet
from peers import selectors as peer_selectors
from peers.models import PeerWorker
from recruitment import selectors, services
from recruitment.errors import RecruitmentConflict
from recruitment.models import Application


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
        check = services.check_update(
            check=serializer.instance, by=self.request.user, **serializer.validated_data
        )
        serializer.instance = selectors.check_list().get(pk=check.pk)

    def perform_destroy(self, instance):
        raise RecruitmentConflict(
            "Checks are kept on record; mark one not required if the role does not need it."
        )


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
        if not may_create(request.user, PeerWorker):
            raise PermissionDenied("Only HR can hire; the hiring manager can follow the checks.")
        body = HireSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        worker = services.application_hire(application=application, by=request.user, **body.validated_data)
        data = PeerWorkerSerializer(
            peer_selectors.worker_list().get(pk=worker.pk), context={"request": request}
        ).data
        return Response(data, status=status.HTTP_201_CREATED)
