"""Onboarding in Chromium with the site's scripts off: HR adds a step to the template (a mistake first)
and moves it up; a hire makes the checklist with it; HR marks a step done (a date to come first);
the line manager does theirs from their tasks; the worker sees their own; HR reads the completion
rate (a wrong period first). axe-core checks every page on the way, error states included, and at a
phone's width nothing scrolls sideways."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from accounts.roles import Role
from peers.models import OnboardingItem
from recruitment import services as recruitment
from tests.factories import UserFactory
from tests.recruitment.factories import ApplicationFactory
from tests.recruitment.late_stage import accepted, clear_checks
from tests.web.browser import Checker, new_context, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def no_wider_than(page, width: int, where: str) -> None:
    scrolled = page.evaluate("document.documentElement.scrollWidth")
    assert scrolled <= width, f"{where} is {scrolled}px wide on a {width}px screen"


def named(words: str, hidden: str) -> re.Pattern:
    """A control's name: its words, then a part hidden but for screen readers (read with a space)."""
    return re.compile(rf"^{re.escape(words)}\s*: {re.escape(hidden)}$")


def fill_date(page, label: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=label)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_hr_a_manager_and_a_new_worker_work_through_onboarding(browser, live_server, tmp_path):
    hr = UserFactory(roles=[Role.HR], first_name="Harper", last_name="Hr-Test")
    manager = UserFactory(roles=[Role.LINE_MANAGER], first_name="Morgan", last_name="Manager-Test")
    application = accepted(
        ApplicationFactory(vacancy__hiring_manager=manager, applicant_name="Robin Newstart-Test"),
        by=hr,
        start_in_days=3,
    )
    clear_checks(application, by=hr)
    origin = live_server.url
    checker = Checker(tmp_path)

    def check(page, where: str, **kwargs) -> None:
        # A click that submits a form does not wait for the next page to finish loading: wait, so
        # its styles are in place before axe measures it.
        page.wait_for_load_state("load")
        checker(page, where, **kwargs)

    today = timezone.localdate()

    context = new_context(browser, origin, user=hr, scripts=False)
    page = checker.open(context)
    main = page.locator("main")
    banner = page.locator(".nhsuk-notification-banner")
    summary = page.locator(".nhsuk-error-summary")

    # The template: a step added (a mistake first) and moved up one place.
    page.goto(origin + "/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Onboarding").click()
    check(page, "list, empty", heading="Onboarding")
    page.get_by_role("navigation", name="Onboarding pages").get_by_role("link", name="Template").click()
    check(page, "template", heading="Onboarding template", shot="onboarding-template")
    page.get_by_role("button", name="Add a step").click()
    page.get_by_label("Step", exact=True).fill("Buddy introduced")
    page.get_by_role("button", name="Add the step").click()
    assert "Select who does it" in summary.inner_text()
    assert page.get_by_label("Step", exact=True).input_value() == "Buddy introduced"
    check(page, "new template step with mistakes", shot="onboarding-template-mistakes")
    page.get_by_label("Line manager").check()
    page.get_by_label("When is it due, in days from the start date?").fill("2")
    page.get_by_role("button", name="Add the step").click()
    assert "Buddy introduced is added, last." in banner.inner_text()
    page.get_by_role("button", name="move Buddy introduced up").click()
    assert "Buddy introduced is moved up." in banner.inner_text()
    rows = page.locator("tbody").first.inner_text()
    assert rows.index("Buddy introduced") < rows.index("Wellness action plan offered")
    check(page, "template after a move")

    # A hire makes the checklist, with the new step in it.
    worker = recruitment.application_hire(application=application, employee_number="E-WALK-1", by=hr)
    assert OnboardingItem.objects.filter(worker=worker).count() == 7
    page.get_by_role("navigation", name="Onboarding pages").get_by_role("link", name="Checklists").click()
    assert "0 of 7" in main.inner_text()
    check(page, "list", shot="onboarding-list")
    page.get_by_role("link", name="Robin Newstart-Test").click()
    assert page.locator("h1").inner_text().strip() == "Robin Newstart-Test: onboarding"
    assert "Buddy introduced" in main.inner_text()
    check(page, "checklist", shot="onboarding-checklist")

    # HR marks their step done: a date still to come first.
    page.get_by_role("link", name=named("Mark as done", "ID badge")).click()
    check(page, "mark done", heading="Mark as done: ID badge")
    fill_date(page, "When was it done?", today + dt.timedelta(days=2))
    page.get_by_role("button", name="Mark as done").click()
    assert "A step cannot be done on a date still to come." in summary.inner_text()
    assert not OnboardingItem.objects.get(worker=worker, title="ID badge").done_on
    check(page, "mark done with a mistake", shot="onboarding-done-mistake")
    fill_date(page, "When was it done?", today)
    page.get_by_label("Notes (optional)").fill("Collected at reception.")
    page.get_by_role("button", name="Mark as done").click()
    assert "ID badge is marked done." in banner.inner_text()
    assert "1 of 7" in main.inner_text()

    # HR gives the buddy step a later date.
    page.get_by_role("link", name=named("Change", "Buddy introduced")).click()
    check(page, "change a step", heading="Change this step")
    fill_date(page, "Due by", today + dt.timedelta(days=10))
    page.get_by_role("button", name="Save the changes").click()
    assert "Buddy introduced is changed." in banner.inner_text()
    context.close()

    # The line manager does theirs from their tasks.
    context = new_context(browser, origin, user=manager, scripts=False)
    page = checker.open(context)
    page.goto(origin + "/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Onboarding tasks").click()
    check(page, "manager's tasks", heading="My onboarding tasks", shot="onboarding-tasks")
    page.get_by_role(
        "link", name=named("Mark as done", "IT account and email for Robin Newstart-Test")
    ).click()
    page.get_by_role("button", name="Mark as done").click()
    assert page.locator("h1").inner_text().strip() == "My onboarding tasks"
    assert "IT account and email is marked done." in page.locator(".nhsuk-notification-banner").inner_text()
    context.close()

    # The new worker sees their own.
    context = new_context(browser, origin, user=worker.user, scripts=False)
    page = checker.open(context)
    page.goto(origin + "/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My onboarding").click()
    check(page, "worker's own", heading="My onboarding", shot="onboarding-mine")
    assert "2 of 7" in page.locator("main").inner_text()
    context.close()

    # HR's completion rate: a wrong period first.
    context = new_context(browser, origin, user=hr, scripts=False)
    page = checker.open(context)
    page.goto(origin + "/onboarding/report/")
    check(page, "report", heading="Onboarding completion rate", shot="onboarding-report")
    page.get_by_label("From").fill(today.isoformat())
    page.get_by_label("To").fill((today - dt.timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Show the figures").click()
    assert (
        "The last day must be the same as or after the first day"
        in page.locator(".nhsuk-error-summary").inner_text()
    )
    check(page, "report with a mistake")
    context.close()

    # At a phone's width, nothing scrolls sideways.
    context = new_context(browser, origin, user=hr, width=375, scripts=False)
    page = checker.open(context)
    for path in ["/onboarding/", f"/onboarding/{worker.pk}/", "/onboarding/template/", "/onboarding/report/"]:
        page.goto(origin + path)
        no_wider_than(page, 375, path)
        check(page, f"phone {path}")
        screenshot(page, "phone" + path.replace("/", "-"), tmp_path)
    context.close()
    assert not checker.problems, "\n".join([f"screenshots in {tmp_path}", *checker.problems])
