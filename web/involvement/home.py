"""Home cards from involvement: a participant's next steps; an involvement lead's and finance's queues."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q, Sum
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.visibility import restrict
from involvement import selectors
from involvement.models import Activity, Consultation, FeedbackItem, Participation, PaymentClaim
from involvement.visibility import own_participant_id
from web.home import Card, Figure, Line, card
from web.templatetags.nhs import pounds, when

Status = Participation.Status
STILL_TO_COME = (Activity.Status.PLANNED, Activity.Status.OPEN)


@card(roles=(Role.PARTICIPANT,), order=10)
def participant(request: HttpRequest) -> Card | None:
    own = own_participant_id(request.user)
    if own is None:
        return Card(
            "Your involvement",
            empty=(
                "Your account is not linked to the involvement register yet. "
                "Ask the involvement team to link it."
            ),
        )
    now = timezone.now()
    mine = restrict(selectors.participation_list(), request.user).filter(participant_id=own)
    coming = Q(activity__ends_at__gt=now, activity__status__in=STILL_TO_COME)
    counts = mine.aggregate(
        invited=Count("pk", filter=coming & Q(status=Status.INVITED)),
        waiting=Count("pk", filter=coming & Q(status=Status.WAITLISTED)),
    )
    claims = (
        restrict(PaymentClaim.objects.all(), request.user)
        .filter(participant_id=own, status__in=[PaymentClaim.Status.SUBMITTED, PaymentClaim.Status.APPROVED])
        .count()
    )
    following = (
        mine.filter(status=Status.ACCEPTED, activity__ends_at__gt=now)
        .exclude(activity__status=Activity.Status.CANCELLED)
        .order_by("activity__starts_at", "pk")
        .first()
    )
    figures = [
        Figure(
            counts["invited"],
            "invitation waiting for your reply",
            "invitations waiting for your reply",
            reverse("web:involvement:invitations"),
        ),
        Figure(
            claims, "claim being dealt with", "claims being dealt with", reverse("web:involvement:claims")
        ),
    ]
    if counts["waiting"]:
        figures.append(
            Figure(
                counts["waiting"],
                "waiting-list place",
                "waiting-list places",
                reverse("web:involvement:invitations"),
            )
        )
    lines = []
    if following is not None:
        activity = following.activity
        lines.append(
            Line(
                f"Your next activity: {activity.title}",
                reverse("web:involvement:activity", args=[activity.pk]),
                hint=", ".join(part for part in (when(activity.starts_at), activity.venue) if part),
            )
        )
    return Card(
        "Your involvement",
        figures=figures,
        lines=lines,
        links=[
            Line("Your hours", reverse("web:involvement:hours")),
            Line("Consent and what you share", reverse("web:involvement:consent")),
        ],
    )


@card(roles=(Role.INVOLVEMENT_LEAD,), order=20)
def involvement_lead(request: HttpRequest) -> Card:
    user, now = request.user, timezone.now()
    today = timezone.localdate()
    waiting = restrict(PaymentClaim.objects.all(), user).filter(status=PaymentClaim.Status.SUBMITTED).count()
    closing = (
        restrict(Consultation.objects.all(), user)
        .filter(status=Consultation.Status.OPEN, closes_at__lte=now + timedelta(days=7))
        .count()
    )
    overdue = (
        restrict(FeedbackItem.objects.all(), user)
        .filter(
            action_due__lt=today,
            action_status__in=[FeedbackItem.ActionStatus.OPEN, FeedbackItem.ActionStatus.IN_PROGRESS],
        )
        .count()
    )
    soon = (
        restrict(Activity.objects.all(), user)
        .filter(starts_at__gte=now, starts_at__lte=now + timedelta(days=14), status__in=STILL_TO_COME)
        .order_by("starts_at", "pk")[:5]
    )
    return Card(
        "Involvement",
        figures=[
            Figure(
                waiting,
                "claim waiting for your approval",
                "claims waiting for your approval",
                reverse("web:payments:to-approve"),
                warning=True,
            ),
            Figure(closing, "consultation closing within 7 days", "consultations closing within 7 days"),
            Figure(
                overdue,
                '"you said, we did" action overdue',
                '"you said, we did" actions overdue',
                warning=True,
            ),
        ],
        lines_heading="Activities in the next 14 days",
        lines=[Line(activity.title, hint=when(activity.starts_at)) for activity in soon],
        empty="None.",
    )


@card(roles=(Role.FINANCE,), order=30)
def finance(request: HttpRequest) -> Card:
    approved = (
        restrict(PaymentClaim.objects.all(), request.user)
        .filter(status=PaymentClaim.Status.APPROVED)
        .aggregate(count=Count("pk"), total=Sum("total_amount"))
    )
    return Card(
        "Involvement payments",
        figures=[
            Figure(
                approved["count"],
                "approved claim waiting to be paid",
                "approved claims waiting to be paid",
                reverse("web:payments:to-pay"),
                warning=True,
            )
        ],
        lines=[Line(f"Total to pay: {pounds(approved['total'] or 0)}")] if approved["count"] else [],
    )
