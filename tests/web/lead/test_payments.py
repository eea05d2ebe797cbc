"""Claims in the browser: the lead's queue and a claim's approval (with the note of the benefits
conversation over the tax-year threshold) or rejection; finance's queue, marking paid, the claims
paid, and the CSV for the finance system (the API's file). Who may not open them, bad input, two
people acting on one claim, and the lists' query counts."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from involvement import services
from involvement.models import PaymentClaim
from tests.conftest import client_for_user
from tests.factories import (
    ActivityFactory,
    ActivityKindFactory,
    AttendedParticipationFactory,
    ParticipantFactory,
    RateCardEntryFactory,
    UserFactory,
)
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db

TO_APPROVE = "/payments/to-approve/"
TO_PAY = "/payments/to-pay/"
PAID = "/payments/to-pay/paid/"
CSV = "/payments/to-pay/claims.csv"
NOTE = "Talked about Universal Credit and the earnings disregard; pointed them to Citizens Advice."
LEADS = (Role.INVOLVEMENT_LEAD, Role.ADMIN)
KINDS = itertools.count(1)
PAYERS = (Role.FINANCE, Role.INVOLVEMENT_LEAD, Role.ADMIN)


def text(response) -> str:
    return response.content.decode()


def main(response) -> str:
    """The page's main content, without the header menu."""
    return text(response).split('id="maincontent"', 1)[1].split("</main>", 1)[0]


def claim_for(
    person=None, *, amount: str = "20.00", days_ago: int = 10, expenses=(), title: str = "", by=None
) -> PaymentClaim:
    """A submitted claim, made through the service: one session at `amount` (a rate of its own)."""
    person = person or ParticipantFactory()
    number = next(KINDS)
    kind = ActivityKindFactory(code=f"web-pay-kind-{number}", name=f"Test paid activity kind {number}")
    RateCardEntryFactory(activity_kind=kind, unit="session", amount=Decimal(amount))
    start = (timezone.localtime() - dt.timedelta(days=days_ago)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    activity = ActivityFactory(
        kind=kind,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        status="held",
        **({"title": title} if title else {}),
    )
    participation = AttendedParticipationFactory(activity=activity, participant=person)
    by = by or UserFactory(roles=[Role.INVOLVEMENT_LEAD])
    return services.payment_claim_create(participation=participation, by=by, expenses=list(expenses))


def approved(claim: PaymentClaim, by=None) -> PaymentClaim:
    by = by or UserFactory(roles=[Role.INVOLVEMENT_LEAD])
    return services.payment_claim_approve(claim=claim, by=by, benefits_conversation=NOTE)


@pytest.fixture
def lead_user():
    return UserFactory(roles=[Role.INVOLVEMENT_LEAD], first_name="Indra", last_name="Lead-Test")


@pytest.fixture
def lead(lead_user):
    return signed_in(lead_user)


@pytest.fixture
def finance():
    return signed_in(UserFactory(roles=[Role.FINANCE], first_name="Fenn", last_name="Finance-Test"))


@pytest.fixture
def low_threshold(settings):
    settings.INVOLVEMENT_PAYMENT_TAX_YEAR_THRESHOLD = Decimal("100.00")


# --- who may open these pages ------------------------------------------------------------------


@pytest.mark.parametrize("role", [r for r in Role if r not in LEADS])
def test_the_lead_pages_are_403_for_other_roles(page_for, role):
    claim = claim_for()
    client = page_for(role)
    for path in (TO_APPROVE, f"{TO_APPROVE}{claim.pk}/", f"{TO_APPROVE}{claim.pk}/reject/"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "Approving claims is for the involvement team." in text(response)
    assert client.post(f"{TO_APPROVE}{claim.pk}/").status_code == 403
    assert client.post(f"{TO_APPROVE}{claim.pk}/reject/", {"reason": "No."}).status_code == 403
    claim.refresh_from_db()
    assert claim.status == PaymentClaim.Status.SUBMITTED


@pytest.mark.parametrize("role", [r for r in Role if r not in PAYERS])
def test_the_finance_pages_are_403_for_other_roles(page_for, role):
    claim = approved(claim_for())
    client = page_for(role)
    for path in (TO_PAY, PAID, CSV, f"{TO_PAY}{claim.pk}/"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert claim.participant.name not in text(response)
    today = timezone.localdate()
    body = {"paid_on_day": today.day, "paid_on_month": today.month, "paid_on_year": today.year}
    assert client.post(f"{TO_PAY}{claim.pk}/", {**body, "payment_reference": "X"}).status_code == 403
    claim.refresh_from_db()
    assert claim.status == PaymentClaim.Status.APPROVED


def test_a_claim_that_is_not_there_or_not_to_pay_is_404(lead, finance):
    submitted = claim_for()
    assert lead.get(f"{TO_APPROVE}999999/").status_code == 404
    assert lead.get(f"{TO_APPROVE}999999/reject/").status_code == 404
    assert finance.get(f"{TO_PAY}999999/").status_code == 404
    # Finance's page is for approved and paid claims only: a submitted one is not among them.
    assert finance.get(f"{TO_PAY}{submitted.pk}/").status_code == 404
    assert finance.post(f"{TO_PAY}{submitted.pk}/", {"payment_reference": "X"}).status_code == 404


def test_the_menu_and_home_lead_each_role_to_their_queue(lead, finance, page_for):
    claim_for()
    home = text(lead.get("/"))
    assert f'href="{TO_APPROVE}"' in home and "Claims to approve" in home
    assert f'href="{TO_PAY}"' not in home.split("</header>", 1)[0]  # not in a lead's menu
    home = text(finance.get("/"))
    assert f'href="{TO_PAY}"' in home and "Claims to pay" in home
    assert f'href="{TO_APPROVE}"' not in home
    other = text(page_for(Role.HR).get("/"))
    assert TO_APPROVE not in other and TO_PAY not in other


# --- the lead's queue and a claim's page --------------------------------------------------------


def test_the_queue_lists_submitted_claims_oldest_first_with_lines_and_the_warning(lead, low_threshold):
    heavy = ParticipantFactory(name="Test Heavy Claimer")
    claim_for(heavy, amount="90.00", days_ago=30)
    late = claim_for(heavy, amount="30.00", days_ago=20, title="Test Late Panel")
    early = claim_for(
        ParticipantFactory(name="Test Light Claimer"),
        days_ago=25,
        title="Test Early Workshop",
        expenses=[{"kind": "travel", "amount": "6.40", "description": "Test bus fare"}],
    )
    PaymentClaim.objects.filter(pk=early.pk).update(submitted_at=timezone.now() - dt.timedelta(days=3))
    approved(claim_for(ParticipantFactory(name="Test Already Approved")))
    services.payment_claim_reject(
        claim=claim_for(ParticipantFactory(name="Test Rejected Person")),
        by=UserFactory(roles=[Role.INVOLVEMENT_LEAD]),
        reason="No.",
    )

    response = lead.get(TO_APPROVE)
    page = main(response)
    assert response.status_code == 200
    assert "3 claims waiting" in page
    assert "Test Already Approved" not in page and "Test Rejected Person" not in page
    # Oldest sent first: the early workshop was sent three days ago, the others just now.
    assert page.index("Test Early Workshop") < page.index("Test Late Panel")
    early_card = page.split("Test Light Claimer", 1)[1].split("</tr>", 1)[0]
    assert "Travel: £6.40, Test bus fare" in early_card and "£26.40" in early_card
    assert "Test Early Workshop" in early_card
    assert "Over the tax-year threshold" not in early_card
    late_card = (
        page.split("Test Late Panel", 1)[0].rsplit("<tr", 1)[1]
        + page.split("Test Late Panel", 1)[1].split("</tr>", 1)[0]
    )
    assert "Over the tax-year threshold" in late_card
    assert "£120.00 in" in late_card and "the threshold is £100.00" in late_card
    assert f'href="{TO_APPROVE}{late.pk}/"' in late_card


def test_approving_below_the_threshold_needs_no_note(lead, lead_user):
    claim = claim_for(ParticipantFactory(name="Test Below Person"), amount="20.00")
    page = text(lead.get(f"{TO_APPROVE}{claim.pk}/"))
    assert "Over the tax-year threshold" not in page and "What did you talk about?" not in page
    response = lead.post(f"{TO_APPROVE}{claim.pk}/", follow=True)
    assert response.redirect_chain[-1][0] == TO_APPROVE
    assert "Test Below Person&#x27;s claim for £20.00 is approved." in text(response)
    claim.refresh_from_db()
    assert (claim.status, claim.approved_by) == (PaymentClaim.Status.APPROVED, lead_user)
    assert claim.benefits_conversation_note == ""


def test_approving_over_the_threshold_asks_what_was_talked_about_and_keeps_it(lead, low_threshold):
    person = ParticipantFactory(name="Test Over Person")
    approved(claim_for(person, amount="90.00"))
    claim = claim_for(person, amount="30.00")
    address = f"{TO_APPROVE}{claim.pk}/"

    page = main(lead.get(address))
    assert "Over the tax-year threshold" in page
    assert "come to £120.00 with this claim, over the £100.00 threshold" in page
    assert "can affect benefits" in page and "tax" in page
    label = '<label class="nhsuk-label nhsuk-label--m" for="id_benefits_conversation">'
    assert f"{label}What did you talk about?</label>" in page

    response = lead.post(address, {"benefits_conversation": ""})
    assert response.status_code == 400
    body = text(response)
    assert "<title>Error: " in body
    assert '<a href="#id_benefits_conversation">' in body
    assert 'id="id_benefits_conversation_error"' in body and "Talk to them first" in body
    claim.refresh_from_db()
    assert claim.status == PaymentClaim.Status.SUBMITTED

    response = lead.post(address, {"benefits_conversation": "Too short"})
    assert response.status_code == 400
    assert "at least 10 characters" in text(response)
    assert "Too short</textarea>" in text(response)  # what they typed is kept
    claim.refresh_from_db()
    assert (claim.status, claim.benefits_conversation_note) == (PaymentClaim.Status.SUBMITTED, "")

    response = lead.post(address, {"benefits_conversation": NOTE})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == PaymentClaim.Status.APPROVED
    assert claim.benefits_conversation_note == NOTE and claim.benefits_conversation_at is not None
    # The approved claim's page shows the note and no form.
    page = main(lead.get(address))
    assert NOTE in page and "Approve claim" not in page


def test_rejecting_needs_a_reason_which_is_kept(lead, lead_user):
    claim = claim_for(ParticipantFactory(name="Test Reject Person"))
    address = f"{TO_APPROVE}{claim.pk}/reject/"
    assert "Reject the claim from Test Reject Person" in text(lead.get(address))

    response = lead.post(address, {"reason": "   "})
    assert response.status_code == 400
    assert '<a href="#id_reason">' in text(response) and 'id="id_reason_error"' in text(response)
    claim.refresh_from_db()
    assert claim.status == PaymentClaim.Status.SUBMITTED

    response = lead.post(address, {"reason": "x" * 501})
    assert response.status_code == 400 and "Keep the reason to 500 characters" in text(response)

    response = lead.post(address, {"reason": "This was paid on a paper claim in May."}, follow=True)
    assert response.redirect_chain[-1][0] == TO_APPROVE
    assert "Test Reject Person&#x27;s claim is rejected." in text(response)
    claim.refresh_from_db()
    assert (claim.status, claim.rejected_by) == (PaymentClaim.Status.REJECTED, lead_user)
    assert claim.rejection_reason == "This was paid on a paper claim in May."
    # The reject page of a claim no longer waiting goes back to the claim.
    assert lead.get(address)["Location"] == f"{TO_APPROVE}{claim.pk}/"


def test_two_leads_on_one_claim_the_second_is_told_plainly(lead, page_for):
    other_user = UserFactory(roles=[Role.INVOLVEMENT_LEAD], first_name="Otto", last_name="Other-Lead")
    claim = claim_for(ParticipantFactory(name="Test Race Person"))
    lead.get(f"{TO_APPROVE}{claim.pk}/")  # both have the page open
    services.payment_claim_approve(claim=claim, by=other_user)

    for address, body in (
        (f"{TO_APPROVE}{claim.pk}/", {}),
        (f"{TO_APPROVE}{claim.pk}/reject/", {"reason": "Duplicate."}),
    ):
        response = lead.post(address, body, follow=True)
        assert response.status_code == 200
        assert "Test Race Person&#x27;s claim was already approved by Otto Other-Lead on" in text(response)
        assert "Nothing was changed." in text(response)
    claim.refresh_from_db()
    assert (claim.status, claim.approved_by, claim.rejection_reason) == ("approved", other_user, "")


# --- finance -----------------------------------------------------------------------------------


def test_finance_sees_approved_claims_with_who_to_pay_and_who_approved(finance, low_threshold):
    person = ParticipantFactory(
        name="Test Payee Person",
        postal_address="4 Test Lane\nTestbury TE2 2ST",
        payroll_reference="PAY-000456",
        email="payee@test.example",
    )
    approver = UserFactory(roles=[Role.INVOLVEMENT_LEAD], first_name="Aster", last_name="Approver-Test")
    claim = approved(claim_for(person, amount="120.00", title="Test Paid Panel"), by=approver)
    claim_for(ParticipantFactory(name="Test Not Approved Yet"))

    response = finance.get(TO_PAY)
    page = main(response)
    assert "1 claim to pay: £120.00 in all" in page
    assert "Test Not Approved Yet" not in page
    row = page.split("Test Payee Person", 1)[1].split("</tr>", 1)[0]
    for shown in (
        "4 Test Lane<br>Testbury TE2 2ST",
        "PAY-000456",
        "payee@test.example",
        "Test Paid Panel",
        "by Aster Approver-Test",
        "£120.00",
    ):
        assert shown in row, shown
    assert f'href="{TO_PAY}{claim.pk}/"' in row
    assert f'href="{CSV}?status=approved"' in page

    detail = main(finance.get(f"{TO_PAY}{claim.pk}/"))
    assert "Pay Test Payee Person" in detail and "PAY-000456" in detail
    assert "Over the tax-year threshold" in detail and NOTE in detail  # what the lead talked about


def test_finance_filters_by_approval_dates_and_a_bad_date_is_shown(finance):
    march = approved(claim_for(ParticipantFactory(name="Test March Person")))
    may = approved(claim_for(ParticipantFactory(name="Test May Person")))
    PaymentClaim.objects.filter(pk=march.pk).update(approved_at=dt.datetime(2025, 3, 20, 12, tzinfo=dt.UTC))
    PaymentClaim.objects.filter(pk=may.pk).update(approved_at=dt.datetime(2025, 5, 20, 12, tzinfo=dt.UTC))

    query = {"approved_from_day": "1", "approved_from_month": "4", "approved_from_year": "2025"}
    page = main(finance.get(TO_PAY, query))
    assert "Test May Person" in page and "Test March Person" not in page
    assert (
        "approved_from_day=1" in page.split("claims.csv?", 1)[1].split('"', 1)[0]
    )  # the CSV keeps the filter

    response = finance.get(
        TO_PAY, {**query, "approved_to_day": "31", "approved_to_month": "2", "approved_to_year": "2025"}
    )
    assert response.status_code == 400
    assert '<a href="#id_approved_to">' in text(response)

    response = finance.get(
        TO_PAY, {"approved_from_day": "31", "approved_from_month": "2", "approved_from_year": "2025"}
    )
    assert response.status_code == 400
    assert "The first day must be a real date" in text(response)
    assert 'name="approved_from_day" type="text" inputmode="numeric" value="31"' in text(response)


def test_marking_paid_needs_a_past_date_and_a_reference(finance):
    claim = approved(claim_for(ParticipantFactory(name="Test Mark Paid Person")))
    address = f"{TO_PAY}{claim.pk}/"
    today = timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)

    def date(value: dt.date) -> dict:
        return {"paid_on_day": value.day, "paid_on_month": value.month, "paid_on_year": value.year}

    for body, field, words in (
        ({**date(tomorrow), "payment_reference": "BACS-1"}, "paid_on", "cannot be in the future"),
        (
            {**date(today), "payment_reference": "  "},
            "payment_reference",
            "Give the payment&#x27;s reference",
        ),
        ({"payment_reference": "BACS-1"}, "paid_on", "Give the day the claim was paid"),
        (
            {
                "paid_on_day": "31",
                "paid_on_month": "2",
                "paid_on_year": "2026",
                "payment_reference": "BACS-1",
            },
            "paid_on",
            "must be a real date",
        ),
    ):
        response = finance.post(address, body)
        assert response.status_code == 400, body
        assert f'<a href="#id_{field}">' in text(response) and f'id="id_{field}_error"' in text(response)
        assert words in text(response), words
        claim.refresh_from_db()
        assert claim.status == PaymentClaim.Status.APPROVED and claim.payment_reference == ""
    assert 'value="BACS-1"' in text(response)  # what was typed is kept

    response = finance.post(address, {**date(today), "payment_reference": "BACS-2026-03"}, follow=True)
    assert response.redirect_chain[-1][0] == TO_PAY
    assert "is marked paid on" in text(response)
    claim.refresh_from_db()
    assert (claim.status, claim.paid_on, claim.payment_reference) == ("paid", today, "BACS-2026-03")

    page = main(finance.get(PAID))
    assert "Test Mark Paid Person" in page and "BACS-2026-03" in page
    assert "Test Mark Paid Person" not in main(finance.get(TO_PAY))

    # A second finance officer who had the page open is told, and nothing changes.
    response = finance.post(address, {**date(today), "payment_reference": "OTHER"}, follow=True)
    assert "was already marked paid on" in text(response) and "BACS-2026-03" in text(response)
    claim.refresh_from_db()
    assert claim.payment_reference == "BACS-2026-03"


def test_leads_may_pay_too(lead):
    claim = approved(claim_for())
    assert lead.get(TO_PAY).status_code == 200
    today = timezone.localdate()
    body = {
        "paid_on_day": today.day,
        "paid_on_month": today.month,
        "paid_on_year": today.year,
        "payment_reference": "R-1",
    }
    assert lead.post(f"{TO_PAY}{claim.pk}/", body).status_code == 302


def test_the_csv_is_the_apis_file(finance, low_threshold):
    finance_user = finance.user
    api = client_for_user(finance_user)
    person = ParticipantFactory(
        name="=Test Formula", postal_address="1 Test Street", payroll_reference="PAY-1"
    )
    approved(claim_for(person, amount="150.00", expenses=[{"kind": "travel", "amount": "3.20"}]))
    approved(claim_for(ParticipantFactory(name="Test Second Payee")))
    paid_claim = approved(claim_for(ParticipantFactory(name="Test Paid Payee")))
    services.payment_claim_mark_paid(
        claim=paid_claim, by=finance_user, paid_on=timezone.localdate(), payment_reference="R-9"
    )

    for page_query, api_query in (
        ({}, {}),
        ({"status": "paid"}, {"status": "paid"}),
        (
            {"approved_from_day": "1", "approved_from_month": "1", "approved_from_year": "2020"},
            {"approved_from": "2020-01-01"},
        ),
    ):
        page = finance.get(CSV, page_query)
        assert page.status_code == 200
        expected = api.get(reverse("api:payment-claim-export"), api_query)
        assert expected.status_code == 200, expected.content
        assert page.content == expected.content
        assert page["Content-Disposition"] == expected["Content-Disposition"]
        assert page["Content-Type"].startswith("text/csv")
    content = finance.get(CSV).content.decode()
    assert "Over tax-year threshold" in content.splitlines()[0]
    assert "'=Test Formula" in content and "Test Paid Payee" not in content
    assert finance.get(CSV, {"status": "rejected"}).status_code == 400


# --- query counts --------------------------------------------------------------------------------


def _many(count: int) -> None:
    lead = UserFactory(roles=[Role.INVOLVEMENT_LEAD])
    finance = UserFactory(roles=[Role.FINANCE])
    for _ in range(count):
        claim_for(
            by=lead, expenses=[{"kind": "travel", "amount": "2.00"}, {"kind": "other", "amount": "1.00"}]
        )
        to_pay = approved(claim_for(by=lead), by=lead)
        paid = approved(claim_for(by=lead), by=lead)
        services.payment_claim_mark_paid(
            claim=paid, by=finance, paid_on=timezone.localdate(), payment_reference="R"
        )
    del to_pay


@pytest.mark.parametrize("path", [TO_APPROVE, TO_PAY, PAID, CSV, "/"])
def test_the_lists_ask_the_same_number_of_queries_for_3_rows_as_for_30(
    page_for, path, django_assert_max_num_queries
):
    client = page_for(Role.INVOLVEMENT_LEAD, Role.FINANCE)
    _many(3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    _many(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(path)
    assert response.status_code == 200
    if path != "/" and path != CSV:
        assert 'aria-label="Page 2"' in text(response)
    assert len(few.captured_queries) <= 15


def test_claim_pages_count_queries_without_regard_to_expense_lines(lead):
    claim = claim_for(expenses=[{"kind": "travel", "amount": "1.00"}])
    with CaptureQueriesContext(connection) as one:
        lead.get(f"{TO_APPROVE}{claim.pk}/")
    many = claim_for(expenses=[{"kind": "travel", "amount": "1.00"}] * 8)
    with CaptureQueriesContext(connection) as eight:
        lead.get(f"{TO_APPROVE}{many.pk}/")
    assert len(eight) == len(one)
    assert re.search("Travel: £1.00", text(lead.get(f"{TO_APPROVE}{many.pk}/")))
