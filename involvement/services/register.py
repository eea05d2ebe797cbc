"""The involvement register: adding people, updating them, consent given and withdrawn."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, TypedDict, Unpack

from django.db import transaction
from django.utils import timezone

from accounts.models import Team, User
from accounts.updates import apply_changes, refuse_unknown
from involvement.errors import InvolvementConflict, InvolvementError, PossibleDuplicate
from involvement.models import Participant, Participation, PartnerOrganisation, Theme
from involvement.selectors.register import participant_possible_duplicates, participations_pending
from reminders.services import reminders_dismiss_linked

__all__ = [
    "participant_consent_give",
    "participant_consent_withdraw",
    "participant_create",
    "participant_update",
]


class ParticipantSelfChanges(TypedDict, total=False):
    """What a participant may change on their own entry."""

    name: str
    pronouns: str
    email: str
    phone: str
    postal_address: str
    preferred_contact: str
    accessibility_needs: str
    sharing_level: str
    payment_preference: str


class ParticipantChanges(ParticipantSelfChanges, total=False):
    """What an involvement lead may change on anyone's entry."""

    experience: str
    status: str
    referred_by: PartnerOrganisation | None
    consent_purposes: str
    payroll_reference: str  # the trust's number for the person in payroll, set by the team, not by them


# How far ahead a join date may be: someone signed up now to start next month, not a typo's year.
JOINED_ON_MOST_DAYS_AHEAD = 31


@transaction.atomic
def participant_create(
    *,
    by: User | None,
    name: str,
    experience: str,
    consent_given: bool = False,
    consent_purposes: str = "",
    topics: Iterable[Theme] = (),
    teams_of_interest: Iterable[Team] = (),
    joined_on: date | None = None,
    user: User | None = None,
    allow_possible_duplicate: bool = True,
    **fields: Any,
) -> Participant:
    """Add someone to the register. With `allow_possible_duplicate=False`, refuse (PossibleDuplicate,
    listing them) while an entry has the same name, email address or phone number: the person
    adding them then confirms this is someone else, or opens the entry already there."""
    refuse_unknown(fields, ParticipantChanges, error=InvolvementError, message="{field} cannot be set here.")
    if consent_given and not consent_purposes.strip():
        raise InvolvementError("Say what the person agreed to be contacted about.", field="consent_purposes")
    today = timezone.localdate()
    if joined_on is not None and joined_on > today + timedelta(days=JOINED_ON_MOST_DAYS_AHEAD):
        raise InvolvementError("The join date cannot be more than a month ahead.", field="joined_on")
    participant = Participant(
        name=name,
        experience=experience,
        consent_given_at=timezone.now() if consent_given else None,
        consent_purposes=consent_purposes,
        joined_on=joined_on or today,
        user=user,
        **fields,
    )
    participant.full_clean()
    if not allow_possible_duplicate:
        matches = list(
            participant_possible_duplicates(name=name, email=participant.email, phone=participant.phone)
        )
        if matches:
            raise PossibleDuplicate(
                "Someone on the register has the same name, email address or phone number. "
                "Check they are not the person you are adding.",
                matches=matches,
            )
    participant.save()
    participant.topics.set(list(topics))
    participant.teams_of_interest.set(list(teams_of_interest))
    return participant


@transaction.atomic
def participant_update(
    *,
    participant: Participant,
    by: User,
    topics: Iterable[Theme] | None = None,
    teams_of_interest: Iterable[Team] | None = None,
    self_service: bool = False,
    **changes: Unpack[ParticipantChanges],
) -> Participant:
    allowed = ParticipantSelfChanges if self_service else ParticipantChanges
    apply_changes(participant, changes, allowed, error=InvolvementError)
    if topics is not None:
        participant.topics.set(list(topics))
    if teams_of_interest is not None:
        participant.teams_of_interest.set(list(teams_of_interest))
    if participant.status != Participant.Status.ACTIVE:
        _stop_pending_invitations(participant)
        _stop_reminders(participant)
    elif "email" in changes:
        # Nothing more goes to an address the person has left; the rules plan anew to the new one.
        _stop_reminders(participant, except_to=participant.email)
    return participant


@transaction.atomic
def participant_consent_give(*, participant: Participant, purposes: str, by: User) -> Participant:
    if not purposes.strip():
        raise InvolvementError("Say what the person agreed to be contacted about.", field="purposes")
    participant.consent_given_at = timezone.now()
    participant.consent_withdrawn_at = None
    participant.consent_purposes = purposes
    participant.save(
        update_fields=["consent_given_at", "consent_withdrawn_at", "consent_purposes", "updated_at"]
    )
    return participant


@transaction.atomic
def participant_consent_withdraw(*, participant: Participant, by: User) -> Participant:
    """Consent withdrawn: from this moment no invitation or reminder goes to this person."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.consent_withdrawn_at is not None:
        return participant  # already withdrawn: doing it twice is doing it once
    if participant.consent_given_at is None:
        raise InvolvementConflict(
            "This person has not given consent to be contacted, so there is none to withdraw.",
            field="consent_withdrawn_at",
        )
    now = timezone.now()
    participant.consent_withdrawn_at = max(now, participant.consent_given_at or now)
    participant.save(update_fields=["consent_withdrawn_at", "updated_at"])
    _stop_pending_invitations(participant)
    _stop_reminders(participant)
    return participant


# Reminders that reach someone as a member of the register (not as staff, if they are both).
REGISTER_REMINDER_RULES = (
    "involvement.consultation_closing_invitee",
    "involvement.activity_tomorrow",
    "recruitment.interview_tomorrow",
)


def _stop_reminders(participant: Participant, *, except_to: str | None = None) -> None:
    """Reminders planned for this entry and not yet sent are dismissed: none goes out after this.

    They are found by the entry they were planned for, never by its address: a participant may put
    anyone's address on their own entry, and what they then do must not silence that person. Nor by
    the entry's login: the same login may hear these rules as staff (leading an activity, sitting on
    a panel), and that is not what consent to involvement contact is about.
    """
    reminders_dismiss_linked(
        recipient_type="participant",
        recipient_id=participant.pk,
        rule_prefixes=REGISTER_REMINDER_RULES,
        except_to=except_to,
    )


def _stop_pending_invitations(participant: Participant) -> int:
    """Unanswered invitations and waiting-list places for activities still to come lapse."""
    from involvement.services.participation import promote_waitlist

    pending = participations_pending(participant=participant)
    activity_ids = list(pending.values_list("activity_id", flat=True))
    count = pending.update(status=Participation.Status.WITHDRAWN, responded_at=timezone.now())
    for activity_id in activity_ids:
        promote_waitlist(activity_id=activity_id)
    return count
