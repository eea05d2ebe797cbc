"""Inviting people, places and the waiting list, and attendance.

Places are counted with the activity row locked (SELECT ... FOR UPDATE), so two people taking
the last place at the same moment cannot both get it: the second goes on the waiting list.
Attendance is recorded only for a booked place, under the same lock, so no more people are marked
attended than the activity has places.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.errors import NotPermitted
from accounts.models import User
from involvement.errors import InvolvementConflict, InvolvementError
from involvement.models import Activity, Participant, Participation, ParticipationRole
from reminders.wording import at

__all__ = [
    "participation_accept",
    "participation_decline",
    "participation_invite",
    "participation_record_attendance",
    "participation_role_change",
    "participation_uninvite",
    "participations_invite_matching",
    "promote_waitlist",
]

Status = Participation.Status
INVITABLE_ACTIVITY = {Activity.Status.PLANNED, Activity.Status.OPEN}


def _check_invitable(activity: Activity, participant: Participant) -> None:
    if activity.status not in INVITABLE_ACTIVITY:
        raise InvolvementConflict(
            f"This activity is {activity.get_status_display().lower()}; no one can be invited now.",
            field="activity",
        )
    if participant.consent_given_at is None or participant.consent_withdrawn_at is not None:
        raise InvolvementError(
            "This person has not given consent to be contacted, or has withdrawn it.", field="participant"
        )
    if participant.status != Participant.Status.ACTIVE:
        raise InvolvementError(
            f"This person's place on the register is {participant.get_status_display().lower()}.",
            field="participant",
        )


@transaction.atomic
def participation_invite(
    *,
    activity: Activity,
    participant: Participant,
    by: User,
    role: str = ParticipationRole.PARTICIPANT,
    place_agreed: bool = False,
) -> Participation:
    """Invite someone; `place_agreed` when the place was agreed with them already (a panel seat)."""
    _check_invitable(activity, participant)
    if Participation.objects.filter(activity=activity, participant=participant).exists():
        raise InvolvementError("This person is already invited to this activity.", field="participant")
    try:
        with transaction.atomic():
            now = timezone.now()
            return Participation.objects.create(
                activity=activity,
                participant=participant,
                role=role,
                invited_at=now,
                invited_by=by,
                status=Status.ACCEPTED if place_agreed else Status.INVITED,
                responded_at=now if place_agreed else None,
            )
    except IntegrityError as exc:  # a concurrent invite of the same person won the race
        raise InvolvementError(
            "This person is already invited to this activity.", field="participant"
        ) from exc


@transaction.atomic
def participations_invite_matching(
    *, activity: Activity, participants, by: User, role: str = ParticipationRole.PARTICIPANT
) -> list[Participation]:
    """Invite everyone in `participants` (a register filter) who may be contacted and is not yet invited."""
    if activity.status not in INVITABLE_ACTIVITY:
        raise InvolvementConflict(
            f"This activity is {activity.get_status_display().lower()}; no one can be invited now.",
            field="activity",
        )
    now = timezone.now()
    eligible = (
        participants.filter(
            consent_given_at__isnull=False,
            consent_withdrawn_at__isnull=True,
            status=Participant.Status.ACTIVE,
        )
        .exclude(participations__activity=activity)
        .distinct()
    )
    rows = [
        Participation(activity=activity, participant=p, role=role, invited_at=now, invited_by=by)
        for p in eligible
    ]
    return Participation.objects.bulk_create(rows, ignore_conflicts=False)


@transaction.atomic
def participation_uninvite(*, participation: Participation, by: User) -> None:
    """Remove an invitation sent by mistake, while it is unanswered; an answer stays on record."""
    Activity.objects.select_for_update().get(pk=participation.activity_id)
    # Locked: a reply arriving at the same moment is either seen here or waits for the delete.
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    if participation.status != Status.INVITED:
        raise InvolvementConflict("Only an unanswered invitation can be removed; decline it instead.")
    participation.delete()


@transaction.atomic
def participation_role_change(*, participation: Participation, role: str, by: User) -> Participation:
    """Change the part someone plays (participant, co-facilitator, panel member); nothing else."""
    if role not in ParticipationRole.values:
        raise InvolvementError("Choose participant, co_facilitator or panel_member.", field="role")
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    participation.role = role
    participation.save(update_fields=["role"])
    return participation


def _places_taken(activity: Activity) -> int:
    return activity.participations.filter(status=Status.ACCEPTED).count()


@transaction.atomic
def participation_accept(*, participation: Participation, by: User) -> Participation:
    """Take a place; when the activity is full the person joins the waiting list instead."""
    activity = Activity.objects.select_for_update().get(pk=participation.activity_id)
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    if activity.status not in INVITABLE_ACTIVITY or activity.ends_at <= timezone.now():
        raise InvolvementConflict("This activity is no longer taking replies.", field="status")
    if participation.status in (Status.ACCEPTED, Status.WAITLISTED):
        return participation
    now = timezone.now()
    participation.responded_at = now
    if activity.capacity is not None and _places_taken(activity) >= activity.capacity:
        participation.status = Status.WAITLISTED
        participation.waitlisted_at = now
    else:
        participation.status = Status.ACCEPTED
    participation.save(update_fields=["status", "responded_at", "waitlisted_at"])
    return participation


@transaction.atomic
def participation_decline(*, participation: Participation, by: User) -> Participation:
    """Say no, or give up a place; a freed place goes to the first person waiting."""
    Activity.objects.select_for_update().get(pk=participation.activity_id)
    participation = (
        Participation.objects.select_for_update(of=("self",))
        .select_related("participant")
        .get(pk=participation.pk)
    )
    if participation.status in (Status.DECLINED, Status.WITHDRAWN):
        return participation
    if participation.attendance == Participation.Attendance.ATTENDED:
        # Attendance (and any claim on it) stands only on a booked place; it is not taken back here.
        person = participation.participant
        who, whose = ("You are", "your") if person.user_id == by.pk else (f"{person.name} is", "their")
        raise InvolvementConflict(
            f"{who} recorded as having attended this activity, so {whose} place can no longer be given up.",
            field="status",
        )
    had_place = participation.status == Status.ACCEPTED
    participation.status = Status.WITHDRAWN if had_place else Status.DECLINED
    participation.responded_at = timezone.now()
    participation.waitlisted_at = None
    participation.save(update_fields=["status", "responded_at", "waitlisted_at"])
    if had_place:
        promote_waitlist(activity_id=participation.activity_id)
    return participation


def promote_waitlist(*, activity_id: int) -> list[Participation]:
    """Give free places to the people waiting longest. Call inside a transaction."""
    with transaction.atomic():
        activity = Activity.objects.select_for_update().get(pk=activity_id)
        if activity.status not in INVITABLE_ACTIVITY:
            return []
        waiting = activity.participations.filter(status=Status.WAITLISTED).order_by("waitlisted_at", "id")
        if activity.capacity is not None:
            free = activity.capacity - _places_taken(activity)
            waiting = waiting[: max(free, 0)]
        promoted = list(waiting)
        for participation in promoted:
            participation.status = Status.ACCEPTED
            participation.waitlisted_at = None
            participation.save(update_fields=["status", "waitlisted_at"])
        return promoted


# Why someone without a booked place has no attendance to record, in words about them.
NO_PLACE = {
    Status.INVITED: "{name} has not answered this invitation",
    Status.WAITLISTED: "{name} is on the waiting list and has no place",
    Status.DECLINED: "{name} declined this invitation",
    Status.WITHDRAWN: "{name} gave up their place",
}


@transaction.atomic
def participation_record_attendance(
    *, participation: Participation, attendance: str, by: User, hours: Decimal | None = None
) -> Participation:
    """Record who came and for how long; hours default to the activity's length.

    Only a booked place (accepted) has attendance, and no more people are marked attended than the
    activity has places. The activity is locked first, as when places are taken, so two leads
    taking the register at once count attended places one after the other.
    """
    activity = Activity.objects.select_for_update().get(pk=participation.activity_id)
    participation = (
        Participation.objects.select_for_update(of=("self",))
        .select_related("participant")
        .get(pk=participation.pk)
    )
    participation.activity = activity
    person = participation.participant
    if activity.status == Activity.Status.CANCELLED:
        raise InvolvementConflict("This activity was cancelled; there is no attendance to record.")
    if person.user_id is not None and person.user_id == by.pk:
        # Attendance is what claims are paid on: someone else confirms who came.
        raise NotPermitted("Your own attendance is recorded by the activity's lead, not by you.")
    if participation.status != Status.ACCEPTED:
        reason = NO_PLACE[Status(participation.status)].format(name=person.name)
        raise InvolvementConflict(f"{reason}, so their attendance cannot be recorded.", field="attendance")
    if activity.starts_at > timezone.now():
        raise InvolvementConflict(
            f"Attendance can be recorded once the activity has started ({at(activity.starts_at)}).",
            field="attendance",
        )
    if participation.claim_exists():
        raise InvolvementConflict(
            f"A claim has been made for this attendance, so {person.name}'s attendance cannot change.",
            field="attendance",
        )
    if attendance not in Participation.Attendance.values:
        raise InvolvementError("Choose attended, no_show or unknown.", field="attendance")
    if attendance == Participation.Attendance.ATTENDED:
        hours = activity.length_hours if hours is None else Decimal(hours)
        if hours <= 0:
            raise InvolvementError("Hours must be more than 0 for someone who attended.", field="hours")
        if hours > activity.length_hours:
            raise InvolvementError(
                f"Hours cannot be more than the activity's length ({activity.length_hours}).", field="hours"
            )
        _check_attended_within_capacity(activity, participation)
    else:
        hours = Decimal("0") if attendance == Participation.Attendance.NO_SHOW else None
    participation.attendance = attendance
    participation.hours = hours
    participation.save(update_fields=["attendance", "hours"])
    return participation


def _check_attended_within_capacity(activity: Activity, participation: Participation) -> None:
    """Refuse one more attended than the activity has places. Call with the activity locked.

    Every role counts, as it does for places taken (`_places_taken`).
    """
    if activity.capacity is None or participation.attendance == Participation.Attendance.ATTENDED:
        return
    attended = activity.participations.filter(attendance=Participation.Attendance.ATTENDED).count()
    if attended >= activity.capacity:
        places = "1 place" if activity.capacity == 1 else f"{activity.capacity} places"
        raise InvolvementConflict(
            f"This activity has {places} and {attended} already marked attended, so "
            f"{participation.participant.name} cannot be marked attended too. "
            "Check whether someone was marked by mistake.",
            field="attendance",
        )
