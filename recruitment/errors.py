"""Recruitment's domain errors; `api/` maps each to a 4xx naming the field at fault."""

from accounts.errors import Conflict, DomainError


class RecruitmentError(DomainError):
    """A rule about recruitment said no (400)."""


class RecruitmentConflict(RecruitmentError, Conflict):
    """The record's current state does not allow it (409)."""

    status_code = 409
