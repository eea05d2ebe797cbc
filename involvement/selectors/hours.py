"""Hours of involvement: totals per person and per team over a period, and one person's record for a
certificate.

Every function takes the participations the reader may see (through `restrict()`), so a total never
counts a row the reader could not open. Hours are the attendance recorded (attended only); an
attendance recorded with no hours counts as none, as on the person's own hours page. A period is
whole days in UK time, first and last day included, by when the activity started.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, QuerySet, Sum

from accounts.models import Team
from involvement.models import Participant, Participation
from involvement.selectors.payments import UK

__all__ = [
    "CertificateLine",
    "HoursTotal",
    "attended_between",
    "hours_by_person",
    "hours_by_team",
    "hours_certificate_lines",
    "hours_total",
]

HOURS = Decimal("0.01")
HOURS_FIELD: DecimalField = DecimalField(max_digits=10, decimal_places=2)


def _hours(value: Decimal | None) -> Decimal:
    # SQLite returns sums of decimals as floats; round them back to hundredths of an hour.
    return Decimal(value or 0).quantize(HOURS)


def attended_between(
    participations: QuerySet[Participation], *, start: dt.date, end: dt.date, team: Team | None = None
) -> QuerySet[Participation]:
    """Attendances at activities that started from `start` to `end` (UK days, both included),
    at activities of `team` when one is given."""
    after = dt.datetime.combine(start, dt.time(), tzinfo=UK)
    before = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=UK)
    found = participations.filter(
        attendance=Participation.Attendance.ATTENDED,
        activity__starts_at__gte=after,
        activity__starts_at__lt=before,
    )
    return found.filter(activity__team=team) if team is not None else found


@dataclass(frozen=True)
class HoursTotal:
    hours: Decimal
    people: int
    activities: int


def hours_total(attended: QuerySet[Participation]) -> HoursTotal:
    """All the hours in `attended` (from `attended_between`), by how many people, at how many
    activities. One query."""
    sums = attended.aggregate(
        hours=Sum("hours"),
        people=Count("participant", distinct=True),
        activities=Count("activity", distinct=True),
    )
    return HoursTotal(_hours(sums["hours"]), sums["people"], sums["activities"])


def hours_by_person(attended: QuerySet[Participation], *, name: str = "") -> QuerySet:
    """One row per person (dicts: participant_id, name, hours, activities), by name; `name` narrows to
    people whose name contains it. One query, however many people."""
    if name.strip():
        attended = attended.filter(participant__name__icontains=name.strip())
    return (
        attended.order_by()
        .values("participant_id", "participant__name")
        .annotate(hours=Sum("hours", output_field=HOURS_FIELD), activities=Count("activity", distinct=True))
        .order_by("participant__name", "participant_id")
    )


def hours_by_team(attended: QuerySet[Participation]) -> list[dict]:
    """One row per team that ran the activities (dicts: team_id, name, hours, people, activities),
    most hours first. One query."""
    rows = (
        attended.order_by()
        .values("activity__team_id", "activity__team__name")
        .annotate(
            hours=Sum("hours"),
            people=Count("participant", distinct=True),
            activities=Count("activity", distinct=True),
        )
    )
    found = [
        {
            "team_id": row["activity__team_id"],
            "name": row["activity__team__name"],
            "hours": _hours(row["hours"]),
            "people": row["people"],
            "activities": row["activities"],
        }
        for row in rows
    ]
    return sorted(found, key=lambda row: (-row["hours"], row["name"]))


@dataclass(frozen=True)
class CertificateLine:
    """One activity a person took part in, as a certificate lists it."""

    title: str
    kind: str
    role: str
    day: dt.date
    hours: Decimal


def hours_certificate_lines(
    attended: QuerySet[Participation], *, participant: Participant
) -> list[CertificateLine]:
    """The activities `participant` took part in among `attended`, oldest first. One query."""
    rows = (
        attended.filter(participant=participant)
        .select_related("activity__kind")
        .order_by("activity__starts_at", "pk")
    )
    return [
        CertificateLine(
            title=row.activity.title,
            kind=row.activity.kind.name,
            role=row.get_role_display(),
            day=row.activity.starts_at.astimezone(UK).date(),
            hours=_hours(row.hours),
        )
        for row in rows
    ]
