"""Consultations: the lifecycle draft > open > closed > outcome published, invitations, responses."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypedDict, Unpack

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from accounts.errors import NotPermitted
from accounts.models import Team, User
from accounts.updates import apply_changes, refuse_unknown
from involvement.errors import InvolvementConflict, InvolvementError
from involvement.models import (
    Consultation,
    ConsultationInvitation,
    ConsultationResponse,
    Participant,
    Theme,
)
from involvement.selectors.consultations import OWNER_ROLES, consultation_invitable
from involvement.visibility import own_participant_id, runs_involvement

__all__ = [
    "consultation_close",
    "consultation_create",
    "consultation_delete",
    "consultation_invite",
    "consultation_invite_matching",
    "consultation_open",
    "consultation_publish_outcome",
    "consultation_response_delete",
    "consultation_response_record",
    "consultation_response_submit",
    "consultation_response_update",
    "consultation_uninvite",
    "consultation_update",
]

Status = Consultation.Status
# Invitations go out while the consultation is being prepared or is taking feedback.
INVITABLE = {Status.DRAFT, Status.OPEN}


def when(moment: datetime) -> str:
    """A date and time as people read it, in the trust's time zone: "3 March 2025 at 17:00"."""
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"


def require_staff(user: User | None, *, field: str) -> None:
    if user is None or not user.is_active or not (user.is_superuser or user.has_role(*OWNER_ROLES)):
        raise InvolvementError("Choose an active member of staff.", field=field)


class ConsultationChanges(TypedDict, total=False):
    title: str
    summary: str
    document_url: str
    audience: str
    owner: User
    team: Team | None
    opens_at: datetime
    closes_at: datetime


def _lock(consultation: Consultation) -> Consultation:
    return Consultation.objects.select_for_update().get(pk=consultation.pk)


@transaction.atomic
def consultation_create(
    *, by: User, themes: Iterable[Theme] | None = None, owner: User | None = None, **fields: Any
) -> Consultation:
    """A new consultation, as a draft; its owner is the person creating it unless another is named."""
    refuse_unknown(fields, ConsultationChanges, error=InvolvementError, message="{field} cannot be set here.")
    owner = owner or by
    require_staff(owner, field="owner")
    consultation = Consultation(owner=owner, status=Status.DRAFT, **fields)
    consultation.full_clean()
    consultation.save()
    if themes is not None:
        consultation.themes.set(list(themes))
    return consultation


@transaction.atomic
def consultation_update(
    *,
    consultation: Consultation,
    by: User,
    themes: Iterable[Theme] | None = None,
    **changes: Unpack[ConsultationChanges],
) -> Consultation:
    """Change the details while it is a draft or open (an open one may have its deadline moved)."""
    consultation = _lock(consultation)
    if consultation.status not in INVITABLE:
        raise InvolvementConflict(
            f"This consultation is {consultation.get_status_display().lower()}; it can no longer change.",
            field="status",
        )
    refuse_unknown(
        changes, ConsultationChanges, error=InvolvementError, message="{field} cannot be set here."
    )
    if "owner" in changes:
        require_staff(changes["owner"], field="owner")
    apply_changes(consultation, changes, ConsultationChanges, error=InvolvementError)
    if themes is not None:
        consultation.themes.set(list(themes))
    return consultation


def _transition(consultation: Consultation, allowed: Status, to: Status) -> Consultation:
    consultation = _lock(consultation)
    if consultation.status != allowed:
        raise InvolvementConflict(
            f"A consultation that is {consultation.get_status_display().lower()} cannot become "
            f"{to.label.lower()}.",
            field="status",
        )
    consultation.status = to
    return consultation


@transaction.atomic
def consultation_open(*, consultation: Consultation, by: User) -> Consultation:
    """Open for feedback. Responses are taken from opens_at until closes_at."""
    consultation = _transition(consultation, Status.DRAFT, Status.OPEN)
    if consultation.closes_at <= timezone.now():
        raise InvolvementError(
            f"The closing date ({when(consultation.closes_at)}) has passed; move it before opening.",
            field="closes_at",
        )
    consultation.save(update_fields=["status"])
    return consultation


@transaction.atomic
def consultation_close(*, consultation: Consultation, by: User) -> Consultation:
    """Stop taking feedback (at the deadline or earlier)."""
    consultation = _transition(consultation, Status.OPEN, Status.CLOSED)
    consultation.closed_at = timezone.now()
    consultation.save(update_fields=["status", "closed_at"])
    return consultation


@transaction.atomic
def consultation_publish_outcome(
    *, consultation: Consultation, by: User, outcome_summary: str
) -> Consultation:
    """Close the loop: say what was heard and what changes as a result."""
    consultation = _transition(consultation, Status.CLOSED, Status.OUTCOME_PUBLISHED)
    if not (outcome_summary or "").strip():
        raise InvolvementError("Say what the consultation found and what changes.", field="outcome_summary")
    consultation.outcome_summary = outcome_summary.strip()
    consultation.outcome_published_at = timezone.now()
    consultation.save(update_fields=["status", "outcome_summary", "outcome_published_at"])
    return consultation


@transaction.atomic
def consultation_delete(*, consultation: Consultation, by: User) -> None:
    consultation = _lock(consultation)
    if (
        consultation.status != Status.DRAFT
        or consultation.invitations.exists()
        or consultation.responses.exists()
        or consultation.feedback_items.exists()
    ):
        raise InvolvementConflict(
            "Only a draft with no one invited and no responses can be deleted.", field="status"
        )
    consultation.delete()


def _check_invitable(consultation: Consultation) -> None:
    if consultation.status not in INVITABLE:
        raise InvolvementConflict(
            f"This consultation is {consultation.get_status_display().lower()}; no one can be invited now.",
            field="consultation",
        )


@transaction.atomic
def consultation_invite(
    *, consultation: Consultation, participant: Participant, by: User
) -> ConsultationInvitation:
    """Ask one person for their views: only with their consent, while active, and once."""
    _check_invitable(consultation)
    if participant.consent_given_at is None or participant.consent_withdrawn_at is not None:
        raise InvolvementError(
            "This person has not given consent to be contacted, or has withdrawn it.", field="participant"
        )
    if participant.status != Participant.Status.ACTIVE:
        raise InvolvementError(
            f"This person's place on the register is {participant.get_status_display().lower()}.",
            field="participant",
        )
    already = "This person is already invited to this consultation."
    if ConsultationInvitation.objects.filter(consultation=consultation, participant=participant).exists():
        raise InvolvementError(already, field="participant")
    try:
        with transaction.atomic():
            return ConsultationInvitation.objects.create(
                consultation=consultation, participant=participant, invited_at=timezone.now(), invited_by=by
            )
    except IntegrityError as exc:  # a concurrent invitation of the same person got there first
        raise InvolvementError(already, field="participant") from exc


@transaction.atomic
def consultation_invite_matching(
    *, consultation: Consultation, participants: QuerySet[Participant], by: User
) -> list[ConsultationInvitation]:
    """Invite everyone a register filter matches, skipping those who may not be contacted or already are."""
    _check_invitable(consultation)
    eligible = consultation_invitable(consultation, participants)
    now = timezone.now()
    rows = [
        ConsultationInvitation(consultation=consultation, participant=p, invited_at=now, invited_by=by)
        for p in eligible
    ]
    return ConsultationInvitation.objects.bulk_create(rows)


@transaction.atomic
def consultation_uninvite(*, invitation: ConsultationInvitation, by: User) -> None:
    """Withdraw an invitation sent by mistake, while the consultation is still taking part."""
    consultation = _lock(invitation.consultation)
    _check_invitable(consultation)
    if ConsultationResponse.objects.filter(
        consultation=consultation, participant_id=invitation.participant_id
    ).exists():
        raise InvolvementConflict(
            "This person has already responded; their invitation stays on record.", field="participant"
        )
    invitation.delete()


def _check_taking_responses(consultation: Consultation) -> None:
    now = timezone.now()
    if consultation.status in (Status.CLOSED, Status.OUTCOME_PUBLISHED) or (
        consultation.status == Status.OPEN and now > consultation.closes_at
    ):
        ended = consultation.closes_at
        if consultation.closed_at and consultation.closed_at < ended:
            ended = consultation.closed_at
        raise InvolvementConflict(
            f"This consultation closed for feedback on {when(ended)}; responses are no longer taken.",
            field="consultation",
        )
    if consultation.status == Status.DRAFT:
        raise InvolvementConflict("This consultation is not open for feedback yet.", field="consultation")
    if now < consultation.opens_at:
        raise InvolvementConflict(
            f"This consultation opens for feedback on {when(consultation.opens_at)}.", field="consultation"
        )


@transaction.atomic
def consultation_response_submit(
    *,
    consultation: Consultation,
    by: User,
    body: str,
    participant: Participant | None = None,
    themes: Iterable[Theme] | None = None,
    received_via: str = ConsultationResponse.ReceivedVia.ONLINE,
) -> ConsultationResponse:
    """A response, given by a participant themselves or recorded for someone by staff.

    Someone who does not run involvement responds only for themselves: `participant` is their own
    register entry (filled in when left empty), and they must have been invited. Involvement leads
    record a response for the person they name, or for no one (a comment on a paper form, say);
    `by` is then kept as who recorded it. Each person responds once, and changes that response
    afterwards (`consultation_response_update`).
    """
    consultation = _lock(consultation)
    _check_taking_responses(consultation)
    if not runs_involvement(by):
        mine = own_participant_id(by)
        if mine is None:
            raise NotPermitted("Only a participant with a register entry can respond.")
        if participant is None:
            participant = Participant.objects.get(pk=mine)
        elif participant.pk != mine:
            raise InvolvementError("You can only respond for yourself.", field="participant")
    own = participant is not None and participant.user_id is not None and participant.user_id == by.pk
    if own and not consultation.invitations.filter(participant=participant).exists():
        raise InvolvementError("You have not been invited to this consultation.", field="consultation")
    if not (body or "").strip():
        raise InvolvementError("Write the response.", field="body")
    earlier = _earlier_response(consultation, participant)
    if earlier is not None:
        raise _already_responded(earlier, consultation, own=own)
    try:
        with transaction.atomic():
            response = ConsultationResponse.objects.create(
                consultation=consultation,
                participant=participant,
                recorded_by=None if own else by,
                body=body.strip(),
                submitted_at=timezone.now(),
                received_via=received_via,
            )
    except IntegrityError as exc:  # the same person's response was saved between the check and here
        earlier = _earlier_response(consultation, participant)
        if earlier is None:
            raise
        raise _already_responded(earlier, consultation, own=own) from exc
    if themes is not None:
        response.themes.set(list(themes))
    return response


def _earlier_response(
    consultation: Consultation, participant: Participant | None
) -> ConsultationResponse | None:
    """This person's response to this consultation, if they have one; an unnamed comment has none."""
    if participant is None:
        return None
    return ConsultationResponse.objects.filter(consultation=consultation, participant=participant).first()


def _already_responded(
    earlier: ConsultationResponse, consultation: Consultation, *, own: bool
) -> InvolvementConflict:
    """The answer to a second response: where the first one is, and how to change it."""
    name = earlier.participant.name if earlier.participant else "This person"
    closes = when(consultation.closes_at)
    if own:
        message = (
            f"You have already responded to this consultation (response {earlier.pk}). To change what "
            "you said, change that response instead of sending another, before the consultation closes on "
            f"{closes}."
        )
    elif earlier.recorded_by_id is None:
        message = (
            f"{name} has already responded to this consultation themselves (response "
            f"{earlier.pk}). Only they can change its wording; you can add themes to it."
        )
    else:
        message = (
            f"{name} already has a response to this consultation (response {earlier.pk}). "
            "Change that response instead of adding another."
        )
    return InvolvementConflict(message, field="participant")


@transaction.atomic
def consultation_response_update(
    *,
    response: ConsultationResponse,
    by: User,
    themes: Iterable[Theme] | None = None,
    body: str | None = None,
) -> ConsultationResponse:
    """Change a response: its wording, and the themes it is tagged with.

    What a participant wrote themselves is theirs: only they reword it, and only while the
    consultation is taking responses. Involvement leads tag any response with themes and correct
    the wording of one that staff recorded.
    """
    response = (
        ConsultationResponse.objects.select_for_update(of=("self",))
        .select_related("consultation", "participant")
        .get(pk=response.pk)
    )
    respondent = response.participant is not None and response.participant.user_id == by.pk
    if not runs_involvement(by):
        if not respondent:
            raise NotPermitted("You can only change your own response.")
        _check_taking_responses(response.consultation)
    if body is not None and body != response.body:
        if response.recorded_by_id is None and not respondent:
            raise InvolvementError(
                "This response was written by the participant; it cannot be reworded.", field="body"
            )
        if respondent:
            _check_taking_responses(response.consultation)
        if not body.strip():
            raise InvolvementError("Write the response.", field="body")
        response.body = body.strip()
        response.save(update_fields=["body"])
    if themes is not None:
        response.themes.set(list(themes))
    return response


@transaction.atomic
def consultation_response_delete(*, response: ConsultationResponse, by: User) -> None:
    """Remove a response entered by mistake (its history keeps a record that it was there)."""
    response.delete()


@transaction.atomic
def consultation_response_record(
    *,
    consultation: Consultation,
    by: User,
    body: str,
    received_via: str,
    participant: Participant | None = None,
    themes: Iterable[Theme] | None = None,
) -> ConsultationResponse:
    """A response someone gave on a paper form, in a phone call or another way, entered for them by
    the involvement team and marked with how it came. The rules of any response apply as well
    (`consultation_response_submit`)."""
    if not runs_involvement(by):
        raise NotPermitted("Only the involvement team enters responses for other people.")
    ReceivedVia = ConsultationResponse.ReceivedVia
    if received_via not in ReceivedVia.values or received_via == ReceivedVia.ONLINE:
        raise InvolvementError(
            "Say how the response reached you: a paper form, a phone call or another way.",
            field="received_via",
        )
    return consultation_response_submit(
        consultation=consultation,
        by=by,
        body=body,
        participant=participant,
        themes=themes,
        received_via=received_via,
    )
