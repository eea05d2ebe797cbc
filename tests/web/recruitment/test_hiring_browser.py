"""Hiring in Chromium, with JavaScript off, from the application's page to the new starter: HR schedules
an interview (the register refuses a person who withdrew consent, beside their name, then the panel
is made), a member of staff on the panel finds it under "Interviews I sit on" and records their
scores (a mistake first), HR types in the register member's paper sheet, moves the interview to
when it was held and records the outcome; then the offer (a mistake first), the yes, the six checks
(the DBS without its certificate date first) and the hire (without an employee number first).

Alongside, a second browser with JavaScript on opens each page the walk reaches, and each error
state, for axe-core: no WCAG 2.2 A or AA violation anywhere, and no Content-Security-Policy refusal.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from involvement.models import PaymentClaim
from peers.models import PeerWorker
from recruitment import models as rm
from recruitment import services
from tests.factories import ParticipantFactory, UserFactory
from tests.recruitment.factories import ApplicationFactory, VacancyFactory, move_to
from tests.recruitment.late_stage import interview, panel_rate
from tests.web.browser import Checker, new_context

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "Test Candidate Ash"


def build():
    hr = UserFactory(roles=[Role.HR], first_name="Hana", last_name="Recruiter-Test")
    vacancy = VacancyFactory(title="Test Peer Support Worker", posts=1)
    for order, name in enumerate(["Test values and compassion", "Test using lived experience"]):
        services.criterion_create(vacancy=vacancy, name=name, max_score=5, order=order, by=hr)
    app = move_to(ApplicationFactory(vacancy=vacancy, applicant_name=NAME), "interview", by=hr)
    panellist = UserFactory(roles=[Role.SUPERVISOR], first_name="Sam", last_name="Panel-Test")
    ParticipantFactory(name="Test Rowan Register", email="rowan.register@test.example")
    ParticipantFactory(
        name="Test Withdrawn", email="withdrawn@test.example", consent_withdrawn_at=timezone.now()
    )
    panel_rate(Decimal("75.00"))
    # Another candidate's interview still to come, for its cancel page.
    other = interview(
        move_to(ApplicationFactory(vacancy=vacancy), "interview", by=hr),
        starts_in=dt.timedelta(days=9),
        by=hr,
    )
    return hr, panellist, app, other


def test_hr_and_a_panel_member_take_a_candidate_from_interview_to_hire_without_javascript(
    browser, live_server, tmp_path
):
    hr, panellist, app, other = build()
    origin = live_server.url
    check = Checker(tmp_path)
    # The walk, with JavaScript off; the audit, with it on (axe needs it), signed in as the same people.
    walk = new_context(browser, origin, user=hr, js=False).new_page()
    audit = check.open(new_context(browser, origin, user=hr))
    banner = walk.locator(".nhsuk-notification-banner")
    problem = walk.locator(".nhsuk-error-summary")

    def look(where: str, heading: str, *, page=audit, shot: str = "", submit: str = "") -> None:
        """Open what the walk shows in the audit browser (and, with `submit`, send its form as it is,
        for the error state), then check it."""
        page.goto(walk.url)
        if submit:
            page.get_by_role("button", name=submit).click()
            assert page.locator(".nhsuk-error-summary").count() == 1, where
        check(page, where, heading=heading, shot=shot)

    # The application's page, and its hiring section.
    walk.goto(f"{origin}/recruitment/vacancies/{app.vacancy_id}/applications/{app.pk}/")
    assert "No interview is scheduled." in walk.locator("main").inner_text()
    look("application, before the interview", NAME)
    walk.goto(f"{origin}/recruitment/hiring/applications/{app.pk}/")
    look("hiring for the application", f"Hiring: {NAME}")
    walk.get_by_role("link", name=f"Schedule an interview with {NAME}").click()
    look("schedule", "Schedule an interview", shot="hiring-schedule")
    look("schedule with mistakes", "Schedule an interview", submit="Schedule the interview")

    # The register says no for someone who withdrew consent, beside the person; then the panel.
    walk.get_by_label("Date", exact=True).fill((timezone.localdate() + dt.timedelta(days=7)).isoformat())
    walk.get_by_label("Start time").fill("10:00")
    walk.get_by_label("End time").fill("11:00")
    walk.get_by_label("Place (optional)").fill("Room 4, Test House")
    walk.get_by_label("Register member: email address or phone number").fill("withdrawn@test.example")
    walk.get_by_label("Member of staff 1", exact=True).select_option(label="Sam Panel-Test")
    walk.get_by_role("button", name="Schedule the interview").click()
    assert "has not given consent to be contacted, or has withdrawn it" in problem.inner_text()
    assert walk.get_by_label("Place (optional)").input_value() == "Room 4, Test House"
    assert not rm.Interview.objects.filter(application=app).exists()
    walk.get_by_label("Register member: email address or phone number").fill("rowan.register@test.example")
    walk.get_by_role("button", name="Schedule the interview").click()
    assert f"The interview is scheduled for {NAME}." in banner.inner_text()
    made = rm.Interview.objects.get(application=app)
    look("the interview, for HR", f"Interview: {NAME}", shot="hiring-interview")

    # The member of staff on the panel finds it, and records their scores: a mistake first.
    seat = new_context(browser, origin, user=panellist, js=False).new_page()
    seat_audit = check.open(new_context(browser, origin, user=panellist))
    seat.goto(origin + "/")
    seat.get_by_role("navigation", name="Menu").get_by_role("link", name="Interviews I sit on").click()
    assert "Not scored yet" in seat.locator("tbody").inner_text()
    seat_audit.goto(seat.url)
    check(seat_audit, "interviews I sit on", heading="Interviews I sit on", shot="hiring-mine")
    seat.get_by_role("link", name=NAME).click()
    seat.get_by_role("link", name="Record your scores").click()
    seat.get_by_label("Score for Test values and compassion").fill("4")
    seat.get_by_label("Note on Test values and compassion (optional)").fill("Warm, and listened well.")
    seat.get_by_label("Score for Test using lived experience").fill("7")
    seat.get_by_role("button", name="Save the scores").click()
    assert (
        "Score Test using lived experience from 1 to 5." in seat.locator(".nhsuk-error-summary").inner_text()
    )
    assert not rm.Score.objects.exists()
    seat_audit.goto(seat.url)
    seat_audit.get_by_label("Score for Test values and compassion").fill("4")
    seat_audit.get_by_label("Score for Test using lived experience").fill("7")
    seat_audit.get_by_role("button", name="Save the scores").click()
    check(seat_audit, "scores with a mistake", heading="Your scores", shot="hiring-scores-mistake")
    seat.get_by_label("Score for Test using lived experience").fill("5")
    seat.get_by_role("button", name="Save the scores").click()
    assert "Your scores are saved." in seat.locator(".nhsuk-notification-banner").inner_text()
    assert "Total 9 of 10" in " ".join(seat.locator("main").inner_text().split())
    seat_audit.goto(seat.url)
    check(seat_audit, "the interview, for the panel member", heading=f"Interview: {NAME}")

    # HR types in the register member's paper sheet.
    walk.reload()
    walk.get_by_role("link", name="Record Test Rowan Register's scores from their paper sheet").click()
    look("a register member's paper sheet", "Test Rowan Register's scores")
    walk.get_by_label("Score for Test values and compassion").fill("5")
    walk.get_by_label("Score for Test using lived experience").fill("4")
    walk.get_by_role("button", name="Save the scores").click()
    assert "Test Rowan Register's scores are saved." in banner.inner_text()
    assert "All 2 criteria scored" in " ".join(walk.locator("main").inner_text().split())

    # It took place yesterday, as it happens: the time moves, then the outcome.
    walk.get_by_role("link", name="Change the time or place").click()
    look("change the interview", "Change the interview")
    walk.get_by_label("Date", exact=True).fill((timezone.localdate() - dt.timedelta(days=1)).isoformat())
    walk.get_by_role("button", name="Save the changes").click()
    assert "Your changes are saved." in banner.inner_text()
    walk.get_by_role("link", name="Record the outcome").click()
    look("outcome", "Record the outcome")
    look("outcome with a mistake", "Record the outcome", submit="Record the outcome")
    walk.get_by_role("button", name="Record the outcome").click()
    assert "Select what the panel decided" in problem.inner_text()
    walk.get_by_label("Appointable", exact=True).check()
    walk.get_by_role("button", name="Record the outcome").click()
    assert f"{NAME} is appointable" in banner.inner_text()
    made.refresh_from_db()
    assert made.outcome == "appointable"
    assert PaymentClaim.objects.get().participant.name == "Test Rowan Register"
    look("the interview, decided", f"Interview: {NAME}")

    # The offer: a mistake first.
    walk.get_by_role("link", name="Back to the application").click()
    walk.get_by_role("button", name="Make an offer").click()
    look("make an offer", "Make an offer")
    look(
        "make an offer with mistakes", "Make an offer", submit="Make the offer", shot="hiring-offer-mistakes"
    )
    walk.get_by_role("button", name="Make the offer").click()
    assert "Enter the start date" in problem.inner_text()
    start = timezone.localdate() + dt.timedelta(days=30)
    dates = walk.get_by_role("group", name="Start date")
    dates.get_by_label("Day").fill(str(start.day))
    dates.get_by_label("Month").fill(str(start.month))
    dates.get_by_label("Year").fill(str(start.year))
    walk.get_by_label("Salary point").fill("Band 3, step 1")
    walk.get_by_label("Salary a year (optional)").fill("24071")
    walk.get_by_role("button", name="Make the offer").click()
    assert f"The offer to {NAME} is made." in banner.inner_text()
    look("application, offer made", NAME, shot="hiring-application-offer")

    # The yes opens the six checks.
    walk.get_by_role("link", name="Record their answer to the offer").click()
    look("answer to the offer", "Record the answer to the offer")
    walk.get_by_label("They accepted the offer").check()
    walk.get_by_role("button", name="Record the answer").click()
    assert f"{NAME} accepted the offer. The six pre-employment checks are open." in banner.inner_text()
    walk.get_by_role("link", name="Work through the checks").click()
    look("checks, none clear", "Pre-employment checks")

    # The DBS needs its certificate date to clear.
    walk.get_by_role("link", name="Update the Criminal record check (DBS) check").click()
    look("the DBS check", "Criminal record check (DBS)")
    walk.get_by_label("Clear", exact=True).check()
    walk.get_by_role("button", name="Save the check").click()
    assert "Record the DBS certificate date to clear this check." in problem.inner_text()
    audit.goto(walk.url)
    audit.get_by_label("Clear", exact=True).check()
    audit.get_by_role("button", name="Save the check").click()
    check(
        audit,
        "the DBS check with a refusal",
        heading="Criminal record check (DBS)",
        shot="hiring-dbs-refused",
    )
    certificate = timezone.localdate() - dt.timedelta(days=14)
    dates = walk.get_by_role("group", name="Date on the DBS certificate")
    dates.get_by_label("Day").fill(str(certificate.day))
    dates.get_by_label("Month").fill(str(certificate.month))
    dates.get_by_label("Year").fill(str(certificate.year))
    walk.get_by_role("button", name="Save the check").click()
    assert "Criminal record check (DBS): clear." in banner.inner_text()
    due = services.dbs_recheck_due(certificate)
    assert f"Recheck due {due.day} {due:%B %Y}" in walk.locator("tbody").inner_text()
    for kind in ("Identity", "Right to work", "Employment history and references", "Work health assessment"):
        walk.get_by_role("link", name=f"Update the {kind} check").click()
        walk.get_by_label("Clear", exact=True).check()
        walk.get_by_role("button", name="Save the check").click()
    walk.get_by_role("link", name="Update the Professional registration and qualifications check").click()
    walk.get_by_label("Not required for this role").check()
    walk.get_by_role("button", name="Save the check").click()
    assert "Ready to hire" in walk.locator("main").inner_text()
    look("checks, all clear", "Pre-employment checks", shot="hiring-checks")

    # The hire: without an employee number first.
    walk.get_by_role("button", name=f"Hire {NAME}").click()
    look("hire", f"Hire {NAME}?", shot="hiring-hire")
    look("hire with a mistake", f"Hire {NAME}?", submit=f"Hire {NAME}")
    walk.get_by_role("button", name=f"Hire {NAME}").click()
    assert "Enter the new starter's employee number" in problem.inner_text()
    walk.get_by_label("Employee number").fill("E-TEST-100")
    walk.get_by_role("button", name=f"Hire {NAME}").click()
    assert f"{NAME} is hired." in banner.inner_text()
    worker = PeerWorker.objects.get()
    assert worker.employee_number == "E-TEST-100" and worker.start_date == start
    app.refresh_from_db()
    assert app.stage.code == "hired" and app.vacancy.status == "filled"
    look("application, hired", NAME)

    # The pages the walk did not need: withdrawing an offer (refused once hired) and cancelling.
    live = app.offers.get()
    audit.goto(f"{origin}/recruitment/hiring/offers/{live.pk}/withdraw/")
    check(audit, "withdraw the offer", heading="Withdraw the offer?")
    audit.get_by_role("button", name="Withdraw the offer").click()
    assert "the offer cannot be withdrawn" in audit.locator(".nhsuk-error-summary").inner_text()
    check(audit, "withdraw the offer, refused", heading="Withdraw the offer?")
    audit.goto(f"{origin}/recruitment/hiring/interviews/{other.pk}/cancel/")
    check(audit, "cancel an interview", heading="Cancel the interview?")
    assert not check.problems, "\n".join([f"screenshots in {tmp_path}", *check.problems])
