"""Partner organisations in the involvement lead's header menu."""

from accounts.roles import Role
from web.menu import MenuItem, register

register(MenuItem("Partners", "web:lead:partners-list", frozenset({Role.INVOLVEMENT_LEAD}), order=50))
