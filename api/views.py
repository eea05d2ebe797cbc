"""Base viewsets: every query goes through `accounts.visibility.restrict`."""

from __future__ import annotations

from typing import ClassVar

from django.db.models import QuerySet
from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied

from accounts.visibility import Action, may_create, restrict

# Which visibility action each viewset action needs; custom actions declare theirs.
ACTION_MAP: dict[str, Action] = {
    "list": "view",
    "retrieve": "view",
    "create": "add",
    "update": "change",
    "partial_update": "change",
    "destroy": "delete",
}


class RestrictedViewSetMixin:
    """Scope the queryset to the user, then tell 404 (can't see it) from 403 (can't do that).

    Subclasses set `queryset` from a selector. Custom actions say what they need with
    `action_visibility = {"approve": "change"}`.
    """

    action_visibility: ClassVar[dict[str, Action]] = {}

    def visibility_action(self) -> Action:
        return self.action_visibility.get(self.action) or ACTION_MAP.get(self.action, "view")

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        return restrict(queryset, self.request.user, "view")

    def get_object(self):
        obj = super().get_object()  # 404 unless the user may see it
        needed = self.visibility_action()
        if needed != "view":
            allowed = restrict(super().get_queryset(), self.request.user, needed)
            if not allowed.filter(pk=obj.pk).exists():
                raise PermissionDenied("You may see this record but not do that to it.")
        return obj

    def create(self, request, *args, **kwargs):
        model = super().get_queryset().model
        if not may_create(request.user, model):
            raise PermissionDenied("Your role cannot create this kind of record.")
        return super().create(request, *args, **kwargs)


class RestrictedModelViewSet(RestrictedViewSetMixin, viewsets.ModelViewSet):
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]


class RestrictedReadOnlyViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    # The mixin's `create` would make the router offer POST; refuse writes with 405 before any handler.
    http_method_names = ["get", "head", "options"]
