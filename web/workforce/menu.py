"""Peer workforce in HR's header menu."""

from accounts.roles import Role
from web.menu import MenuItem, register

register(MenuItem("Peer workforce", "web:workforce:list", frozenset({Role.HR}), order=40))
