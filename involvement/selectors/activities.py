"""Reads of activities and who takes part, with their joins and counts."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from accounts.models import User
from involvement.models import Activity, Participation

__all__ = ["activities_for_calendar", "activity_list", "participation_list"]


def activity_list() -> QuerySet[Activity]:
    return (
        Activity.objects.select_related("kind", "team", "series")
        .prefetch_related("themes", "leads", "partners")
        .annotate(
            places_taken=Count(
                "participations", filter=Q(participations__status=Participation.Status.ACCEPTED)
            ),
            waiting=Count("participations", filter=Q(participations__status=Participation.Status.WAITLISTED)),
            attended=Count(
                "participations", filter=Q(participations__attendance=Participation.Attendance.ATTENDED)
            ),
        )
        .order_by("starts_at", "id")  # Meta.ordering is dropped from grouped queries
    )


def participation_list() -> QuerySet[Participation]:
    return Participation.objects.select_related("activity", "participant")


def activities_for_calendar(*, user: User) -> QuerySet[Activity]:
    """Activities the user leads, or has a place at through their register entry."""
    mine = Q(leads=user) | Q(
        participations__participant__user=user,
        participations__status=Participation.Status.ACCEPTED,
    )
    ids = Activity.objects.filter(mine).exclude(status=Activity.Status.CANCELLED).values("pk")
    return Activity.objects.filter(pk__in=ids).select_related("team").order_by("starts_at")
