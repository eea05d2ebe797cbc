"""Recruitment figures for the charter: raw counts per directorate, one grouped query each.

Returned raw; the charter applies disclosure control before anything is shown. The equality
figures come out only as counts per group, never per person.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from accounts.selectors import counts_by_directorate, directorate_of
from recruitment.models import (
    AdjustmentRequest,
    Application,
    EqualityMonitoring,
    Interview,
    Offer,
    PanelMember,
    Vacancy,
)

__all__ = [
    "adjustments_provided_share",
    "advert_to_offer_days",
    "lived_experience_panel_share",
    "register_applications",
]

BME = [
    EqualityMonitoring.EthnicGroup.MIXED,
    EqualityMonitoring.EthnicGroup.ASIAN,
    EqualityMonitoring.EthnicGroup.BLACK,
    EqualityMonitoring.EthnicGroup.OTHER,
]


def lived_experience_panel_share(start: date, end: date):
    """Lived-experience vacancies interviewing in the period, and how many had such a panellist."""
    in_period = Interview.objects.filter(
        application__vacancy=OuterRef("pk"), starts_at__date__gte=start, starts_at__date__lte=end
    )
    with_lived = PanelMember.objects.filter(
        interview__application__vacancy=OuterRef("pk"),
        interview__starts_at__date__gte=start,
        interview__starts_at__date__lte=end,
        lived_experience=True,
    )
    vacancies = Vacancy.objects.filter(lived_experience_role=True).filter(Exists(in_period))
    vacancies = vacancies.annotate(lived=Exists(with_lived))
    return counts_by_directorate(vacancies, "team", lived=Count("pk", filter=Q(lived=True)), all=Count("pk"))


def advert_to_offer_days(start: date, end: date):
    """Offers made in the period: total calendar days from the advert opening, and how many offers.

    Days are counted between the two dates in the trust's time zone, as a person reading a
    calendar would: an offer made at 08:00 thirty days after an advert opened at 09:00 took
    thirty days, and the spring clock change does not lose one. One query; the day arithmetic
    is done here because SQLite has no interval type.
    """
    rows = (
        Offer.objects.filter(made_at__date__gte=start, made_at__date__lte=end)
        .annotate(directorate=directorate_of("application__vacancy__team"))
        .values_list("made_at", "application__vacancy__opens_at", "directorate")
    )
    grouped: dict[int | None, tuple[int, int]] = {}
    for made_at, opens_at, directorate in rows:
        days, count = grouped.get(directorate, (0, 0))
        elapsed = (timezone.localdate(made_at) - timezone.localdate(opens_at)).days
        grouped[directorate] = (days + max(elapsed, 0), count + 1)
    return grouped


def adjustments_provided_share(start: date, end: date):
    """Adjustments for the recruitment process decided in the period, and how many were provided."""
    decided = AdjustmentRequest.objects.filter(decided_at__date__gte=start, decided_at__date__lte=end)
    return counts_by_directorate(
        decided,
        "application__vacancy__team",
        provided=Count("pk", filter=Q(provided=True)),
        all=Count("pk"),
    )


def register_applications(start: date, end: date):
    """Applications from people on the involvement register: involvement leading into employment."""
    rows = Application.objects.filter(
        applied_at__date__gte=start, applied_at__date__lte=end, participant__isnull=False
    )
    return counts_by_directorate(rows, "vacancy__team", n=Count("pk"))
