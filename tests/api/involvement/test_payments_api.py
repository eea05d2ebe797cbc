"""The payments API: rate card and claims batteries, claiming, approval, finance's export, tax-year totals."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from involvement import services
from involvement.models import ExpenseLine, Participant, PaymentClaim, RateCardEntry
from tests.api.battery import ResourceBattery
from tests.conftest import client_for_user
from tests.factories import (
    ActivityFactory,
    ActivityKindFactory,
    AttendedParticipationFactory,
    ParticipantFactory,
    PaymentClaimFactory,
    RateCardEntryFactory,
    UserFactory,
)

LONDON = ZoneInfo("Europe/London")
NUMBERS = itertools.count(1)
CLAIMS = reverse("api:payment-claim-list")
EXPORT = reverse("api:payment-claim-export")
TOTALS = reverse("api:payment-totals")


def _kind():
    number = next(NUMBERS)
    return ActivityKindFactory(code=f"pay-kind-{number}", name=f"Test payment kind {number}")


def _detail(claim) -> str:
    return reverse("api:payment-claim-detail", kwargs={"pk": claim.pk})


def _step(claim, name: str) -> str:
    return reverse(f"api:payment-claim-{name}", kwargs={"pk": claim.pk})


def _client(role: str):
    return client_for_user(UserFactory(roles=[role]))


def _participant_login(**kwargs):
    user = UserFactory(roles=[Role.PARTICIPANT])
    return client_for_user(user), ParticipantFactory(user=user, **kwargs)


def _attended(hours: str = "2.00", starts_at: dt.datetime | None = None, length: int = 3, **kwargs):
    starts_at = starts_at or dt.datetime(2025, 1, 15, 10, 0, tzinfo=LONDON)
    activity_fields = {
        k[len("activity__") :]: kwargs.pop(k) for k in list(kwargs) if k.startswith("activity__")
    }
    activity = ActivityFactory(
        starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=length), status="held", **activity_fields
    )
    return AttendedParticipationFactory(activity=activity, hours=Decimal(hours), **kwargs)


def _counts() -> tuple[int, int]:
    return PaymentClaim.objects.count(), ExpenseLine.objects.count()


def _paid_body(**change) -> dict:
    return {"paid_on": timezone.localdate().isoformat(), "payment_reference": "PAYROLL-RUN-7", **change}


# --- the batteries ---------------------------------------------------------------------------


class TestRateCardResource(ResourceBattery):
    basename = "rate-card"
    reader_role = Role.PEER_WORKER
    writer_role = Role.INVOLVEMENT_LEAD
    forbidden_role = Role.FINANCE
    hidden_from_role = None  # everyone signed in may read the rates

    def make_object(self) -> RateCardEntry:
        return RateCardEntryFactory(activity_kind=_kind())

    def create_payload(self) -> dict:
        return {"activity_kind": _kind().pk, "role": "panel_member", "unit": "session", "amount": "75.00"}

    def update_payload(self, obj: RateCardEntry) -> dict:
        return {"amount": "22.50", "unit": "session"}


class TestPaymentClaimResource(ResourceBattery):
    basename = "payment-claim"
    reader_role = Role.FINANCE
    writer_role = Role.INVOLVEMENT_LEAD
    forbidden_role = Role.FINANCE
    hidden_from_role = Role.HR

    def make_object(self) -> PaymentClaim:
        return PaymentClaimFactory()

    def create_payload(self) -> dict:
        return {
            "participation": AttendedParticipationFactory().pk,
            "expenses": [{"kind": "travel", "amount": "3.20", "receipt_reference": "BUS-1"}],
        }

    def update_payload(self, obj: PaymentClaim) -> dict:
        line = {"kind": "travel", "amount": "7.40", "receipt_reference": "BUS-7", "description": "Return bus"}
        return {"expenses": [line]}

    def test_delete(self):
        """Claims are financial records: deleting one is refused with the reason, and it stays."""
        claim = self.make_object()
        response = _client(self.writer_role).delete(self.detail_url(claim))
        assert response.status_code == 409, response.content
        assert "never deleted" in response.json()["detail"]
        assert PaymentClaim.objects.filter(pk=claim.pk).exists()


@pytest.mark.django_db
class TestRateCardRules:
    URL = reverse("api:rate-card-list")

    @pytest.mark.parametrize(
        ("change", "field"),
        [({"amount": "-0.01"}, "amount"), ({"amount": "1.234"}, "amount"), ({"unit": "day"}, "unit")],
    )
    def test_bad_rates(self, change, field):
        payload = {"activity_kind": _kind().pk, "role": "participant", "unit": "hour", "amount": "20.00"}
        response = _client(Role.INVOLVEMENT_LEAD).post(self.URL, {**payload, **change})
        assert response.status_code == 400, response.content
        assert field in response.json()["errors"]
        assert not RateCardEntry.objects.exists()

    def test_one_rate_per_kind_and_role(self):
        entry = RateCardEntryFactory(activity_kind=_kind())
        payload = {
            "activity_kind": entry.activity_kind_id,
            "role": entry.role,
            "unit": "session",
            "amount": "9.00",
        }
        response = _client(Role.INVOLVEMENT_LEAD).post(self.URL, payload)
        assert response.status_code == 400, response.content
        assert "role" in response.json()["errors"]
        assert RateCardEntry.objects.count() == 1

    def test_participants_read_the_rates_but_cannot_change_them(self):
        entry = RateCardEntryFactory(activity_kind=_kind(), amount=Decimal("18.50"))
        client, _ = _participant_login()
        response = client.get(self.URL)
        assert [row["amount"] for row in response.json()["results"]] == ["18.50"]
        url = reverse("api:rate-card-detail", kwargs={"pk": entry.pk})
        assert client.patch(url, {"amount": "99.00"}).status_code == 403
        entry.refresh_from_db()
        assert entry.amount == Decimal("18.50")


# --- making a claim --------------------------------------------------------------------------


@pytest.mark.django_db
class TestMakingClaims:
    def test_lead_claims_hours_times_rate_plus_expenses_to_the_penny(self):
        RateCardEntryFactory(amount=Decimal("12.35"))
        participation = _attended("2.50")
        response = _client(Role.INVOLVEMENT_LEAD).post(
            CLAIMS,
            {
                "participation": participation.pk,
                "expenses": [
                    {"kind": "travel", "amount": "4.10", "receipt_reference": "TRAIN-22"},
                    {"kind": "care", "amount": "0.50", "description": "Parking for carer"},
                ],
            },
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["participant"]["id"] == participation.participant_id
        assert body["activity"]["id"] == participation.activity_id
        assert (body["hours"], body["rate_unit"], body["rate_amount"]) == ("2.50", "hour", "12.35")
        assert body["involvement_amount"] == "30.88"  # 2.5 x 12.35 = 30.875, half up
        assert body["expenses_amount"] == "4.60"
        assert body["total_amount"] == "35.48"
        assert (body["status"], body["tax_year"], body["tax_year_label"]) == ("submitted", 2024, "2024-25")
        assert (body["tax_year_total"], body["threshold_warning"], body["notes"]) == ("30.88", False, [])
        claim = PaymentClaim.objects.get()
        assert claim.total_amount == Decimal("35.48")
        assert claim.expenses.count() == 2

    def test_missing_rate_is_explained_in_the_notes(self):
        response = _client(Role.INVOLVEMENT_LEAD).post(CLAIMS, {"participation": _attended().pk})
        assert response.status_code == 201, response.content
        body = response.json()
        assert (body["rate_unit"], body["involvement_amount"]) == ("", "0.00")
        assert "no active rate" in body["notes"][0]

    def test_expenses_only_preference(self):
        RateCardEntryFactory(amount=Decimal("20.00"))
        participation = _attended(participant__payment_preference=Participant.PaymentPreference.EXPENSES_ONLY)
        response = _client(Role.INVOLVEMENT_LEAD).post(
            CLAIMS,
            {"participation": participation.pk, "expenses": [{"kind": "travel", "amount": "8.00"}]},
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert (body["involvement_amount"], body["expenses_amount"], body["total_amount"]) == (
            "0.00",
            "8.00",
            "8.00",
        )
        assert "chosen not to be paid" in body["notes"][0]

    def test_no_payment_preference_refuses_expenses(self):
        participation = _attended(participant__payment_preference=Participant.PaymentPreference.NONE)
        response = _client(Role.INVOLVEMENT_LEAD).post(
            CLAIMS,
            {"participation": participation.pk, "expenses": [{"kind": "travel", "amount": "8.00"}]},
        )
        assert response.status_code == 400, response.content
        assert "expenses" in response.json()["errors"]
        assert _counts() == (0, 0)

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"hours": "-1.00"}, "hours"),
            ({"hours": "3.01"}, "hours"),
            ({"expenses": [{"kind": "travel", "amount": "-2.00"}]}, "expenses.0.amount"),
            (
                {"expenses": [{"kind": "travel", "amount": "2.00"}, {"kind": "bike", "amount": "1"}]},
                "expenses.1.kind",
            ),
            ({"participation": 999999}, "participation"),
            ({"participation": None}, "participation"),
        ],
    )
    def test_bad_input_names_the_field_and_writes_nothing(self, change, field):
        participation = _attended(length=3)
        payload = {"participation": participation.pk, **change}
        response = _client(Role.INVOLVEMENT_LEAD).post(CLAIMS, payload)
        assert response.status_code == 400, response.content
        assert field in response.json()["errors"], response.json()
        assert _counts() == (0, 0)

    @pytest.mark.parametrize("attendance", ["no_show", "unknown"])
    def test_only_attended_participation_can_be_claimed(self, attendance):
        participation = _attended(attendance=attendance)
        response = _client(Role.INVOLVEMENT_LEAD).post(CLAIMS, {"participation": participation.pk})
        assert response.status_code == 400, response.content
        assert "participation" in response.json()["errors"]
        assert _counts() == (0, 0)

    def test_one_claim_per_participation(self):
        participation = _attended()
        client = _client(Role.INVOLVEMENT_LEAD)
        assert client.post(CLAIMS, {"participation": participation.pk}).status_code == 201
        response = client.post(
            CLAIMS, {"participation": participation.pk, "expenses": [{"kind": "other", "amount": "1.00"}]}
        )
        assert response.status_code == 409, response.content
        assert "participation" in response.json()["errors"]
        assert _counts() == (1, 0)

    def test_tax_year_boundary(self):
        client = _client(Role.INVOLVEMENT_LEAD)
        before = _attended(starts_at=dt.datetime(2025, 4, 5, 14, 0, tzinfo=LONDON))
        after = _attended(starts_at=dt.datetime(2025, 4, 6, 14, 0, tzinfo=LONDON))
        years = [client.post(CLAIMS, {"participation": p.pk}).json()["tax_year"] for p in (before, after)]
        assert years == [2024, 2025]


@pytest.mark.django_db
class TestParticipantsOwnClaims:
    def test_participant_claims_for_their_own_attendance(self):
        client, person = _participant_login()
        response = client.post(CLAIMS, {"participation": _attended(participant=person).pk})
        assert response.status_code == 201, response.content
        assert response.json()["participant"]["id"] == person.pk
        assert PaymentClaim.objects.get().submitted_by == client.user

    def test_participant_cannot_claim_for_someone_else(self):
        client, _ = _participant_login()
        response = client.post(CLAIMS, {"participation": _attended().pk})
        assert response.status_code == 400, response.content
        assert "participation" in response.json()["errors"]
        assert _counts() == (0, 0)

    def test_participant_sees_only_their_own_claims(self):
        client, person = _participant_login()
        mine = PaymentClaimFactory(participation=_attended(participant=person))
        theirs = PaymentClaimFactory()
        ids = [row["id"] for row in client.get(CLAIMS).json()["results"]]
        assert ids == [mine.pk]
        assert client.get(_detail(mine)).status_code == 200
        assert client.get(_detail(theirs)).status_code == 404
        assert client.post(_step(theirs, "approve")).status_code == 404

    def test_participant_cannot_approve_or_change_their_own_claim(self):
        client, person = _participant_login()
        claim = PaymentClaimFactory(participation=_attended(participant=person))
        assert client.post(_step(claim, "approve")).status_code == 403
        response = client.patch(_detail(claim), {"expenses": [{"kind": "travel", "amount": "99.00"}]})
        assert response.status_code == 403
        claim.refresh_from_db()
        assert (claim.status, claim.expenses_amount) == ("submitted", Decimal("0.00"))

    @pytest.mark.parametrize("role", [Role.HR, Role.PEER_WORKER, Role.BOARD_MEMBER, Role.SUPERVISOR])
    def test_other_roles_see_no_claims(self, role):
        claim = PaymentClaimFactory()
        client = _client(role)
        assert client.get(CLAIMS).json()["results"] == []
        assert client.get(_detail(claim)).status_code == 404


# --- approval and payment ---------------------------------------------------------------------


@pytest.mark.django_db
class TestClaimLifecycle:
    def test_lead_approves_and_finance_pays(self):
        lead, finance = _client(Role.INVOLVEMENT_LEAD), _client(Role.FINANCE)
        claim = PaymentClaimFactory()
        response = lead.post(_step(claim, "approve"))
        assert response.status_code == 200, response.content
        assert response.json()["status"] == "approved"
        assert response.json()["approved_by"]["id"] == lead.user.pk
        assert response.json()["approved_at"]
        today = timezone.localdate().isoformat()
        response = finance.post(
            _step(claim, "mark-paid"), {"paid_on": today, "payment_reference": " BACS 2025-07 run 2 "}
        )
        assert response.status_code == 200, response.content
        body = response.json()
        assert (body["status"], body["paid_by"]["id"]) == ("paid", finance.user.pk)
        assert (body["paid_on"], body["payment_reference"]) == (today, "BACS 2025-07 run 2")
        claim.refresh_from_db()
        assert claim.status == "paid" and claim.paid_at is not None
        assert (claim.paid_on.isoformat(), claim.payment_reference) == (today, "BACS 2025-07 run 2")

    def test_finance_cannot_approve_or_reject(self):
        finance = _client(Role.FINANCE)
        claim = PaymentClaimFactory()
        assert finance.post(_step(claim, "approve")).status_code == 403
        assert finance.post(_step(claim, "reject"), {"reason": "Too much."}).status_code == 403
        claim.refresh_from_db()
        assert (claim.status, claim.approved_by, claim.rejected_by) == ("submitted", None, None)

    def test_reject_needs_a_reason(self):
        lead = _client(Role.INVOLVEMENT_LEAD)
        claim = PaymentClaimFactory()
        response = lead.post(_step(claim, "reject"), {"reason": ""})
        assert response.status_code == 400
        assert "reason" in response.json()["errors"]
        claim.refresh_from_db()
        assert claim.status == "submitted"
        response = lead.post(_step(claim, "reject"), {"reason": "This session was not paid involvement."})
        assert response.status_code == 200, response.content
        body = response.json()
        assert (body["status"], body["rejection_reason"]) == (
            "rejected",
            "This session was not paid involvement.",
        )
        assert body["rejected_by"]["id"] == lead.user.pk

    @pytest.mark.parametrize(
        ("status", "step", "role"),
        [
            ("submitted", "mark-paid", Role.FINANCE),
            ("approved", "approve", Role.INVOLVEMENT_LEAD),
            ("approved", "reject", Role.INVOLVEMENT_LEAD),
            ("paid", "mark-paid", Role.FINANCE),
            ("paid", "reject", Role.INVOLVEMENT_LEAD),
            ("rejected", "approve", Role.INVOLVEMENT_LEAD),
            ("rejected", "mark-paid", Role.INVOLVEMENT_LEAD),
        ],
    )
    def test_other_moves_are_conflicts(self, status, step, role):
        claim = PaymentClaimFactory(status=status)
        response = _client(role).post(_step(claim, step), _paid_body(reason="Duplicate claim."))
        assert response.status_code == 409, response.content
        assert "status" in response.json()["errors"]
        claim.refresh_from_db()
        assert claim.status == status

    def test_expenses_change_only_while_submitted(self):
        lead = _client(Role.INVOLVEMENT_LEAD)
        claim = PaymentClaimFactory()
        line = {"kind": "care", "amount": "15.00", "receipt_reference": "", "description": "Respite care"}
        response = lead.patch(_detail(claim), {"expenses": [line]})
        assert response.status_code == 200, response.content
        assert (response.json()["expenses_amount"], response.json()["total_amount"]) == ("15.00", "55.00")
        lead.post(_step(claim, "approve"))
        response = lead.patch(_detail(claim), {"expenses": []})
        assert response.status_code == 409, response.content
        assert list(claim.expenses.values_list("amount", flat=True)) == [Decimal("15.00")]

    def test_patch_without_expenses_is_refused(self):
        claim = PaymentClaimFactory()
        response = _client(Role.INVOLVEMENT_LEAD).patch(_detail(claim), {"hours": "1.00"})
        assert response.status_code == 400
        assert "expenses" in response.json()["errors"]
        claim.refresh_from_db()
        assert claim.hours == Decimal("2.00")

    def test_filter_by_status_and_tax_year(self):
        approved = PaymentClaimFactory(status="approved")
        PaymentClaimFactory()
        client = _client(Role.FINANCE)
        ids = [r["id"] for r in client.get(CLAIMS, {"status": "approved"}).json()["results"]]
        assert ids == [approved.pk]
        response = client.get(CLAIMS, {"tax_year": approved.tax_year + 1})
        assert response.json()["results"] == []
        response = client.get(CLAIMS, {"stauts": "approved"})
        assert response.status_code == 400
        assert "stauts" in response.json()["errors"]


@pytest.mark.django_db
class TestPayee:
    """Finance pays from the claim: who, where and the payroll number are on it; the register stays shut."""

    def _claim(self) -> PaymentClaim:
        person = ParticipantFactory(
            name="Test Participant Payee",
            email="payee@test.example",
            postal_address="7 Test Close\nTestville TE7 7ST",
            payroll_reference="PAY-7700",
            accessibility_needs="Test: needs a quiet room",
        )
        return PaymentClaimFactory(participation=_attended(participant=person))

    PAYEE = {
        "name": "Test Participant Payee",
        "postal_address": "7 Test Close\nTestville TE7 7ST",
        "email": "payee@test.example",
        "payroll_reference": "PAY-7700",
    }

    def test_finance_sees_the_payee_but_not_the_register_entry(self):
        claim = self._claim()
        finance = _client(Role.FINANCE)
        body = finance.get(_detail(claim)).json()
        assert body["payee"] == self.PAYEE
        assert "accessibility_needs" not in str(body) and "quiet room" not in str(body)
        (row,) = finance.get(CLAIMS).json()["results"]
        assert row["payee"] == self.PAYEE
        register_entry = body["participant"]["url"]
        assert finance.get(register_entry).status_code == 404

    def test_an_involvement_lead_sees_the_payee(self):
        assert _client(Role.INVOLVEMENT_LEAD).get(_detail(self._claim())).json()["payee"] == self.PAYEE

    def test_the_person_sees_their_own_payee_details(self):
        client, person = _participant_login(name="Test Participant Own", payroll_reference="PAY-1")
        claim = PaymentClaimFactory(participation=_attended(participant=person))
        body = client.get(_detail(claim)).json()
        assert (body["payee"]["name"], body["payee"]["payroll_reference"]) == (
            "Test Participant Own",
            "PAY-1",
        )

    def test_a_lead_sets_the_payroll_reference_on_the_register_and_the_claim_shows_it(self):
        claim = self._claim()
        lead = _client(Role.INVOLVEMENT_LEAD)
        entry = reverse("api:participant-detail", kwargs={"pk": claim.participant_id})
        response = lead.patch(entry, {"payroll_reference": "  SUP-0042  "})
        assert response.status_code == 200, response.content
        assert response.json()["payroll_reference"] == "SUP-0042"
        assert lead.get(entry).json()["payroll_reference"] == "SUP-0042"
        assert _client(Role.FINANCE).get(_detail(claim)).json()["payee"]["payroll_reference"] == "SUP-0042"

    def test_payroll_reference_is_at_most_50_characters(self):
        claim = self._claim()
        entry = reverse("api:participant-detail", kwargs={"pk": claim.participant_id})
        response = _client(Role.INVOLVEMENT_LEAD).patch(entry, {"payroll_reference": "P" * 51})
        assert response.status_code == 400
        assert "payroll_reference" in response.json()["errors"]
        assert Participant.objects.get(pk=claim.participant_id).payroll_reference == "PAY-7700"

    def test_a_participant_cannot_set_their_own_payroll_reference(self):
        client, person = _participant_login(payroll_reference="PAY-1")
        entry = reverse("api:participant-detail", kwargs={"pk": person.pk})
        response = client.patch(entry, {"payroll_reference": "MINE-2"})
        assert response.status_code == 400
        assert "payroll_reference" in response.json()["errors"]
        person.refresh_from_db()
        assert person.payroll_reference == "PAY-1"


@pytest.mark.django_db
class TestMarkingPaid:
    """mark-paid says when the money went and under what reference; each bad input is named."""

    def _approved(self) -> PaymentClaim:
        return services.payment_claim_approve(
            claim=PaymentClaimFactory(), by=UserFactory(roles=[Role.INVOLVEMENT_LEAD])
        )

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"payment_reference": "BACS-1"}, "paid_on"),
            (_paid_body(paid_on=""), "paid_on"),
            (_paid_body(paid_on="last Friday"), "paid_on"),
            ({"paid_on": dt.date(2025, 7, 1).isoformat()}, "payment_reference"),
            (_paid_body(payment_reference="   "), "payment_reference"),
            (_paid_body(payment_reference="R" * 101), "payment_reference"),
        ],
    )
    def test_missing_or_bad_input_is_400_naming_the_field(self, body, field):
        claim = self._approved()
        response = _client(Role.FINANCE).post(_step(claim, "mark-paid"), body)
        assert response.status_code == 400, response.content
        assert field in response.json()["errors"], response.json()
        claim.refresh_from_db()
        assert (claim.status, claim.paid_on, claim.payment_reference) == ("approved", None, "")

    def test_a_future_date_is_refused(self):
        claim = self._approved()
        tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
        response = _client(Role.FINANCE).post(_step(claim, "mark-paid"), _paid_body(paid_on=tomorrow))
        assert response.status_code == 400, response.content
        assert response.json()["errors"]["paid_on"] == [
            "The payment date cannot be in the future; mark the claim paid once the money has gone."
        ]
        claim.refresh_from_db()
        assert claim.status == "approved"

    def test_a_date_before_approval_is_refused(self):
        claim = self._approved()
        before = (timezone.localdate(claim.approved_at) - dt.timedelta(days=1)).isoformat()
        response = _client(Role.FINANCE).post(_step(claim, "mark-paid"), _paid_body(paid_on=before))
        assert response.status_code == 400, response.content
        assert "before the claim was approved" in response.json()["errors"]["paid_on"][0]

    def test_a_claim_not_yet_approved_is_a_conflict(self):
        claim = PaymentClaimFactory()
        response = _client(Role.FINANCE).post(_step(claim, "mark-paid"), _paid_body())
        assert response.status_code == 409, response.content
        assert "status" in response.json()["errors"]
        claim.refresh_from_db()
        assert (claim.status, claim.paid_on) == ("submitted", None)


# --- the tax-year threshold ---------------------------------------------------------------------


def _session_claim(person, amount: str, day: dt.date, by, status: str = "submitted") -> PaymentClaim:
    kind = _kind()
    RateCardEntryFactory(activity_kind=kind, unit="session", amount=Decimal(amount))
    starts_at = dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=LONDON)
    participation = _attended(starts_at=starts_at, participant=person, activity__kind=kind)
    claim = services.payment_claim_create(participation=participation, by=by)
    if status in ("approved", "paid"):
        claim = services.payment_claim_approve(
            claim=claim, by=by, benefits_conversation="Test: talked about benefits first."
        )
    if status == "paid":
        claim = services.payment_claim_mark_paid(
            claim=claim, by=by, paid_on=timezone.localdate(), payment_reference="PAYROLL-RUN-1"
        )
    if status == "rejected":
        claim = services.payment_claim_reject(claim=claim, by=by, reason="Duplicate.")
    return claim


@pytest.mark.django_db
class TestThresholdWarning:
    @pytest.fixture(autouse=True)
    def _threshold(self, settings):
        settings.INVOLVEMENT_PAYMENT_TAX_YEAR_THRESHOLD = Decimal("100.00")

    def test_warning_once_the_year_total_passes_the_threshold(self):
        lead = _client(Role.INVOLVEMENT_LEAD)
        person = ParticipantFactory(name="Test Participant Threshold")
        first = _session_claim(person, "60.00", dt.date(2025, 5, 1), lead.user, status="paid")
        body = lead.get(_detail(first)).json()
        assert (body["tax_year_total"], body["threshold_warning"]) == ("60.00", False)

        at_threshold = _session_claim(person, "40.00", dt.date(2025, 6, 1), lead.user, status="approved")
        body = lead.get(_detail(at_threshold)).json()
        assert (body["tax_year_total"], body["threshold_warning"]) == ("100.00", False)

        over = _session_claim(person, "0.01", dt.date(2025, 7, 1), lead.user)
        body = lead.get(_detail(over)).json()
        assert (body["tax_year_total"], body["threshold_warning"]) == ("100.01", True)
        assert "over the £100.00 threshold" in body["notes"][-1]
        assert "Talk to them before approving" in body["notes"][-1]
        # Once approved, the talk is behind them: the note no longer asks for it.
        approved = _session_claim(person, "0.01", dt.date(2025, 7, 2), lead.user, status="approved")
        note = lead.get(_detail(approved)).json()["notes"][-1]
        assert "over the £100.00 threshold" in note and "before approving" not in note

    def test_rejected_claims_and_other_tax_years_do_not_count(self):
        lead = _client(Role.INVOLVEMENT_LEAD)
        person = ParticipantFactory()
        _session_claim(person, "500.00", dt.date(2025, 4, 5), lead.user, status="paid")  # 2024-25
        _session_claim(person, "500.00", dt.date(2025, 5, 1), lead.user, status="rejected")
        claim = _session_claim(person, "90.00", dt.date(2025, 4, 6), lead.user)
        body = lead.get(_detail(claim)).json()
        assert (body["tax_year"], body["tax_year_total"], body["threshold_warning"]) == (2025, "90.00", False)

    def test_totals_per_person(self):
        lead = _client(Role.INVOLVEMENT_LEAD)
        high, low = (
            ParticipantFactory(name="Test Participant High"),
            ParticipantFactory(name="Test Participant Low"),
        )
        _session_claim(high, "80.00", dt.date(2025, 5, 1), lead.user, status="paid")
        _session_claim(high, "30.00", dt.date(2026, 4, 5), lead.user)
        _session_claim(low, "20.00", dt.date(2025, 9, 1), lead.user, status="approved")
        _session_claim(low, "500.00", dt.date(2025, 9, 2), lead.user, status="rejected")
        _session_claim(low, "20.00", dt.date(2026, 4, 6), lead.user)  # next tax year

        for client in (lead, _client(Role.FINANCE)):
            response = client.get(TOTALS, {"tax_year": 2025})
            assert response.status_code == 200, response.content
            body = response.json()
            assert (body["tax_year"], body["tax_year_label"], body["threshold"]) == (
                2025,
                "2025-26",
                "100.00",
            )
            assert (body["starts_on"], body["ends_on"]) == ("2025-04-06", "2026-04-05")
            rows = [
                (r["participant"]["display"], r["claims"], r["involvement_total"], r["threshold_warning"])
                for r in body["results"]
            ]
            assert rows == [
                ("Test Participant High", 2, "110.00", True),
                ("Test Participant Low", 1, "20.00", False),
            ]

    @pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.HR, Role.PEER_WORKER])
    def test_totals_are_for_leads_and_finance_only(self, role):
        assert _client(role).get(TOTALS).status_code == 403

    @pytest.mark.parametrize(
        ("params", "field"), [({"tax_year": "last"}, "tax_year"), ({"year": "2025"}, "year")]
    )
    def test_totals_bad_query(self, params, field):
        response = _client(Role.FINANCE).get(TOTALS, params)
        assert response.status_code == 400
        assert field in response.json()["errors"]

    def test_totals_default_to_this_tax_year(self):
        today = timezone.localdate()
        expected = today.year if (today.month, today.day) >= (4, 6) else today.year - 1
        assert _client(Role.FINANCE).get(TOTALS).json()["tax_year"] == expected


@pytest.mark.django_db
class TestApprovingOverTheThreshold:
    """Over the threshold, approve needs benefits_conversation: a note that the lead spoke to the person."""

    NOTE = "Spoke on the phone about Universal Credit; they are happy to be paid."

    @pytest.fixture(autouse=True)
    def _threshold(self, settings):
        settings.INVOLVEMENT_PAYMENT_TAX_YEAR_THRESHOLD = Decimal("100.00")

    def _over(self, lead) -> PaymentClaim:
        person = ParticipantFactory(name="Test Participant Near Threshold")
        _session_claim(person, "80.00", dt.date(2025, 5, 1), lead, status="paid")
        return _session_claim(person, "30.00", dt.date(2025, 6, 1), lead)

    @pytest.mark.parametrize("body", [{}, {"benefits_conversation": ""}, {"benefits_conversation": "  "}])
    def test_without_a_note_it_is_400_saying_why(self, body):
        lead = _client(Role.INVOLVEMENT_LEAD)
        claim = self._over(lead.user)
        assert lead.get(_detail(claim)).json()["threshold_warning"] is True
        response = lead.post(_step(claim, "approve"), body)
        assert response.status_code == 400, response.content
        (message,) = response.json()["errors"]["benefits_conversation"]
        assert "£110.00, over the £100.00 threshold" in message
        assert "Talk to them first" in message
        claim.refresh_from_db()
        assert (claim.status, claim.approved_at) == ("submitted", None)

    def test_a_note_under_10_characters_is_refused(self):
        lead = _client(Role.INVOLVEMENT_LEAD)
        claim = self._over(lead.user)
        response = lead.post(_step(claim, "approve"), {"benefits_conversation": "Talked."})
        assert response.status_code == 400, response.content
        assert "benefits_conversation" in response.json()["errors"]
        claim.refresh_from_db()
        assert claim.status == "submitted"

    def test_with_a_note_it_is_approved_and_the_note_recorded(self):
        lead = _client(Role.INVOLVEMENT_LEAD)
        claim = self._over(lead.user)
        response = lead.post(_step(claim, "approve"), {"benefits_conversation": self.NOTE})
        assert response.status_code == 200, response.content
        body = response.json()
        assert (body["status"], body["approved_by"]["id"]) == ("approved", lead.user.pk)
        assert body["benefits_conversation_note"] == self.NOTE
        assert body["benefits_conversation_at"] == body["approved_at"]
        claim.refresh_from_db()
        assert (claim.benefits_conversation_note, claim.approved_by) == (self.NOTE, lead.user)
        assert claim.benefits_conversation_at == claim.approved_at
        finance_sees = _client(Role.FINANCE).get(_detail(claim)).json()
        assert finance_sees["benefits_conversation_note"] == self.NOTE

    def test_the_person_does_not_see_the_note_on_their_claim(self):
        lead = UserFactory(roles=[Role.INVOLVEMENT_LEAD])
        client, person = _participant_login()
        _session_claim(person, "80.00", dt.date(2025, 5, 1), lead, status="paid")
        claim = _session_claim(person, "30.00", dt.date(2025, 6, 1), lead)
        services.payment_claim_approve(claim=claim, by=lead, benefits_conversation=self.NOTE)
        body = client.get(_detail(claim)).json()
        assert body["status"] == "approved"
        assert (body["benefits_conversation_note"], body["benefits_conversation_at"]) == (None, None)

    def test_below_the_threshold_no_note_is_needed(self):
        lead = _client(Role.INVOLVEMENT_LEAD)
        claim = _session_claim(ParticipantFactory(), "99.99", dt.date(2025, 6, 1), lead.user)
        response = lead.post(_step(claim, "approve"))
        assert response.status_code == 200, response.content
        body = response.json()
        assert (body["status"], body["threshold_warning"], body["benefits_conversation_note"]) == (
            "approved",
            False,
            "",
        )
        assert body["benefits_conversation_at"] is None


# --- finance's export ---------------------------------------------------------------------------


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


@pytest.mark.django_db
class TestExport:
    def _approved(self, lead, approved_at: dt.datetime, **kwargs) -> PaymentClaim:
        claim = services.payment_claim_approve(claim=PaymentClaimFactory(**kwargs), by=lead)
        PaymentClaim.objects.filter(pk=claim.pk).update(approved_at=approved_at)
        return claim

    def test_csv_of_approved_unpaid_claims(self):
        lead_user = UserFactory(roles=[Role.INVOLVEMENT_LEAD], first_name="Test", last_name="Lead")
        RateCardEntryFactory(amount=Decimal("12.35"))
        person = ParticipantFactory(
            name="Test Participant 3",
            postal_address="3 Test Row\nTestville TE1 1ST",
            payroll_reference="PAY-000123",
        )
        participation = _attended(
            "2.50", starts_at=dt.datetime(2025, 4, 5, 10, 0, tzinfo=LONDON), participant=person
        )
        participation.activity.title = "Test workshop on crisis care"
        participation.activity.save()
        claim = services.payment_claim_create(
            participation=participation, by=lead_user, expenses=[{"kind": "travel", "amount": "5.00"}]
        )
        services.payment_claim_approve(claim=claim, by=lead_user)
        PaymentClaimFactory()  # submitted: not exported
        PaymentClaimFactory(status="paid")  # already paid: not exported
        PaymentClaimFactory(status="rejected")

        response = _client(Role.FINANCE).get(EXPORT)
        assert response.status_code == 200, response.content
        assert response["Content-Type"].startswith("text/csv")
        assert response["Content-Disposition"].startswith('attachment; filename="approved-claims-')
        header, *rows = _rows(response)
        assert header == [
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
        assert len(rows) == 1
        row = dict(zip(header, rows[0], strict=True))
        claim.refresh_from_db()
        assert row["Claim ID"] == str(claim.pk)
        assert row["Participant"] == "Test Participant 3"
        assert row["Tax year"] == "2024-25"
        assert row["Activity"] == "Test workshop on crisis care"
        assert row["Activity date"] == "2025-04-05"
        assert (row["Hours"], row["Rate"]) == ("2.50", "12.35")
        assert (row["Involvement amount"], row["Expenses amount"], row["Total"]) == ("30.88", "5.00", "35.88")
        assert dt.datetime.fromisoformat(row["Approved at"]) == claim.approved_at.replace(microsecond=0)
        assert row["Approved by"] == "Test Lead"
        assert (row["Postal address"], row["Payroll reference"]) == (
            "3 Test Row\nTestville TE1 1ST",
            "PAY-000123",
        )
        assert (row["Over tax-year threshold"], row["Paid on"], row["Payment reference"]) == ("No", "", "")

    def test_threshold_column_follows_the_claims_warning(self, settings):
        """Yes exactly where the claim itself shows threshold_warning: same person, same tax year."""
        settings.INVOLVEMENT_PAYMENT_TAX_YEAR_THRESHOLD = Decimal("100.00")
        lead = UserFactory(roles=[Role.INVOLVEMENT_LEAD])
        over, under = ParticipantFactory(), ParticipantFactory()
        _session_claim(over, "60.00", dt.date(2025, 5, 1), lead, status="paid")
        over_claim = _session_claim(over, "40.01", dt.date(2025, 6, 1), lead, status="approved")
        _session_claim(under, "500.00", dt.date(2025, 4, 5), lead, status="paid")  # the year before
        under_claim = _session_claim(under, "100.00", dt.date(2025, 6, 1), lead, status="approved")

        finance = _client(Role.FINANCE)
        header, *rows = _rows(finance.get(EXPORT))
        flags = {int(row[0]): dict(zip(header, row, strict=True))["Over tax-year threshold"] for row in rows}
        assert flags == {over_claim.pk: "Yes", under_claim.pk: "No"}
        warnings = {pk: finance.get(_detail(PaymentClaim(pk=pk))).json()["threshold_warning"] for pk in flags}
        assert warnings == {over_claim.pk: True, under_claim.pk: False}

    def test_paid_claims_with_their_payment_date_and_reference(self):
        lead = UserFactory(roles=[Role.INVOLVEMENT_LEAD])
        claim = services.payment_claim_approve(claim=PaymentClaimFactory(), by=lead)
        waiting = services.payment_claim_approve(claim=PaymentClaimFactory(), by=lead)
        finance = _client(Role.FINANCE)
        today = timezone.localdate().isoformat()
        response = finance.post(_step(claim, "mark-paid"), {"paid_on": today, "payment_reference": "BACS-77"})
        assert response.status_code == 200, response.content

        response = finance.get(EXPORT, {"status": "paid"})
        assert response.status_code == 200, response.content
        assert response["Content-Disposition"].startswith('attachment; filename="paid-claims-')
        header, *rows = _rows(response)
        assert [int(r[0]) for r in rows] == [claim.pk]
        row = dict(zip(header, rows[0], strict=True))
        assert (row["Paid on"], row["Payment reference"]) == (today, "BACS-77")
        assert [int(r[0]) for r in _rows(finance.get(EXPORT))[1:]] == [waiting.pk]

    def test_query_count_does_not_grow_with_rows(self):
        lead = UserFactory(roles=[Role.INVOLVEMENT_LEAD])
        finance = _client(Role.FINANCE)
        self._approved(lead, timezone.now())
        with CaptureQueriesContext(connection) as few:
            assert len(_rows(finance.get(EXPORT))) == 2
        for _ in range(6):
            self._approved(lead, timezone.now())
        with CaptureQueriesContext(connection) as many:
            assert len(_rows(finance.get(EXPORT))) == 8
        assert len(many) == len(few), "the export makes a query per row; join it in the selector"

    def test_filter_by_approved_dates(self):
        lead = UserFactory(roles=[Role.INVOLVEMENT_LEAD])
        march = self._approved(lead, dt.datetime(2025, 3, 31, 23, 30, tzinfo=LONDON))
        april = self._approved(lead, dt.datetime(2025, 4, 1, 0, 30, tzinfo=LONDON))
        may = self._approved(lead, dt.datetime(2025, 5, 1, 12, 0, tzinfo=LONDON))
        client = _client(Role.FINANCE)

        def ids(**params):
            response = client.get(EXPORT, params)
            assert response.status_code == 200, response.content
            return [int(row[0]) for row in _rows(response)[1:]]

        assert ids() == [march.pk, april.pk, may.pk]
        assert ids(approved_from="2025-04-01") == [april.pk, may.pk]
        assert ids(approved_to="2025-04-01") == [march.pk, april.pk]
        assert ids(approved_from="2025-04-01", approved_to="2025-04-30") == [april.pk]

    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({"approved_from": "yesterday"}, "approved_from"),
            ({"approved_from": "2025-05-01", "approved_to": "2025-04-01"}, "approved_to"),
            ({"status": "rejected"}, "status"),
            ({"stauts": "paid"}, "stauts"),
        ],
    )
    def test_bad_query(self, params, field):
        response = _client(Role.FINANCE).get(EXPORT, params)
        assert response.status_code == 400
        assert field in response.json()["errors"]

    def test_leads_may_export_too(self):
        assert _client(Role.INVOLVEMENT_LEAD).get(EXPORT).status_code == 200

    @pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.HR, Role.BOARD_MEMBER])
    def test_nobody_else_may_export(self, role):
        PaymentClaimFactory(status="approved", approved_at=timezone.now())
        response = _client(role).get(EXPORT)
        assert response.status_code == 403
        assert b"Test Participant" not in response.content

    def test_a_name_cannot_smuggle_a_formula_into_the_spreadsheet(self):
        lead = UserFactory(roles=[Role.INVOLVEMENT_LEAD])
        self._approved(
            lead, timezone.now(), participation__participant__name='=HYPERLINK("http://bad.test.example")'
        )
        (row,) = _rows(_client(Role.FINANCE).get(EXPORT))[1:]
        assert row[1].startswith("'=")


@pytest.mark.django_db
def test_the_schema_documents_the_approve_and_mark_paid_bodies(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    components = schema["components"]["schemas"]

    def body(path: str) -> dict:
        ref = schema["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        return components[ref.rsplit("/", 1)[-1]]

    mark_paid = body("/api/v1/involvement/claims/{id}/mark-paid/")
    assert set(mark_paid["required"]) == {"paid_on", "payment_reference"}
    assert mark_paid["properties"]["paid_on"]["format"] == "date"
    assert mark_paid["properties"]["payment_reference"]["maxLength"] == 100
    approve = body("/api/v1/involvement/claims/{id}/approve/")
    assert approve["properties"]["benefits_conversation"]["maxLength"] == 1000
    assert "required" not in approve
    claim = components["PaymentClaim"]["properties"]
    assert {"payee", "paid_on", "payment_reference", "benefits_conversation_note"} <= set(claim)
