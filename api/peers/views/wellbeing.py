"""Wellness action plans and reasonable adjustments: narrow visibility, and every read logged."""

from __future__ import annotations

from typing import ClassVar

from django.db.models import Model, QuerySet
from rest_framework import generics
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from accounts.models import User
from accounts.services import access_log_record
from accounts.visibility import Action, Visibility
from api.peers.filters.wellbeing import ReasonableAdjustmentFilter, WellnessActionPlanFilter
from api.peers.serializers.wellbeing import ReasonableAdjustmentSerializer, WellnessActionPlanSerializer
from api.views import RestrictedModelViewSet
from peers import services
from peers.models import ReasonableAdjustment, WellnessActionPlan
from peers.visibility import ReasonableAdjustmentVisibility, WellnessActionPlanVisibility


class WellbeingViewSet(RestrictedModelViewSet):
    """Applies the wellbeing rule itself, without the administrator shortcut of `restrict`.

    Special-category health data is for the worker, their line manager and HR only; holding the
    admin role (running the system) is not a reason to read it. Every row returned is logged.
    """

    rule: ClassVar[Visibility]

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

    def check_may_create(self, user: User) -> None:
        if not (user.is_active and self.rule.may_create(user)):
            raise PermissionDenied("Your role cannot create this kind of record.")

    def log_reads(self, records: list[Model]) -> None:
        # One bulk insert per request, however many rows the page holds.
        access_log_record(user=self.request.user, records=records, action="read", path=self.request.path)

    def respond_with(self, instance: Model, status: int = 200) -> Response:
        response = super().respond_with(instance, status=status)
        self.log_reads([instance])  # the response shows its content
        return response

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
    filterset_class = WellnessActionPlanFilter
    ordering = ["worker__user__last_name", "worker__user__first_name", "id"]
    ordering_fields = ["updated_at"]
    rule = WellnessActionPlanVisibility()

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.wellness_plan_create(
            worker=data.pop("worker"), by=self.request.user, **data
        )

    def perform_update(self, serializer):
        serializer.instance = services.wellness_plan_save(
            worker=serializer.instance.worker, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.wellness_plan_delete(plan=instance, by=self.request.user)


class ReasonableAdjustmentViewSet(WellbeingViewSet):
    """Reasonable adjustments: the worker asks; their line manager or HR agrees, reviews and ends them."""

    queryset = ReasonableAdjustment.objects.select_related("worker__user")
    serializer_class = ReasonableAdjustmentSerializer
    filterset_class = ReasonableAdjustmentFilter
    ordering_fields = ["updated_at", "review_on", "agreed_on", "status"]
    rule = ReasonableAdjustmentVisibility()

    def perform_create(self, serializer):
        serializer.instance = services.reasonable_adjustment_create(
            by=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.reasonable_adjustment_update(
            adjustment=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.reasonable_adjustment_delete(adjustment=instance, by=self.request.user)
