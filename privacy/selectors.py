"""Who a request is about: every record held on one person, found from their register entry or employment.

A person may be on the involvement register, hold a login, have been employed as a peer worker and
have applied for jobs, all under one identity. A subject access export and an erasure both work on
the whole person, so both start here.

Records are tied together only by links the system made, never by a value a person can type: a register
entry's login (set by staff), an employment's login (set by the hire or by HR), an application's register
entry (set by HR when recording it) and the employment a hire made from it. An email address, a name or a
phone number is never a link: a participant may change the address on their own entry to anyone's, and a
name is anyone's to share. An application that nothing links to a person is not theirs here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db.models import Model, Q, QuerySet

from accounts.models import User
from involvement.models import Participant, PaymentClaim
from peers.models import PeerWorker, TrainingRecord
from recruitment.models import Application, Interview, PreEmploymentCheck
from reminders.models import Reminder

# Each link is followed from both ends until nothing new turns up; a person has a handful of records,
# so a few rounds suffice. The bound only stops a loop that the data could never make.
MAX_ROUNDS = 10


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

    def identity_strings(self) -> set[str]:
        """Names, email addresses and phone numbers the person's records show.

        Only for refusing an erasure reason that would name them. Never for finding records: anyone
        may share a name, and a participant may put anyone's address on their entry.
        """
        found: set[str] = set()
        for user in self.users:
            found |= {user.email, user.get_full_name(), user.preferred_name}
        for participant in self.participants:
            found |= {participant.name, participant.email, participant.phone}
        for application in self.applications:
            found |= {application.applicant_name, application.email, application.phone}
        # Very short strings ("Al") would match unrelated text; a full name or number never is.
        return {value.strip() for value in found if value and len(value.strip()) >= 4}


def owned_ids(model: type[Model], owner: str, owner_ids: Iterable[int]) -> list[int]:
    """Ids of `model` rows linked to `owner_ids` through `owner`, live or only in the history (deleted)."""
    owner_ids = list(owner_ids)
    if not owner_ids:
        return []
    ids = set(model._default_manager.filter(**{f"{owner}__in": owner_ids}).values_list("pk", flat=True))
    if hasattr(model, "history"):
        ids |= set(model.history.filter(**{f"{owner}_id__in": owner_ids}).values_list("id", flat=True))  # type: ignore[attr-defined]
    return sorted(ids)


def _linked_ids(
    user_ids: set[int], participant_ids: set[int], worker_ids: set[int]
) -> tuple[set[int], set[int], set[int], set[int]]:
    """Follow every link from what is known until nothing new is found: (users, entries, workers, apps)."""
    application_ids: set[int] = set()
    for _ in range(MAX_ROUNDS):
        before = (len(user_ids), len(participant_ids), len(worker_ids), len(application_ids))
        entries = Participant.objects.filter(
            Q(pk__in=participant_ids) | Q(user__in=user_ids) | Q(applications__in=application_ids)
        )
        participant_ids = set(entries.values_list("pk", flat=True))
        user_ids |= set(entries.exclude(user=None).values_list("user_id", flat=True))
        employments = PeerWorker.objects.filter(
            Q(pk__in=worker_ids) | Q(user__in=user_ids) | Q(application__in=application_ids)
        )
        worker_ids = set(employments.values_list("pk", flat=True))
        user_ids |= set(employments.values_list("user_id", flat=True))
        application_ids = set(
            Application.objects.filter(
                Q(pk__in=application_ids)
                | Q(participant__in=participant_ids)
                | Q(hired_worker__in=worker_ids)
            ).values_list("pk", flat=True)
        )
        if (len(user_ids), len(participant_ids), len(worker_ids), len(application_ids)) == before:
            break
    return user_ids, participant_ids, worker_ids, application_ids


def _person(*, user_ids: set[int], participant_ids: set[int], worker_ids: set[int]) -> Person:
    users, participants, workers, applications = _linked_ids(user_ids, participant_ids, worker_ids)
    return Person(
        users=list(User.objects.filter(pk__in=users).order_by("pk")),
        participants=list(Participant.objects.filter(pk__in=participants).order_by("pk")),
        workers=list(PeerWorker.objects.filter(pk__in=workers).select_related("user").order_by("pk")),
        applications=list(
            Application.objects.filter(pk__in=applications)
            .select_related("vacancy", "stage")
            .order_by("applied_at", "id")
        ),
    )


def person_from_participant(participant: Participant) -> Person:
    """The person behind a register entry: with their login, any employment, and their applications."""
    users = {participant.user_id} if participant.user_id else set()
    return _person(user_ids=users, participant_ids={participant.pk}, worker_ids=set())


def person_from_worker(worker: PeerWorker) -> Person:
    """The person behind an employment: every employment of their login, register entry, applications."""
    return _person(user_ids={worker.user_id}, participant_ids=set(), worker_ids={worker.pk})


# --- sign-ins -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddressHeld:
    """One sign-in address a login had, and when: from `since` until `until` (None: still held)."""

    email: str
    since: dt.datetime
    until: dt.datetime | None


def addresses_held(users: list[User]) -> list[AddressHeld]:
    """Every address each login has signed in with, and when it held it, from the login's change history.

    django-axes records a sign-in by the address typed, not by the account. An address belongs to one
    login at a time (it is unique, and only an administrator changes it), so a sign-in is this login's
    when the address was this login's at that moment. The first address counts from the day the login
    was made, even if retention has since trimmed the version that recorded it.
    """
    held: list[AddressHeld] = []
    for user in users:
        versions = list(
            User.history.filter(id=user.pk)  # type: ignore[attr-defined]
            .order_by("history_date", "history_id")
            .values_list("email", "history_date")
        )
        if not versions:
            versions = [(user.email, user.date_joined)]
        periods: list[list] = []
        for email, at in versions:
            email = email.strip().lower()
            if periods and periods[-1][0] == email:
                continue
            if periods:
                periods[-1][2] = at
            periods.append([email, at, None])
        periods[0][1] = min(periods[0][1], user.date_joined)
        held += [AddressHeld(email, since, until) for email, since, until in periods]
    return held


def _during(held: list[AddressHeld]) -> Q:
    found = Q(pk__in=[])
    for period in held:
        span = Q(username__iexact=period.email, attempt_time__gte=period.since)
        if period.until is not None:
            span &= Q(attempt_time__lt=period.until)
        found |= span
    return found


def sign_ins(person: Person) -> QuerySet[AccessLog]:
    """The person's successful sign-ins (django-axes' access log): when, from which address and browser."""
    return AccessLog.objects.filter(_during(addresses_held(person.users))).order_by("attempt_time", "id")


def failed_sign_ins(person: Person) -> list[QuerySet]:
    """Failed attempts counted against the person's logins while they held the address typed."""
    during = _during(addresses_held(person.users))
    return [AccessAttempt.objects.filter(during), AccessFailureLog.objects.filter(during)]


# --- reminders ------------------------------------------------------------------------------------


def reminders_to(person: Person) -> QuerySet[Reminder]:
    """Reminders planned or sent to the person: to their login, or to their register entry (the rules
    that remind register members record the entry, because many have no login)."""
    entries = [str(pk) for pk in person.participant_ids]
    return Reminder.objects.filter(
        Q(recipient_user__in=person.user_ids) | Q(recipient_type="participant", recipient_id__in=entries)
    )


def reminders_about(person: Person) -> QuerySet[Reminder]:
    """Reminders to staff whose subject is one of the person's records (their claim, their supervision,
    their training, their employment, their interview, their checks): these name them."""
    subjects = [
        ("payment_claim", owned_ids(PaymentClaim, "participant", person.participant_ids)),
        ("peer_worker", person.worker_ids),
        ("training_record", owned_ids(TrainingRecord, "worker", person.worker_ids)),
        ("interview", owned_ids(Interview, "application", person.application_ids)),
        ("pre_employment_check", owned_ids(PreEmploymentCheck, "application", person.application_ids)),
    ]
    about = Q(pk__in=[])
    for subject_type, ids in subjects:
        if ids:
            about |= Q(subject_type=subject_type, subject_id__in=[str(pk) for pk in ids])
    # Supervision reminders name "<employment id>:<kind of supervision>".
    for pk in person.worker_ids:
        about |= Q(subject_type="supervision", subject_id__startswith=f"{pk}:")
    return Reminder.objects.filter(about)
