"""Interviews: panels with lived experience, scores, and the outcome that pays register members."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, NoReturn, TypedDict, Unpack

from django.db import transaction
from django.utils import timezone

from accounts.errors import Conflict
from accounts.models import User
from accounts.updates import apply_changes
from involvement import services as involvement
from involvement.errors import InvolvementError
from involvement.models import Activity, ActivityKind, Participant, ParticipationRole, Rung
from recruitment.errors import RecruitmentConflict, RecruitmentError
from recruitment.models import Application, Interview, PanelMember, Score

__all__ = [
    "interview_cancel",
    "interview_record_outcome",
    "interview_schedule",
    "interview_update",
    "score_delete",
    "score_record",
]

PANEL_KIND_CODE = "interview-panel"


def _panel_activity(interview: Interview, by: User) -> Activity:
    """The involvement activity behind a panel, so register members are invited, recorded and paid."""
    vacancy = interview.application.vacancy
    kind, _ = ActivityKind.objects.get_or_create(code=PANEL_KIND_CODE, defaults={"name": "Interview panel"})
    # No applicant name in the title: participants see their activities, and the candidate is private.
    return involvement.activity_create(
        by=by,
        title=f"Interview panel: {vacancy.title}",
        kind=kind,
        rung=Rung.ENGAGEMENT,
        team=vacancy.team,
        starts_at=interview.starts_at,
        ends_at=interview.ends_at,
        venue=interview.location,
        online_link=interview.online_link,
        leads=[vacancy.hiring_manager],
    )


@transaction.atomic
def interview_schedule(
    *,
    application: Application,
    starts_at: datetime,
    ends_at: datetime,
    panel: Iterable[Mapping[str, Any]],
    by: User,
    location: str = "",
    online_link: str = "",
    panel_override_reason: str = "",
) -> Interview:
    """Schedule with its panel: staff (`user`) and register members (`participant`, lived experience)."""
    application = Application.objects.select_related("vacancy", "stage").get(pk=application.pk)
    if application.stage.is_end:
        raise RecruitmentConflict(
            "This application has ended; it cannot be interviewed.", field="application"
        )
    seats = list(panel)
    if not seats:
        raise RecruitmentError("An interview needs a panel.", field="panel")
    for index, seat in enumerate(seats):
        if bool(seat.get("user")) == bool(seat.get("participant")):
            raise RecruitmentError(
                "Each panel member is a member of staff or a register member.", field=f"panel.{index}"
            )
    lived = [s for s in seats if s.get("participant") or s.get("lived_experience")]
    if application.vacancy.lived_experience_role and not lived and not panel_override_reason.strip():
        raise RecruitmentError(
            "A lived-experience role needs at least one panel member with lived experience, "
            "or a recorded reason why not.",
            field="panel",
        )
    interview = Interview(
        application=application,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        online_link=online_link,
        panel_override_reason=panel_override_reason,
    )
    interview.full_clean(exclude=["application"])
    interview.save()
    register_seats = [s for s in seats if s.get("participant")]
    if register_seats:
        interview.activity = _panel_activity(interview, by)
        interview.save(update_fields=["activity"])
        involvement.activity_open(activity=interview.activity, by=by)
    users = [s["user"].pk for s in seats if s.get("user")]
    if len(users) != len(set(users)):
        raise RecruitmentError("The same person is on the panel twice.", field="panel")
    for index, seat in enumerate(seats):
        member = PanelMember(
            interview=interview,
            user=seat.get("user"),
            participant=seat.get("participant"),
            lived_experience=bool(seat.get("participant") or seat.get("lived_experience")),
        )
        if member.participant is not None:
            # Invited through the register, so consent is honoured; a seat is a place taken.
            try:
                member.participation = involvement.participation_invite(
                    activity=interview.activity,
                    participant=member.participant,
                    by=by,
                    role=ParticipationRole.PANEL_MEMBER,
                    place_agreed=True,
                )
            except InvolvementError as exc:
                # The register's refusal (no consent, paused, named twice) is about the panel asked for.
                error = RecruitmentConflict if isinstance(exc, Conflict) else RecruitmentError
                refusal = error(exc.message, field="panel")
                refusal.seat = index
                raise refusal from exc
        member.save()
    return interview


class InterviewChanges(TypedDict, total=False):
    starts_at: datetime
    ends_at: datetime
    location: str
    online_link: str
    panel_override_reason: str


@transaction.atomic
def interview_update(*, interview: Interview, by: User, **changes: Unpack[InterviewChanges]) -> Interview:
    """Move the time or place before the outcome; the panel's involvement activity moves with it."""
    interview = (
        Interview.objects.select_for_update(of=("self",))
        .select_related("application__vacancy")
        .get(pk=interview.pk)
    )
    if interview.outcome != Interview.Outcome.PENDING:
        raise RecruitmentConflict("The outcome is recorded; the interview can no longer change.")

    def check(interview: Interview) -> None:
        if (
            interview.application.vacancy.lived_experience_role
            and not interview.panel_override_reason.strip()
            and not interview.panel.filter(lived_experience=True).exists()
        ):
            raise RecruitmentError(
                "This panel has no member with lived experience, so keep the reason why not.",
                field="panel_override_reason",
            )
        interview.full_clean(exclude=["application", "activity", "outcome_by"])

    apply_changes(interview, changes, InterviewChanges, error=RecruitmentError, validate=check)
    if interview.activity_id:
        involvement.activity_update(
            activity=interview.activity,
            by=by,
            starts_at=interview.starts_at,
            ends_at=interview.ends_at,
            venue=interview.location,
            online_link=interview.online_link,
        )
    return interview


@transaction.atomic
def interview_cancel(*, interview: Interview, by: User, reason: str = "Interview cancelled") -> None:
    """Call off an interview before its outcome; register members hear through the cancelled activity."""
    interview = (
        Interview.objects.select_for_update(of=("self",)).select_related("activity").get(pk=interview.pk)
    )
    if interview.outcome != Interview.Outcome.PENDING:
        raise RecruitmentConflict(
            "The outcome is recorded; the interview is kept as part of the decision.", field="outcome"
        )
    activity = interview.activity
    if activity is not None and activity.status in (Activity.Status.PLANNED, Activity.Status.OPEN):
        involvement.activity_cancel(activity=activity, by=by, reason=reason)
    interview.delete()


@transaction.atomic
def score_record(
    *, interview: Interview, panel_member: PanelMember, criterion, score: int, by: User, comment: str = ""
) -> Score:
    # Locked and read afresh: an outcome recorded meanwhile closes the scoring.
    interview = (
        Interview.objects.select_for_update(of=("self",)).select_related("application").get(pk=interview.pk)
    )
    if panel_member.interview_id != interview.pk:
        raise RecruitmentError("That panel member is not on this interview's panel.", field="panel_member")
    if criterion.vacancy_id != interview.application.vacancy_id:
        raise RecruitmentError("That criterion belongs to another vacancy.", field="criterion")
    if not 1 <= score <= criterion.max_score:
        raise RecruitmentError(f"Score {criterion.name} from 1 to {criterion.max_score}.", field="score")
    if interview.outcome != Interview.Outcome.PENDING:
        raise RecruitmentConflict("The outcome is recorded; scores can no longer change.", field="score")
    row, _ = Score.objects.update_or_create(
        interview=interview,
        panel_member=panel_member,
        criterion=criterion,
        defaults={"score": score, "comment": comment},
    )
    return row


@transaction.atomic
def interview_record_outcome(*, interview: Interview, outcome: str, by: User, notes: str = "") -> Interview:
    """Decide, and in the same transaction record register members' attendance and their panel claim."""
    interview = (
        Interview.objects.select_for_update(of=("self",)).select_related("activity").get(pk=interview.pk)
    )
    if outcome not in (Interview.Outcome.APPOINTABLE, Interview.Outcome.NOT_APPOINTABLE):
        raise RecruitmentError("Choose appointable or not appointable.", field="outcome")
    if interview.outcome != Interview.Outcome.PENDING:
        raise RecruitmentConflict("The outcome of this interview is already recorded.", field="outcome")
    if interview.starts_at > timezone.now():
        raise RecruitmentConflict(
            "The outcome can be recorded once the interview has taken place.", field="outcome"
        )
    interview.outcome = outcome
    interview.outcome_notes = notes
    interview.outcome_at = timezone.now()
    interview.outcome_by = by
    interview.save(update_fields=["outcome", "outcome_notes", "outcome_at", "outcome_by"])
    for member in interview.panel.filter(participation__isnull=False).select_related("participation"):
        participation = involvement.participation_record_attendance(
            participation=member.participation, attendance="attended", by=by
        )
        if member.participant.payment_preference != Participant.PaymentPreference.NONE:
            involvement.payment_claim_create(participation=participation, by=by, on_behalf=True)
    if interview.activity_id and interview.activity.status in (Activity.Status.PLANNED, Activity.Status.OPEN):
        involvement.activity_mark_held(activity=interview.activity, by=by)
    return interview


def score_delete(*, score: Score, by: User) -> NoReturn:
    """Refused always: scores are the record of the panel's decision; a wrong one is changed."""
    raise RecruitmentConflict(
        "Scores are kept as the record of the panel's decision; change the score instead."
    )
