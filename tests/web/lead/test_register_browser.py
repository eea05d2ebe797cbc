"""The register and partners in a real browser, as an involvement lead works through them: finding
someone, adding a person (past the possible-duplicate warning), changing them, recording consent
withdrawn and given again, and adding a partner and its contact. axe-core finds no WCAG A or AA
violation on any of these pages, forms with mistakes included, at desktop and phone width; adding a
person and withdrawing consent also work with JavaScript off.

The live server answers from another thread, so the data is committed (transactional tests).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from involvement.models import Participant, PartnerContact, PartnerOrganisation
from tests.factories import (
    ActivityFactory,
    ConsultationInvitationFactory,
    ParticipantFactory,
    ParticipationFactory,
    PartnerContactFactory,
    PartnerOrganisationFactory,
    TeamFactory,
    ThemeFactory,
    UserFactory,
)
from tests.web.browser import Checker, new_context, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def build():
    lead = UserFactory(roles=[Role.INVOLVEMENT_LEAD], first_name="Indra", last_name="Lead-Test")
    team = TeamFactory(name="Test Crisis Team")
    ThemeFactory(name="Test Crisis care")
    partner = PartnerOrganisationFactory(name="Test Lantern Voluntary Services", kind="voluntary")
    PartnerContactFactory(organisation=partner, name="Test Kit Contact", email="kit@lantern.test.example")
    PartnerOrganisationFactory(name="Test Northgate Faith Forum", kind="faith")
    rowan = ParticipantFactory(
        name="Test Rowan Ash",
        email="rowan.ash@test.example",
        phone="07700 900123",
        referred_by=partner,
        accessibility_needs="Step-free access; a quiet room to take breaks.",
    )
    rowan.teams_of_interest.set([team])
    ParticipantFactory(name="Test Birch Carer", experience="carer", phone="07700 900456")
    ParticipantFactory(name="Test Cedar Withdrawn", consent_withdrawn_at=timezone.now())
    start = timezone.localtime() - dt.timedelta(days=10)
    held = ActivityFactory(
        title="Test Leaflet Workshop", starts_at=start, ends_at=start + dt.timedelta(hours=2), status="held"
    )
    held.partners.set([partner])
    ParticipationFactory(
        participant=rowan, activity=held, status="accepted", attendance="attended", hours=Decimal("2")
    )
    ParticipationFactory(participant=rowan, activity=ActivityFactory(title="Test Ward Walk-round"))
    ParticipationFactory(
        participant=rowan, activity=ActivityFactory(title="Test Steering Group"), status="accepted"
    )
    ConsultationInvitationFactory(participant=rowan)
    return lead, rowan, partner


def test_a_lead_runs_the_register_and_partners_in_the_browser(browser, live_server, tmp_path):
    lead, rowan, partner = build()
    origin = live_server.url
    check = Checker(tmp_path)
    context = new_context(browser, origin, user=lead)
    page = check.open(context)

    def heading() -> str:
        return page.locator("h1").inner_text().strip()

    def seen(where: str, picture: str = "") -> None:
        check(page, where, shot=picture)

    # The register from the menu; a search by phone number, written another way.
    page.goto(origin + "/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Register").click()
    assert heading() == "Register"
    seen("register", "lead-register")
    page.get_by_label("Name, email address or phone number").fill("+44 7700 900123")
    page.get_by_role("button", name="Search").click()
    assert page.locator("tbody tr").count() == 1 and "Test Rowan Ash" in page.locator("tbody").inner_text()
    seen("register searched")
    page.get_by_role("link", name="Clear the search and filters").click()
    page.get_by_label("Consent").select_option("withdrawn")
    page.get_by_role("button", name="Search").click()
    assert (
        page.locator("tbody").inner_text().count("Test") == 1
        and "Test Cedar Withdrawn" in page.locator("tbody").inner_text()
    )
    page.goto(origin + "/lead/register/?team=999999")
    assert "Choose a team from the list" in page.locator(".nhsuk-error-summary").inner_text()
    seen("register with a filter that names nothing")

    # A person's page.
    page.goto(origin + "/lead/register/")
    page.get_by_role("link", name="Test Rowan Ash").click()
    assert heading() == "Test Rowan Ash"
    main = page.locator("main").inner_text()
    assert "Test Leaflet Workshop" in main and "Step-free access" in main and "2 hours" in main
    seen("person", "lead-register-person")

    # Adding someone: mistakes first, then a possible duplicate, then confirmed.
    page.goto(origin + "/lead/register/")
    page.get_by_role("link", name="Add a person").click()
    assert heading() == "Add a person to the register"
    seen("add a person")
    page.get_by_label("Email address (optional)").fill("not-an-address")
    page.get_by_label("They have agreed to be contacted about involvement").check()
    page.get_by_role("button", name="Add to the register").click()
    summary = page.locator(".nhsuk-error-summary").inner_text()
    assert "Enter the person's name" in summary and "Select their lived experience" in summary
    assert page.get_by_label("Email address (optional)").input_value() == "not-an-address"
    seen("add a person with mistakes", "lead-register-add-mistakes")
    page.get_by_label("Full name").fill("Test Juniper Vale")
    page.get_by_label("Email address (optional)").fill("juniper@test.example")
    page.get_by_label("Phone number (optional)").fill("07700-900-456")
    page.get_by_label("Service user and carer").check()
    page.get_by_label("What have they agreed to be contacted about?").fill("Invitations to workshops")
    page.get_by_label("Test Crisis Team").check()
    page.get_by_label("Referred by a partner (optional)").select_option(
        label="Test Lantern Voluntary Services"
    )
    page.get_by_role("button", name="Add to the register").click()
    warning = page.locator(".nhsuk-card--warning").inner_text()
    assert "They may be on the register already" in warning and "Test Birch Carer" in warning
    assert page.get_by_label("Full name").input_value() == "Test Juniper Vale"
    seen("add a person: possible duplicate", "lead-register-duplicate")
    assert Participant.objects.filter(name="Test Juniper Vale").count() == 0
    page.get_by_label("This is a different person: add them").check()
    page.get_by_role("button", name="Add to the register").click()
    assert heading() == "Test Juniper Vale"
    assert "Test Juniper Vale is on the register." in page.locator(".nhsuk-notification-banner").inner_text()
    juniper = Participant.objects.get(name="Test Juniper Vale")
    assert (juniper.referred_by, juniper.experience, juniper.consent_purposes) == (
        partner,
        "both",
        "Invitations to workshops",
    )

    # Changing them.
    page.get_by_role("link", name="Change Test Juniper Vale's details").click()
    seen("change a person")
    page.get_by_label("Pronouns (optional)").fill("she/her")
    page.get_by_label("Paused").check()
    page.get_by_role("button", name="Save the changes").click()
    assert "The changes are saved." in page.locator(".nhsuk-notification-banner").inner_text()
    juniper.refresh_from_db()
    assert (juniper.pronouns, juniper.status) == ("she/her", "paused")

    # Withdrawing Rowan's consent, after reading what it will do; then recording it again.
    page.goto(f"{origin}/lead/register/{rowan.pk}/")
    page.get_by_role("link", name="Record that they withdrew consent").click()
    main = page.locator("main").inner_text()
    assert "Test Ward Walk-round" in main and "Test Steering Group" in main
    seen("withdraw consent", "lead-register-withdraw")
    page.get_by_role("button", name="Withdraw consent").click()
    assert "Consent is withdrawn." in page.locator(".nhsuk-notification-banner").inner_text()
    page.get_by_role("link", name="Record that they gave consent").click()
    page.get_by_label("What have they agreed to be contacted about?").fill("")
    page.get_by_role("button", name="Record consent").click()
    assert (
        "Say what they have agreed to be contacted about" in page.locator(".nhsuk-error-summary").inner_text()
    )
    seen("record consent with a mistake")
    page.get_by_label("What have they agreed to be contacted about?").fill("Consultations about crisis care")
    page.get_by_role("button", name="Record consent").click()
    rowan.refresh_from_db()
    assert rowan.may_be_contacted and rowan.consent_purposes == "Consultations about crisis care"

    # Partners: the list and its filter, a partner's page, a new partner and its contact.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Partners").click()
    assert heading() == "Partners"
    seen("partners", "lead-partners")
    page.get_by_label("Kind of organisation").select_option("faith")
    page.get_by_role("button", name="Show").click()
    assert page.locator("tbody tr").count() == 1
    page.get_by_role("link", name="Show every kind").click()
    page.get_by_role("link", name="Test Lantern Voluntary Services").click()
    main = page.locator("main").inner_text()
    assert "Test Kit Contact" in main and "Test Leaflet Workshop" in main and "Test Rowan Ash" in main
    seen("partner", "lead-partner")
    page.get_by_role("link", name="Change the partner's details").click()
    seen("change a partner")
    page.goto(origin + "/lead/partners/")
    page.get_by_role("link", name="Add a partner").click()
    page.get_by_role("button", name="Add the partner").click()
    assert "Enter the organisation's name" in page.locator(".nhsuk-error-summary").inner_text()
    seen("add a partner with mistakes")
    page.get_by_label("Name of the organisation").fill("Test Open Door Project")
    page.get_by_label("Community").check()
    page.get_by_role("button", name="Add the partner").click()
    assert heading() == "Test Open Door Project"
    page.get_by_role("link", name="Add a contact").click()
    seen("add a contact")
    page.get_by_label("Full name").fill("Test Ola Contact")
    page.get_by_label("Email address (optional)").fill("ola@test.example")
    page.get_by_role("button", name="Add the contact").click()
    assert (
        "Test Ola Contact is added as a contact." in page.locator(".nhsuk-notification-banner").inner_text()
    )
    page.get_by_role("link", name="Change Test Ola Contact's details").click()
    seen("change a contact")
    page.go_back()
    page.get_by_role("link", name="Remove Test Ola Contact").click()
    seen("remove a contact")
    page.get_by_role("button", name="Remove the contact").click()
    assert not PartnerContact.objects.filter(name="Test Ola Contact").exists()
    assert PartnerOrganisation.objects.get(name="Test Open Door Project").kind == "community"
    context.close()

    # At a phone's width, nothing scrolls sideways.
    context = new_context(browser, origin, user=lead, width=375)
    page = check.open(context)
    for path, picture in [
        ("/lead/register/", "phone-lead-register"),
        (f"/lead/register/{rowan.pk}/", ""),
        ("/lead/register/add/", ""),
        ("/lead/partners/", ""),
        (f"/lead/partners/{partner.pk}/", ""),
    ]:
        page.goto(origin + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} is {width}px wide on a 375px screen"
        seen(f"phone {path}")
        screenshot(page, picture or path.strip("/").replace("/", "-"), tmp_path, docs=bool(picture))
    context.close()
    assert not check.problems, "\n".join([f"screenshots in {tmp_path}", *check.problems])


def test_adding_a_person_and_withdrawing_consent_work_without_javascript(browser, live_server):
    lead, rowan, _partner = build()
    context = new_context(browser, live_server.url, user=lead, js=False)
    page = context.new_page()
    page.goto(live_server.url + "/lead/register/add/")
    page.get_by_label("Full name").fill("Test Hazel Nojs")
    page.get_by_label("Carer", exact=True).check()
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_role("button", name="Add to the register").click()
    assert (
        "The join date must include a day, month and year"
        in page.locator(".nhsuk-error-summary").inner_text()
    )
    assert page.get_by_label("Day").input_value() == "31"
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Add to the register").click()
    assert "The join date must be a real date" in page.locator(".nhsuk-error-summary").inner_text()
    assert Participant.objects.filter(name="Test Hazel Nojs").count() == 0
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("1")
    page.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Add to the register").click()
    assert page.locator("h1").inner_text() == "Test Hazel Nojs"
    hazel = Participant.objects.get(name="Test Hazel Nojs")
    assert (hazel.experience, hazel.joined_on, hazel.consent_given_at) == ("carer", dt.date(2026, 1, 2), None)

    page.goto(f"{live_server.url}/lead/register/{rowan.pk}/consent/withdraw/")
    page.get_by_role("button", name="Withdraw consent").click()
    assert page.locator("h1").inner_text() == "Test Rowan Ash"
    rowan.refresh_from_db()
    assert rowan.consent_withdrawn_at is not None
    context.close()
