"""Involvement's domain errors; `api/` maps each to a 4xx naming the field at fault."""

from accounts.errors import Conflict, DomainError


class InvolvementError(DomainError):
    """A rule about involvement said no (400)."""


class InvolvementConflict(InvolvementError, Conflict):
    """The record's current state does not allow it (409)."""

    status_code = 409


class PossibleDuplicate(InvolvementConflict):
    """Someone already on the register may be the person being added (409); `matches` lists them."""

    def __init__(self, message: str, *, matches: list, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.matches = matches
