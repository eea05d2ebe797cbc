"""Onboarding in the header menu: HR's list, the tasks of managers and supervisors, a worker's own."""

from accounts.roles import Role
from web.menu import MenuItem, register

register(MenuItem("Onboarding", "web:onboarding:list", frozenset({Role.HR}), order=45))
# HR reach their own tasks from the onboarding list: one menu entry per page.
register(
    MenuItem(
        "Onboarding tasks", "web:onboarding:tasks", frozenset({Role.LINE_MANAGER, Role.SUPERVISOR}), order=45
    )
)
register(MenuItem("My onboarding", "web:onboarding:mine", frozenset({Role.PEER_WORKER}), order=15))
