"""Involvement figures for the charter: raw counts per directorate, one grouped query each.

Each function returns {directorate_id or None: (numerator, denominator)}; the caller adds
them up for the trust and applies disclosure control before anything is shown.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q

from accounts.selectors import counts_by_directorate
from involvement.models import Activity, Consultation, FeedbackItem, Participation, ParticipationRole, Rung

__all__ = [
    "activities_by_rung",
    "cofacilitated_share",
    "consultation_outcomes_published",
    "coproduction_share",
    "lived_experience_training_delivered",
    "you_said_we_did_on_time",
]

HAPPENED = [Activity.Status.HELD, Activity.Status.CLOSED]


def _held(start: date, end: date):
    return Activity.objects.filter(status__in=HAPPENED, starts_at__date__gte=start, starts_at__date__lte=end)


def coproduction_share(start: date, end: date) -> dict[int | None, tuple[int, int]]:
    """Activities that took place, and how many sat at co-design or co-production."""
    top = Q(rung__in=[Rung.CO_DESIGN, Rung.CO_PRODUCTION])
    return counts_by_directorate(_held(start, end), "team", top=Count("pk", filter=top), all=Count("pk"))


def activities_by_rung(start: date, end: date) -> dict[str, int]:
    """Activities that took place, per ladder rung (raw; disclose before showing)."""
    rows = _held(start, end).values("rung").annotate(n=Count("pk")).order_by()
    counts = {row["rung"]: row["n"] for row in rows}
    return {rung: counts.get(rung, 0) for rung in Rung.values}


def cofacilitated_share(start: date, end: date) -> dict[int | None, tuple[int, int]]:
    """Activities that took place, and how many had a register member as co-facilitator."""
    cofacilitator = Participation.objects.filter(
        activity=OuterRef("pk"), role=ParticipationRole.CO_FACILITATOR, attendance="attended"
    )
    rows = _held(start, end).annotate(has_cofacilitator=Exists(cofacilitator))
    return counts_by_directorate(
        rows, "team", top=Count("pk", filter=Q(has_cofacilitator=True)), all=Count("pk")
    )


def lived_experience_training_delivered(start: date, end: date) -> dict[int | None, tuple[int, int]]:
    """Training sessions for staff delivered with people with lived experience."""
    rows = _held(start, end).filter(kind__code="training-delivery")
    return counts_by_directorate(rows, "team", n=Count("pk"))


def you_said_we_did_on_time(start: date, end: date) -> dict[int | None, tuple[int, int]]:
    """Actions due in the period, and how many were done by their due date."""
    due = FeedbackItem.objects.filter(action_due__gte=start, action_due__lte=end)
    on_time = Q(action_status=FeedbackItem.ActionStatus.DONE, completed_on__lte=F("action_due"))
    activity_side = counts_by_directorate(
        due.filter(activity__isnull=False),
        "activity__team",
        top=Count("pk", filter=on_time),
        all=Count("pk"),
    )
    consultation_side = counts_by_directorate(
        due.filter(consultation__isnull=False),
        "consultation__team",
        top=Count("pk", filter=on_time),
        all=Count("pk"),
    )
    merged = dict(activity_side)
    for key, (top, total) in consultation_side.items():
        old_top, old_total = merged.get(key, (0, 0))
        merged[key] = (old_top + top, old_total + total)
    return merged


def consultation_outcomes_published(start: date, end: date) -> dict[int | None, tuple[int, int]]:
    """Consultations that closed in the period, and how many have published their outcome."""
    closed = Consultation.objects.filter(closes_at__date__gte=start, closes_at__date__lte=end).exclude(
        status=Consultation.Status.DRAFT
    )
    published = Q(status=Consultation.Status.OUTCOME_PUBLISHED)
    return counts_by_directorate(closed, "team", top=Count("pk", filter=published), all=Count("pk"))
