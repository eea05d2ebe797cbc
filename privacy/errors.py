"""Privacy's domain errors; `api/` maps each to a 4xx naming the field at fault."""

from accounts.errors import Conflict, DomainError


class PrivacyError(DomainError):
    """A rule about data rights said no (400)."""


class PrivacyConflict(PrivacyError, Conflict):
    """The person's records are in a state that does not allow it yet (409)."""

    status_code = 409
