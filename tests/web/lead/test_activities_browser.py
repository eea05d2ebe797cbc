"""A lead runs activities in Chromium, by clicking and typing: the list, its filters and the month's
calendar; a new activity with its rung chosen by meaning; everyone a register search finds invited
(after seeing who), and one person; opening for sign-up; replies recorded for people on the phone,
the last place taken and the waiting list, a place added and the first person waiting moved up;
a cancellation; then on the day, the printable attendance sheet, attendance recorded (a mistake
first), marked held and closed with the report. axe-core checks every page on the way, forms with
mistakes too, at desktop and phone width; then a series and the day's attendance with JavaScript off.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.roles import Role
from involvement.models import Activity, Participation
from tests.factories import (
    ActivityFactory,
    ParticipantFactory,
    ParticipationFactory,
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
    ThemeFactory(name="Test crisis care")
    PartnerOrganisationFactory(name="Test Lantern Voluntary Services")
    for name in ("Test Carer Ash", "Test Carer Birch", "Test Carer Cedar"):
        ParticipantFactory(name=name, experience="carer")
    ParticipantFactory(name="Test Carer Withdrawn", experience="carer", consent_withdrawn_at=timezone.now())
    ParticipantFactory(name="Test Rowan Quince", email="rowan.quince@test.example")
    start = timezone.now() - dt.timedelta(hours=3)
    walk = ActivityFactory(
        title="Test Ward Walk-round",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        capacity=2,
        team=team,
        leads=[lead],
    )
    for name in ("Test Ada Walker", "Test Bea Walker"):
        ParticipationFactory(activity=walk, participant=ParticipantFactory(name=name), status="accepted")
    soon = timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0)
    for days, title, rung, capacity, taken in (
        (4, "Test Steering Group", "co_production", 12, 7),
        (11, "Test Discharge Letter Review", "consultation", 3, 3),
    ):
        upcoming = ActivityFactory(
            title=title, starts_at=soon + dt.timedelta(days=days), rung=rung, capacity=capacity, team=team
        )
        ParticipationFactory.create_batch(taken, activity=upcoming, status="accepted")
        ParticipationFactory(activity=upcoming)
    return lead, team, walk


def no_wider_than(page, width: int, where: str) -> None:
    scrolled = page.evaluate("document.documentElement.scrollWidth")
    assert scrolled <= width, f"{where} is {scrolled}px wide on a {width}px screen"


def test_a_lead_runs_activities_in_the_browser(browser, live_server, tmp_path):
    lead, _team, walk = build()
    origin = live_server.url
    check = Checker(tmp_path)
    context = new_context(browser, origin, user=lead)
    page = check.open(context)
    main = page.locator("main")
    banner = page.locator(".nhsuk-notification-banner")
    summary = page.locator(".nhsuk-error-summary")

    # The list from the menu, a filter, and the calendar.
    page.goto(origin + "/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Activities").click()
    check(page, "list", heading="Activities", shot="lead-activities")
    page.get_by_label("When").select_option("past")
    page.get_by_role("button", name="Show activities").click()
    assert "Test Ward Walk-round" in page.locator("tbody").inner_text()
    assert "2 of 2" in page.locator("tbody").inner_text()
    page.goto(origin + "/lead/activities/?team=999999")
    assert "Choose a team from the list" in summary.inner_text()
    check(page, "list with a filter that names nothing")
    page.get_by_role("navigation", name="Ways to see activities").get_by_role("link", name="Calendar").click()
    today = timezone.localdate()
    assert page.locator("h1").inner_text().strip() == f"{today:%B %Y}"
    if walk.starts_at.month == today.month:
        assert "Test Ward Walk-round" in page.locator("table").inner_text()
    check(page, "calendar", shot="lead-activities-calendar")
    page.get_by_role("link", name="Next month").click()
    check(page, "calendar, next month")

    # A new activity: a mistake first, then the rung chosen by what it means.
    page.goto(origin + "/lead/activities/")
    page.get_by_role("button", name="Create an activity").click()
    check(page, "new activity", heading="Create an activity")
    assert "We ask people for their views, but we make the decisions." in main.inner_text()
    page.get_by_label("Title").fill("Test Leaflet Workshop")
    page.get_by_role("button", name="Create the activity").click()
    assert "Select the rung of the ladder" in summary.inner_text()
    assert page.get_by_label("Title").input_value() == "Test Leaflet Workshop"
    check(page, "new activity with mistakes", shot="lead-activities-new-mistakes")
    day = today + dt.timedelta(days=14)
    page.get_by_label("Kind of activity").select_option(label="Co-production workshop")
    page.get_by_label("Co-design", exact=True).check()
    page.get_by_label("Team", exact=True).select_option(label="Test Crisis Team")
    page.get_by_label("Date", exact=True).fill(day.isoformat())
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("End time").fill("12:00")
    page.get_by_label("Places (optional)").fill("1")
    page.get_by_label("Test crisis care").check()
    page.get_by_role("button", name="Create the activity").click()
    assert page.locator("h1").inner_text().strip() == "Test Leaflet Workshop"
    assert "Test Leaflet Workshop is planned." in banner.inner_text()
    workshop = Activity.objects.get(title="Test Leaflet Workshop")
    assert (workshop.rung, workshop.capacity, workshop.status) == ("co_design", 1, "planned")
    check(page, "activity, planned")

    # Everyone a search finds: who will be invited and who is left out, then the send.
    page.get_by_role("link", name="Invite everyone a register search finds").click()
    page.get_by_label("Experience", exact=True).select_option("carer")
    page.get_by_role("button", name="Show who will be invited").click()
    assert "3 people will be invited" in main.inner_text()
    assert "Has withdrawn consent to be contacted" in main.inner_text()
    assert not Participation.objects.filter(activity=workshop).exists()
    check(page, "invite matching: the preview", shot="lead-activities-invite-preview")
    page.get_by_role("button", name="Send 3 invitations").click()
    assert "3 people are invited to Test Leaflet Workshop." in banner.inner_text()

    # One person, found by part of their name.
    page.get_by_role("link", name="Invite one person").click()
    page.get_by_label("Name, email address or phone number").fill("quince")
    page.get_by_role("button", name="Search the register").click()
    assert "rowan.quince@test.example" in main.inner_text()
    check(page, "invite one person: found")
    page.get_by_role("button", name="Invite Test Rowan Quince").click()
    assert "Test Rowan Quince is invited" in banner.inner_text()
    assert Participation.objects.filter(activity=workshop).count() == 4

    # Open for sign-up; replies taken on the phone; the last place and the waiting list.
    page.get_by_role("link", name="Open it for sign-up").click()
    check(page, "open for sign-up", heading="Open it for sign-up?")
    page.get_by_role("button", name="Open for sign-up").click()
    page.get_by_role("link", name="Record their reply from Test Carer Ash").click()
    page.get_by_role("button", name="Record the reply").click()
    assert "Select what they said" in summary.inner_text()
    check(page, "reply with a mistake")
    page.get_by_label("Yes, they will take part").check()
    page.get_by_role("button", name="Record the reply").click()
    assert "Test Carer Ash has a place." in banner.inner_text()
    page.get_by_role("link", name="Record their reply from Test Carer Birch").click()
    assert "The activity is full." in main.inner_text()
    page.get_by_label("Yes, they will take part").check()
    page.get_by_role("button", name="Record the reply").click()
    assert "The activity is full, so Test Carer Birch is on the waiting list." in banner.inner_text()
    check(page, "activity with a waiting list", shot="lead-activities-activity")

    # One more place: the first person waiting is moved up.
    page.get_by_role("link", name="Change the details").click()
    check(page, "change the activity")
    page.get_by_label("Places (optional)").fill("2")
    page.get_by_role("button", name="Save the changes").click()
    assert "Your changes are saved." in banner.inner_text()
    places = page.locator("table").first.inner_text()
    assert "Test Carer Birch" in places and "Moved up from the waiting list" in places

    # Cancelled, with a reason.
    page.get_by_role("link", name="Cancel it").click()
    check(page, "cancel")
    page.get_by_role("button", name="Cancel the activity").click()
    assert "Say why the activity is cancelled" in summary.inner_text()
    check(page, "cancel with a mistake")
    page.get_by_label("Why is it cancelled?").fill("The room is needed for a ward round.")
    page.get_by_role("button", name="Cancel the activity").click()
    assert "is cancelled" in banner.inner_text()
    workshop.refresh_from_db()
    assert (workshop.status, workshop.cancelled_reason) == (
        "cancelled",
        "The room is needed for a ward round.",
    )

    # On the day: the sheet to print, then attendance, held, and the closing report.
    page.goto(f"{origin}/lead/activities/{walk.pk}/")
    page.get_by_role("link", name="Print the attendance sheet").click()
    check(page, "attendance sheet", shot="lead-activities-sheet")
    page.emulate_media(media="print")
    assert page.locator("header").is_hidden() and page.locator(".nhsuk-back-link").is_hidden()
    assert page.locator("th", has_text="Signature").is_visible()
    screenshot(page, "lead-activities-sheet-print", tmp_path)
    page.emulate_media(media="screen")
    page.get_by_role("link", name="record attendance").click()
    check(page, "attendance", heading="Record attendance")
    ada = page.get_by_role("group", name="Did Test Ada Walker attend?")
    ada.get_by_label("Attended").check()
    page.get_by_label("Hours Test Ada Walker took part (if they attended)").fill("9")
    page.get_by_role("group", name="Did Test Bea Walker attend?").get_by_label("Did not attend").check()
    page.get_by_role("button", name="Save attendance").click()
    assert "Hours cannot be more than the activity's length" in summary.inner_text()
    assert not Participation.objects.filter(activity=walk).exclude(attendance="unknown").exists()
    check(page, "attendance with a refusal", shot="lead-activities-attendance-mistake")
    page.get_by_label("Hours Test Ada Walker took part (if they attended)").fill("1.5")
    page.get_by_role("button", name="Save attendance").click()
    assert "Attendance is saved for 2 people." in banner.inner_text()
    page.get_by_role("link", name="Mark it as held").click()
    check(page, "mark held", heading="Mark it as held?")
    page.get_by_role("button", name="Mark as held").click()
    page.get_by_role("link", name="Close it with the closing report").click()
    assert page.get_by_label("How many people attended?").input_value() == "1"
    page.get_by_role("button", name="Close the activity").click()
    assert "Say what happened" in summary.inner_text()
    check(page, "close with mistakes", shot="lead-activities-close-mistakes")
    page.get_by_label("What happened?").fill("We walked the ward and noted what felt unwelcoming.")
    page.get_by_label("What changes were agreed?").fill("New signs at the entrance.")
    page.get_by_role("button", name="Close the activity").click()
    assert "is closed, with its closing report" in banner.inner_text()
    check(page, "closed activity")
    walk.refresh_from_db()
    assert (walk.status, walk.report_attendee_count) == ("closed", 1)
    context.close()

    # At a phone's width, nothing scrolls sideways.
    context = new_context(browser, origin, user=lead, width=375)
    page = check.open(context)
    for path in [
        "/lead/activities/?when=",
        "/lead/activities/calendar/",
        f"/lead/activities/{workshop.pk}/",
        "/lead/activities/new/",
        f"/lead/activities/{walk.pk}/attendance/",
        f"/lead/activities/{walk.pk}/attendance-sheet/",
    ]:
        page.goto(origin + path)
        no_wider_than(page, 375, path)
        check(page, f"phone {path}")
        screenshot(page, "phone" + path.replace("/", "-").replace("?", "-"), tmp_path)
    context.close()
    assert not check.problems, "\n".join([f"screenshots in {tmp_path}", *check.problems])


def test_a_series_and_the_days_attendance_work_without_javascript(browser, live_server):
    lead, _team, walk = build()
    origin = live_server.url
    context = new_context(browser, origin, user=lead, js=False)
    page = context.new_page()
    page.goto(f"{origin}/lead/activities/new/")
    page.get_by_label("Title").fill("Test Weekly Peer Group")
    page.get_by_label("Kind of activity").select_option(label="Co-production workshop")
    page.get_by_label("Engagement", exact=True).check()
    page.get_by_label("Team", exact=True).select_option(label="Test Crisis Team")
    page.get_by_label("Date", exact=True).fill("2031-05-06")
    page.get_by_label("Start time").fill("18:00")
    page.get_by_label("End time").fill("17:00")
    page.get_by_label("Weekly").check()
    page.get_by_label("How many times will it happen?").fill("3")
    page.get_by_role("button", name="Create the activity").click()
    assert "An activity must end after it starts." in page.locator(".nhsuk-error-summary").inner_text()
    assert not Activity.objects.filter(title="Test Weekly Peer Group").exists()
    page.get_by_label("End time").fill("19:30")
    page.get_by_role("button", name="Create the activity").click()
    assert "3 activities are planned, weekly." in page.locator(".nhsuk-notification-banner").inner_text()
    made = Activity.objects.filter(title="Test Weekly Peer Group").order_by("starts_at")
    assert [timezone.localtime(a.starts_at).date() for a in made] == [
        dt.date(2031, 5, 6),
        dt.date(2031, 5, 13),
        dt.date(2031, 5, 20),
    ]

    page.goto(f"{origin}/lead/activities/{walk.pk}/attendance/")
    page.get_by_role("group", name="Did Test Ada Walker attend?").get_by_label("Attended").check()
    page.get_by_role("group", name="Did Test Bea Walker attend?").get_by_label("Attended").check()
    page.get_by_role("button", name="Save attendance").click()
    assert "Attendance is saved for 2 people." in page.locator(".nhsuk-notification-banner").inner_text()
    assert Participation.objects.filter(activity=walk, attendance="attended").count() == 2
    context.close()
