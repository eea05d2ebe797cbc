"""Claims in the header menu: to approve for involvement leads, to pay for finance."""

from accounts.roles import Role
from web.menu import MenuItem, register

register(
    MenuItem("Claims to approve", "web:payments:to-approve", frozenset({Role.INVOLVEMENT_LEAD}), order=60)
)
register(MenuItem("Claims to pay", "web:payments:to-pay", frozenset({Role.FINANCE}), order=20))
