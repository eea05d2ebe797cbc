"""Subject access exports (a ZIP) and erasure, for one register entry or one peer worker employment.

Who may do what:
- export: administrators (the trust's data protection officer handles subject access requests), and
  the person themself, for their own record: downloading one's own data is a right, not a favour;
- erase: administrators only, with a reason.
Anyone else who may see the record gets 403; anyone who may not see it gets 404, as everywhere.
"""

from __future__ import annotations

from typing import ClassVar

from django.db.models import Model
from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.roles import Role
from accounts.visibility import restrict
from api.privacy.serializers import EraseSerializer, ErasureSerializer
from api.throttles import EXPORT_THROTTLES
from involvement.models import Participant
from peers.models import PeerWorker
from privacy import services
from privacy.selectors import Person, person_from_participant, person_from_worker


class FirstRenderer(DefaultContentNegotiation):
    """The ZIP is returned as it is; errors are JSON whatever the client's Accept header asks for."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class SubjectView(APIView):
    """Finds the record asked about and says whether this user may act on it."""

    model: ClassVar[type[Model]]
    self_service: ClassVar[bool] = False
    refusal: ClassVar[str] = "Only an administrator may do this."
    content_negotiation_class = FirstRenderer

    def subject(self, request, pk: int) -> Model:
        record = self.model.objects.filter(pk=pk).first()
        if record is None:
            raise Http404
        user = request.user
        if user.has_role(Role.ADMIN):
            return record
        if self.self_service and getattr(record, "user_id", None) == user.pk:
            return record
        if restrict(self.model.objects.filter(pk=pk), user, "view").exists():
            raise PermissionDenied(self.refusal)
        raise Http404

    def person(self, record: Model) -> Person:
        raise NotImplementedError


class ExportView(SubjectView):
    self_service = True
    throttle_classes = EXPORT_THROTTLES
    refusal = "Only an administrator, or the person themself, may export these records."
    label: ClassVar[str]

    @extend_schema(
        request=None,
        responses={
            (200, "application/zip"): OpenApiResponse(
                response=OpenApiTypes.BINARY, description="ZIP of JSON and CSV files with a README"
            )
        },
    )
    def get(self, request, pk: int):
        record = self.subject(request, pk)
        export = services.subject_access_export(
            person=self.person(record),
            subject=f"{self.label}-{record.pk}",
            by=request.user,
            path=request.path,
        )
        response = HttpResponse(export.content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
        # Personal data: no cache between here and the person may keep a copy.
        response["Cache-Control"] = "no-store"
        return response


class EraseView(SubjectView):
    refusal = "Only an administrator may erase a person's records."

    def erase(self, record: Model, *, by, reason: str, path: str):
        raise NotImplementedError

    @extend_schema(request=EraseSerializer, responses=ErasureSerializer)
    def post(self, request, pk: int):
        record = self.subject(request, pk)
        body = EraseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        erasure = self.erase(record, by=request.user, reason=body.validated_data["reason"], path=request.path)
        return Response(ErasureSerializer(erasure).data)


class ParticipantExportView(ExportView):
    """Everything held about the person behind a register entry, as one ZIP."""

    model = Participant
    label = "participant"

    def person(self, record):
        return person_from_participant(record)


class PeerWorkerExportView(ExportView):
    """Everything held about the person behind a peer worker employment, as one ZIP."""

    model = PeerWorker
    label = "peer-worker"

    def person(self, record):
        return person_from_worker(record)


class ParticipantEraseView(EraseView):
    """Erase the person behind a register entry; their participations and claims stay, unnamed."""

    model = Participant

    def erase(self, record, *, by, reason, path):
        return services.participant_erase(participant=record, by=by, reason=reason, path=path)


class PeerWorkerEraseView(EraseView):
    """Erase the person behind an ended employment; its dates, levels and training stay, unnamed."""

    model = PeerWorker

    def erase(self, record, *, by, reason, path):
        return services.peer_worker_erase(worker=record, by=by, reason=reason, path=path)
