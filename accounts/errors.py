"""The one family of domain errors; `api/` turns each into a 4xx with its message and field."""

from __future__ import annotations


class DomainError(Exception):
    """A business rule said no. Subclass per app (e.g. `ApplicationError(DomainError)`)."""

    status_code = 400
    default_message = "The request breaks a business rule."

    def __init__(self, message: str | None = None, *, field: str | None = None) -> None:
        self.message = message or self.default_message
        self.field = field
        super().__init__(self.message)


class NotPermitted(DomainError):
    status_code = 403
    default_message = "You do not have permission to do that."


class Conflict(DomainError):
    status_code = 409
    default_message = "That conflicts with the current state of the record."
