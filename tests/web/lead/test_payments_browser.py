"""Claims and hours in a real browser: an involvement lead approves a claim over the tax-year
threshold (the note of the benefits conversation), rejects another, reads the hours and downloads a
certificate; finance filters the claims to pay, downloads the CSV and marks a claim paid; a
participant downloads their own certificate. axe-core finds nothing on any page, forms with
mistakes included; the main forms work with JavaScript switched off.

The live server answers from another thread, so the tests are transactional and build their data
before the browser visits.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from pypdf import PdfReader

from accounts.roles import Role
from involvement import services
from involvement.models import PaymentClaim
from tests.factories import ParticipantFactory
from tests.web import world as world_module
from tests.web.browser import axe_violations, new_context, screenshot
from tests.web.lead.test_payments import NOTE, claim_for

pytestmark = pytest.mark.django_db(transaction=True)


class Visit:
    """One person's browser: go to pages, check each with axe, collect the problems."""

    def __init__(self, browser, origin: str, user, problems: list[str], shots: Path, **options) -> None:
        self.context = new_context(browser, origin, user=user, **options)
        self.page = self.context.new_page()
        self.page.set_default_timeout(30_000)
        self.origin, self.problems, self.shots = origin, problems, shots
        self.js = options.get("js", True)

    def go(self, path: str) -> None:
        self.page.goto(self.origin + path)

    def check(self, where: str, picture: str = "") -> None:
        """axe-core on the page as it is now, and a picture (`picture`: one for the guides too)."""
        assert self.page.locator("h1").count() == 1, f"{where}: one h1"
        if self.js:
            self.problems.extend(f"{where}: {line}" for line in axe_violations(self.page))
        name = picture or where.replace(" ", "-")
        screenshot(self.page, name, self.shots, docs=bool(picture))

    def heading(self) -> str:
        return self.page.locator("h1").inner_text().strip()

    def summary(self) -> str:
        return self.page.locator(".nhsuk-error-summary").inner_text()

    def banner(self) -> str:
        return self.page.locator(".nhsuk-notification-banner").inner_text()

    def download(self, name: str):
        with self.page.expect_download() as info:
            self.page.get_by_role("link", name=name).first.click()
        return Path(info.value.path()).read_bytes()

    def close(self) -> None:
        self.context.close()


def pdf_words(body: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(body)).pages)


def fill_date(page, legend: str, value: dt.date | tuple[int, int, int]) -> None:
    """Type a date into the NHS date input under `legend`; a (day, month, year) may be no real day."""
    day, month, year = (value.day, value.month, value.year) if isinstance(value, dt.date) else value
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day))
    group.get_by_label("Month").fill(str(month))
    group.get_by_label("Year").fill(str(year))


def test_claims_and_hours_in_the_browser(browser, live_server, tmp_path, settings):
    settings.INVOLVEMENT_PAYMENT_TAX_YEAR_THRESHOLD = Decimal("100.00")
    world = world_module.build()
    lead, finance = world.users[Role.INVOLVEMENT_LEAD], world.users[Role.FINANCE]
    over = ParticipantFactory(
        name="Test Over Threshold", payroll_reference="PAY-7", postal_address="7 Test Road"
    )
    services.payment_claim_approve(
        claim=claim_for(over, amount="90.00", by=lead), by=lead, benefits_conversation=NOTE
    )
    heavy = claim_for(over, amount="30.00", by=lead, title="Test Panel Over The Line")
    origin, problems = live_server.url, []

    # The lead: the queue, a claim over the threshold approved with a note, another rejected.
    visit = Visit(browser, origin, lead, problems, tmp_path)
    visit.go("/")
    visit.page.get_by_role("link", name="claims waiting for your approval").click()
    assert visit.heading() == "Claims to approve"
    assert "Over the tax-year threshold" in visit.page.inner_text("main")
    visit.check("lead claims to approve", "lead-claims-to-approve")
    visit.page.get_by_role("link", name="Approve or reject Test Over Threshold's claim").click()
    assert visit.heading() == "Claim from Test Over Threshold"
    assert "can affect benefits" in visit.page.inner_text("main")
    visit.check("lead claim over threshold", "lead-claim-over-threshold")
    visit.page.get_by_role("button", name="Approve claim").click()
    assert "Talk to them first" in visit.summary()
    visit.check("lead claim approve without note")
    visit.page.get_by_label("What did you talk about?").fill(NOTE)
    visit.page.get_by_role("button", name="Approve claim").click()
    assert "is approved" in visit.banner() and visit.heading() == "Claims to approve"
    visit.check("lead claims to approve after approving")
    heavy.refresh_from_db()
    assert (heavy.status, heavy.benefits_conversation_note) == (PaymentClaim.Status.APPROVED, NOTE)

    visit.page.get_by_role("link", name=f"Approve or reject {world.participant.name}'s claim").click()
    visit.page.get_by_role("link", name="Reject this claim").click()
    assert visit.heading() == f"Reject the claim from {world.participant.name}"
    visit.check("lead reject", "lead-claim-reject")
    visit.page.get_by_role("button", name="Reject claim").click()
    assert "Say why the claim is rejected" in visit.summary()
    visit.check("lead reject without reason")
    visit.page.get_by_label("Why are you rejecting this claim?").fill("This was paid on a paper claim.")
    visit.page.get_by_role("button", name="Reject claim").click()
    assert "is rejected" in visit.banner()
    assert "No claims are waiting" in visit.page.inner_text("main")

    # Hours: the totals, a person's page and their certificate.
    visit.page.get_by_role("link", name="Hours", exact=True).click()
    assert visit.heading() == "Hours of involvement"
    visit.check("lead hours", "lead-hours")
    today = timezone.localdate()
    visit.page.get_by_text("Or choose the first and last day").click()
    fill_date(visit.page, "From", today - dt.timedelta(days=60))
    visit.page.get_by_role("button", name="Show hours").click()
    assert "Enter the last day as well" in visit.summary()
    visit.check("lead hours with a mistake")
    fill_date(visit.page, "To", today)
    visit.page.get_by_role("button", name="Show hours").click()
    assert "3.5 hours" in visit.page.inner_text("main")
    visit.page.get_by_role("link", name=world.participant.name, exact=True).click()
    assert visit.heading() == world.participant.name
    visit.check("lead hours person", "lead-hours-person")
    words = pdf_words(visit.download("Download the certificate of involvement (PDF)"))
    assert world.participant.name in words and "Interview panel practice" in words
    assert "Signed off by Indra Lead-Test" in words
    visit.close()

    # Finance: the queue, a filter with a mistake, the CSV, marking paid, the claims paid.
    visit = Visit(browser, origin, finance, problems, tmp_path)
    visit.go("/")
    visit.page.get_by_role("link", name="Claims to pay").first.click()
    assert visit.heading() == "Claims to pay"
    assert "7 Test Road" in visit.page.inner_text("main") and "PAY-7" in visit.page.inner_text("main")
    visit.check("finance claims to pay", "finance-claims-to-pay")
    fill_date(visit.page, "Approved from", (30, 2, 2026))
    visit.page.get_by_role("button", name="Show claims").click()
    assert "The first day must be a real date" in visit.summary()
    visit.check("finance claims to pay with a mistake")
    visit.page.get_by_role("link", name="Clear the dates").click()
    rows = list(csv.reader(io.StringIO(visit.download("for the finance system (CSV)").decode())))
    assert rows[0][-3:] == ["Over tax-year threshold", "Paid on", "Payment reference"]
    assert {row[1] for row in rows[1:]} == {"Test Over Threshold"} and {row[-3] for row in rows[1:]} == {
        "Yes"
    }
    visit.page.get_by_role("link", name=re.compile("Mark paid.*Test Panel Over The Line")).click()
    assert visit.heading() == "Pay Test Over Threshold"
    visit.check("finance pay", "finance-pay")
    fill_date(visit.page, "When was it paid?", timezone.localdate() + dt.timedelta(days=2))
    visit.page.get_by_role("button", name="Mark as paid").click()
    assert "cannot be in the future" in visit.summary()
    visit.check("finance pay with a date in the future")
    fill_date(visit.page, "When was it paid?", timezone.localdate())
    visit.page.get_by_role("button", name="Mark as paid").click()
    assert "Give the payment's reference" in visit.summary()
    visit.check("finance pay without a reference")
    visit.page.get_by_label("Payment reference").fill("BACS-TEST-1")
    visit.page.get_by_role("button", name="Mark as paid").click()
    assert "is marked paid" in visit.banner()
    visit.page.get_by_role("link", name="Claims paid").click()
    assert "BACS-TEST-1" in visit.page.inner_text("main")
    visit.check("finance claims paid", "finance-claims-paid")
    visit.close()

    # The participant's own certificate.
    visit = Visit(browser, origin, world.users[Role.PARTICIPANT], problems, tmp_path)
    visit.go("/involvement/hours/")
    visit.check("participant hours")
    words = pdf_words(visit.download("Download a certificate of your involvement (PDF)"))
    assert world.participant.name in words and "Reading group: discharge letters" in words
    visit.close()

    assert not problems, "\n".join([f"screenshots in {tmp_path}", *problems])


def test_approving_and_paying_with_javascript_off(browser, live_server, tmp_path, settings):
    settings.INVOLVEMENT_PAYMENT_TAX_YEAR_THRESHOLD = Decimal("100.00")
    world = world_module.build()
    lead, finance = world.users[Role.INVOLVEMENT_LEAD], world.users[Role.FINANCE]
    over = ParticipantFactory(name="Test No Script Person")
    services.payment_claim_approve(
        claim=claim_for(over, amount="150.00", by=lead), by=lead, benefits_conversation=NOTE
    )
    claim = claim_for(over, amount="20.00", by=lead)
    origin, problems = live_server.url, []

    visit = Visit(browser, origin, lead, problems, tmp_path, js=False)
    visit.go(f"/payments/to-approve/{claim.pk}/")
    visit.page.get_by_role("button", name="Approve claim").click()
    assert "Talk to them first" in visit.summary()
    visit.page.get_by_label("What did you talk about?").fill(NOTE)
    visit.page.get_by_role("button", name="Approve claim").click()
    assert "is approved" in visit.banner()
    visit.close()

    visit = Visit(browser, origin, finance, problems, tmp_path, js=False)
    visit.go(f"/payments/to-pay/{claim.pk}/")
    visit.page.get_by_role("button", name="Mark as paid").click()
    assert "Give the day the claim was paid" in visit.summary()
    fill_date(visit.page, "When was it paid?", timezone.localdate())
    visit.page.get_by_label("Payment reference").fill("BACS-NO-SCRIPT")
    visit.page.get_by_role("button", name="Mark as paid").click()
    assert "is marked paid" in visit.banner()
    visit.close()

    claim.refresh_from_db()
    assert (claim.status, claim.payment_reference, claim.benefits_conversation_note) == (
        "paid",
        "BACS-NO-SCRIPT",
        NOTE,
    )
