"""Wellness action plans and reasonable adjustments: narrow visibility, and every read logged."""

from __future__ import annotations

from typing import ClassVar

from django.db.models import Model, QuerySet
from rest_framework import generics, mixins
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from accounts.services import access_log_record
from accounts.visibility import Action, Visibility
from api.peers.filters.wellbeing import ReasonableAdjustmentFilter, WellnessActionPlanFilter
from api.peers.serializers.wellbeing import (
    ReasonableAdjustmentSerializer,
    ReasonableAdjustmentUpdateSerializer,
    WellnessActionPlanSerializer,
    WellnessActionPlanUpdateSerializer,
)
from api.views import RestrictedModelViewSet
from peers import services
from peers.errors import PeersConflict
from peers.models import ReasonableAdjustment, WellnessActionPlan
from peers.visibility import ReasonableAdjustmentVisibility, WellnessActionPlanVisibility


class WellbeingViewSet(RestrictedModelViewSet):
    """Applies the wellbeing rule itself, without the administrator shortcut of `restrict`.

    Special-category health data is for the worker, their line manager and HR only; holding the
    admin role (running the system) is not a reason to read it. Every row returned is logged.
    """

    rule: ClassVar[Visibility]
    update_serializer_class: ClassVar[type]

    def _scope(self, queryset: QuerySet, action: Action) -> QuerySet:
        user = self.request.user
        if not (user.is_authenticated and user.is_active):
            return queryset.none()
        return self.rule.scope(queryset, user, action)

    def get_queryset(self) -> QuerySet:
        return self._scope(self.queryset.all(), "view")

    def get_object(self):
        obj = generics.GenericAPIView.get_object(self)  # 404 unless the user may see it
        needed = self.visibility_action()
        if needed != "view" and not self._scope(self.queryset.all(), needed).filter(pk=obj.pk).exists():
            raise PermissionDenied("You may see this record but not do that to it.")
        return obj

    def create(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_active and self.rule.may_create(user)):
            raise PermissionDenied("Your role cannot create this kind of record.")
        return mixins.CreateModelMixin.create(self, request, *args, **kwargs)

    def get_serializer_class(self):
        if self.action in {"update", "partial_update"}:
            return self.update_serializer_class
        return self.serializer_class

    def log_reads(self, records: list[Model]) -> None:
        # One bulk insert per request, however many rows the page holds.
        access_log_record(user=self.request.user, records=records, action="read", path=self.request.path)

    def fresh(self, obj: Model) -> Model:
        """The saved row with its joins, logged: the response shows its content."""
        obj = self.queryset.get(pk=obj.pk)
        self.log_reads([obj])
        return obj

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = list(queryset if page is None else page)
        data = self.get_serializer(rows, many=True).data
        self.log_reads(rows)
        return Response(data) if page is None else self.get_paginated_response(data)

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        data = self.get_serializer(obj).data
        self.log_reads([obj])
        return Response(data)


class WellnessActionPlanViewSet(WellbeingViewSet):
    """A worker's wellness action plan: written by them, read by them, their line manager and HR."""

    queryset = WellnessActionPlan.objects.select_related("worker__user")
    serializer_class = WellnessActionPlanSerializer
    update_serializer_class = WellnessActionPlanUpdateSerializer
    filterset_class = WellnessActionPlanFilter
    ordering = ["worker__user__last_name", "worker__user__first_name", "id"]
    ordering_fields = ["updated_at"]
    rule = WellnessActionPlanVisibility()

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        plan = services.wellness_plan_create(worker=data.pop("worker"), by=self.request.user, **data)
        serializer.instance = self.fresh(plan)

    def perform_update(self, serializer):
        plan = services.wellness_plan_save(
            worker=serializer.instance.worker, by=self.request.user, **serializer.validated_data
        )
        serializer.instance = self.fresh(plan)

    def perform_destroy(self, instance):
        services.wellness_plan_delete(plan=instance, by=self.request.user)


class ReasonableAdjustmentViewSet(WellbeingViewSet):
    """Reasonable adjustments: the worker asks; their line manager or HR agrees, reviews and ends them."""

    queryset = ReasonableAdjustment.objects.select_related("worker__user")
    serializer_class = ReasonableAdjustmentSerializer
    update_serializer_class = ReasonableAdjustmentUpdateSerializer
    filterset_class = ReasonableAdjustmentFilter
    ordering_fields = ["updated_at", "review_on", "agreed_on", "status"]
    rule = ReasonableAdjustmentVisibility()

    def perform_create(self, serializer):
        adjustment = services.reasonable_adjustment_create(by=self.request.user, **serializer.validated_data)
        serializer.instance = self.fresh(adjustment)

    def perform_update(self, serializer):
        adjustment = services.reasonable_adjustment_update(
            adjustment=serializer.instance, by=self.request.user, **serializer.validated_data
        )
        serializer.instance = self.fresh(adjustment)

    def perform_destroy(self, instance):
        raise PeersConflict(
            "Adjustments are kept as a record of what was agreed; set the status to ended instead."
        )
