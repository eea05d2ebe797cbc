"""Supervision sessions, and the due and overdue lists that make a missed one noticed and chased."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import generics
from rest_framework.exceptions import PermissionDenied, ValidationError

from accounts.models import User
from accounts.roles import Role
from accounts.visibility import restrict
from api.filters import StrictDjangoFilterBackend
from api.peers.filters.supervision import SupervisionDueFilter, SupervisionSessionFilter
from api.peers.serializers.supervision import (
    SupervisionDueSerializer,
    SupervisionSessionSerializer,
    SupervisionSessionUpdateSerializer,
    may_read_session_notes,
)
from api.views import RestrictedModelViewSet
from peers import selectors, services
from peers.models import PeerWorker, SupervisionSession

NOTES_REFUSED = "Only the two people in the session and HR can write its notes."


def check_may_record_session_for(user: User, worker: PeerWorker, supervisor: User) -> None:
    """HR and the worker's managers record any session; a supervisor records the ones they held."""
    one = PeerWorker.objects.filter(pk=worker.pk)
    if not restrict(one, user, "view").exists():
        raise ValidationError({"worker": ["No such peer worker."]})
    if restrict(one, user, "change").exists():
        return
    if user.has_role(Role.SUPERVISOR) and one.filter(supervisors=user).exists():
        if supervisor.pk != user.pk:
            raise PermissionDenied({"supervisor": ["You can record only the sessions you held yourself."]})
        return
    raise PermissionDenied("You can record sessions only for workers you supervise or manage.")


class SupervisionSessionViewSet(RestrictedModelViewSet):
    """Supervision held or cancelled. Notes are returned only to the two people in it and to HR."""

    queryset = selectors.supervision_session_list()
    filterset_class = SupervisionSessionFilter
    ordering_fields = ["held_on", "created_at", "duration_minutes"]

    def get_serializer_class(self):
        if self.action in {"update", "partial_update"}:
            return SupervisionSessionUpdateSerializer
        return SupervisionSessionSerializer

    def _fresh(self, session: SupervisionSession) -> SupervisionSession:
        return selectors.supervision_session_list().get(pk=session.pk)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        user = self.request.user
        worker = data.pop("worker")
        # Left out, the supervisor is whoever records it: usually the person who held it.
        supervisor = data.pop("supervisor", None) or user
        check_may_record_session_for(user, worker, supervisor)
        notes = data.pop("notes", None) or ""
        if notes and not may_read_session_notes(
            user, SupervisionSession(worker=worker, supervisor=supervisor)
        ):
            raise PermissionDenied({"notes": [NOTES_REFUSED]})
        session = services.supervision_session_record(
            worker=worker, supervisor=supervisor, notes=notes, by=user, **data
        )
        serializer.instance = self._fresh(session)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if "notes" in data:
            if not may_read_session_notes(self.request.user, serializer.instance):
                raise PermissionDenied({"notes": [NOTES_REFUSED]})
            data["notes"] = data["notes"] or ""
        session = services.supervision_session_update(
            session=serializer.instance, by=self.request.user, **data
        )
        serializer.instance = self._fresh(session)


class SupervisionDueView(generics.ListAPIView):
    """Every current worker this user may see, with when each kind of supervision is next due."""

    serializer_class = SupervisionDueSerializer
    filterset_class = SupervisionDueFilter
    ordering_fields = ["start_date", "employee_number"]
    strict_query_params = True

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    def workers(self):
        # Scope first, then annotate: the due dates are worked out only for rows the user may see.
        # Supervisors are not shown; dropping their prefetch keeps the rows to one query.
        return restrict(selectors.current_workers(), self.request.user, "view").prefetch_related(None)

    def get_queryset(self):
        return selectors.supervision_due(self.workers())


class SupervisionOverdueView(SupervisionDueView):
    """Only workers with a kind of supervision past due, most overdue first."""

    filter_backends = [StrictDjangoFilterBackend]  # the order is the point of the list

    def get_queryset(self):
        return selectors.supervision_overdue(today=timezone.localdate(), queryset=self.workers())
