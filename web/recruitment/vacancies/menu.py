"""Recruitment in the header menu of HR and line managers (who see the vacancies they hire for)."""

from accounts.roles import Role
from web.menu import MenuItem, register

register(
    MenuItem(
        "Recruitment", "web:recruitment:vacancies-list", frozenset({Role.HR, Role.LINE_MANAGER}), order=30
    )
)
