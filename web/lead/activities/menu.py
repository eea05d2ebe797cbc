"""Activities in the involvement lead's header menu."""

from accounts.roles import Role
from web.menu import MenuItem, register

register(MenuItem("Activities", "web:lead:activities-list", frozenset({Role.INVOLVEMENT_LEAD}), order=30))
