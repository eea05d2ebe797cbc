"""Recruitment's domain errors; `api/` maps each to a 4xx naming the field at fault."""

from accounts.errors import Conflict, DomainError


class RecruitmentError(DomainError):
    """A rule about recruitment said no (400).

    `seat`: for a refusal about one seat of an interview panel, its place in the panel asked for
    (the field stays "panel"), so a page can show it beside the input that named that person.
    """

    seat: int | None = None


class RecruitmentConflict(RecruitmentError, Conflict):
    """The record's current state does not allow it (409)."""

    status_code = 409
