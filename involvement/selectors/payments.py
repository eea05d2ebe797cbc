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
    "EXPORTABLE",
    "claim_list",
    "claim_tax_year_total",
    "claims_for_export",
    "over_threshold",
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
# What finance's export can list: claims to pay, or claims paid (to reconcile with payroll).
EXPORTABLE = (PaymentClaim.Status.APPROVED, PaymentClaim.Status.PAID)
TOTAL_FIELD = DecimalField(max_digits=12, decimal_places=2)
ZERO = Decimal("0.00")
PENNY = Decimal("0.01")


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


def over_threshold(tax_year_total: Decimal) -> bool:
    """Whether a person's involvement payments for a tax year are over the threshold.

    The one test behind every warning: a claim's, the per-person totals', the export's column,
    and the approval that needs a note of the conversation with the person.
    """
    return tax_year_total > payment_threshold()


def rate_card_list() -> QuerySet[RateCardEntry]:
    return RateCardEntry.objects.select_related("activity_kind")


def _with_tax_year_total(claims: QuerySet[PaymentClaim]) -> QuerySet[PaymentClaim]:
    """Annotate `tax_year_total`: the person's involvement payments for the claim's tax year.

    Submitted, approved and paid claims count, this one included; rejected ones do not.
    Involvement payments are what count as earnings; expenses repay costs.
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
    return claims.annotate(
        tax_year_total=Coalesce(
            Subquery(same_year, output_field=TOTAL_FIELD), Value(ZERO), output_field=TOTAL_FIELD
        )
    )


def claim_tax_year_total(claim: PaymentClaim) -> Decimal:
    """The `tax_year_total` that `claim_list()` shows for this claim, read now, in pounds and pence."""
    total = (
        _with_tax_year_total(PaymentClaim.objects.filter(pk=claim.pk))
        .values_list("tax_year_total", flat=True)  # type: ignore[misc]  # an annotation stubs cannot see
        .get()
    )
    # SQLite hands an annotation read by values_list() back unrounded (100.010000000000).
    return Decimal(total).quantize(PENNY)


def claim_list() -> QuerySet[PaymentClaim]:
    """Claims with who, what and when joined in, and the person's running total for that tax year."""
    return _with_tax_year_total(
        PaymentClaim.objects.select_related(
            "participant",
            "participation__activity__kind",
            "participation__participant",
            "submitted_by",
            "approved_by",
            "paid_by",
            "rejected_by",
        ).prefetch_related("expenses")
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


def claims_for_export(
    *,
    status: str = PaymentClaim.Status.APPROVED,
    approved_from: dt.date | None = None,
    approved_to: dt.date | None = None,
) -> QuerySet[PaymentClaim]:
    """Approved claims (to pay) or paid ones (to reconcile), oldest approval first, with `tax_year_total`.

    `status` is one of EXPORTABLE. Dates are inclusive, in local time.
    """
    claims = _with_tax_year_total(
        PaymentClaim.objects.filter(status=status).select_related(
            "participant", "participation__activity", "approved_by"
        )
    )
    if approved_from is not None:
        claims = claims.filter(approved_at__date__gte=approved_from)
    if approved_to is not None:
        claims = claims.filter(approved_at__date__lte=approved_to)
    return claims.order_by("approved_at", "id")
