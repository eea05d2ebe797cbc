"""Payments services: the rate card, working out claims, preferences, tax years and the claim lifecycle."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import timezone

from accounts.errors import NotPermitted
from accounts.roles import Role
from involvement import selectors, services
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
from tests.factories import (
    ActivityFactory,
    ActivityKindFactory,
    AttendedParticipationFactory,
    ParticipantFactory,
    PaymentClaimFactory,
    RateCardEntryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
KIND_NUMBERS = itertools.count(1)


@pytest.fixture
def lead():
    return UserFactory(roles=[Role.INVOLVEMENT_LEAD])


@pytest.fixture
def finance():
    return UserFactory(roles=[Role.FINANCE])


def _held(starts_at: dt.datetime | None = None, hours: int = 3, **kwargs):
    starts_at = starts_at or dt.datetime(2025, 1, 15, 10, 0, tzinfo=LONDON)
    return ActivityFactory(
        starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=hours), status="held", **kwargs
    )


def _attended(hours: str = "2.00", activity=None, **kwargs) -> Participation:
    return AttendedParticipationFactory(activity=activity or _held(), hours=Decimal(hours), **kwargs)


def _rate(amount: str = "20.00", unit: str = RateCardEntry.Unit.HOUR, **kwargs) -> RateCardEntry:
    return RateCardEntryFactory(amount=Decimal(amount), unit=unit, **kwargs)


def _claim(lead, participation=None, **kwargs) -> PaymentClaim:
    return services.payment_claim_create(participation=participation or _attended(), by=lead, **kwargs)


def _pay(claim: PaymentClaim, by, paid_on: dt.date | None = None, reference: str = "PAYROLL-RUN-1"):
    return services.payment_claim_mark_paid(
        claim=claim, by=by, paid_on=paid_on or timezone.localdate(), payment_reference=reference
    )


def _nothing_written(before_claims: int = 0, before_lines: int = 0) -> None:
    assert PaymentClaim.objects.count() == before_claims
    assert ExpenseLine.objects.count() == before_lines


# --- working out the amounts ---------------------------------------------------------------


class TestClaimAmounts:
    def test_hours_times_rate_rounds_half_up_to_the_penny(self, lead):
        _rate("12.35")
        claim = _claim(lead, _attended("2.50"))
        # 2.5 x 12.35 = 30.875, which rounds up to 30.88
        assert claim.involvement_amount == Decimal("30.88")
        assert claim.total_amount == Decimal("30.88")
        assert (claim.rate_unit, claim.rate_amount, claim.hours) == (
            "hour",
            Decimal("12.35"),
            Decimal("2.50"),
        )
        claim.refresh_from_db()
        assert claim.total_amount == Decimal("30.88")

    @pytest.mark.parametrize(
        ("hours", "rate", "expected"),
        [
            ("2.50", "12.33", "30.83"),
            ("0.25", "10.10", "2.53"),
            ("1.50", "0.01", "0.02"),
            ("3.00", "0.00", "0.00"),
        ],
    )
    def test_halves_round_up_not_to_even(self, lead, hours, rate, expected):
        _rate(rate)
        assert _claim(lead, _attended(hours)).involvement_amount == Decimal(expected)

    def test_per_session_rate_is_paid_whatever_the_hours(self, lead):
        _rate("45.00", unit=RateCardEntry.Unit.SESSION)
        claim = _claim(lead, _attended("1.25"))
        assert claim.rate_unit == "session"
        assert claim.involvement_amount == Decimal("45.00")

    def test_rate_follows_the_kind_and_the_role(self, lead):
        _rate("20.00")
        _rate("30.00", role=ParticipationRole.CO_FACILITATOR)
        participation = _attended("2.00", role=ParticipationRole.CO_FACILITATOR)
        assert _claim(lead, participation).involvement_amount == Decimal("60.00")

    def test_hours_default_to_the_recorded_attendance(self, lead):
        _rate("10.00")
        claim = _claim(lead, _attended("1.75"))
        assert claim.hours == Decimal("1.75")
        assert claim.involvement_amount == Decimal("17.50")

    def test_hours_can_be_given_up_to_the_activity_length(self, lead):
        _rate("10.00")
        claim = _claim(lead, _attended("1.00"), hours=Decimal("3.00"))
        assert claim.involvement_amount == Decimal("30.00")

    def test_expenses_are_added_exactly(self, lead):
        _rate("10.00")
        claim = _claim(
            lead,
            _attended("1.00"),
            expenses=[
                {"kind": "travel", "amount": Decimal("0.10"), "receipt_reference": "BUS-1"},
                {"kind": "care", "amount": "0.20", "description": "Childcare"},
                {"kind": "other", "amount": Decimal("3.33")},
            ],
        )
        assert claim.expenses_amount == Decimal("3.63")
        assert claim.total_amount == Decimal("13.63")
        lines = list(claim.expenses.order_by("id").values_list("kind", "amount", "receipt_reference"))
        assert lines == [
            ("travel", Decimal("0.10"), "BUS-1"),
            ("care", Decimal("0.20"), ""),
            ("other", Decimal("3.33"), ""),
        ]

    def test_no_rate_on_the_card_means_no_involvement_payment(self, lead):
        claim = _claim(lead, expenses=[{"kind": "travel", "amount": "4.20"}])
        assert claim.rate_unit == ""
        assert claim.involvement_amount == Decimal("0.00")
        assert claim.total_amount == Decimal("4.20")

    def test_an_inactive_rate_is_not_used(self, lead):
        _rate("20.00", is_active=False)
        claim = _claim(lead)
        assert claim.rate_unit == ""
        assert claim.involvement_amount == Decimal("0.00")

    def test_expenses_only_preference_pays_expenses_but_not_involvement(self, lead):
        _rate("20.00")
        participation = _attended(participant__payment_preference=Participant.PaymentPreference.EXPENSES_ONLY)
        claim = _claim(lead, participation, expenses=[{"kind": "travel", "amount": "6.80"}])
        assert claim.involvement_amount == Decimal("0.00")
        assert claim.rate_amount == Decimal("20.00")  # recorded, to show what was waived
        assert claim.expenses_amount == Decimal("6.80")
        assert claim.total_amount == Decimal("6.80")

    def test_no_payment_preference_pays_nothing(self, lead):
        _rate("20.00")
        participation = _attended(participant__payment_preference=Participant.PaymentPreference.NONE)
        claim = _claim(lead, participation)
        assert (claim.involvement_amount, claim.expenses_amount, claim.total_amount) == (
            Decimal("0.00"),
            Decimal("0.00"),
            Decimal("0.00"),
        )

    def test_no_payment_preference_refuses_expense_lines(self, lead):
        participation = _attended(participant__payment_preference=Participant.PaymentPreference.NONE)
        with pytest.raises(InvolvementError) as error:
            _claim(lead, participation, expenses=[{"kind": "travel", "amount": "3.00"}])
        assert error.value.field == "expenses"
        _nothing_written()

    def test_rate_card_changes_do_not_touch_claims_already_made(self, lead):
        rate = _rate("20.00")
        claim = _claim(lead)
        services.rate_card_entry_update(entry=rate, by=lead, amount=Decimal("99.00"))
        claim.refresh_from_db()
        assert claim.rate_amount == Decimal("20.00")
        assert claim.involvement_amount == Decimal("40.00")


# --- bad input: a field named and nothing written ------------------------------------------


class TestClaimRefusals:
    @pytest.mark.parametrize("attendance", ["no_show", "unknown"])
    def test_only_attended_participation_can_be_claimed(self, lead, attendance):
        participation = AttendedParticipationFactory(attendance=attendance, hours=None)
        with pytest.raises(InvolvementError) as error:
            _claim(lead, participation)
        assert error.value.field == "participation"
        _nothing_written()

    def test_hours_over_the_activity_length(self, lead):
        participation = _attended(activity=_held(hours=2))
        with pytest.raises(InvolvementError) as error:
            _claim(lead, participation, hours=Decimal("2.01"))
        assert error.value.field == "hours"
        assert "2.00" in error.value.message
        _nothing_written()

    @pytest.mark.parametrize("hours", [Decimal("-1.00"), Decimal("0"), Decimal("1.005")])
    def test_hours_must_be_positive_and_to_the_hundredth(self, lead, hours):
        with pytest.raises(InvolvementError) as error:
            _claim(lead, hours=hours)
        assert error.value.field == "hours"
        _nothing_written()

    @pytest.mark.parametrize(
        ("line", "field"),
        [
            ({"kind": "travel", "amount": "-5.00"}, "expenses.1.amount"),
            ({"kind": "travel", "amount": "0"}, "expenses.1.amount"),
            ({"kind": "travel", "amount": "2.345"}, "expenses.1.amount"),
            ({"kind": "travel", "amount": "lots"}, "expenses.1.amount"),
            ({"kind": "taxi", "amount": "5.00"}, "expenses.1.kind"),
            ({"kind": "travel"}, "expenses.1.amount"),
        ],
    )
    def test_bad_expense_lines(self, lead, line, field):
        with pytest.raises(InvolvementError) as error:
            _claim(lead, expenses=[{"kind": "care", "amount": "1.00"}, line])
        assert error.value.field == field
        _nothing_written()

    def test_one_claim_per_participation(self, lead):
        participation = _attended()
        _claim(lead, participation, expenses=[{"kind": "travel", "amount": "2.00"}])
        with pytest.raises(InvolvementConflict) as error:
            _claim(lead, participation, expenses=[{"kind": "travel", "amount": "2.00"}])
        assert error.value.field == "participation"
        _nothing_written(1, 1)

    def test_a_participant_claims_only_for_themselves(self):
        user = UserFactory(roles=[Role.PARTICIPANT])
        ParticipantFactory(user=user)
        with pytest.raises(NotPermitted):
            _claim(user)
        _nothing_written()

    def test_a_participant_claims_for_their_own_attendance(self):
        user = UserFactory(roles=[Role.PARTICIPANT])
        participation = _attended(participant=ParticipantFactory(user=user))
        claim = _claim(user, participation)
        assert claim.participant == participation.participant
        assert claim.submitted_by == user

    def test_attendance_cannot_be_changed_once_claimed(self, lead):
        participation = _attended()
        _claim(lead, participation)
        with pytest.raises(InvolvementConflict):
            services.participation_record_attendance(
                participation=participation, attendance="no_show", by=lead
            )


# --- tax years -------------------------------------------------------------------------------


class TestTaxYear:
    @pytest.mark.parametrize(
        ("starts_at", "tax_year"),
        [
            (dt.datetime(2025, 4, 5, 18, 0, tzinfo=LONDON), 2024),
            (dt.datetime(2025, 4, 6, 9, 0, tzinfo=LONDON), 2025),
            # 23:30 UTC on 5 April is 00:30 on 6 April in London (summer time): the new tax year.
            (dt.datetime(2025, 4, 5, 23, 30, tzinfo=dt.UTC), 2025),
            (dt.datetime(2026, 1, 10, 10, 0, tzinfo=LONDON), 2025),
            (dt.datetime(2026, 4, 5, 10, 0, tzinfo=LONDON), 2025),
        ],
    )
    def test_claim_tax_year_follows_the_activity_date_in_london(self, lead, starts_at, tax_year):
        claim = _claim(lead, _attended(activity=_held(starts_at)))
        assert claim.tax_year == tax_year

    def test_label_and_bounds(self):
        assert selectors.tax_year_label(2025) == "2025-26"
        assert selectors.tax_year_label(2099) == "2099-00"
        assert selectors.tax_year_bounds(2025) == (dt.date(2025, 4, 6), dt.date(2026, 4, 5))


class TestTaxYearTotals:
    def _claims_for(self, lead, person, amounts, starts_at=None):
        claims = []
        for index, amount in enumerate(amounts):
            number = next(KIND_NUMBERS)
            kind = ActivityKindFactory(code=f"kind-{number}", name=f"Test kind {number}")
            RateCardEntryFactory(activity_kind=kind, unit="session", amount=Decimal(amount))
            activity = _held(starts_at or dt.datetime(2025, 6, 1 + index, 10, 0, tzinfo=LONDON), kind=kind)
            claims.append(_claim(lead, _attended(activity=activity, participant=person)))
        return claims

    def test_running_total_counts_this_year_and_leaves_out_rejected_claims(self, lead):
        person = ParticipantFactory()
        first, second, third = self._claims_for(lead, person, ["400.00", "350.50", "200.00"])
        self._claims_for(lead, person, ["999.00"], starts_at=dt.datetime(2025, 4, 5, 10, tzinfo=LONDON))
        services.payment_claim_reject(claim=third, by=lead, reason="Claimed twice by mistake.")
        services.payment_claim_approve(claim=second, by=lead)
        totals = dict(selectors.claim_list().values_list("pk", "tax_year_total"))
        assert totals[first.pk] == Decimal("750.50")
        assert totals[third.pk] == Decimal("750.50")

    def test_expenses_do_not_count_towards_the_total(self, lead):
        person = ParticipantFactory()
        _rate("10.00")
        claim = _claim(lead, _attended(participant=person), expenses=[{"kind": "travel", "amount": "500.00"}])
        assert selectors.claim_list().get(pk=claim.pk).tax_year_total == Decimal("20.00")

    @override_settings(INVOLVEMENT_PAYMENT_TAX_YEAR_THRESHOLD=Decimal("750.00"))
    def test_totals_by_person(self, lead):
        near, far = (
            ParticipantFactory(name="Test Participant Near"),
            ParticipantFactory(name="Test Participant Far"),
        )
        self._claims_for(lead, near, ["400.00", "350.50"])
        self._claims_for(lead, far, ["100.00"])
        (rejected,) = self._claims_for(
            lead, far, ["900.00"], starts_at=dt.datetime(2025, 7, 1, tzinfo=LONDON)
        )
        services.payment_claim_reject(claim=rejected, by=lead, reason="Not an involvement activity.")
        rows = list(selectors.payment_totals_by_person(tax_year=2025))
        assert [(p.name, p.claim_count, p.involvement_total) for p in rows] == [
            ("Test Participant Near", 2, Decimal("750.50")),
            ("Test Participant Far", 1, Decimal("100.00")),
        ]
        assert rows[0].involvement_total > selectors.payment_threshold()
        assert list(selectors.payment_totals_by_person(tax_year=2024)) == []


# --- the lifecycle ---------------------------------------------------------------------------


class TestClaimLifecycle:
    def test_submitted_approved_paid_records_who_and_when(self, lead, finance):
        claim = _claim(lead)
        assert (claim.status, claim.submitted_by) == ("submitted", lead)
        claim = services.payment_claim_approve(claim=claim, by=lead)
        assert (claim.status, claim.approved_by) == ("approved", lead)
        assert claim.approved_at is not None
        claim = _pay(claim, finance, reference="  BACS-2025-06-30  ")
        claim.refresh_from_db()
        assert (claim.status, claim.paid_by) == ("paid", finance)
        assert claim.paid_at >= claim.approved_at
        assert (claim.paid_on, claim.payment_reference) == (timezone.localdate(), "BACS-2025-06-30")

    def test_rejected_with_a_reason(self, lead):
        claim = services.payment_claim_reject(claim=_claim(lead), by=lead, reason="  Not attended.  ")
        claim.refresh_from_db()
        assert (claim.status, claim.rejected_by, claim.rejection_reason) == (
            "rejected",
            lead,
            "Not attended.",
        )
        assert claim.rejected_at is not None

    def test_rejection_needs_a_reason(self, lead):
        claim = _claim(lead)
        with pytest.raises(InvolvementError) as error:
            services.payment_claim_reject(claim=claim, by=lead, reason="   ")
        assert error.value.field == "reason"
        claim.refresh_from_db()
        assert claim.status == "submitted"

    @pytest.mark.parametrize(
        ("path", "step"),
        [
            ([], "mark_paid"),
            (["approve"], "approve"),
            (["approve"], "reject"),
            (["approve", "mark_paid"], "approve"),
            (["approve", "mark_paid"], "mark_paid"),
            (["approve", "mark_paid"], "reject"),
            (["reject"], "approve"),
            (["reject"], "mark_paid"),
            (["reject"], "reject"),
        ],
    )
    def test_any_other_move_is_a_conflict(self, lead, path, step):
        steps = {
            "approve": lambda c: services.payment_claim_approve(claim=c, by=lead),
            "reject": lambda c: services.payment_claim_reject(claim=c, by=lead, reason="Duplicate."),
            "mark_paid": lambda c: _pay(c, lead),
        }
        claim = _claim(lead)
        for earlier in path:
            claim = steps[earlier](claim)
        status = claim.status
        with pytest.raises(InvolvementConflict) as error:
            steps[step](claim)
        assert error.value.field == "status"
        claim.refresh_from_db()
        assert claim.status == status

    def test_finance_cannot_approve_or_reject(self, lead, finance):
        claim = _claim(lead)
        with pytest.raises(NotPermitted):
            services.payment_claim_approve(claim=claim, by=finance)
        with pytest.raises(NotPermitted):
            services.payment_claim_reject(claim=claim, by=finance, reason="No.")
        claim.refresh_from_db()
        assert claim.status == "submitted" and claim.approved_by is None

    def test_a_participant_cannot_mark_paid(self, lead):
        user = UserFactory(roles=[Role.PARTICIPANT])
        claim = services.payment_claim_approve(
            claim=_claim(lead, _attended(participant=ParticipantFactory(user=user))), by=lead
        )
        with pytest.raises(NotPermitted):
            _pay(claim, user)


class TestMarkingPaid:
    """Finance says when a claim was paid and under what reference, so payroll and we can be matched."""

    TODAY = dt.date(2025, 7, 10)

    def _approved_on(self, lead, day: dt.date) -> PaymentClaim:
        claim = services.payment_claim_approve(claim=_claim(lead), by=lead)
        approved_at = dt.datetime(day.year, day.month, day.day, 16, 0, tzinfo=LONDON)
        PaymentClaim.objects.filter(pk=claim.pk).update(approved_at=approved_at)
        return PaymentClaim.objects.get(pk=claim.pk)

    @pytest.mark.parametrize(
        ("paid_on", "reference", "field", "words"),
        [
            (None, "BACS-1", "paid_on", "Give the day"),
            (dt.date(2025, 7, 11), "BACS-1", "paid_on", "cannot be in the future"),
            (
                dt.date(2025, 7, 1),
                "BACS-1",
                "paid_on",
                "before the claim was approved (Wednesday 2 July 2025)",
            ),
            (dt.date(2025, 7, 10), "", "payment_reference", "Give the payment's reference"),
            (dt.date(2025, 7, 10), "   ", "payment_reference", "Give the payment's reference"),
            (dt.date(2025, 7, 10), "R" * 101, "payment_reference", "100 characters"),
        ],
    )
    def test_bad_date_or_reference_names_the_field_and_leaves_the_claim_approved(
        self, lead, finance, paid_on, reference, field, words
    ):
        claim = self._approved_on(lead, dt.date(2025, 7, 2))
        with pytest.raises(InvolvementError) as error:
            services.payment_claim_mark_paid(
                claim=claim, by=finance, paid_on=paid_on, payment_reference=reference, today=self.TODAY
            )
        assert error.value.field == field
        assert words in error.value.message
        claim.refresh_from_db()
        assert (claim.status, claim.paid_on, claim.payment_reference, claim.paid_by) == (
            "approved",
            None,
            "",
            None,
        )

    @pytest.mark.parametrize("paid_on", [dt.date(2025, 7, 2), dt.date(2025, 7, 10)])
    def test_paid_on_the_day_of_approval_or_today(self, lead, finance, paid_on):
        claim = self._approved_on(lead, dt.date(2025, 7, 2))
        claim = services.payment_claim_mark_paid(
            claim=claim, by=finance, paid_on=paid_on, payment_reference="R" * 100, today=self.TODAY
        )
        claim.refresh_from_db()
        assert (claim.status, claim.paid_on, claim.payment_reference) == ("paid", paid_on, "R" * 100)

    def test_a_refused_payment_date_is_checked_after_the_status(self, lead, finance):
        """A claim not yet approved is a conflict whatever the body says: the state is the first answer."""
        with pytest.raises(InvolvementConflict) as error:
            services.payment_claim_mark_paid(
                claim=_claim(lead), by=finance, paid_on=None, payment_reference=""
            )
        assert error.value.field == "status"


class TestApprovingOverTheThreshold:
    """Over the threshold the claim warns "talk to them first"; approving it needs a note that you did."""

    @pytest.fixture(autouse=True)
    def _threshold(self, settings):
        settings.INVOLVEMENT_PAYMENT_TAX_YEAR_THRESHOLD = Decimal("100.00")

    NOTE = "Talked through Universal Credit and the earnings disregard; they want to go ahead."

    def _claims(self, lead, person, *amounts: str) -> list[PaymentClaim]:
        made = []
        for index, amount in enumerate(amounts):
            number = next(KIND_NUMBERS)
            kind = ActivityKindFactory(code=f"threshold-kind-{number}", name=f"Test threshold kind {number}")
            _rate(amount, unit=RateCardEntry.Unit.SESSION, activity_kind=kind)
            activity = _held(dt.datetime(2025, 6, 1 + index, 10, 0, tzinfo=LONDON), kind=kind)
            made.append(_claim(lead, _attended(activity=activity, participant=person)))
        return made

    def test_over_the_threshold_without_a_note_is_refused_and_nothing_changes(self, lead):
        person = ParticipantFactory(name="Test Participant Over")
        _first, over = self._claims(lead, person, "60.00", "40.01")
        with pytest.raises(InvolvementError) as error:
            services.payment_claim_approve(claim=over, by=lead, benefits_conversation="   ")
        assert error.value.field == "benefits_conversation"
        assert "£100.01, over the £100.00 threshold" in error.value.message
        assert "Talk to them first" in error.value.message
        over.refresh_from_db()
        assert (over.status, over.approved_by, over.benefits_conversation_note) == ("submitted", None, "")

    def test_the_rule_is_the_warning_the_claim_shows(self, lead):
        """At exactly the threshold there is no warning and no note is needed; a penny over, both."""
        person = ParticipantFactory()
        at, _ = self._claims(lead, person, "60.00", "40.00")
        shown = selectors.claim_list().get(pk=at.pk)
        assert not selectors.over_threshold(shown.tax_year_total)
        services.payment_claim_approve(claim=at, by=lead)
        (over,) = self._claims(lead, person, "0.01")
        assert selectors.over_threshold(selectors.claim_list().get(pk=over.pk).tax_year_total)
        with pytest.raises(InvolvementError):
            services.payment_claim_approve(claim=over, by=lead)

    def test_with_a_note_the_claim_is_approved_and_the_note_kept(self, lead):
        person = ParticipantFactory()
        _first, over = self._claims(lead, person, "60.00", "50.00")
        claim = services.payment_claim_approve(claim=over, by=lead, benefits_conversation=f"  {self.NOTE}  ")
        claim.refresh_from_db()
        assert (claim.status, claim.approved_by, claim.benefits_conversation_note) == (
            "approved",
            lead,
            self.NOTE,
        )
        assert claim.benefits_conversation_at == claim.approved_at

    @pytest.mark.parametrize(("note", "words"), [("Spoke.", "at least 10"), ("x" * 1001, "1000 characters")])
    def test_a_note_too_short_or_too_long_is_refused(self, lead, note, words):
        _first, over = self._claims(lead, ParticipantFactory(), "60.00", "50.00")
        with pytest.raises(InvolvementError) as error:
            services.payment_claim_approve(claim=over, by=lead, benefits_conversation=note)
        assert (error.value.field, words in error.value.message) == ("benefits_conversation", True)
        over.refresh_from_db()
        assert over.status == "submitted"

    def test_below_the_threshold_no_note_is_needed(self, lead):
        (claim,) = self._claims(lead, ParticipantFactory(), "99.99")
        claim = services.payment_claim_approve(claim=claim, by=lead, benefits_conversation="")
        claim.refresh_from_db()
        assert (claim.status, claim.benefits_conversation_note, claim.benefits_conversation_at) == (
            "approved",
            "",
            None,
        )

    def test_rejected_claims_and_other_people_do_not_push_anyone_over(self, lead):
        person = ParticipantFactory()
        (rejected,) = self._claims(lead, person, "500.00")
        services.payment_claim_reject(claim=rejected, by=lead, reason="Claimed twice by mistake.")
        self._claims(lead, ParticipantFactory(), "500.00")
        (claim,) = self._claims(lead, person, "50.00")
        assert services.payment_claim_approve(claim=claim, by=lead).status == "approved"


class TestExpenseChanges:
    def test_replacing_expenses_recomputes_the_totals(self, lead):
        _rate("10.00")
        claim = _claim(lead, expenses=[{"kind": "travel", "amount": "5.00"}])
        claim = services.payment_claim_update_expenses(
            claim=claim,
            by=lead,
            expenses=[{"kind": "travel", "amount": "2.40"}, {"kind": "care", "amount": "12.00"}],
        )
        claim.refresh_from_db()
        assert (claim.expenses_amount, claim.total_amount) == (Decimal("14.40"), Decimal("34.40"))
        assert sorted(claim.expenses.values_list("amount", flat=True)) == [Decimal("2.40"), Decimal("12.00")]

    def test_expenses_cannot_change_after_approval(self, lead):
        claim = _claim(lead, expenses=[{"kind": "travel", "amount": "5.00"}])
        services.payment_claim_approve(claim=claim, by=lead)
        with pytest.raises(InvolvementConflict):
            services.payment_claim_update_expenses(claim=claim, by=lead, expenses=[])
        assert claim.expenses.count() == 1

    def test_a_bad_line_leaves_the_old_lines(self, lead):
        claim = _claim(lead, expenses=[{"kind": "travel", "amount": "5.00"}])
        with pytest.raises(InvolvementError) as error:
            services.payment_claim_update_expenses(
                claim=claim, by=lead, expenses=[{"kind": "travel", "amount": "-1.00"}]
            )
        assert error.value.field == "expenses.0.amount"
        claim.refresh_from_db()
        assert claim.expenses_amount == Decimal("5.00")
        assert list(claim.expenses.values_list("amount", flat=True)) == [Decimal("5.00")]

    def test_finance_cannot_change_expenses(self, lead, finance):
        claim = _claim(lead)
        with pytest.raises(NotPermitted):
            services.payment_claim_update_expenses(claim=claim, by=finance, expenses=[])


class TestRateCard:
    def test_create_and_update(self, lead):
        kind = ActivityKindFactory()
        entry = services.rate_card_entry_create(
            by=lead, activity_kind=kind, role="panel_member", unit="session", amount=Decimal("75.00")
        )
        assert RateCardEntry.objects.get(pk=entry.pk).amount == Decimal("75.00")
        services.rate_card_entry_update(entry=entry, by=lead, amount=Decimal("80.50"))
        assert RateCardEntry.objects.get(pk=entry.pk).amount == Decimal("80.50")

    def test_negative_amount(self, lead):
        with pytest.raises(InvolvementError) as error:
            services.rate_card_entry_create(
                by=lead,
                activity_kind=ActivityKindFactory(),
                role="participant",
                unit="hour",
                amount=Decimal("-1"),
            )
        assert error.value.field == "amount"
        assert not RateCardEntry.objects.exists()

    def test_one_rate_per_kind_and_role(self, lead):
        entry = _rate("20.00")
        kinds = ActivityKind.objects.count()
        with pytest.raises(InvolvementError) as error:
            services.rate_card_entry_create(
                by=lead,
                activity_kind=entry.activity_kind,
                role=entry.role,
                unit="session",
                amount=Decimal("5"),
            )
        assert error.value.field == "role"
        assert RateCardEntry.objects.count() == 1
        assert ActivityKind.objects.count() == kinds


class TestClaimTotalConstraint:
    def test_pence_add_up_on_every_database(self):
        claim = PaymentClaimFactory(
            involvement_amount=Decimal("10.00"),
            expenses_amount=Decimal("3.63"),
            total_amount=Decimal("13.63"),
        )
        assert PaymentClaim.objects.get(pk=claim.pk).total_amount == Decimal("13.63")

    def test_a_total_that_does_not_add_up_is_refused(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            PaymentClaimFactory(
                involvement_amount=Decimal("10.00"),
                expenses_amount=Decimal("3.63"),
                total_amount=Decimal("13.64"),
            )
        assert not PaymentClaim.objects.exists()


def test_a_claim_is_never_deleted():
    claim = PaymentClaimFactory()
    with pytest.raises(InvolvementConflict) as refused:
        services.payment_claim_delete(claim=claim, by=UserFactory(roles=[Role.INVOLVEMENT_LEAD]))
    assert "never deleted" in refused.value.message
    assert PaymentClaim.objects.filter(pk=claim.pk).exists()
