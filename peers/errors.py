"""The peers app's domain errors; `api/` maps each to a 4xx naming the field at fault."""

from accounts.errors import Conflict, DomainError


class PeersError(DomainError):
    """A rule about the peer workforce said no (400)."""


class PeersConflict(PeersError, Conflict):
    """The record's current state does not allow it (409)."""

    status_code = 409
