"""Reads of users and teams, with their joins done once."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import Team, User


def team_list() -> QuerySet[Team]:
    return Team.objects.select_related("parent")


def team_subtree_ids(*, team: Team) -> set[int]:
    """The team and everything under it (the tree is at most trust > directorate > team)."""
    below = Team.objects.filter(Q(parent=team) | Q(parent__parent=team)).values_list("pk", flat=True)
    return {team.pk, *below}


def user_list() -> QuerySet[User]:
    return User.objects.prefetch_related("groups", "teams")


def user_with_roles(*, user_id: int) -> User:
    return user_list().get(pk=user_id)
