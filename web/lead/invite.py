"""What inviting from the register looks like on the activities and consultations pages alike: one
person found by a search (a short list, `FOUND_AT_MOST` names), or everyone a register search finds,
shown first and sent with a fingerprint of the people shown (`preview_fingerprint`)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db.models import QuerySet

from involvement import selectors
from involvement.models import Participant

FOUND_AT_MOST = 20


def find_on_register(register: QuerySet[Participant], text: str) -> tuple[list[Participant], bool]:
    """The first people, by name, whose name, email address or phone number match `text`, and
    whether there are more than the page shows."""
    matches = list(
        selectors.participants_matching(register, text=text).order_by("name", "pk")[: FOUND_AT_MOST + 1]
    )
    return matches[:FOUND_AT_MOST], len(matches) > FOUND_AT_MOST


def preview_fingerprint(scope: str, ids: Iterable[int]) -> str:
    """Names the exact set of people a preview showed, so a send reaches that set and no other."""
    text = f"{scope}:" + ",".join(str(pk) for pk in sorted(ids))
    return hashlib.sha256(text.encode()).hexdigest()
