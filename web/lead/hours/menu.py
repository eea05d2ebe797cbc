"""Hours of involvement in the involvement lead's header menu."""

from accounts.roles import Role
from web.menu import MenuItem, register

register(MenuItem("Hours", "web:lead:hours-totals", frozenset({Role.INVOLVEMENT_LEAD}), order=70))
