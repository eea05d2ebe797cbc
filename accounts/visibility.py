"""The restrict pattern: the one place that scopes a queryset to what a user may see or change.

Every app registers a `Visibility` for each model the API exposes. `restrict` is what every
view calls, so list, detail and custom actions cannot disagree. A model with no registered
rule is visible to administrators only: new data starts closed.
"""

from __future__ import annotations

from typing import Literal

from django.db.models import Model, QuerySet

from accounts.models import Team, User
from accounts.roles import Role

Action = Literal["view", "add", "change", "delete"]


class Visibility:
    """Who may see and change rows of one model. Subclass and override; the default denies."""

    model: type[Model]

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        return queryset.none()

    def may_create(self, user: User) -> bool:
        return False


_registry: dict[type[Model], Visibility] = {}


def register(visibility: type[Visibility]) -> type[Visibility]:
    """Class decorator: register one rule per model."""
    _registry[visibility.model] = visibility()
    return visibility


def registered_models() -> list[type[Model]]:
    return list(_registry)


def _is_admin(user: User) -> bool:
    return user.is_superuser or user.has_role(Role.ADMIN)


def _usable(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def restrict(queryset: QuerySet, user: User, action: Action = "view") -> QuerySet:
    """The rows of `queryset` that `user` may act on with `action`."""
    if not _usable(user):
        return queryset.none()
    if _is_admin(user):
        return queryset
    rule = _registry.get(queryset.model)
    if rule is None:
        return queryset.none()
    return rule.scope(queryset, user, action)


def may_create(user: User, model: type[Model]) -> bool:
    """Whether `user` may create a new row of `model` at all (the service checks the details)."""
    if not _usable(user):
        return False
    if _is_admin(user):
        return True
    rule = _registry.get(model)
    return rule is not None and rule.may_create(user)


@register
class TeamVisibility(Visibility):
    """The trust's structure is not personal data: everyone signed in reads it; admins edit it."""

    model = Team

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        return queryset if action == "view" else queryset.none()


@register
class UserVisibility(Visibility):
    """HR reads every account (they set people up); everyone else sees only themselves."""

    model = User

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        if action == "view" and user.has_role(Role.HR):
            return queryset
        if action == "view":
            return queryset.filter(pk=user.pk)
        return queryset.none()
