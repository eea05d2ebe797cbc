"""Base viewsets: every query goes through `accounts.visibility.restrict`."""

from __future__ import annotations

from typing import ClassVar

from django.db.models import Model, QuerySet
from rest_framework import status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from accounts.models import User
from accounts.visibility import Action, may_create, restrict
from api.serializers import BaseModelSerializer

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

    # (Not in the docstring: a viewset with none of its own shows this one in the OpenAPI schema.)
    # A write answers with the row as it now is, read again by `respond_with`: `perform_create` and
    # `perform_update` only set `serializer.instance` to what the service returned. PUT and PATCH
    # take the serializer's `for_update()` form, in which its create-only fields are fixed.

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

    def get_serializer_class(self):
        serializer_class = super().get_serializer_class()
        if self.action in {"update", "partial_update"} and issubclass(serializer_class, BaseModelSerializer):
            return serializer_class.for_update()
        return serializer_class

    def respond_with(self, instance: Model, status: int = status.HTTP_200_OK) -> Response:
        """Answer with `instance` read again through this viewset's queryset, so the selector's
        joins, prefetches and annotations are on it (a service returns the bare row). Not scoped to
        the user: they have just acted on it, and a change may take it out of their sight."""
        fresh = self.queryset.get(pk=instance.pk)  # type: ignore[attr-defined]
        return Response(self.get_serializer(fresh).data, status=status)  # type: ignore[attr-defined]

    def check_may_create(self, user: User) -> None:
        if not may_create(user, super().get_queryset().model):  # type: ignore[misc]
            raise PermissionDenied("Your role cannot create this kind of record.")

    def create(self, request, *args, **kwargs):
        self.check_may_create(request.user)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        response = self.respond_with(serializer.instance, status=status.HTTP_201_CREATED)
        for header, value in self.get_success_headers(response.data).items():
            response[header] = value
        return response


class RestrictedModelViewSet(RestrictedViewSetMixin, viewsets.ModelViewSet):
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    # Here, not on the mixin: a method named `update` makes the router offer PUT and PATCH.
    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        serializer = self.get_serializer(self.get_object(), data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        return self.respond_with(serializer.instance)


class RestrictedReadOnlyViewSet(RestrictedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    # The mixin's `create` would make the router offer POST; refuse writes with 405 before any handler.
    http_method_names = ["get", "head", "options"]
