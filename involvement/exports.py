"""Finance's CSV of claims: the one file the API's export and the finance pages both hand out.

Columns and values are built here once, so the spreadsheet finance loads into its payment system is
the same whichever door it came through. Free text goes through `spreadsheet_cell`, so a name typed
as a formula stays plain text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator

from django.utils import timezone

from accounts.spreadsheet import spreadsheet_cell
from involvement.models import PaymentClaim
from involvement.selectors.payments import over_threshold, tax_year_label

__all__ = ["CLAIM_EXPORT_COLUMNS", "claim_export_filename", "claim_export_rows", "claims_csv"]

CLAIM_EXPORT_COLUMNS = [
    "Claim ID",
    "Participant",
    "Postal address",
    "Payroll reference",
    "Tax year",
    "Activity",
    "Activity date",
    "Hours",
    "Rate",
    "Involvement amount",
    "Expenses amount",
    "Total",
    "Approved at",
    "Approved by",
    "Over tax-year threshold",
    "Paid on",
    "Payment reference",
]


def claim_export_rows(claims: Iterable[PaymentClaim]) -> Iterator[list]:
    """One row per claim, in CLAIM_EXPORT_COLUMNS' order.

    `claims` come from `selectors.claims_for_export()`, which joins what the rows read and
    annotates `tax_year_total`; no row asks the database anything more.
    """
    for claim in claims:
        activity = claim.participation.activity
        yield [
            claim.pk,
            spreadsheet_cell(claim.participant.name),
            spreadsheet_cell(claim.participant.postal_address),
            spreadsheet_cell(claim.participant.payroll_reference),
            tax_year_label(claim.tax_year),
            spreadsheet_cell(activity.title),
            timezone.localtime(activity.starts_at).date().isoformat(),
            claim.hours,
            claim.rate_amount,
            claim.involvement_amount,
            claim.expenses_amount,
            claim.total_amount,
            timezone.localtime(claim.approved_at).isoformat(timespec="seconds") if claim.approved_at else "",
            spreadsheet_cell(str(claim.approved_by) if claim.approved_by else ""),
            "Yes" if over_threshold(claim.tax_year_total) else "No",  # type: ignore[attr-defined]
            claim.paid_on.isoformat() if claim.paid_on else "",
            spreadsheet_cell(claim.payment_reference),
        ]


def claims_csv(claims: Iterable[PaymentClaim]) -> str:
    """The whole file: the header row, then a row per claim."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CLAIM_EXPORT_COLUMNS)
    writer.writerows(claim_export_rows(claims))
    return out.getvalue()


def claim_export_filename(status: str, today: dt.date) -> str:
    """approved-claims-2026-03-04.csv (to pay) or paid-claims-2026-03-04.csv (to reconcile)."""
    return f"{status}-claims-{today.isoformat()}.csv"
