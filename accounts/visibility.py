"""The restrict pattern: the one place that scopes a queryset to what a user may see or change.

Every app registers a `Visibility` for each model the API exposes. `restrict` is what every
view calls, so list, detail and custom actions cannot disagree. A model with no registered
rule is visible to administrators only: new data starts closed.
"""

from __future__ import annotations

from typing import Literal

from django.db.models import Model, Q, QuerySet

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


# A role that says something about the person rather than their job: holding it means they
# take part in involvement, so they use (or care for someone who uses) mental-health services.
PRIVATE_ROLES = frozenset({Role.PARTICIPANT})


def _register_only_accounts() -> QuerySet:
    """Accounts whose every role is private: logins held only to take part in involvement."""
    other_roles = [role for role in Role.values if role not in PRIVATE_ROLES]
    with_other_role = User.objects.filter(Q(groups__name__in=other_roles) | Q(is_superuser=True))
    return User.objects.filter(groups__name__in=PRIVATE_ROLES).exclude(pk__in=with_other_role.values("pk"))


def roles_shown(viewer: User | None, account: User) -> list[str]:
    """The roles of `account` that `viewer` may be told: a private role only to its holder and admins."""
    names = {group.name for group in account.groups.all()}  # prefetched by accounts.selectors
    if viewer is None or not (_is_admin(viewer) or viewer.pk == account.pk):
        names -= PRIVATE_ROLES
    return sorted(names)


def accounts_holding_role(queryset: QuerySet, viewer: User, role: str) -> QuerySet:
    """The accounts of `queryset` holding `role`, as far as `viewer` may know it.

    A private role is known only to admins and to its holder, so to anyone else nobody holds it:
    the answer is the same as for a role no account holds.
    """
    holders = User.objects.filter(groups__name=role).values("pk")
    queryset = queryset.filter(pk__in=holders)
    if role in PRIVATE_ROLES and not _is_admin(viewer):
        queryset = queryset.filter(pk=viewer.pk)
    return queryset


@register
class UserVisibility(Visibility):
    """HR reads staff accounts (to name managers, supervisors, panels and new starters); everyone else
    sees only themselves. A login held only to take part in involvement is not HR's to see: listing
    those would list who on the register has an account."""

    model = User

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        if action == "view" and user.has_role(Role.HR):
            return queryset.exclude(pk__in=_register_only_accounts().values("pk"))
        if action == "view":
            return queryset.filter(pk=user.pk)
        return queryset.none()
