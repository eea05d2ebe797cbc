"""Hiring in the header menu: the interviews a member of staff sits on."""

from accounts.roles import Role
from web.menu import MenuItem, register

register(
    MenuItem(
        "Interviews I sit on",
        "web:recruitment:hiring-mine",
        frozenset({Role.HR, Role.LINE_MANAGER, Role.SUPERVISOR}),
        order=62,
    )
)
