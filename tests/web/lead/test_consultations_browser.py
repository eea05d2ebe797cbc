"""A lead runs a consultation from start to finish in Chromium, by clicking and typing: a draft, invitations
to everyone a search finds and to one person, opening, a response from a phone call, closing, the
outcome, then a "you said, we did" item taken to the public list. axe-core checks every page on the
way (forms with mistakes too), at desktop and phone width; then the main forms with JavaScript off.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.roles import Role
from involvement.models import (
    Consultation,
    ConsultationInvitation,
    ConsultationResponse,
    FeedbackItem,
    Participant,
)
from tests.factories import ParticipantFactory, ThemeFactory, UserFactory
from tests.web.browser import Checker, new_context, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_a_lead_runs_a_consultation_and_its_you_said_we_did(browser, live_server, tmp_path):
    lead = UserFactory(roles=[Role.INVOLVEMENT_LEAD], first_name="Indra", last_name="Leadtest")
    UserFactory(roles=[Role.LINE_MANAGER], first_name="Marlo", last_name="Ownertest")
    ThemeFactory(name="Carers' support")
    for name in ("Ana Carertest", "Bo Carertest"):
        ParticipantFactory(name=name, experience=Participant.Experience.CARER)
    ParticipantFactory(name="Cy Carertest", experience=Participant.Experience.CARER, consent_given_at=None)
    ParticipantFactory(name="Quinn Onetest")
    origin = live_server.url
    check = Checker(tmp_path)
    context = new_context(browser, origin, user=lead)
    page = check.open(context)

    # From home to the list, then a draft: first with mistakes, then right.
    page.goto(origin + "/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Consultations").click()
    check(page, "list (empty)", heading="Consultations")
    page.get_by_role("button", name="Create a consultation").click()
    check(page, "new", heading="Create a consultation")
    page.get_by_label("Title").fill("Carers' strategy")
    page.get_by_role("button", name="Save as a draft").click()
    assert (
        "Enter a summary of what the consultation is about"
        in page.locator(".nhsuk-error-summary").inner_text()
    )
    assert page.get_by_label("Title").input_value() == "Carers' strategy"
    # Not for the guide: the date fields show the test browser's American order.
    check(page, "new with mistakes", shot="consultation-with-mistakes", docs=False)
    page.get_by_label("Summary").fill("What should the trust do better for carers?")
    page.get_by_label("Carers", exact=True).check()
    page.get_by_label("Carers' support").check()
    page.get_by_label("Opens").fill(local(timezone.now() - dt.timedelta(hours=1)))
    page.get_by_label("Closes").fill(local(timezone.now() + dt.timedelta(days=21)))
    page.get_by_role("button", name="Save as a draft").click()
    check(page, "detail (draft)", heading="Carers' strategy", shot="consultation")
    consultation = Consultation.objects.get()
    assert consultation.status == Consultation.Status.DRAFT and consultation.audience == "carers"

    page.get_by_role("link", name="Change the details").click()
    check(page, "edit", heading="Change the consultation")
    page.get_by_role("link", name="Back").click()

    # Everyone a search finds: who, first; then send.
    page.get_by_role("link", name="Invite everyone a register search finds").click()
    check(page, "invite matching (empty)")
    page.get_by_label("Experience", exact=True).select_option("carer")
    page.get_by_role("button", name="Show who will be invited").click()
    who = page.locator("main").inner_text()
    assert "2 people will be invited" in who and "Ana Carertest" in who and "Cy Carertest" not in who
    check(page, "invite matching preview", shot="consultation-invite-matching")
    page.get_by_role("button", name="Send 2 invitations").click()
    check(page, "invitations", heading="Who is invited")
    assert "2 people are invited" in page.locator("main").inner_text()

    # One person, found by name.
    page.get_by_role("link", name="Invite one person").click()
    page.get_by_label("Name, email address or phone number").fill("Quinn")
    page.get_by_role("button", name="Search the register").click()
    check(page, "invite one person", heading="Invite one person")
    page.get_by_role("button", name="Invite Quinn Onetest").click()
    assert "Quinn Onetest is invited" in page.locator(".nhsuk-notification-banner").inner_text()
    assert ConsultationInvitation.objects.filter(consultation=consultation).count() == 3

    # Open it, after the page says what that does.
    page.goto(f"{origin}/lead/consultations/{consultation.pk}/")
    page.get_by_role("link", name="Open it for feedback").click()
    check(page, "open", heading="Open it for feedback?")
    page.get_by_role("button", name="Open for feedback").click()
    check(page, "detail (open)")

    # A response from a phone call: first with nothing chosen, then for Ana.
    page.get_by_role("link", name="Enter a response from a paper form or a phone call").click()
    check(page, "enter a response", heading="Enter a response")
    page.get_by_role("button", name="Save the response").click()
    assert "Choose whose response this is" in page.locator(".nhsuk-error-summary").inner_text()
    check(page, "enter a response with mistakes")
    page.get_by_label("Whose response is it?").select_option(label="Ana Carertest")
    page.get_by_label("Phone call").check()
    page.get_by_label("The response").fill("Evening sessions would help me come.")
    page.get_by_role("button", name="Save the response").click()
    check(page, "responses", heading="Responses", shot="consultation-responses")
    assert "Phone call, entered by Indra Leadtest" in page.locator("main").inner_text()

    # Close, then the outcome.
    page.goto(f"{origin}/lead/consultations/{consultation.pk}/")
    page.get_by_role("link", name="Close it for feedback").click()
    check(page, "close", heading="Close it for feedback?")
    page.get_by_role("button", name="Close for feedback").click()
    page.get_by_role("link", name="Publish the outcome").click()
    check(page, "outcome", heading="Publish the outcome")
    page.get_by_label("What the consultation found and what changes").fill(
        "Carers asked for evening sessions."
    )
    page.get_by_role("button", name="Publish the outcome").click()
    check(page, "detail (outcome published)")
    assert "Carers asked for evening sessions." in page.locator("main").inner_text()
    page.goto(f"{origin}/lead/consultations/")
    check(page, "list", heading="Consultations", shot="consultations")

    # You said, we did: an item from it, progress, the public list and back off it.
    page.goto(f"{origin}/lead/consultations/{consultation.pk}/")
    page.get_by_role("link", name='Add a "you said, we did" item from it').click()
    check(page, "new item", heading='Add a "you said, we did" item')
    page.get_by_label("You said").fill("Evening sessions would help carers come.")
    page.get_by_label("What we will do").fill("Hold two evening sessions a month.")
    page.get_by_label("Action owner").select_option(label="Marlo Ownertest")
    page.get_by_label("Due date").fill((timezone.localdate() + dt.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Save the item").click()
    check(page, "item", heading="You said, we did", shot="you-said-we-did-item")
    page.get_by_role("link", name="Change", exact=False).first.click()
    check(page, "edit item", heading="Change the item")
    page.get_by_role("link", name="Back").click()
    page.get_by_role("link", name="Record progress").click()
    page.get_by_label("Done").check()
    page.get_by_role("button", name="Save progress").click()
    assert "Say what was done" in page.locator(".nhsuk-error-summary").inner_text()
    check(page, "progress with mistakes", heading="Record progress")
    page.get_by_label("We did").fill("Evening sessions run on the first and third Tuesday.")
    page.get_by_role("button", name="Save progress").click()
    page.get_by_role("button", name="Publish to the public list").click()
    check(page, "publish", heading="Publish to the public list?")
    page.get_by_role("button", name="Publish", exact=True).click()
    assert FeedbackItem.objects.get().published
    page.get_by_role("button", name="Take it off the public list").click()
    check(page, "unpublish", heading="Take it off the public list?")
    page.get_by_role("button", name="Take it off the list").click()
    assert not FeedbackItem.objects.get().published
    page.goto(f"{origin}/lead/consultations/you-said-we-did/")
    check(page, "you said, we did list", heading="You said, we did", shot="you-said-we-did")
    context.close()

    # At a phone's width: nothing scrolls sideways.
    context = new_context(browser, origin, user=lead, width=375)
    page = check.open(context)
    for path in [
        "/lead/consultations/",
        f"/lead/consultations/{consultation.pk}/",
        f"/lead/consultations/{consultation.pk}/invitations/",
        f"/lead/consultations/{consultation.pk}/responses/",
        "/lead/consultations/you-said-we-did/",
        "/lead/consultations/new/",
    ]:
        page.goto(origin + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} is {width}px wide on a 375px screen"
        check(page, f"phone {path}")
    screenshot(page, "phone-consultation-new", tmp_path)
    context.close()

    # JavaScript off: a draft made, opened, and a paper response entered.
    context = new_context(browser, origin, user=lead, js=False)
    page = context.new_page()
    page.goto(f"{origin}/lead/consultations/new/")
    page.get_by_label("Title").fill("Leaflet review")
    page.get_by_label("Summary").fill("Is the discharge leaflet clear?")
    page.get_by_label("Opens").fill(local(timezone.now() - dt.timedelta(hours=1)))
    page.get_by_label("Closes").fill(local(timezone.now() + dt.timedelta(days=7)))
    page.get_by_role("button", name="Save as a draft").click()
    leaflet = Consultation.objects.get(title="Leaflet review")
    page.get_by_role("link", name="Open it for feedback").click()
    page.get_by_role("button", name="Open for feedback").click()
    page.get_by_role("link", name="Enter a response from a paper form or a phone call").click()
    page.get_by_label("Whose response is it?").select_option(label="Quinn Onetest")
    page.get_by_label("Paper form").check()
    page.get_by_label("The response").fill("Bigger print, please.")
    page.get_by_role("button", name="Save the response").click()
    assert page.locator("h1").inner_text().strip() == "Responses"
    saved = ConsultationResponse.objects.get(consultation=leaflet)
    assert (saved.participant.name, saved.received_via) == ("Quinn Onetest", "paper")
    context.close()

    assert not check.problems, "\n".join([f"screenshots in {tmp_path}", *check.problems])
