"""Reads for payments: the rate card, claims with their tax-year totals, per-person totals, the export."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from involvement.models import Participant, PaymentClaim, RateCardEntry

__all__ = [
    "approved_claims_for_export",
    "claim_list",
    "payment_threshold",
    "payment_totals_by_person",
    "rate_card_list",
    "tax_year_bounds",
    "tax_year_label",
    "tax_year_of",
]

# The UK tax year is set in UK law, so it follows London time whatever TIME_ZONE says.
UK = ZoneInfo("Europe/London")
# Claims that count towards a person's earnings for the year: everything not turned down.
COUNTED = (PaymentClaim.Status.SUBMITTED, PaymentClaim.Status.APPROVED, PaymentClaim.Status.PAID)
TOTAL_FIELD = DecimalField(max_digits=12, decimal_places=2)
ZERO = Decimal("0.00")


def tax_year_of(moment: dt.date | dt.datetime) -> int:
    """The tax year (named by the year it starts) a date falls in: 6 April to 5 April."""
    day = moment.astimezone(UK).date() if isinstance(moment, dt.datetime) else moment
    return day.year if (day.month, day.day) >= (4, 6) else day.year - 1


def tax_year_bounds(tax_year: int) -> tuple[dt.date, dt.date]:
    """First and last day of a tax year."""
    return dt.date(tax_year, 4, 6), dt.date(tax_year + 1, 4, 5)


def tax_year_label(tax_year: int) -> str:
    return f"{tax_year}-{(tax_year + 1) % 100:02d}"


def payment_threshold() -> Decimal:
    """Involvement payments in one tax year above which the lead should talk to the person."""
    return Decimal(str(settings.INVOLVEMENT_PAYMENT_TAX_YEAR_THRESHOLD))


def rate_card_list() -> QuerySet[RateCardEntry]:
    return RateCardEntry.objects.select_related("activity_kind")


def claim_list() -> QuerySet[PaymentClaim]:
    """Claims with who, what and when joined in, and the person's running total for that tax year.

    `tax_year_total` sums involvement payments (what counts as earnings); expenses repay costs.
    """
    same_year = (
        PaymentClaim.objects.filter(
            participant=OuterRef("participant"), tax_year=OuterRef("tax_year"), status__in=COUNTED
        )
        .order_by()
        .values("participant")
        .annotate(total=Sum("involvement_amount"))
        .values("total")
    )
    return (
        PaymentClaim.objects.select_related(
            "participant",
            "participation__activity__kind",
            "participation__participant",
            "submitted_by",
            "approved_by",
            "paid_by",
            "rejected_by",
        )
        .prefetch_related("expenses")
        .annotate(
            tax_year_total=Coalesce(
                Subquery(same_year, output_field=TOTAL_FIELD), Value(ZERO), output_field=TOTAL_FIELD
            )
        )
    )


def payment_totals_by_person(*, tax_year: int) -> QuerySet[Participant]:
    """Everyone with a claim in the tax year, with their involvement, expenses and overall totals.

    Rejected claims are left out. Highest involvement total first, so the people nearest the
    threshold are at the top.
    """
    return (
        Participant.objects.filter(claims__tax_year=tax_year, claims__status__in=COUNTED)
        .annotate(
            claim_count=Count("claims"),
            involvement_total=Sum("claims__involvement_amount", output_field=TOTAL_FIELD),
            expenses_total=Sum("claims__expenses_amount", output_field=TOTAL_FIELD),
            total=Sum("claims__total_amount", output_field=TOTAL_FIELD),
        )
        .order_by("-involvement_total", "name", "id")
    )


def approved_claims_for_export(
    *, approved_from: dt.date | None = None, approved_to: dt.date | None = None
) -> QuerySet[PaymentClaim]:
    """Approved claims not yet paid, oldest approval first; dates are inclusive, in local time."""
    claims = PaymentClaim.objects.filter(status=PaymentClaim.Status.APPROVED).select_related(
        "participant", "participation__activity", "approved_by"
    )
    if approved_from is not None:
        claims = claims.filter(approved_at__date__gte=approved_from)
    if approved_to is not None:
        claims = claims.filter(approved_at__date__lte=approved_to)
    return claims.order_by("approved_at", "id")
