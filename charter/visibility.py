"""Charter figures are aggregates: board members and staff who run the charter read them; admins edit."""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User
from accounts.roles import Role
from accounts.visibility import Action, Visibility, register
from charter.models import Charter, Commitment, Indicator, Snapshot

READERS = (Role.BOARD_MEMBER, Role.HR, Role.INVOLVEMENT_LEAD)


def may_read_charter(user: User) -> bool:
    """Board members, HR, involvement leads and administrators read the charter's figures."""
    return user.is_superuser or user.has_role(Role.ADMIN, *READERS)


class BoardReads(Visibility):
    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        return queryset if action == "view" and user.has_role(*READERS) else queryset.none()


for _model in (Charter, Commitment, Indicator, Snapshot):
    register(type(f"{_model.__name__}Visibility", (BoardReads,), {"model": _model}))
