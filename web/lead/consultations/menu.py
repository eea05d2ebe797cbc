"""Where the consultations pages sit in the header menu: one item, whose pages include "you said, we did"."""

from __future__ import annotations

from accounts.roles import Role
from web.menu import MenuItem, register

register(
    MenuItem("Consultations", "web:lead:consultations-list", frozenset({Role.INVOLVEMENT_LEAD}), order=40)
)
