"""Reads of users and teams, with their joins done once."""

from __future__ import annotations

from django.db.models import Case, F, IntegerField, Q, QuerySet, When

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


def directorate_of(team_path: str) -> Case:
    """The directorate a record belongs to, given the path to its team.

    A team's directorate is its parent; a record kept against a directorate itself is that
    directorate's; the trust's own records belong to none (they count in the trust's total only).
    """
    return Case(
        When(**{f"{team_path}__kind": Team.Kind.TEAM}, then=F(f"{team_path}__parent")),
        When(**{f"{team_path}__kind": Team.Kind.DIRECTORATE}, then=F(team_path)),
        default=None,
        output_field=IntegerField(),
    )


def counts_by_directorate(queryset, team_path: str, **aggregates) -> dict[int | None, tuple[int, int | None]]:
    """One grouped query: {directorate id or None: (first aggregate, second aggregate or None)}."""
    rows = queryset.values(directorate=directorate_of(team_path)).annotate(**aggregates).order_by()
    names = list(aggregates)
    return {
        r["directorate"]: (r[names[0]] or 0, (r[names[1]] or 0) if len(names) > 1 else None) for r in rows
    }
