"""Supervision sessions, and the due and overdue lists that make a missed one noticed and chased."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import generics

from accounts.visibility import restrict
from api.exceptions import refusals_as_permission_denied
from api.filters import StrictDjangoFilterBackend
from api.peers.filters.supervision import SupervisionDueFilter, SupervisionSessionFilter
from api.peers.serializers.supervision import SupervisionDueSerializer, SupervisionSessionSerializer
from api.views import RestrictedModelViewSet
from peers import selectors, services
from peers.models import SupervisionSession
from peers.visibility import check_may_record_session, check_may_write_session_notes


class SupervisionSessionViewSet(RestrictedModelViewSet):
    """Supervision held or cancelled. Notes are returned only to the two people in it and to HR."""

    queryset = selectors.supervision_session_list()
    serializer_class = SupervisionSessionSerializer
    filterset_class = SupervisionSessionFilter
    ordering_fields = ["held_on", "created_at", "duration_minutes"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        user = self.request.user
        worker = data.pop("worker")
        # Left out, the supervisor is whoever records it: usually the person who held it.
        supervisor = data.pop("supervisor", None) or user
        notes = data.pop("notes", None) or ""
        with refusals_as_permission_denied():
            check_may_record_session(user=user, worker=worker, supervisor=supervisor)
            if notes:
                check_may_write_session_notes(user, SupervisionSession(worker=worker, supervisor=supervisor))
        serializer.instance = services.supervision_session_record(
            worker=worker, supervisor=supervisor, notes=notes, by=user, **data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if "notes" in data:
            with refusals_as_permission_denied():
                check_may_write_session_notes(self.request.user, serializer.instance)
            data["notes"] = data["notes"] or ""
        serializer.instance = services.supervision_session_update(
            session=serializer.instance, by=self.request.user, **data
        )

    def perform_destroy(self, instance):
        services.supervision_session_delete(session=instance, by=self.request.user)


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
