"""Payments: the rate card, claims built from attended participation, expenses, approval and payment.

A claim copies the rate in force when it is made, so editing the rate card later never changes
what someone was promised. Claims move submitted > approved > paid, or submitted > rejected;
leads approve and reject, finance pays, and nobody deletes a claim. Approving a claim over the
tax-year threshold needs a note that the lead talked to the person; marking one paid needs the
day it was paid and the payment's reference, so finance's records and ours can be matched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, NoReturn, TypedDict, Unpack

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.errors import NotPermitted
from accounts.models import User
from accounts.roles import Role
from accounts.updates import apply_changes
from involvement.errors import InvolvementConflict, InvolvementError
from involvement.models import (
    ActivityKind,
    ExpenseLine,
    Participant,
    Participation,
    ParticipationRole,
    PaymentClaim,
    RateCardEntry,
)
from involvement.selectors.payments import (
    claim_tax_year_total,
    over_threshold,
    payment_threshold,
    tax_year_label,
    tax_year_of,
)
from involvement.visibility import own_participant_id
from reminders.wording import day

__all__ = [
    "money",
    "payment_claim_approve",
    "payment_claim_create",
    "payment_claim_delete",
    "payment_claim_mark_paid",
    "payment_claim_reject",
    "payment_claim_update_expenses",
    "rate_card_entry_create",
    "rate_card_entry_delete",
    "rate_card_entry_update",
]

PENNY = Decimal("0.01")
ZERO = Decimal("0.00")
Status = PaymentClaim.Status
EXPENSE_FIELDS = {"kind", "amount", "receipt_reference", "description"}
BENEFITS_NOTE_LENGTH = (10, 1000)
PAYMENT_REFERENCE_LENGTH = 100


class RateChanges(TypedDict, total=False):
    activity_kind: ActivityKind
    role: str
    unit: str
    amount: Decimal
    is_active: bool


def money(value: Decimal | int | str) -> Decimal:
    """Pounds rounded to the penny, halves up (30.875 -> 30.88), as payroll does."""
    return Decimal(value).quantize(PENNY, rounding=ROUND_HALF_UP)


def _is_lead(user: User) -> bool:
    return user.has_role(Role.INVOLVEMENT_LEAD, Role.ADMIN)


def _require_lead(user: User, doing: str) -> None:
    if not _is_lead(user):
        raise NotPermitted(f"Only an involvement lead can {doing}.")


def _amount(raw: Any, field: str, *, allow_zero: bool) -> Decimal:
    """A money amount from user input: a number, not negative, in pounds and pence."""
    try:
        value = Decimal(str(raw))
    except (InvalidOperation, ValueError, TypeError):
        raise InvolvementError("Give an amount in pounds and pence, like 12.50.", field=field) from None
    if not value.is_finite():
        raise InvolvementError("Give an amount in pounds and pence, like 12.50.", field=field)
    if value < 0:
        raise InvolvementError("An amount cannot be negative.", field=field)
    if value == 0 and not allow_zero:
        raise InvolvementError("An amount must be more than £0.00.", field=field)
    if value != value.quantize(PENNY):
        raise InvolvementError("Give the amount in pounds and pence (two decimal places).", field=field)
    if value >= Decimal("100000000"):
        raise InvolvementError("That amount is too large.", field=field)
    return value.quantize(PENNY)


# --- the rate card ----------------------------------------------------------------------


def _check_rate(entry: RateCardEntry) -> None:
    if entry.role not in ParticipationRole.values:
        raise InvolvementError("Choose a role from the list.", field="role")
    if entry.unit not in RateCardEntry.Unit.values:
        raise InvolvementError("Choose per hour or per session.", field="unit")
    entry.amount = _amount(entry.amount, "amount", allow_zero=True)
    clash = RateCardEntry.objects.filter(activity_kind_id=entry.activity_kind_id, role=entry.role)
    if entry.pk:
        clash = clash.exclude(pk=entry.pk)
    if clash.exists():
        raise InvolvementError(
            f"{entry.activity_kind} already has a rate for {entry.get_role_display().lower()}s; "
            "change that entry instead.",
            field="role",
        )
    entry.full_clean()


@transaction.atomic
def rate_card_entry_create(
    *,
    by: User,
    activity_kind: ActivityKind,
    role: str,
    unit: str,
    amount: Decimal,
    is_active: bool = True,
) -> RateCardEntry:
    entry = RateCardEntry(
        activity_kind=activity_kind, role=role, unit=unit, amount=amount, is_active=is_active
    )
    _check_rate(entry)
    entry.save()
    return entry


@transaction.atomic
def rate_card_entry_update(
    *, entry: RateCardEntry, by: User, **changes: Unpack[RateChanges]
) -> RateCardEntry:
    """Change a rate. Claims already made keep the rate they were made with."""
    entry = RateCardEntry.objects.select_for_update().get(pk=entry.pk)
    apply_changes(entry, changes, RateChanges, error=InvolvementError, validate=_check_rate)
    return entry


# --- claims -------------------------------------------------------------------------------


def _expense_lines(expenses: Iterable[Mapping[str, Any]], preference: str) -> list[ExpenseLine]:
    """Expense lines from user input, checked line by line; errors name e.g. expenses.0.amount."""
    expenses = list(expenses or [])
    if expenses and preference == Participant.PaymentPreference.NONE:
        raise InvolvementError(
            "This person has chosen not to be paid, so no expenses can be claimed for them.",
            field="expenses",
        )
    lines = []
    for index, raw in enumerate(expenses):
        where = f"expenses.{index}"
        unknown = sorted(set(raw) - EXPENSE_FIELDS)
        if unknown:
            raise InvolvementError(
                f"{unknown[0]} is not part of an expense line.", field=f"{where}.{unknown[0]}"
            )
        if raw.get("kind") not in ExpenseLine.Kind.values:
            raise InvolvementError("Choose travel, care or other.", field=f"{where}.kind")
        if "amount" not in raw:
            raise InvolvementError("Give the amount.", field=f"{where}.amount")
        line = ExpenseLine(
            kind=raw["kind"],
            amount=_amount(raw["amount"], f"{where}.amount", allow_zero=False),
            receipt_reference=(raw.get("receipt_reference") or "").strip(),
            description=(raw.get("description") or "").strip(),
        )
        if len(line.receipt_reference) > 100:
            raise InvolvementError(
                "Keep the receipt reference to 100 characters.", field=f"{where}.receipt_reference"
            )
        if len(line.description) > 300:
            raise InvolvementError("Keep the description to 300 characters.", field=f"{where}.description")
        lines.append(line)
    return lines


def _set_totals(claim: PaymentClaim, lines: list[ExpenseLine]) -> None:
    claim.expenses_amount = money(sum((line.amount for line in lines), ZERO))
    claim.total_amount = claim.involvement_amount + claim.expenses_amount


@transaction.atomic
def payment_claim_create(
    *,
    participation: Participation,
    by: User,
    hours: Decimal | None = None,
    expenses: Iterable[Mapping[str, Any]] = (),
    on_behalf: bool = False,
) -> PaymentClaim:
    """Claim the involvement payment (hours x rate, or the session rate) and expenses for one attendance.

    Hours default to the attendance recorded. The person's payment preference is honoured:
    expenses only means no involvement payment; no payment means nothing at all.
    `on_behalf` is for another service acting for the trust (an interview outcome paying its
    panel), never for a request: it skips the check that the caller is a lead or the person.
    """
    participation = (
        Participation.objects.select_for_update()
        .select_related("activity__kind", "participant")
        .get(pk=participation.pk)
    )
    person, activity = participation.participant, participation.activity
    if not on_behalf and not _is_lead(by) and own_participant_id(by) != person.pk:
        raise NotPermitted("You can only claim for activities you attended yourself.")
    if PaymentClaim.objects.filter(participation=participation).exists():
        raise InvolvementConflict("A claim has already been made for this attendance.", field="participation")
    if participation.attendance != Participation.Attendance.ATTENDED:
        raise InvolvementError(
            f"Claims are for activities attended; this attendance is recorded as "
            f'"{participation.get_attendance_display().lower()}".',
            field="participation",
        )

    if hours is None:
        hours = participation.hours if participation.hours is not None else activity.length_hours
    try:
        hours = Decimal(str(hours))
    except (InvalidOperation, ValueError):
        raise InvolvementError("Give the hours as a number, like 2.5.", field="hours") from None
    if not hours.is_finite() or hours <= 0:
        raise InvolvementError("Hours must be more than 0.", field="hours")
    if hours != hours.quantize(PENNY):
        raise InvolvementError("Give hours to two decimal places at most.", field="hours")
    if hours > activity.length_hours:
        raise InvolvementError(
            f"Hours cannot be more than the activity's length ({activity.length_hours}).", field="hours"
        )

    preference = person.payment_preference
    lines = _expense_lines(expenses, preference)
    rate = RateCardEntry.objects.filter(
        activity_kind_id=activity.kind_id, role=participation.role, is_active=True
    ).first()
    claim = PaymentClaim(
        participation=participation,
        participant=person,
        status=Status.SUBMITTED,
        hours=hours,
        tax_year=tax_year_of(activity.starts_at),
        submitted_at=timezone.now(),
        submitted_by=by,
    )
    if rate is not None:
        # The rate is recorded even when the person declines payment, to show what was waived.
        claim.rate_unit, claim.rate_amount = rate.unit, rate.amount
        if preference == Participant.PaymentPreference.PAID:
            per_hour = rate.unit == RateCardEntry.Unit.HOUR
            claim.involvement_amount = money(hours * rate.amount if per_hour else rate.amount)
    _set_totals(claim, lines)
    claim.full_clean(exclude=["participation"])
    try:
        with transaction.atomic():
            claim.save()
    except IntegrityError as exc:  # a second claim for the same attendance won the race
        raise InvolvementConflict(
            "A claim has already been made for this attendance.", field="participation"
        ) from exc
    for line in lines:
        line.claim = claim
    ExpenseLine.objects.bulk_create(lines)
    return claim


def _locked(claim: PaymentClaim) -> PaymentClaim:
    return PaymentClaim.objects.select_for_update().select_related("participant").get(pk=claim.pk)


def _require_status(claim: PaymentClaim, allowed: Status, rule: str) -> None:
    if claim.status != allowed:
        raise InvolvementConflict(
            f"This claim is {claim.get_status_display().lower()}; {rule}.", field="status"
        )


@transaction.atomic
def payment_claim_update_expenses(
    *, claim: PaymentClaim, by: User, expenses: Iterable[Mapping[str, Any]]
) -> PaymentClaim:
    """Replace the claim's expense lines (an empty list removes them) while it awaits approval."""
    _require_lead(by, "change a claim's expenses")
    claim = _locked(claim)
    _require_status(claim, Status.SUBMITTED, "expenses can only change while a claim awaits approval")
    lines = _expense_lines(expenses, claim.participant.payment_preference)
    claim.expenses.all().delete()
    for line in lines:
        line.claim = claim
    ExpenseLine.objects.bulk_create(lines)
    _set_totals(claim, lines)
    claim.save(update_fields=["expenses_amount", "total_amount"])
    return claim


def _benefits_note(claim: PaymentClaim, note: str) -> str:
    """The note of the talk with the person: required over the threshold, checked whenever given."""
    note = (note or "").strip()
    shortest, longest = BENEFITS_NOTE_LENGTH
    if not note:
        total = claim_tax_year_total(claim)
        if over_threshold(total):
            raise InvolvementError(
                f"{claim.participant.name}'s involvement payments for {tax_year_label(claim.tax_year)} "
                f"come to £{total}, over the £{payment_threshold()} threshold. Talk to them first "
                "(payments can affect benefits and tax), then say here what you talked about.",
                field="benefits_conversation",
            )
        return ""
    if len(note) < shortest:
        raise InvolvementError(
            f"Say a little more about the conversation (at least {shortest} characters).",
            field="benefits_conversation",
        )
    if len(note) > longest:
        raise InvolvementError(
            f"Keep the note of the conversation to {longest} characters.", field="benefits_conversation"
        )
    return note


@transaction.atomic
def payment_claim_approve(*, claim: PaymentClaim, by: User, benefits_conversation: str = "") -> PaymentClaim:
    """Approve a submitted claim.

    When the person's involvement payments for the tax year are over the threshold (the claim's
    warning), `benefits_conversation` must say that the lead talked to them, and is kept on the
    claim with the time; below the threshold it is optional.
    """
    _require_lead(by, "approve a claim; finance pays claims once approved")
    claim = _locked(claim)
    _require_status(claim, Status.SUBMITTED, "only a submitted claim can be approved")
    note = _benefits_note(claim, benefits_conversation)
    now = timezone.now()
    claim.status = Status.APPROVED
    claim.approved_at = now
    claim.approved_by = by
    fields = ["status", "approved_at", "approved_by"]
    if note:
        claim.benefits_conversation_note = note
        claim.benefits_conversation_at = now
        fields += ["benefits_conversation_note", "benefits_conversation_at"]
    claim.save(update_fields=fields)
    return claim


@transaction.atomic
def payment_claim_reject(*, claim: PaymentClaim, by: User, reason: str) -> PaymentClaim:
    _require_lead(by, "reject a claim")
    claim = _locked(claim)
    _require_status(claim, Status.SUBMITTED, "only a submitted claim can be rejected")
    reason = (reason or "").strip()
    if not reason:
        raise InvolvementError("Say why the claim is rejected; the person will see this.", field="reason")
    if len(reason) > 500:
        raise InvolvementError("Keep the reason to 500 characters.", field="reason")
    claim.status = Status.REJECTED
    claim.rejected_at = timezone.now()
    claim.rejected_by = by
    claim.rejection_reason = reason
    claim.save(update_fields=["status", "rejected_at", "rejected_by", "rejection_reason"])
    return claim


@transaction.atomic
def payment_claim_mark_paid(
    *,
    claim: PaymentClaim,
    by: User,
    paid_on: dt.date | None,
    payment_reference: str,
    today: dt.date | None = None,
) -> PaymentClaim:
    """Record that an approved claim was paid: the day the money went out, and under what reference."""
    if not (_is_lead(by) or by.has_role(Role.FINANCE)):
        raise NotPermitted("Only finance or an involvement lead can mark a claim paid.")
    claim = _locked(claim)
    _require_status(claim, Status.APPROVED, "only an approved claim can be marked paid")
    today = today or timezone.localdate()
    if paid_on is None:
        raise InvolvementError("Give the day the claim was paid.", field="paid_on")
    if paid_on > today:
        raise InvolvementError(
            "The payment date cannot be in the future; mark the claim paid once the money has gone.",
            field="paid_on",
        )
    if claim.approved_at is not None:
        approved_on = timezone.localdate(claim.approved_at)
        if paid_on < approved_on:
            raise InvolvementError(
                f"The payment date cannot be before the claim was approved ({day(approved_on)}).",
                field="paid_on",
            )
    payment_reference = (payment_reference or "").strip()
    if not payment_reference:
        raise InvolvementError(
            "Give the payment's reference (the payroll run or BACS reference).", field="payment_reference"
        )
    if len(payment_reference) > PAYMENT_REFERENCE_LENGTH:
        raise InvolvementError(
            f"Keep the payment reference to {PAYMENT_REFERENCE_LENGTH} characters.", field="payment_reference"
        )
    claim.status = Status.PAID
    claim.paid_at = timezone.now()
    claim.paid_by = by
    claim.paid_on = paid_on
    claim.payment_reference = payment_reference
    claim.save(update_fields=["status", "paid_at", "paid_by", "paid_on", "payment_reference"])
    return claim


def payment_claim_delete(*, claim: PaymentClaim, by: User) -> NoReturn:
    """Refused always: a claim is a financial record. A submitted one is rejected instead."""
    raise InvolvementConflict(
        "A payment claim is a financial record and is never deleted; reject a submitted claim instead."
    )


@transaction.atomic
def rate_card_entry_delete(*, entry: RateCardEntry, by: User) -> None:
    """Remove a rate entered by mistake; claims keep the amounts worked out when they were made."""
    entry.delete()
