"""HR runs a vacancy in Chromium, by clicking and typing: the list from the menu; a new vacancy (a
mistake first) with its stages from the default template; a scoring criterion (a mistake first);
opening it; a paper application (mistakes first); an adjustment decided (a mistake first); moves on
the application's page and on the pipeline board, a rejection that needs its reason; the close and
withdraw pages. axe-core checks every page on the way, the error states too, at desktop and phone
width, where the board stacks its columns and nothing scrolls sideways; the hiring manager's board
too. Then a move on the board with JavaScript off."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from recruitment.models import AdjustmentRequest, Application, Criterion, StageMove, Vacancy
from tests.factories import TeamFactory, UserFactory
from tests.peers.factories import _level
from tests.recruitment.factories import ApplicationFactory, VacancyFactory, move_to
from tests.web.browser import Checker, new_context, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def build():
    hr = UserFactory(roles=[Role.HR], first_name="Harper", last_name="HR-Test")
    manager = UserFactory(roles=[Role.LINE_MANAGER], first_name="Morgan", last_name="Manager-Test")
    team = TeamFactory(name="Test Crisis Team")
    _level()
    vacancy = VacancyFactory(title="Test Peer Support Worker", hiring_manager=manager, team=team)
    ApplicationFactory(
        vacancy=vacancy, applicant_name="Test Ada Applicant", adjustments=["Test questions in writing"]
    )
    move_to(ApplicationFactory(vacancy=vacancy, applicant_name="Test Bea Applicant"), "shortlisted")
    ApplicationFactory(vacancy=vacancy, applicant_name="Test Cal Applicant")
    return hr, manager, vacancy


def no_wider_than(page, width: int, where: str) -> None:
    scrolled = page.evaluate("document.documentElement.scrollWidth")
    assert scrolled <= width, f"{where} is {scrolled}px wide on a {width}px screen"


def test_hr_runs_a_vacancy_in_the_browser(browser, live_server, tmp_path):
    hr, manager, vacancy = build()
    origin = live_server.url
    check = Checker(tmp_path)
    context = new_context(browser, origin, user=hr)
    page = check.open(context)
    main = page.locator("main")
    banner = page.locator(".nhsuk-notification-banner")
    summary = page.locator(".nhsuk-error-summary")

    # The list from the menu.
    page.goto(origin + "/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Recruitment").click()
    check(page, "list", heading="Vacancies", shot="vacancies-list")
    assert "Test Peer Support Worker" in page.locator("tbody").inner_text()

    # A new vacancy: a mistake first, then its stages from the default template.
    page.get_by_role("button", name="Create a vacancy").click()
    check(page, "new vacancy", heading="Create a vacancy")
    page.get_by_label("Job title").fill("Test Senior Peer Worker")
    page.get_by_role("button", name="Create the vacancy").click()
    assert "Choose the team" in summary.inner_text()
    assert page.get_by_label("Job title").input_value() == "Test Senior Peer Worker"
    check(page, "new vacancy with mistakes", shot="vacancies-new-mistakes")
    page.get_by_label("Team", exact=True).select_option(label="Test Crisis Team")
    page.get_by_label("Hiring manager").select_option(label="Morgan Manager-Test")
    page.get_by_label("Level on the peer pathway").select_option(index=1)
    assert page.get_by_label("Standard (the default)").is_checked()
    page.get_by_role("button", name="Create the vacancy").click()
    assert page.locator("h1").inner_text().strip() == "Test Senior Peer Worker"
    assert "is saved as a draft, with its stages" in banner.inner_text()
    made = Vacancy.objects.get(title="Test Senior Peer Worker")
    assert made.stages.count() == 8 and made.status == "draft"
    check(page, "vacancy, draft", shot="vacancies-vacancy")

    # A scoring criterion, a mistake first.
    page.get_by_role("link", name="Set the scoring criteria").click()
    page.get_by_role("button", name="Add the criterion").click()
    assert "Enter what the panel scores" in summary.inner_text()
    check(page, "criteria with a mistake")
    page.get_by_label("What the panel scores").fill("Test Uses their experience with care")
    page.get_by_role("button", name="Add the criterion").click()
    assert "is added to the criteria" in banner.inner_text()
    check(page, "criteria", heading="Scoring criteria", shot="vacancies-criteria")
    page.get_by_role("link", name="Change Test Uses their experience with care").click()
    check(page, "change a criterion", heading="Change the criterion")
    page.get_by_role("link", name="Back to the criteria").click()
    page.get_by_role("link", name="Remove Test Uses their experience with care").click()
    check(page, "remove a criterion", heading="Remove this criterion?")
    page.get_by_role("link", name="Keep it").click()
    assert Criterion.objects.filter(vacancy=made).count() == 1

    # Open for applications.
    page.get_by_role("navigation", name="This vacancy").get_by_role("link", name="Details").click()
    page.get_by_role("link", name="Open it for applications").click()
    check(page, "open", heading="Open it for applications?")
    page.get_by_role("button", name="Open for applications").click()
    assert "is open for applications" in banner.inner_text()

    # A paper application, mistakes first.
    page.get_by_role("link", name="Add an application that came on paper").click()
    page.get_by_label("Full name").fill("Test Dee Applicant")
    page.get_by_label("Email address").fill("not an email")
    page.get_by_role("button", name="Add the application").click()
    text = summary.inner_text()
    assert "Enter an email address in the right format" in text and "Select how they came to apply" in text
    assert page.get_by_label("Full name").input_value() == "Test Dee Applicant"
    check(page, "paper application with mistakes", shot="vacancies-paper-mistakes")
    page.get_by_label("Email address").fill("dee.applicant@test.example")
    page.get_by_label("Open advert").check()
    page.get_by_label("Adjustments they ask for (optional)").fill("Test a quiet room to wait in")
    page.get_by_label("Age", exact=True).select_option(label="35 to 44")
    page.get_by_role("button", name="Add the application").click()
    assert "The application from Test Dee Applicant is added at Applied." in banner.inner_text()
    assert "35 to 44" not in main.inner_text()
    check(page, "application", heading="Test Dee Applicant", shot="vacancies-application")

    # The adjustment decided, a mistake first.
    page.get_by_role("link", name="Decide on: Test a quiet room to wait in").click()
    page.get_by_label("No, it could not be provided").check()
    page.get_by_role("button", name="Save the decision").click()
    assert "Say why the adjustment could not be provided." in summary.inner_text()
    check(page, "adjustment with a mistake", shot="vacancies-adjustment-mistake")
    page.get_by_label("Note (needed if it could not be provided)").fill(
        "Test no room free; a screened corner"
    )
    page.get_by_role("button", name="Save the decision").click()
    assert "The decision on the adjustment is saved." in banner.inner_text()
    assert AdjustmentRequest.objects.get(description="Test a quiet room to wait in").provided is False

    # A move from the application's page.
    page.get_by_label("Move to").select_option(label="Shortlisted")
    page.get_by_label("Reason (needed to reject)").fill("Test strong statement")
    page.get_by_role("button", name="Move the application").click()
    assert "Test Dee Applicant is moved to Shortlisted." in banner.inner_text()
    assert "From Applied to Shortlisted" in main.inner_text()

    # The board: a rejection without its reason, then with it.
    page.goto(f"{origin}/recruitment/vacancies/{vacancy.pk}/board/")
    check(page, "board", heading="Pipeline board", shot="vacancies-board")
    page.get_by_label("Move Test Ada Applicant to").select_option(label="Rejected")
    page.get_by_role("button", name="Move Test Ada Applicant").click()
    assert "Give a reason for rejecting the application." in summary.inner_text()
    assert page.get_by_label("Move to").input_value() == str(vacancy.stages.get(code="rejected").pk)
    check(page, "move with a mistake", heading="Move Test Ada Applicant", shot="vacancies-move-mistake")
    page.get_by_label("Reason (needed to reject)").fill("Test not enough experience yet")
    page.get_by_role("button", name="Move the application").click()
    assert page.locator("h1").inner_text().strip() == "Pipeline board"
    assert "Test Ada Applicant is moved to Rejected." in banner.inner_text()
    assert Application.objects.get(applicant_name="Test Ada Applicant").stage.code == "rejected"

    # The pages that ask before closing and withdrawing.
    for step, heading in (("close", "Close it to applications now?"), ("withdraw", "Withdraw the vacancy?")):
        page.goto(f"{origin}/recruitment/vacancies/{vacancy.pk}/{step}/")
        check(page, step, heading=heading)
    page.goto(f"{origin}/recruitment/vacancies/{vacancy.pk}/edit/")
    check(page, "change the vacancy", heading="Change the vacancy")
    context.close()

    # At a phone's width the board's columns stack, and nothing scrolls sideways.
    dee = Application.objects.get(applicant_name="Test Dee Applicant")
    context = new_context(browser, origin, user=hr, width=375)
    page = check.open(context)
    for path in [
        "/recruitment/vacancies/",
        f"/recruitment/vacancies/{vacancy.pk}/",
        f"/recruitment/vacancies/{vacancy.pk}/board/",
        f"/recruitment/vacancies/{made.pk}/applications/{dee.pk}/",
        f"/recruitment/vacancies/{made.pk}/criteria/",
    ]:
        page.goto(origin + path)
        no_wider_than(page, 375, path)
        check(page, f"phone {path}")
        screenshot(page, "phone" + path.replace("/", "-"), tmp_path)
        if path.endswith("/board/"):
            screenshot(page, "vacancies-phone-board", tmp_path, docs=True)
    page.goto(f"{origin}/recruitment/vacancies/{vacancy.pk}/board/")
    boxes = [page.locator(".web-board__column").nth(i).bounding_box() for i in range(2)]
    assert boxes[1]["y"] > boxes[0]["y"] and boxes[1]["x"] == boxes[0]["x"], "the columns stack on a phone"
    context.close()

    # The hiring manager's board.
    context = new_context(browser, origin, user=manager)
    page = check.open(context)
    page.goto(f"{origin}/recruitment/vacancies/{vacancy.pk}/board/")
    check(page, "hiring manager's board", heading="Pipeline board")
    context.close()
    assert not check.problems, "\n".join([f"screenshots in {tmp_path}", *check.problems])


def test_a_move_on_the_board_works_without_javascript(browser, live_server, tmp_path):
    hr, _manager, vacancy = build()
    origin = live_server.url
    context = new_context(browser, origin, user=hr, js=False)
    page = context.new_page()
    page.goto(f"{origin}/recruitment/vacancies/{vacancy.pk}/board/")
    page.get_by_label("Move Test Cal Applicant to").select_option(label="Shortlisted")
    page.get_by_role("button", name="Move Test Cal Applicant").click()
    assert (
        "Test Cal Applicant is moved to Shortlisted."
        in page.locator(".nhsuk-notification-banner").inner_text()
    )
    screenshot(page, "board-without-javascript", tmp_path)
    shortlisted = page.get_by_role("region", name="Shortlisted (2)")
    assert "Test Cal Applicant" in shortlisted.inner_text()
    cal = Application.objects.get(applicant_name="Test Cal Applicant")
    assert cal.stage.code == "shortlisted"
    assert StageMove.objects.filter(application=cal, to_stage__code="shortlisted", by=hr).exists()
    context.close()
