"""Where a line manager's and supervisor's team page sits in the header menu."""

from __future__ import annotations

from accounts.roles import Role
from web.menu import MenuItem, register

register(MenuItem("My team", "web:team:overview", frozenset({Role.LINE_MANAGER, Role.SUPERVISOR}), order=20))
