"""HR reads the recruitment and equality reports in Chromium: from the menu, with a mistake in the
dates, the download, and on a phone's width without sideways scrolling; a hiring manager reads the
recruitment report for their own vacancy. axe-core checks every page on the way, error states too;
then both reports with JavaScript off."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.roles import Role
from tests.factories import ParticipantFactory, UserFactory
from tests.recruitment.factories import VacancyFactory
from tests.recruitment.report_data import applicants
from tests.web.browser import Checker, new_context, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def build():
    hr = UserFactory(roles=[Role.HR], first_name="Hana", last_name="Hr-Test")
    vacancy = VacancyFactory(title="Test Peer Support Worker")
    applicants(vacancy, hr, count=9, equality={"ethnic_group": "white", "sex": "male"}, shortlisted=8)
    applicants(vacancy, hr, count=3, equality={"ethnic_group": "asian", "sex": "female"})
    applicants(
        vacancy,
        hr,
        count=5,
        equality={"ethnic_group": "black", "sex": "female", "disabled": "yes"},
        source="involvement_register",
        participant=ParticipantFactory(),
        adjustments=["Questions in advance"],
    )
    return hr, vacancy


def no_wider_than(page, width: int, where: str) -> None:
    scrolled = page.evaluate("document.documentElement.scrollWidth")
    assert scrolled <= width, f"{where} is {scrolled}px wide on a {width}px screen"


def test_hr_and_a_hiring_manager_read_the_reports_in_the_browser(browser, live_server, tmp_path):
    hr, vacancy = build()
    origin = live_server.url
    check = Checker(tmp_path)
    page = check.open(new_context(browser, origin, user=hr))
    summary = page.locator(".nhsuk-error-summary")

    # The recruitment report from the menu.
    page.goto(origin + "/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Reports").click()
    check(page, "recruitment report", heading="Recruitment report", shot="recruitment-report")
    sources = page.get_by_role("table", name="Applications by where they came from")
    assert "Involvement register" in sources.inner_text()
    assert "Suppressed" not in page.locator("main").inner_text()  # exact working figures

    # The equality report, a month that does not start on the 1st, then a day that does not exist.
    page.get_by_role("navigation", name="Recruitment reports").get_by_role(
        "link", name="Equality report"
    ).click()
    check(page, "equality report", heading="Equality report", shot="equality-report")
    ethnic = page.get_by_role("table", name="Ethnic group").inner_text()
    assert "Suppressed" in ethnic and "Test Applicant" not in page.locator("main").inner_text()
    page.locator("#id_date_from").fill("15")
    page.get_by_role("button", name="Show the report").click()
    assert "Equality reports cover whole months: start on the first day of a month." in summary.inner_text()
    assert page.title().startswith("Error: ")
    check(page, "equality report, part of a month", shot="equality-report-mistake")
    page.locator("#id_date_from").fill("31")
    page.locator("#id_date_from_month").fill("2")
    page.get_by_role("button", name="Show the report").click()
    assert "The first day must be a real date" in summary.inner_text()
    summary.get_by_role("link", name="The first day must be a real date").click()
    assert page.evaluate("document.activeElement.id") == "id_date_from"
    check(page, "equality report, a day that does not exist")

    # The download has the page's figures.
    page.get_by_role("navigation", name="Recruitment reports").get_by_role(
        "link", name="Equality report"
    ).click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these figures (CSV spreadsheet)").click()
    sheet = download.value.path().read_text()
    assert sheet.startswith("Equality monitoring: recruitment")
    assert "Asian or Asian British,*" in sheet

    # On a phone: nothing wider than the screen, error state included.
    phone = check.open(new_context(browser, origin, user=hr, width=375))
    for path, where in (
        ("/recruitment/reports/", "recruitment report"),
        ("/recruitment/reports/equality/", "equality report"),
        (
            "/recruitment/reports/equality/?date_from_day=15&date_from_month=1&date_from_year=2026",
            "equality error",
        ),
    ):
        phone.goto(origin + path)
        check(phone, f"{where} at 375px", shot=f"{where.replace(' ', '-')}-phone", docs=False)
        no_wider_than(phone, 375, where)

    # The hiring manager: their vacancy's recruitment report, and no equality report.
    manager = check.open(new_context(browser, origin, user=vacancy.hiring_manager))
    manager.goto(origin + "/")
    manager.get_by_role("navigation", name="Menu").get_by_role("link", name="Reports").click()
    check(manager, "recruitment report, hiring manager", heading="Recruitment report")
    assert manager.get_by_role("navigation", name="Recruitment reports").count() == 0
    opened = timezone.localtime(vacancy.opens_at)
    choice = f"Test Peer Support Worker ({vacancy.team.name}), opened {opened:%B %Y}"
    manager.get_by_label("Vacancy (optional)").select_option(label=choice)
    manager.get_by_role("button", name="Show the report").click()
    assert "For the vacancy Test Peer Support Worker" in manager.locator("h2").all_inner_texts()[1]
    check(manager, "recruitment report for one vacancy")

    assert not check.problems, "\n".join(check.problems)

    # With JavaScript off, both reports and a mistake still work (forms are plain GET forms).
    off = new_context(browser, origin, user=hr, js=False).new_page()
    off.goto(origin + "/recruitment/reports/equality/")
    off.locator("#id_date_to").fill("20")
    off.get_by_role("button", name="Show the report").click()
    assert "end on the last day of a month" in off.locator(".nhsuk-error-summary").inner_text()
    screenshot(off, "equality-report-no-js", tmp_path)
    off.goto(origin + "/recruitment/reports/")
    assert off.get_by_role("table", name="Days in each stage").count() == 1
    screenshot(off, "recruitment-report-no-js", tmp_path)
    print(f"pictures in {tmp_path}")
