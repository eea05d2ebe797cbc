"""The register in the involvement lead's header menu."""

from accounts.roles import Role
from web.menu import MenuItem, register

register(MenuItem("Register", "web:lead:register-list", frozenset({Role.INVOLVEMENT_LEAD}), order=20))
