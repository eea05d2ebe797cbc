"""Reads of activities and who takes part, with their joins and counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, TextChoices
from django.utils import timezone

from accounts.models import Team, User
from involvement.models import Activity, ActivityKind, Participant, Participation

__all__ = [
    "ActivityPlaces",
    "ActivityWhen",
    "Invitee",
    "activities_for_calendar",
    "activities_in_month",
    "activities_matching",
    "activity_list",
    "activity_overview",
    "activity_places",
    "invitees",
    "participation_list",
    "participations_promoted",
]


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


# --- the involvement team's lists and pages ----------------------------------------------------


def activity_overview() -> QuerySet[Activity]:
    """Activities for a long list: kind and team joined, nothing counted (`activity_places` counts
    the places of the rows shown, so a page of 25 never counts the places of thousands)."""
    return Activity.objects.select_related("kind", "team").order_by("starts_at", "id")


class ActivityWhen(TextChoices):
    UPCOMING = "upcoming", "Still to come"
    PAST = "past", "Over"


def activities_matching(
    queryset: QuerySet[Activity],
    *,
    now: dt.datetime,
    status: str = "",
    team: Team | None = None,
    kind: ActivityKind | None = None,
    rung: str = "",
    when: str = "",
) -> QuerySet[Activity]:
    """`queryset` narrowed by the filters given; an empty filter narrows nothing.

    Still to come means not yet over (one under way counts), soonest first; over means ended,
    the latest first.
    """
    exact = {"status": status, "team": team, "kind": kind, "rung": rung}
    queryset = queryset.filter(**{name: value for name, value in exact.items() if value})
    if when == ActivityWhen.UPCOMING:
        return queryset.filter(ends_at__gt=now).order_by("starts_at", "id")
    if when == ActivityWhen.PAST:
        return queryset.filter(ends_at__lte=now).order_by("-starts_at", "-id")
    return queryset


def activities_in_month(queryset: QuerySet[Activity], *, year: int, month: int) -> QuerySet[Activity]:
    """Activities of `queryset` starting in the month, by the trust's clock, in time order."""
    zone = timezone.get_current_timezone()
    first = dt.datetime(year, month, 1, tzinfo=zone)
    following = dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=zone)
    return queryset.filter(starts_at__gte=first, starts_at__lt=following).order_by("starts_at", "id")


@dataclass(frozen=True)
class ActivityPlaces:
    taken: int = 0
    waiting: int = 0
    invited: int = 0  # not yet answered


def activity_places(activity_ids: list[int]) -> dict[int, ActivityPlaces]:
    """Places taken, the waiting list and unanswered invitations of each activity, in one query."""
    Status = Participation.Status
    rows = (
        Participation.objects.filter(activity_id__in=activity_ids)
        .order_by()
        .values("activity_id")
        .annotate(
            taken=Count("pk", filter=Q(status=Status.ACCEPTED)),
            waiting=Count("pk", filter=Q(status=Status.WAITLISTED)),
            invited=Count("pk", filter=Q(status=Status.INVITED)),
        )
    )
    return {row["activity_id"]: ActivityPlaces(row["taken"], row["waiting"], row["invited"]) for row in rows}


def participations_promoted(*, activity: Activity) -> dict[int, dt.datetime]:
    """The participations of `activity` that moved from the waiting list to a place, each with when
    it last did, as the change history records it (one query). A history since removed says nothing."""
    history = (
        Participation.history.filter(activity_id=activity.pk)  # type: ignore[attr-defined]
        .order_by("id", "history_date", "history_id")
        .values_list("id", "status", "history_date")
    )
    promoted: dict[int, dt.datetime] = {}
    before: dict[int, str] = {}
    for pk, status, moment in history:
        if status == Participation.Status.ACCEPTED and before.get(pk) == Participation.Status.WAITLISTED:
            promoted[pk] = moment
        before[pk] = status
    return promoted


@dataclass(frozen=True)
class Invitee:
    """Someone on the register, and why an invitation to the activity would leave them out ("" if not)."""

    participant: Participant
    left_out: str


def invitees(*, activity: Activity, participants: QuerySet[Participant]) -> list[Invitee]:
    """Each of `participants`, by name, with the reason the invitation services would skip or
    refuse them: already invited, no consent to be contacted, or not active on the register.
    One query."""
    answer = Participation.objects.filter(activity=activity, participant=OuterRef("pk")).values("status")
    rows = participants.annotate(invitation=Subquery(answer[:1])).order_by("name", "pk")
    found = []
    for person in rows:
        found.append(Invitee(person, _left_out(person, person.invitation)))  # type: ignore[attr-defined]
    return found


ALREADY = {
    Participation.Status.INVITED: "Already invited, no reply yet",
    Participation.Status.ACCEPTED: "Already invited, and has a place",
    Participation.Status.WAITLISTED: "Already invited, and on the waiting list",
    Participation.Status.DECLINED: "Already invited, and declined",
    Participation.Status.WITHDRAWN: "Already invited, and gave up their place",
}


def _left_out(person: Participant, invitation: str | None) -> str:
    if invitation:
        return ALREADY[Participation.Status(invitation)]
    if person.consent_withdrawn_at is not None:
        return "Has withdrawn consent to be contacted"
    if person.consent_given_at is None:
        return "Has not given consent to be contacted"
    if person.status == Participant.Status.PAUSED:
        return "Paused on the register"
    if person.status != Participant.Status.ACTIVE:
        return "Has left the register"
    return ""
