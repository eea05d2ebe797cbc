"""Onboarding: the induction template HR keeps, each new worker's steps, checklists, and how on time they are.

A new worker's checklist is made from the template when they are hired; HR can make one for a
worker who has none. Each step has an owner (a person) and a due date. The owner, the worker's
line manager and HR mark it done; the line manager and HR change who owns it and when it is due.
Little is deleted: a template step stops being used; a worker's step stays on record unless it was
added for them by mistake.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.visibility import restrict
from api.exceptions import refusals_as_permission_denied
from api.peers.filters.onboarding import ChecklistFilter, OnboardingItemFilter, OnboardingTemplateItemFilter
from api.peers.serializers.onboarding import (
    ChecklistCreateSerializer,
    ChecklistSerializer,
    CompletionQuerySerializer,
    CompletionSerializer,
    DoneSerializer,
    MoveSerializer,
    OnboardingItemSerializer,
    OnboardingTemplateItemSerializer,
)
from api.views import RestrictedModelViewSet
from peers import selectors, services
from peers.models import PeerWorker
from peers.visibility import check_may_start_onboarding, may_see_onboarding_report


class OnboardingTemplateItemViewSet(RestrictedModelViewSet):
    """The steps every new peer worker's checklist is made from, in order. Staff on the workforce side
    read them; HR adds, changes, reorders and stops using them. A change applies to checklists made
    afterwards, not to those already made. A step is never deleted (DELETE answers 409): set
    `is_active` to false."""

    queryset = selectors.onboarding_template()
    serializer_class = OnboardingTemplateItemSerializer
    filterset_class = OnboardingTemplateItemFilter
    ordering_fields = ["order", "title", "due_days"]
    action_visibility = {"move": "change"}

    def perform_create(self, serializer):
        serializer.instance = services.onboarding_template_item_create(
            by=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.onboarding_template_item_update(
            item=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.onboarding_template_item_delete(item=instance, by=self.request.user)

    @extend_schema(
        request=MoveSerializer,
        responses={
            200: OnboardingTemplateItemSerializer,
            409: OpenApiResponse(description="Already first or last, or the step is not in use."),
        },
    )
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Swap the step with the one in use above it (`up`) or below it (`down`)."""
        item = self.get_object()
        body = MoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.respond_with(
            services.onboarding_template_item_move(item=item, by=request.user, **body.validated_data)
        )


class OnboardingItemViewSet(RestrictedModelViewSet):
    """The steps of new workers' onboarding checklists, with who owns each and when it is due.

    HR sees every checklist; a line manager their team's; a supervisor their supervisees'; a worker
    their own; and anyone the steps they own. A line manager or HR adds a step for one worker (to a
    checklist already started), changes its owner or due date, or rewords it; its owner may change
    its notes. Only a step added for one worker and not done may be deleted (added by mistake);
    steps from the template stay (409).
    """

    queryset = selectors.onboarding_item_list()
    serializer_class = OnboardingItemSerializer
    filterset_class = OnboardingItemFilter
    ordering_fields = ["due_on", "done_on", "created_at"]
    action_visibility = {"done": "change", "undone": "change"}

    def perform_create(self, serializer):
        serializer.instance = services.onboarding_item_add(by=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.onboarding_item_update(
            item=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.onboarding_item_delete(item=instance, by=self.request.user)

    @extend_schema(
        request=DoneSerializer,
        responses={200: OnboardingItemSerializer, 409: OpenApiResponse(description="Already marked done.")},
    )
    @action(detail=True, methods=["post"])
    def done(self, request, pk=None):
        """Mark the step done, today or on an earlier day; an overdue reminder not yet sent is stopped."""
        item = self.get_object()
        body = DoneSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        return self.respond_with(
            services.onboarding_item_done(
                item=item,
                by=request.user,
                done_on=data.get("done_on") or timezone.localdate(),
                notes=data.get("notes"),
            )
        )

    @extend_schema(
        request=None,
        responses={200: OnboardingItemSerializer, 409: OpenApiResponse(description="Not marked done.")},
    )
    @action(detail=True, methods=["post"])
    def undone(self, request, pk=None):
        """Mark the step not done after all (it was marked by mistake)."""
        return self.respond_with(services.onboarding_item_undone(item=self.get_object(), by=request.user))


class OnboardingChecklistsView(generics.ListAPIView):
    """Each new worker's checklist and how far along it is: steps, done, overdue, and the next due date.

    Current workers with a checklist whom you may see (HR: everyone; line managers: their teams;
    supervisors: their supervisees; a worker: themself), those with overdue steps first. POST makes
    the checklist, from the template, for a worker who has none (HR only).
    """

    serializer_class = ChecklistSerializer
    filterset_class = ChecklistFilter
    ordering_fields = ["start_date", "next_due"]
    strict_query_params = True

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator: no one to ask about
            return PeerWorker.objects.none()
        rows = selectors.onboarding_checklists(today=timezone.localdate())
        # restrict() adds the user's scope as a subquery, so the list stays one query.
        return restrict(rows, self.request.user, "view")

    @extend_schema(
        request=ChecklistCreateSerializer,
        responses={
            201: ChecklistSerializer,
            409: OpenApiResponse(description="The worker already has a checklist, or has left."),
        },
    )
    def post(self, request):
        """Make the checklist for a worker who has none, from the template's steps in use (HR only)."""
        # Refused before the body is read, so anyone else hears "HR only" whatever they sent.
        with refusals_as_permission_denied():
            check_may_start_onboarding(request.user)
        body = ChecklistCreateSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        worker = body.validated_data["worker"]
        services.onboarding_checklist_create(worker=worker, by=request.user)
        row = selectors.onboarding_checklists(today=timezone.localdate()).get(pk=worker.pk)
        return Response(self.get_serializer(row).data, status=status.HTTP_201_CREATED)


class OnboardingCompletionView(APIView):
    """How on time onboarding is, for workers who started in a period, by directorate (HR only).

    Of their steps that are done or past due, the share done by the due date; of their checklists,
    the share with every step done. Exact figures: the report is for HR, who keep the records, and
    names directorates, not people.
    """

    @extend_schema(parameters=[CompletionQuerySerializer], responses=CompletionSerializer)
    def get(self, request):
        if not may_see_onboarding_report(request.user):
            raise PermissionDenied("Only HR can see the onboarding completion report.")
        unknown = sorted(set(request.query_params) - {"start", "end", "format"})
        if unknown:
            raise ValidationError({name: ["Unknown query parameter for this endpoint."] for name in unknown})
        query = CompletionQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        report = selectors.onboarding_completion(**query.validated_data, today=timezone.localdate())
        data = {
            "start": report.start,
            "end": report.end,
            "rows": [_row(row) for row in report.rows],
            "total": _row(report.total),
        }
        return Response(CompletionSerializer(data).data)


def _row(row) -> dict:
    return {
        "directorate_id": row.directorate_id,
        "directorate": row.directorate,
        "steps_counted": row.steps_counted,
        "steps_on_time": row.steps_on_time,
        "on_time_share": row.on_time_share,
        "checklists": row.checklists,
        "checklists_complete": row.checklists_complete,
        "complete_share": row.complete_share,
    }
