"""Writes that matter for accounts: people, their roles and teams, and API tokens."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TypedDict, Unpack

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, ProtectedError
from django.utils import timezone
from knox.models import AuthToken
from knox.settings import knox_settings

from accounts.errors import Conflict, DomainError
from accounts.models import Team, User
from accounts.roles import Role
from accounts.updates import apply_changes


class AccountError(DomainError):
    """A rule about users or teams said no."""


class UserChanges(TypedDict, total=False):
    first_name: str
    last_name: str
    preferred_name: str
    is_active: bool


class TeamChanges(TypedDict, total=False):
    name: str
    code: str
    kind: str
    parent: Team | None
    is_active: bool


def _groups_for(roles: Iterable[str]) -> list[Group]:
    wanted = set(roles)
    unknown = wanted - set(Role.values)
    if unknown:
        raise AccountError(f"Unknown role(s): {', '.join(sorted(unknown))}.", field="roles")
    groups = list(Group.objects.filter(name__in=wanted))
    missing = wanted - {g.name for g in groups}
    if missing:
        # Groups are made by a data migration; create any that an admin deleted by mistake.
        groups += [Group.objects.create(name=name) for name in sorted(missing)]
    return groups


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    preferred_name: str = "",
    roles: Iterable[str] = (),
    teams: Iterable[Team] = (),
) -> User:
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise Conflict("An account with this email address already exists.", field="email")
    user = User(email=email, first_name=first_name, last_name=last_name, preferred_name=preferred_name)
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from exc
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.set(_groups_for(roles))
    user.teams.set(list(teams))
    return user


@transaction.atomic
def user_update(
    *,
    user: User,
    roles: Iterable[str] | None = None,
    teams: Iterable[Team] | None = None,
    **changes: Unpack[UserChanges],
) -> User:
    apply_changes(
        user, changes, UserChanges, error=AccountError, validate=lambda u: u.full_clean(exclude=["password"])
    )
    if roles is not None:
        user.groups.set(_groups_for(roles))
    if teams is not None:
        user.teams.set(list(teams))
    if changes.get("is_active") is False:
        auth_logout_everywhere(user=user)
    user.__dict__.pop("role_names", None)
    return user


@transaction.atomic
def team_create(
    *, name: str, code: str, kind: str, parent: Team | None = None, is_active: bool = True
) -> Team:
    team = Team(name=name, code=code, kind=kind, parent=parent, is_active=is_active)
    team.full_clean()
    team.save()
    return team


@transaction.atomic
def team_update(*, team: Team, **changes: Unpack[TeamChanges]) -> Team:
    apply_changes(team, changes, TeamChanges, error=AccountError)
    return team


@transaction.atomic
def team_delete(*, team: Team) -> None:
    if team.members.exists():
        raise Conflict("This team still has members; move them before deleting it.")
    try:
        team.delete()
    except ProtectedError as exc:
        raise Conflict(
            "This team has teams under it; delete or move them first, or mark it inactive."
        ) from exc


@transaction.atomic
def auth_token_issue(*, user: User) -> tuple[AuthToken, str]:
    """A new expiring API token; the plain token is returned once and only its digest is kept.

    At most `API_TOKEN_LIMIT_PER_USER` tokens are live at once: past that, the oldest live ones end
    to make room. Refusing the new sign-in instead (knox's own behaviour) would let anyone who knows
    the password, or a script that never logs out, stop the person signing in until a token expired.
    """
    limit = knox_settings.TOKEN_LIMIT_PER_USER
    if limit:
        # Two sign-ins of one person at once must not both see room for one more: hold the user row.
        User.objects.select_for_update().filter(pk=user.pk).exists()
        live = AuthToken.objects.filter(user=user, expiry__gt=timezone.now()).order_by("-created", "-digest")
        surplus = list(live.values_list("digest", flat=True)[limit - 1 :])
        if surplus:
            AuthToken.objects.filter(digest__in=surplus).delete()
    return AuthToken.objects.create(user=user)


def auth_token_revoke(*, token: AuthToken) -> None:
    token.delete()


def auth_tokens_revoke_all(*, user: User) -> int:
    deleted, _ = AuthToken.objects.filter(user=user).delete()
    return deleted


def auth_sessions_end_all(*, user: User) -> None:
    """End every browser session of `user` (admin, board, web pages), wherever it is stored.

    Each session carries a hash that folds in the user's session generation (User.get_session_auth_hash);
    raising the generation makes every existing hash stale, and Django ends a stale session on its
    next request.
    """
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])


@transaction.atomic
def auth_logout_everywhere(*, user: User) -> int:
    """Every API token and every browser session of `user` ends; returns the number of tokens ended."""
    ended = auth_tokens_revoke_all(user=user)
    auth_sessions_end_all(user=user)
    return ended


def expired_tokens_purge(*, now: datetime | None = None) -> int:
    """Delete tokens past their expiry; knox already refuses them, this keeps the table small."""
    deleted, _ = AuthToken.objects.filter(expiry__lt=now or timezone.now()).delete()
    return deleted


def access_log_record(*, user: User, records: Iterable[object], action: str = "read", path: str = "") -> int:
    """Log that `user` read each of `records` (sensitive data: wellness plans, adjustments...)."""
    from accounts.models import AccessLog

    rows = [
        AccessLog(
            user=user if getattr(user, "is_authenticated", False) else None,
            record_type=record._meta.label_lower,  # type: ignore[attr-defined]
            record_id=str(record.pk),  # type: ignore[attr-defined]
            action=action,
            path=path[:300],
        )
        for record in records
    ]
    AccessLog.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def user_add_roles(*, user: User, roles: Iterable[str]) -> User:
    """Give a person more roles, keeping the ones they hold (e.g. a participant who is hired)."""
    user.groups.add(*_groups_for(roles))
    user.__dict__.pop("role_names", None)
    return user
