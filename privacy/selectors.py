"""Who a request is about: every record held on one person, found from their register entry or employment.

A person may be on the involvement register, hold a login, have been employed as a peer worker and
have applied for jobs, all under one identity. A subject access export and an erasure both work on
the whole person, so both start here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.db.models.functions import Lower

from accounts.models import User
from involvement.models import Participant
from peers.models import PeerWorker
from recruitment.models import Application


@dataclass
class Person:
    """One person's records: their login (if any), register entries, employments and applications."""

    users: list[User] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    workers: list[PeerWorker] = field(default_factory=list)
    applications: list[Application] = field(default_factory=list)

    @property
    def user_ids(self) -> list[int]:
        return [user.pk for user in self.users]

    @property
    def participant_ids(self) -> list[int]:
        return [participant.pk for participant in self.participants]

    @property
    def worker_ids(self) -> list[int]:
        return [worker.pk for worker in self.workers]

    @property
    def application_ids(self) -> list[int]:
        return [application.pk for application in self.applications]

    @property
    def emails(self) -> set[str]:
        found = {user.email for user in self.users}
        found |= {participant.email for participant in self.participants}
        found |= {application.email for application in self.applications}
        return {email.strip().lower() for email in found if email and email.strip()}

    def identity_strings(self) -> set[str]:
        """Names, email addresses and phone numbers the person is known by, for finding and scrubbing."""
        found: set[str] = set(self.emails)
        for user in self.users:
            found |= {user.get_full_name(), user.preferred_name}
        for participant in self.participants:
            found |= {participant.name, participant.phone}
        for application in self.applications:
            found |= {application.applicant_name, application.phone}
        # Very short strings ("Al") would match unrelated text; a full name or number never is.
        return {value.strip() for value in found if value and len(value.strip()) >= 4}


def _complete(users: set[User], participants: set[Participant], workers: set[PeerWorker]) -> Person:
    user_ids = {user.pk for user in users}
    participants |= set(Participant.objects.filter(user_id__in=user_ids))
    workers |= set(PeerWorker.objects.filter(user_id__in=user_ids).select_related("user"))
    users |= {worker.user for worker in workers}
    users |= {participant.user for participant in participants if participant.user_id}
    emails = {user.email.lower() for user in users}
    emails |= {participant.email.lower() for participant in participants if participant.email}
    # Applications are found by the register link, the hire, or the email address the person used.
    found = Q(participant__in=participants) | Q(hired_worker__in=workers)
    if emails:
        found |= Q(email_lower__in=emails)
    applications = (
        Application.objects.annotate(email_lower=Lower("email"))
        .filter(found)
        .select_related("vacancy", "stage")
        .order_by("applied_at", "id")
    )
    return Person(
        users=sorted(users, key=lambda u: u.pk),
        participants=sorted(participants, key=lambda p: p.pk),
        workers=sorted(workers, key=lambda w: w.pk),
        applications=list(applications),
    )


def person_from_participant(participant: Participant) -> Person:
    """The person behind a register entry: with their login, any employment, and their applications."""
    users = {participant.user} if participant.user_id else set()
    return _complete(users, {participant}, set())


def person_from_worker(worker: PeerWorker) -> Person:
    """The person behind an employment: every employment of their login, register entry, applications."""
    return _complete({worker.user}, set(), {worker})
