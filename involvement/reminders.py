"""Involvement's reminder rules: consultations closing, activities tomorrow, actions due, claims waiting.

Each rule answers "what is owed now?" from a fixed number of queries, however many consultations,
activities or claims there are. A reminder is planned only once its moment has come and the thing
still needs doing, so a deadline moved or a job done before then sends nothing. The occasion
carries the date it is about, so a new date is a new reminder and re-planning adds nothing.

Participants are reached only while the register says they may be contacted (consent given, not
withdrawn, active); subject lines never name anyone.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from involvement.models import (
    Activity,
    Consultation,
    ConsultationInvitation,
    ConsultationResponse,
    FeedbackItem,
    Participation,
    PaymentClaim,
)
from involvement.selectors.register import participants_contactable
from reminders import links, wording
from reminders.registry import Due, Rule, register
from reminders.wording import DAY

# --- lead times -------------------------------------------------------------------------------


def _lead_for(remaining: timedelta, leads: list[int]) -> int | None:
    """The reminder whose moment has come: the shortest lead time still at least `remaining`.

    With leads 7 and 1, a deadline 5 days off is the 7-day reminder and one 20 hours off the
    1-day reminder, so a consultation opened late gets only the reminders that still make sense.
    """
    fitting = [lead for lead in leads if remaining <= lead * DAY]
    return min(fitting) if fitting else None


# --- consultations ----------------------------------------------------------------------------


def consultation_closing_owner(now: datetime) -> Iterator[Due]:
    leads = sorted(set(settings.REMINDERS_CONSULTATION_OWNER_DAYS))
    if not leads:
        return
    rows = Consultation.objects.filter(
        status=Consultation.Status.OPEN,
        closes_at__gt=now,
        closes_at__lte=now + max(leads) * DAY,
        owner__is_active=True,
    ).values("id", "title", "closes_at", "owner_id", "owner__email")
    for row in rows:
        remaining = row["closes_at"] - now
        lead = _lead_for(remaining, leads)
        closes = timezone.localtime(row["closes_at"])
        yield Due(
            subject_type="consultation",
            subject_id=row["id"],
            recipient_email=row["owner__email"],
            recipient_user_id=row["owner_id"],
            occasion=f"{lead}d:{closes.date()}",
            due_at=row["closes_at"] - lead * DAY,
            subject_line=f"A consultation you own closes {wording.within(remaining)}",
            body=(
                f'The consultation "{row["title"]}" stops taking feedback on '
                f"{wording.at(row['closes_at'])}.\n\n"
                "If you would like more voices in it, there is still time to invite people or to "
                "remind those you have asked. After it closes, the next step is to publish what you "
                "heard and what will change."
            ),
            link=links.page("web:lead:consultations-detail", row["id"]),
        )


def consultation_closing_invitee(now: datetime) -> Iterator[Due]:
    leads = sorted(set(settings.REMINDERS_CONSULTATION_INVITEE_DAYS))
    if not leads:
        return
    responded = ConsultationResponse.objects.filter(
        consultation=OuterRef("consultation"), participant=OuterRef("participant")
    )
    rows = (
        ConsultationInvitation.objects.filter(
            consultation__status=Consultation.Status.OPEN,
            consultation__opens_at__lte=now,
            consultation__closes_at__gt=now,
            consultation__closes_at__lte=now + max(leads) * DAY,
            participant__in=participants_contactable(),
        )
        .exclude(participant__email="")
        .exclude(Exists(responded))
        .values(
            "consultation_id",
            "consultation__title",
            "consultation__closes_at",
            "participant_id",
            "participant__email",
            "participant__user_id",
        )
    )
    for row in rows:
        closes_at = row["consultation__closes_at"]
        remaining = closes_at - now
        lead = _lead_for(remaining, leads)
        yield Due(
            subject_type="consultation",
            subject_id=row["consultation_id"],
            recipient_email=row["participant__email"],
            recipient_user_id=row["participant__user_id"],
            recipient_type="participant",
            recipient_id=row["participant_id"],
            occasion=f"invited-{lead}d:{timezone.localtime(closes_at).date()}",
            due_at=closes_at - lead * DAY,
            subject_line=f"A consultation you were invited to closes {wording.within(remaining)}",
            body=(
                f'You were invited to give your views on "{row["consultation__title"]}". '
                f"Feedback is open until {wording.at(closes_at)}.\n\n"
                "If you would like to take part, there is still time. If you would rather not, "
                "you do not need to do anything, and thank you for considering it."
            ),
            link=links.HOME,
        )


def consultation_outcome_waiting(now: datetime) -> Iterator[Due]:
    after = settings.REMINDERS_CONSULTATION_OUTCOME_DAYS * DAY
    # Closed early by hand or simply past its deadline: either way it stopped taking feedback.
    rows = (
        Consultation.objects.filter(
            status__in=[Consultation.Status.OPEN, Consultation.Status.CLOSED],
            outcome_published_at__isnull=True,
            owner__is_active=True,
        )
        .annotate(ended_at=Coalesce("closed_at", "closes_at"))
        .filter(ended_at__lte=now - after)
        .values("id", "title", "ended_at", "owner_id", "owner__email")
    )
    for row in rows:
        yield Due(
            subject_type="consultation",
            subject_id=row["id"],
            recipient_email=row["owner__email"],
            recipient_user_id=row["owner_id"],
            occasion=f"outcome-{settings.REMINDERS_CONSULTATION_OUTCOME_DAYS}d",
            due_at=row["ended_at"] + after,
            subject_line="A consultation you own is waiting for its outcome",
            body=(
                f'The consultation "{row["title"]}" closed on {wording.at(row["ended_at"])} and its outcome '
                "has not been published yet.\n\n"
                "People who took part want to know what was heard and what will change. Please "
                'publish the outcome ("we asked, you said, we did") when you can.'
            ),
            link=links.page("web:lead:consultations-outcome", row["id"]),
        )


# --- activities -------------------------------------------------------------------------------


def activity_tomorrow(now: datetime) -> Iterator[Due]:
    days = settings.REMINDERS_ACTIVITY_DAYS
    day = timezone.localdate(now) + days * DAY
    activities = Activity.objects.filter(
        status__in=[Activity.Status.PLANNED, Activity.Status.OPEN],
        starts_at__gte=wording.start_of(day),
        starts_at__lt=wording.start_of(day + DAY),
        # An interview panel's activity is reminded by recruitment's interview rule, in the
        # panel's own words: one event, one email.
        interview__isnull=True,
    )
    fields = (
        "activity_id",
        "activity__title",
        "activity__starts_at",
        "activity__venue",
        "activity__online_link",
    )
    leads = Activity.leads.through.objects.filter(activity__in=activities, user__is_active=True).values(
        *fields, "user_id", "user__email"
    )
    attendees = (
        Participation.objects.filter(
            activity__in=activities,
            status=Participation.Status.ACCEPTED,
            participant__in=participants_contactable(),
        )
        .exclude(participant__email="")
        .values(*fields, "participant_id", "participant__email", "participant__user_id")
    )

    def due(
        row: dict, email: str, user_id: int | None, subject: str, ask: str, participant_id: int | None = None
    ) -> Due:
        where = row["activity__venue"] or ("online" if row["activity__online_link"] else "")
        where = f" ({where})" if where else ""
        return Due(
            subject_type="activity",
            subject_id=row["activity_id"],
            recipient_email=email,
            recipient_user_id=user_id,
            recipient_type="participant" if participant_id else "",
            recipient_id=participant_id or "",
            occasion=f"before-{days}d:{day}",
            due_at=wording.morning(day - days * DAY),
            subject_line=subject,
            body=(
                f'"{row["activity__title"]}" is on {wording.at(row["activity__starts_at"])}{where}.\n\n{ask}'
            ),
            # A participant opens their own page of the activity; its lead, the workspace's page.
            link=links.page(
                "web:involvement:activity" if participant_id else "web:lead:activities-detail",
                row["activity_id"],
            ),
        )

    for row in leads:
        yield due(
            row,
            row["user__email"],
            row["user_id"],
            f"An activity you lead is {wording.in_days(days)}",
            "The list of people with a place is on the activity; you can record attendance there afterwards.",
        )
    for row in attendees:
        yield due(
            row,
            row["participant__email"],
            row["participant__user_id"],
            f"An activity you are taking part in is {wording.in_days(days)}",
            "We look forward to seeing you. If you can no longer come, please let us know so "
            "someone on the waiting list can have your place.",
            participant_id=row["participant_id"],
        )


# --- "you said, we did" ------------------------------------------------------------------------


def feedback_action_due(now: datetime) -> Iterator[Due]:
    today = timezone.localdate(now)
    rows = FeedbackItem.objects.filter(
        action_status__in=[FeedbackItem.ActionStatus.OPEN, FeedbackItem.ActionStatus.IN_PROGRESS],
        action_due__lte=today + settings.REMINDERS_FEEDBACK_ACTION_DAYS * DAY,
        action_owner__is_active=True,
    ).values("id", "action", "action_due", "action_owner_id", "action_owner__email")
    for row in rows:
        due_on: date = row["action_due"]
        overdue = due_on < today
        action = row["action"] if len(row["action"]) <= 200 else row["action"][:197] + "..."
        yield Due(
            subject_type="feedback_item",
            subject_id=row["id"],
            recipient_email=row["action_owner__email"],
            recipient_user_id=row["action_owner_id"],
            occasion=f"{'overdue' if overdue else 'due'}:{due_on}",
            due_at=wording.morning(today),
            subject_line=(
                'A "you said, we did" action you own is overdue'
                if overdue
                else 'A "you said, we did" action you own is due soon'
            ),
            body=(
                f'The action "{action}" {"was" if overdue else "is"} due on {wording.day(due_on)}.\n\n'
                "Please record what was done, or move it on to in progress or not doing with a "
                "reason, so the people who raised it can see what changed."
            ),
            link=links.page("web:lead:consultations-feedback-item", row["id"]),
        )


# --- payments ---------------------------------------------------------------------------------


def _waited_since(today: date, working_days: int) -> date:
    """Claims submitted before this day have waited more than `working_days` (Mon-Fri) by today.

    It is the (working_days + 1)th working day counting back from today, today included.
    """
    day, counted = today, 0
    while True:
        if day.weekday() < 5:
            counted += 1
            if counted > working_days:
                return day
        day -= DAY


def claim_waiting_approval(now: datetime) -> Iterator[Due]:
    working_days = settings.REMINDERS_CLAIM_WAITING_WORKING_DAYS
    today = timezone.localdate(now)
    before = wording.start_of(_waited_since(today, working_days))
    leads = list(
        User.objects.filter(groups__name=Role.INVOLVEMENT_LEAD, is_active=True)
        .values_list("id", "email")
        .distinct()
    )
    if not leads:
        return
    claims = PaymentClaim.objects.filter(
        status=PaymentClaim.Status.SUBMITTED, submitted_at__lt=before
    ).values_list("id", "submitted_at", "total_amount")
    due_at = wording.morning(today)
    for claim_id, submitted_at, total in claims:
        body = (
            f"A payment claim for £{total}, submitted on "
            f"{wording.day(timezone.localtime(submitted_at).date())}, "
            f"has been waiting more than {working_days} working days for approval.\n\n"
            "Please approve it, or reject it with a reason, so the person is paid on time."
        )
        link = links.page("web:payments:claim", claim_id)
        for lead_id, email in leads:
            yield Due(
                subject_type="payment_claim",
                subject_id=claim_id,
                recipient_email=email,
                recipient_user_id=lead_id,
                occasion="waiting",
                due_at=due_at,
                subject_line="A payment claim is waiting for approval",
                body=body,
                link=link,
            )


register(
    Rule(
        name="involvement.consultation_closing_owner",
        who="The consultation's owner",
        when=(
            f"{wording.days(settings.REMINDERS_CONSULTATION_OWNER_DAYS)} before it closes "
            "(REMINDERS_CONSULTATION_OWNER_DAYS)"
        ),
        due=consultation_closing_owner,
    )
)
register(
    Rule(
        name="involvement.consultation_closing_invitee",
        who="Invited participants who have not responded and may be contacted",
        when=(
            f"{wording.days(settings.REMINDERS_CONSULTATION_INVITEE_DAYS)} before it closes "
            "(REMINDERS_CONSULTATION_INVITEE_DAYS)"
        ),
        due=consultation_closing_invitee,
    )
)
register(
    Rule(
        name="involvement.consultation_outcome_waiting",
        who="The consultation's owner",
        when=(
            f"{wording.days([settings.REMINDERS_CONSULTATION_OUTCOME_DAYS])} after closing with no outcome "
            "published (REMINDERS_CONSULTATION_OUTCOME_DAYS)"
        ),
        due=consultation_outcome_waiting,
    )
)
register(
    Rule(
        name="involvement.activity_tomorrow",
        who="The activity's leads, and participants with a place who may be contacted",
        when=f"{wording.days([settings.REMINDERS_ACTIVITY_DAYS])} before it starts (REMINDERS_ACTIVITY_DAYS)",
        due=activity_tomorrow,
    )
)
register(
    Rule(
        name="involvement.feedback_action_due",
        who="The action's owner",
        when=(
            f"{wording.days([settings.REMINDERS_FEEDBACK_ACTION_DAYS])} before it is due, "
            "and again once overdue "
            "(REMINDERS_FEEDBACK_ACTION_DAYS)"
        ),
        due=feedback_action_due,
    )
)
register(
    Rule(
        name="involvement.claim_waiting_approval",
        who="Every involvement lead",
        when=(
            f"A submitted claim waiting more than {settings.REMINDERS_CLAIM_WAITING_WORKING_DAYS} working "
            "days (REMINDERS_CLAIM_WAITING_WORKING_DAYS)"
        ),
        due=claim_waiting_approval,
    )
)
