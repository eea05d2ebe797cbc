"""HR keeps the peer workforce in Chromium with JavaScript switched off: finds a worker from the
menu by searching, records a promotion (a missing date first), records a leaver for the workplace
culture (checking the answers first), and reads the leavers summary. Then, with the site's own
scripts refused (what a browser without them shows, while axe-core still runs), every workforce
page and its error state is checked by axe: 0 violations, one h1, nothing refused by the CSP.

The live server answers from another thread, so the test is transactional and builds its data
before the browser visits.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.roles import Role
from peers.models import LevelChange, PeerWorker
from tests.factories import DirectorateFactory, TeamFactory, UserFactory
from tests.peers.factories import PathwayLevelFactory, PeerWorkerFactory
from tests.web.browser import Checker, new_context, screenshot

pytestmark = pytest.mark.django_db(transaction=True)
TODAY = timezone.localdate()


def fill_date(page, legend: str, value: dt.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(value.day))
    group.get_by_label("Month").fill(str(value.month))
    group.get_by_label("Year").fill(str(value.year))


def build():
    hr = UserFactory(roles=[Role.HR], first_name="Hari", last_name="Resources-Test")
    manager = UserFactory(roles=[Role.LINE_MANAGER], first_name="Lina", last_name="Manager-Test")
    UserFactory(roles=[Role.SUPERVISOR], first_name="Sam", last_name="Supervisor-Test")
    UserFactory(roles=[Role.PEER_WORKER], first_name="Nia", last_name="Newstart-Test")
    team = TeamFactory(name="Test Crisis Team", parent=DirectorateFactory(name="Test Adult Directorate"))
    levels = [
        PathwayLevelFactory(order=71, name="Test Peer Support Worker", band="3"),
        PathwayLevelFactory(order=72, name="Test Senior Peer Support Worker", band="4"),
    ]
    start = TODAY - dt.timedelta(days=400)
    ada = PeerWorkerFactory(
        user=UserFactory(roles=[Role.PEER_WORKER], first_name="Ada", last_name="Quill-Test"),
        employee_number="E-4711",
        level=levels[0],
        team=team,
        line_manager=manager,
        start_date=start,
    )
    for first in ("Bo", "Cy"):
        PeerWorkerFactory(
            user=UserFactory(roles=[Role.PEER_WORKER], first_name=first, last_name="Colleague-Test"),
            level=levels[0],
            team=team,
            line_manager=manager,
            start_date=start,
        )
    return hr, ada


def test_hr_promotes_a_worker_and_records_a_leaver_with_javascript_off(browser, live_server, tmp_path):
    hr, ada = build()
    origin = live_server.url

    # The task, with JavaScript switched off.
    context = new_context(browser, origin, user=hr, js=False)
    page = context.new_page()
    page.set_default_timeout(30_000)
    summary = page.locator(".nhsuk-error-summary")
    banner = page.locator(".nhsuk-notification-banner")
    page.goto(origin + "/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Peer workforce").click()
    assert page.locator("h1").inner_text().strip() == "Peer workers"
    page.get_by_label("Name or employee number").fill("quill")
    page.get_by_role("button", name="Show peer workers").click()
    assert "1 peer worker" in page.locator("main").inner_text()
    page.get_by_role("link", name="Ada Quill-Test").click()
    assert page.locator("h1").inner_text().strip() == "Ada Quill-Test"

    page.get_by_role("link", name="Record a promotion or other change of level").click()
    page.get_by_label("New level").select_option(label="Test Senior Peer Support Worker (band 4)")
    page.get_by_role("button", name="Record the change").click()
    assert "Enter the date it takes effect" in summary.inner_text()
    assert not LevelChange.objects.filter(worker=ada).exists()
    fill_date(page, "When does it take effect?", TODAY)
    page.get_by_role("button", name="Record the change").click()
    assert "is on Test Senior Peer Support Worker, band 4" in banner.inner_text()
    assert "Promotion" in page.locator("table").inner_text()

    page.get_by_role("link", name="Record a leaver").click()
    page.get_by_label("Left because of the workplace culture").check()
    page.get_by_label("Exit interview notes (optional)").fill("Test: I never felt my experience was valued.")
    page.get_by_role("button", name="Continue").click()
    assert "Enter the leaving date" in summary.inner_text()
    assert page.get_by_label("Left because of the workplace culture").is_checked()
    fill_date(page, "Leaving date", TODAY)
    page.get_by_role("button", name="Continue").click()
    assert page.locator("h1").inner_text().strip() == "Record them as a leaver?"
    assert PeerWorker.objects.get(pk=ada.pk).status == "active"
    page.get_by_role("button", name="Record the leaver").click()
    assert "is recorded as a leaver" in banner.inner_text()
    ada.refresh_from_db()
    assert (ada.status, ada.leaving_reason, ada.level.name) == (
        "left",
        "workplace_culture",
        "Test Senior Peer Support Worker",
    )

    page.get_by_role("link", name="Back to peer workers").click()
    page.get_by_role("navigation", name="Peer workforce pages").get_by_role(
        "link", name="Leavers summary"
    ).click()
    culture = page.get_by_role("row", name="Left because of the workplace culture")
    assert culture.locator("td").inner_text().strip() == "1"
    context.close()

    # Every page and its mistakes, with the site's scripts refused: axe, one h1, the CSP.
    check = Checker(tmp_path)
    context = new_context(browser, origin, user=hr, scripts=False)
    page = check.open(context)
    summary = page.locator(".nhsuk-error-summary")
    bo = PeerWorker.objects.get(user__first_name="Bo")

    def visit(path: str, where: str, heading: str, shot: str = "") -> None:
        page.goto(origin + path)
        check(page, where, heading=heading, shot=shot)

    visit("/workforce/", "list", "Peer workers", "workforce-list")
    visit("/workforce/?q=" + "x" * 101 + "&team=999999", "list with mistakes", "Peer workers")
    assert "Keep the search to 100 characters" in summary.inner_text()
    visit(f"/workforce/{ada.pk}/", "a leaver's page", "Ada Quill-Test", "workforce-leaver")
    visit(f"/workforce/{bo.pk}/", "a worker's page", "Bo Colleague-Test", "workforce-worker")
    visit("/workforce/new/", "add a worker", "Add a peer worker", "workforce-new")
    page.get_by_role("button", name="Add the peer worker").click()
    assert "Choose who is starting" in summary.inner_text()
    check(page, "add a worker with mistakes", heading="Add a peer worker")
    visit(f"/workforce/{bo.pk}/edit/", "employment details", "Change the employment details")
    page.get_by_label("Contracted hours a week").fill("99")
    page.get_by_role("button", name="Save the changes").click()
    assert "Contracted hours cannot be more than 48 a week" in summary.inner_text()
    check(page, "employment details with a mistake", heading="Change the employment details")
    visit(f"/workforce/{bo.pk}/level/", "change of level", "Record a promotion or other change of level")
    page.get_by_label("Regrading").check()
    fill_date(page, "When does it take effect?", TODAY)
    page.get_by_role("button", name="Record the change").click()
    assert "A regrading changes the band" in summary.inner_text()
    check(page, "change of level refused", shot="workforce-level-refused")
    visit(f"/workforce/{bo.pk}/leave/", "record a leaver", "Record a leaver", "workforce-leave")
    fill_date(page, "Leaving date", bo.start_date - dt.timedelta(days=1))
    page.get_by_label("Left because of discrimination").check()
    page.get_by_role("button", name="Continue").click()
    assert "The leaving date cannot be before the start date." in summary.inner_text()
    check(page, "record a leaver refused", heading="Record a leaver")
    fill_date(page, "Leaving date", TODAY)
    page.get_by_role("button", name="Continue").click()
    check(page, "check before recording", heading="Record them as a leaver?", shot="workforce-leave-check")
    visit("/workforce/leavers/", "leavers summary", "Leavers summary", "workforce-leavers")
    page.goto(
        origin + "/workforce/leavers/?date_from_day=9&date_from_month=9&date_from_year=2026"
        "&date_to_day=1&date_to_month=1&date_to_year=2026"
    )
    assert "The last day must be the same as or after the first day" in summary.inner_text()
    check(page, "leavers summary with a mistake", heading="Leavers summary")
    bo.refresh_from_db()
    assert bo.status != "left"
    context.close()

    # At a phone's width nothing scrolls sideways.
    context = new_context(browser, origin, user=hr, width=375, scripts=False)
    page = check.open(context)
    for path in ("/workforce/", f"/workforce/{ada.pk}/", "/workforce/leavers/"):
        page.goto(origin + path)
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= 375, f"{path} is {wide}px wide on a 375px screen"
        screenshot(page, "phone" + path.replace("/", "-"), tmp_path)
    context.close()
    assert not check.problems, "\n".join([f"screenshots in {tmp_path}", *check.problems])
