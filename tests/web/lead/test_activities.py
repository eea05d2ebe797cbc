"""Activities for the involvement team: the list and the calendar, making and changing activities,
inviting, places and the waiting list, replies recorded for someone, the attendance sheet and the
day's attendance, closing and cancelling. What a lead sees and what their forms write; who may not
open the pages; two leads taking the last place at once."""

from __future__ import annotations

import datetime as dt
import html
import re
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from accounts.roles import Role
from involvement import services
from involvement.models import Activity, ActivitySeries, Participation
from tests.factories import (
    ActivityFactory,
    ActivityKindFactory,
    ParticipantFactory,
    ParticipationFactory,
    PaymentClaimFactory,
    TeamFactory,
    ThemeFactory,
    UserFactory,
)
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db

BASE = "/lead/activities/"


def text(response) -> str:
    return response.content.decode()


def main(response) -> str:
    """The page's main content as plain words, tags and repeated spaces gone."""
    body = text(response).split('id="maincontent"', 1)[1].split("</main>", 1)[0]
    body = re.sub(r'<span class="nhsuk-table__heading" aria-hidden="true">[^<]*</span>', "", body)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def row(response, name: str) -> str:
    """The words of the table row that names `name`."""
    found = [r for r in text(response).split("<tr")[1:] if f">{name}<" in r]
    assert len(found) == 1, name
    cells = re.sub(r'<span class="nhsuk-table__heading" aria-hidden="true">[^<]*</span>', "", found[0])
    return html.unescape(
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", "<tr" + cells.split("</tr>")[0]))
    ).strip()


def titles(response) -> list[str]:
    """The activity titles linked in the list's table, in order."""
    table = text(response).split("<tbody", 1)[1].split("</tbody>", 1)[0] if "<tbody" in text(response) else ""
    return [html.unescape(title) for title in re.findall(r'href="/lead/activities/\d+/">([^<]+)</a>', table)]


def at(days: float, hour: int = 10) -> dt.datetime:
    moment = timezone.localtime() + dt.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def started(**fields) -> Activity:
    """An open activity that began three hours ago and ended an hour ago."""
    start = timezone.now() - dt.timedelta(hours=3)
    return ActivityFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2), **fields)


@pytest.fixture
def lead(page_for):
    return page_for(Role.INVOLVEMENT_LEAD, first_name="Indra", last_name="Lead-Test")


def form_data(team, kind, **changes) -> dict:
    data = {
        "title": "Test Crisis Leaflet Workshop",
        "description": "Reading the draft together.",
        "kind": kind.pk,
        "rung": "co_design",
        "team": team.pk,
        "date": (timezone.localdate() + dt.timedelta(days=20)).isoformat(),
        "start_time": "10:00",
        "end_time": "12:30",
        "end_date": "",
        "venue": "Room 2, Test Resource Centre",
        "online_link": "",
        "capacity": "12",
        "accessibility_arrangements": "Step-free access",
        "repeats": "once",
        "occurrences": "",
    }
    data.update(changes)
    return data


# --- who may open these pages ------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.BOARD_MEMBER])
def test_people_who_are_not_staff_get_the_403_page(page_for, role):
    activity = ActivityFactory()
    client = page_for(role)
    for path in (
        BASE,
        f"{BASE}calendar/",
        f"{BASE}new/",
        f"{BASE}{activity.pk}/",
        f"{BASE}{activity.pk}/attendance/",
    ):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "for the involvement team and the staff who lead activities" in text(response)


def test_staff_see_only_the_activities_they_lead_and_may_take_attendance_but_not_change_them(page_for):
    manager = page_for(Role.LINE_MANAGER)
    mine = started(title="Test Manager's Walk-round", leads=[manager.user])
    other = ActivityFactory(title="Test Someone Else's Workshop", starts_at=at(3))
    place = ParticipationFactory(activity=mine, status="accepted")
    response = manager.get(BASE, {"when": ""})
    assert titles(response) == ["Test Manager's Walk-round"]
    assert f'href="{BASE}new/"' not in text(response)
    assert manager.get(f"{BASE}{other.pk}/").status_code == 404
    page = manager.get(f"{BASE}{mine.pk}/")
    assert page.status_code == 200 and "Record attendance" in main(page)
    assert "Invite one person" not in main(page) and "Change the details" not in main(page)
    for path in ("edit/", "open/", "cancel/", "close/", "invite/person/", "invite/matching/"):
        assert manager.get(f"{BASE}{mine.pk}/{path}").status_code == 403, path
    assert manager.get(f"{BASE}new/").status_code == 403
    response = manager.post(f"{BASE}{mine.pk}/attendance/", {f"p{place.pk}-attendance": "attended"})
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.attendance == "attended"


def test_an_activity_that_does_not_exist_is_the_404_page(lead):
    for path in (
        "999999/",
        "999999/edit/",
        "999999/attendance/",
        "999999/attendance-sheet/",
        "calendar/2026/13/",
    ):
        assert lead.get(f"{BASE}{path}").status_code == 404, path


def test_the_menu_offers_activities_to_leads_only(lead, page_for):
    assert f'href="{BASE}"' in text(lead.get("/"))
    assert f'href="{BASE}"' not in text(page_for(Role.FINANCE).get("/"))


# --- the list and the calendar -------------------------------------------------------------------


def test_the_list_shows_activities_still_to_come_first_with_places_taken_of_capacity(lead):
    soon = ActivityFactory(title="Test Soon", starts_at=at(2), capacity=3)
    ParticipationFactory.create_batch(3, activity=soon, status="accepted")
    ParticipationFactory(activity=soon, status="waitlisted", waitlisted_at=timezone.now())
    ActivityFactory(title="Test Later", starts_at=at(9), capacity=None)
    ActivityFactory(title="Test Over", starts_at=at(-9))
    response = lead.get(BASE)
    assert titles(response) == ["Test Soon", "Test Later"]
    words = main(response)
    assert "3 of 3 Full 1 waiting" in words and "0 of no limit" in words
    assert titles(lead.get(BASE, {"when": "past"})) == ["Test Over"]
    assert titles(lead.get(BASE, {"when": ""})) == ["Test Over", "Test Soon", "Test Later"]


def test_each_filter_narrows_the_list(lead):
    team = TeamFactory(name="Test Crisis Team")
    steering = ActivityKindFactory(code="test-steering", name="Test steering group")
    ActivityFactory(title="Test Team One", team=team, starts_at=at(1))
    ActivityFactory(title="Test Steering", kind=steering, starts_at=at(2))
    ActivityFactory(title="Test Informing", rung="informing", starts_at=at(3))
    ActivityFactory(title="Test Planned", status="planned", starts_at=at(4))
    assert titles(lead.get(BASE, {"team": team.pk})) == ["Test Team One"]
    assert titles(lead.get(BASE, {"kind": steering.pk})) == ["Test Steering"]
    assert titles(lead.get(BASE, {"rung": "informing"})) == ["Test Informing"]
    assert titles(lead.get(BASE, {"status": "planned"})) == ["Test Planned"]
    response = lead.get(BASE, {"team": "999999", "rung": "informing"})
    assert response.status_code == 400
    assert '<a href="#id_team">Choose a team from the list</a>' in text(response)
    assert titles(response) == ["Test Informing"]


def test_the_list_is_in_pages_that_keep_the_filters(lead):
    for index in range(30):
        ActivityFactory(title=f"Test Paged {index:02d}", starts_at=at(1 + index), rung="engagement")
    first = lead.get(BASE, {"rung": "engagement"})
    assert len(titles(first)) == 25 and "30 activities" in main(first)
    assert "rung=engagement&amp;page=2" in text(first)
    second = lead.get(BASE, {"rung": "engagement", "page": 2})
    assert titles(second) == [f"Test Paged {index}" for index in range(25, 30)]


def _fill(count: int) -> None:
    for index in range(count):
        activity = ActivityFactory(title=f"Test Many {index}", starts_at=at(1 + index % 20), capacity=5)
        ParticipationFactory(activity=activity, status="accepted")
        ParticipationFactory(activity=activity, status="waitlisted", waitlisted_at=timezone.now())


@pytest.mark.parametrize("path", [BASE, f"{BASE}calendar/", "calendar-next"])
def test_the_list_and_the_calendar_ask_as_many_queries_for_30_rows_as_for_3(
    lead, path, django_assert_max_num_queries
):
    if path == "calendar-next":
        later = timezone.localdate() + dt.timedelta(days=15)
        path = f"{BASE}calendar/{later.year}/{later.month}/"
    _fill(3)
    with django_assert_max_num_queries(15) as few:
        assert lead.get(path).status_code == 200
    _fill(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert lead.get(path).status_code == 200


def test_an_activitys_page_asks_as_many_queries_for_30_people_as_for_3(lead, django_assert_max_num_queries):
    activity = ActivityFactory(capacity=40, leads=[lead.user])

    def people(count: int) -> None:
        for index in range(count):
            status = ["accepted", "waitlisted", "invited", "declined"][index % 4]
            ParticipationFactory(activity=activity, status=status, waitlisted_at=timezone.now())

    people(3)
    for path in ("", "attendance-sheet/"):
        with django_assert_max_num_queries(20) as few:
            assert lead.get(f"{BASE}{activity.pk}/{path}").status_code == 200
        people(27)
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert lead.get(f"{BASE}{activity.pk}/{path}").status_code == 200


def test_the_calendar_shows_each_days_activities_in_a_table_of_weeks(lead):
    ActivityFactory(
        title="Test Calendar Walk",
        starts_at=dt.datetime(2031, 3, 12, 14, tzinfo=timezone.get_current_timezone()),
    )
    ActivityFactory(
        title="Test Next Month", starts_at=dt.datetime(2031, 4, 2, 10, tzinfo=timezone.get_current_timezone())
    )
    response = lead.get(f"{BASE}calendar/2031/3/")
    body = text(response)
    assert response.status_code == 200
    assert "<h1" in body and "March 2031" in main(response)
    assert body.count('scope="col"') == 7 and '<abbr title="Monday">Mon</abbr>' in body
    cell = body.split("Wednesday </span>12<", 1)[1].split("</td>", 1)[0]
    assert "2pm" in cell and "Test Calendar Walk" in cell
    assert "Test Next Month" not in body
    assert f'href="{BASE}calendar/2031/2/"' in body and f'href="{BASE}calendar/2031/4/"' in body
    assert "1 activity starts this month" in main(response)
    december = lead.get(f"{BASE}calendar/2031/12/")
    assert f'href="{BASE}calendar/2032/1/"' in text(december)


# --- making and changing -------------------------------------------------------------------------


def test_a_lead_creates_a_one_off_activity_with_the_rung_chosen_by_its_meaning(lead):
    team, kind = TeamFactory(name="Test Crisis Team"), ActivityKindFactory()
    theme = ThemeFactory(name="Test crisis care")
    page = lead.get(f"{BASE}new/")
    words = main(page)
    assert "Co-design" in words and "People design the service or change with us" in words
    assert "We ask people for their views, but we make the decisions." in words
    response = lead.post(
        f"{BASE}new/", {**form_data(team, kind), "themes": [theme.pk], "leads": [lead.user.pk]}
    )
    made = Activity.objects.get(title="Test Crisis Leaflet Workshop")
    assert response.status_code == 302 and response["Location"] == f"{BASE}{made.pk}/"
    local = timezone.localtime(made.starts_at)
    assert (local.hour, local.minute, made.length_hours) == (10, 0, Decimal("2.50"))
    assert (made.rung, made.capacity, made.status, made.team) == ("co_design", 12, "planned", team)
    assert list(made.leads.all()) == [lead.user] and list(made.themes.all()) == [theme]


def test_a_mistake_shows_beside_its_field_keeps_what_was_typed_and_writes_nothing(lead):
    team, kind = TeamFactory(), ActivityKindFactory()
    data = form_data(team, kind, title="Test Backwards", end_time="09:00", capacity="0", leads=[lead.user.pk])
    response = lead.post(f"{BASE}new/", data)
    assert response.status_code == 400
    body = text(response)
    assert "There is a problem" in body
    assert '<a href="#id_capacity">The number of places must be 1 or more, or empty for no limit</a>' in body
    assert 'value="Test Backwards"' in body
    assert not Activity.objects.filter(title="Test Backwards").exists()
    # The end before the start is the model's own rule, shown beside the end time.
    response = lead.post(f"{BASE}new/", {**data, "capacity": "8"})
    assert response.status_code == 400
    assert '<a href="#id_end_time">An activity must end after it starts.</a>' in text(response)
    assert not Activity.objects.filter(title="Test Backwards").exists()
    response = lead.post(
        f"{BASE}new/", {**data, "capacity": "8", "end_time": "11:00", "rung": "", "leads": []}
    )
    assert "Select the rung of the ladder" in text(response) and "Choose at least one lead" in text(response)
    assert not Activity.objects.exists()


def test_a_lead_schedules_a_monthly_series(lead):
    team, kind = TeamFactory(), ActivityKindFactory()
    first_day = dt.date(2031, 1, 15)
    data = form_data(
        team,
        kind,
        title="Test Steering Group",
        date=first_day.isoformat(),
        repeats="monthly",
        occurrences="4",
    )
    response = lead.post(f"{BASE}new/", {**data, "leads": [lead.user.pk]})
    made = list(Activity.objects.filter(title="Test Steering Group").order_by("starts_at"))
    assert response.status_code == 302 and response["Location"] == f"{BASE}{made[0].pk}/"
    assert [timezone.localtime(a.starts_at).date() for a in made] == [
        dt.date(2031, month, 15) for month in (1, 2, 3, 4)
    ]
    assert ActivitySeries.objects.get().frequency == "monthly"
    follow = lead.get(response["Location"])
    assert "4 activities are planned, monthly." in main(follow)


def test_a_series_without_a_count_or_with_too_many_is_refused_beside_the_count(lead):
    team, kind = TeamFactory(), ActivityKindFactory()
    data = {**form_data(team, kind, repeats="weekly"), "leads": [lead.user.pk]}
    response = lead.post(f"{BASE}new/", data)
    assert '<a href="#id_occurrences">Enter how many times the activity will happen</a>' in text(response)
    response = lead.post(f"{BASE}new/", {**data, "occurrences": "60"})
    assert response.status_code == 400
    assert '<a href="#id_occurrences">Schedule between 1 and 52 occurrences.</a>' in text(response)
    assert not Activity.objects.exists() and not ActivitySeries.objects.exists()


def test_a_lead_changes_an_activity_and_the_service_refuses_fewer_places_than_are_taken(lead):
    activity = ActivityFactory(title="Test Before", capacity=5, leads=[lead.user])
    ParticipationFactory.create_batch(3, activity=activity, status="accepted")
    page = lead.get(f"{BASE}{activity.pk}/edit/")
    assert 'value="Test Before"' in text(page)
    data = {**form_data(activity.team, activity.kind), "title": "Test After", "leads": [lead.user.pk]}
    response = lead.post(f"{BASE}{activity.pk}/edit/", {**data, "capacity": "2"})
    assert response.status_code == 400
    assert '<a href="#id_capacity">3 people already have a place; capacity cannot go below that.</a>' in text(
        response
    )
    activity.refresh_from_db()
    assert (activity.title, activity.capacity) == ("Test Before", 5)
    response = lead.post(f"{BASE}{activity.pk}/edit/", data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.capacity, activity.rung) == ("Test After", 12, "co_design")


def test_opening_for_sign_up_asks_first(lead):
    activity = ActivityFactory(status="planned")
    assert "Open it for sign-up?" in main(lead.get(f"{BASE}{activity.pk}/open/"))
    activity.refresh_from_db()
    assert activity.status == "planned"
    response = lead.post(f"{BASE}{activity.pk}/open/")
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == "open"
    # Asked again, the service refuses, and the page says why.
    response = lead.post(f"{BASE}{activity.pk}/open/")
    assert response.status_code == 409
    assert "An activity that is open for sign-up cannot become open for sign-up." in main(response)


# --- inviting ------------------------------------------------------------------------------------


def test_inviting_one_person_shows_who_can_be_invited_and_why_not(lead):
    activity = ActivityFactory(title="Test Walk-round")
    alder = ParticipantFactory(name="Test Alder Quince", email="alder@test.example")
    ParticipantFactory(name="Test Alder Withdrawn", consent_withdrawn_at=timezone.now())
    ParticipantFactory(name="Test Alder Paused", status="paused")
    invited = ParticipantFactory(name="Test Alder Invited")
    ParticipationFactory(activity=activity, participant=invited, status="waitlisted")
    response = lead.get(f"{BASE}{activity.pk}/invite/person/", {"q": "alder"})
    words = main(response)
    assert "4 people found" in words and "alder@test.example" in words
    assert "Already invited, and on the waiting list" in row(response, "Test Alder Invited")
    assert "Paused on the register" in row(response, "Test Alder Paused")
    assert "Has withdrawn consent to be contacted" in row(response, "Test Alder Withdrawn")
    assert "Invite Test Alder Quince" in row(response, "Test Alder Quince")
    assert text(response).count('name="participant"') == 1
    assert Participation.objects.filter(activity=activity).count() == 1
    response = lead.post(
        f"{BASE}{activity.pk}/invite/person/?q=alder", {"participant": alder.pk, "role": "co_facilitator"}
    )
    assert response.status_code == 302
    made = Participation.objects.get(activity=activity, participant=alder)
    assert (made.status, made.role, made.invited_by) == ("invited", "co_facilitator", lead.user)


def test_inviting_someone_the_service_refuses_says_why_and_writes_nothing(lead):
    activity = ActivityFactory()
    never = ParticipantFactory(name="Test Never Consented", consent_given_at=None)
    response = lead.post(
        f"{BASE}{activity.pk}/invite/person/", {"participant": never.pk, "role": "participant"}
    )
    assert response.status_code == 400
    assert "Test Never Consented: This person has not given consent to be contacted" in main(response)
    assert not Participation.objects.exists()


def test_inviting_everyone_a_search_finds_shows_the_list_first_then_sends(lead):
    activity = ActivityFactory(title="Test Carers Forum")
    team = TeamFactory(name="Test Crisis Team")
    carers = [ParticipantFactory(name=f"Test Carer {n}", experience="carer") for n in range(3)]
    for person in carers:
        person.teams_of_interest.set([team])
    ParticipantFactory(name="Test Carer Left", experience="carer", status="left").teams_of_interest.set(
        [team]
    )
    ParticipantFactory(name="Test Carer No Consent", experience="carer", consent_given_at=None)
    ParticipationFactory(activity=activity, participant=carers[2], status="declined")
    ParticipantFactory(name="Test Service User", experience="service_user")
    preview = lead.get(f"{BASE}{activity.pk}/invite/matching/", {"experience": "carer", "show": "1"})
    words = main(preview)
    assert "2 people will be invited" in words and "Test Carer 0" in words and "Test Carer 1" in words
    assert "3 people are left out" in words
    assert row(preview, "Test Carer 2") == "Test Carer 2 Already invited, and declined"
    assert row(preview, "Test Carer Left") == "Test Carer Left Has left the register"
    assert (
        row(preview, "Test Carer No Consent") == "Test Carer No Consent Has not given consent to be contacted"
    )
    assert "Test Service User" not in words
    assert Participation.objects.filter(activity=activity).count() == 1
    fingerprint = re.search(r'name="fingerprint" value="([0-9a-f]+)"', text(preview)).group(1)
    send = {"experience": "carer", "fingerprint": fingerprint, "role": "participant"}
    # Someone joins the register between the look and the send: nothing goes, the list is shown again.
    ParticipantFactory(name="Test Carer New", experience="carer")
    response = lead.post(f"{BASE}{activity.pk}/invite/matching/", send)
    assert response.status_code == 400
    assert "The people who match have changed since you looked" in main(response)
    assert "3 people will be invited" in main(response)
    assert Participation.objects.filter(activity=activity).count() == 1
    fingerprint = re.search(r'name="fingerprint" value="([0-9a-f]+)"', text(response)).group(1)
    response = lead.post(f"{BASE}{activity.pk}/invite/matching/", {**send, "fingerprint": fingerprint})
    assert response.status_code == 302
    invited = set(
        Participation.objects.filter(activity=activity, status="invited").values_list(
            "participant__name", flat=True
        )
    )
    assert invited == {"Test Carer 0", "Test Carer 1", "Test Carer New"}


# --- an activity's people, and replies recorded for them -----------------------------------------


def test_the_activity_page_shows_places_the_waiting_list_in_order_and_who_was_moved_up(lead):
    activity = ActivityFactory(title="Test Full Walk", capacity=1, leads=[lead.user])
    first, second, third = (ParticipantFactory(name=f"Test Person {n}") for n in ("A", "B", "C"))
    rows = [
        services.participation_invite(activity=activity, participant=p, by=lead.user)
        for p in (first, second, third)
    ]
    for row in rows:
        services.participation_accept(participation=row, by=lead.user)
    ParticipationFactory(activity=activity, participant=ParticipantFactory(name="Test Person Silent"))
    ParticipationFactory(
        activity=activity, participant=ParticipantFactory(name="Test Person No"), status="declined"
    )
    services.participation_decline(participation=rows[0], by=lead.user)  # B moves up; C still waits
    words = main(lead.get(f"{BASE}{activity.pk}/"))
    assert "Places taken 1 of 1 Full" in words and "Waiting list 1 person" in words
    assert "Test Person B Participant Moved up from the waiting list" in words
    assert "Change 1 Test Person C" in words
    assert "Test Person Silent" in words.split("Invited, no reply yet (1)")[1]
    not_coming = words.split("Not coming (2)")[1]
    assert "Test Person A Gave up their place" in not_coming and "Test Person No Said no" in not_coming
    assert "Lead-Test" in words


def test_a_lead_records_a_reply_for_someone_and_a_full_activity_puts_them_on_the_waiting_list(lead):
    activity = ActivityFactory(capacity=1)
    yes = ParticipationFactory(activity=activity, participant=ParticipantFactory(name="Test Phoned Yes"))
    late = ParticipationFactory(activity=activity, participant=ParticipantFactory(name="Test Phoned Late"))
    page = lead.get(f"{BASE}{activity.pk}/people/{yes.pk}/reply/")
    assert "Record Test Phoned Yes's reply" in main(page)
    response = lead.post(f"{BASE}{activity.pk}/people/{yes.pk}/reply/", {"answer": "yes"}, follow=True)
    assert "Test Phoned Yes has a place." in main(response)
    response = lead.post(f"{BASE}{activity.pk}/people/{late.pk}/reply/", {"answer": "yes"}, follow=True)
    assert "The activity is full, so Test Phoned Late is on the waiting list." in main(response)
    yes.refresh_from_db(), late.refresh_from_db()
    assert (yes.status, late.status) == ("accepted", "waitlisted")
    # Giving up the place: the person waiting gets it.
    response = lead.post(f"{BASE}{activity.pk}/people/{yes.pk}/reply/", {"answer": "no"}, follow=True)
    assert "Test Phoned Yes has given up their place." in main(response)
    late.refresh_from_db()
    assert late.status == "accepted"


def test_a_reply_without_an_answer_or_too_late_is_refused_beside_the_question(lead):
    activity = started(capacity=3)
    row = ParticipationFactory(activity=activity)
    response = lead.post(f"{BASE}{activity.pk}/people/{row.pk}/reply/", {})
    assert response.status_code == 400 and '<a href="#id_answer_0">Select what they said</a>' in text(
        response
    )
    other = ParticipationFactory(
        activity=ActivityFactory(starts_at=activity.starts_at - dt.timedelta(days=1))
    )
    Activity.objects.filter(pk=other.activity_id).update(ends_at=timezone.now() - dt.timedelta(hours=20))
    response = lead.post(f"{BASE}{other.activity_id}/people/{other.pk}/reply/", {"answer": "yes"})
    assert response.status_code == 400
    assert '<a href="#id_answer_0">This activity is no longer taking replies.</a>' in text(response)
    other.refresh_from_db()
    assert other.status == "invited"
    # A participation of another activity is not found under this one.
    assert lead.get(f"{BASE}{activity.pk}/people/{other.pk}/reply/").status_code == 404


def _race(activity: Activity, participations: list[Participation], leads: list) -> list[str]:
    """Two leads record a yes at the same moment, each from their own browser (thread, connection)."""
    barrier = threading.Barrier(len(participations))
    said: list[str] = []

    def reply(client: Client, row: Participation) -> None:
        try:
            barrier.wait()
            response = client.post(
                f"{BASE}{activity.pk}/people/{row.pk}/reply/", {"answer": "yes"}, follow=True
            )
            said.append(main(response))
        finally:
            connection.close()

    threads = [threading.Thread(target=reply, args=pair) for pair in zip(leads, participations, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return said


@pytest.mark.django_db(transaction=True)
def test_two_leads_taking_the_last_place_at_once_one_gets_it_the_other_sees_the_waiting_list():
    leads = [signed_in(UserFactory(roles=[Role.INVOLVEMENT_LEAD])) for _ in range(2)]
    for _round in range(4):
        activity = ActivityFactory(capacity=2)
        ParticipationFactory(activity=activity, status="accepted")
        rows = [ParticipationFactory(activity=activity) for _ in range(2)]
        said = _race(activity, rows, leads)
        assert len(said) == 2
        got = [words for words in said if "has a place." in words]
        waiting = [
            words for words in said if "The activity is full, so" in words and "on the waiting list" in words
        ]
        assert len(got) == 1 and len(waiting) == 1, said
        statuses = sorted(
            Participation.objects.filter(pk__in=[r.pk for r in rows]).values_list("status", flat=True)
        )
        assert statuses == ["accepted", "waitlisted"]
        assert activity.participations.filter(status="accepted").count() == 2


# --- on the day ----------------------------------------------------------------------------------


def test_the_attendance_sheet_lists_people_with_a_place_and_a_column_to_sign(lead):
    activity = ActivityFactory(title="Test Sheet Walk")
    ParticipationFactory(
        activity=activity, participant=ParticipantFactory(name="Test Zed Place"), status="accepted"
    )
    ParticipationFactory(
        activity=activity,
        participant=ParticipantFactory(name="Test Ann Panel"),
        status="accepted",
        role="panel_member",
    )
    ParticipationFactory(
        activity=activity, participant=ParticipantFactory(name="Test Waiting"), status="waitlisted"
    )
    response = lead.get(f"{BASE}{activity.pk}/attendance-sheet/")
    body, words = text(response), main(response)
    assert "Attendance sheet: Test Sheet Walk" in words and "Signature" in words
    assert words.index("Test Ann Panel Panel member") < words.index("Test Zed Place Participant")
    assert "Test Waiting" not in words
    assert body.count('class="nhsuk-table__cell web-sheet__signature"') == 2


def test_attendance_is_saved_for_everyone_with_a_place(lead):
    activity = started(capacity=5)
    came, part, away = (
        ParticipationFactory(activity=activity, participant=ParticipantFactory(name=n), status="accepted")
        for n in ("Test Came", "Test Part", "Test Away")
    )
    page = lead.get(f"{BASE}{activity.pk}/attendance/")
    assert "Did Test Came attend?" in main(page) and "Hours Test Part took part" in main(page)
    response = lead.post(
        f"{BASE}{activity.pk}/attendance/",
        {
            f"p{came.pk}-attendance": "attended",
            f"p{part.pk}-attendance": "attended",
            f"p{part.pk}-hours": "1.5",
            f"p{away.pk}-attendance": "no_show",
        },
    )
    assert response.status_code == 302
    for row in (came, part, away):
        row.refresh_from_db()
    assert (came.attendance, came.hours) == ("attended", Decimal("2.00"))
    assert (part.attendance, part.hours) == ("attended", Decimal("1.50"))
    assert (away.attendance, away.hours) == ("no_show", Decimal("0.00"))


def test_a_refusal_shows_beside_the_right_person_and_nothing_on_the_sheet_is_saved(lead):
    activity = started(capacity=1)
    first = ParticipationFactory(
        activity=activity, participant=ParticipantFactory(name="Test Ada"), status="accepted"
    )
    second = ParticipationFactory(
        activity=activity, participant=ParticipantFactory(name="Test Bea"), status="accepted"
    )
    data = {f"p{first.pk}-attendance": "attended", f"p{second.pk}-attendance": "attended"}
    response = lead.post(f"{BASE}{activity.pk}/attendance/", data)
    assert response.status_code == 400
    body = text(response)
    assert (
        f'<a href="#id_p{second.pk}-attendance_0">This activity has 1 place and 1 already marked attended'
        in body
    )
    bea = body.split("Test Bea", 1)[1]
    assert "cannot be marked attended too" in bea.split("Save attendance")[0]
    assert "cannot be marked attended too" not in body.split("Test Ada", 2)[1].split("Test Bea")[0]
    ada_attended = (
        f'id="id_p{first.pk}-attendance_0" name="p{first.pk}-attendance" type="radio" value="attended"'
    )
    assert f"{ada_attended} checked" in body
    assert not Participation.objects.filter(attendance="attended").exists()
    # Hours longer than the activity: beside that person's hours.
    response = lead.post(
        f"{BASE}{activity.pk}/attendance/",
        {**data, f"p{first.pk}-hours": "5", f"p{second.pk}-attendance": "unknown"},
    )
    assert f'<a href="#id_p{first.pk}-hours">Hours cannot be more than the activity' in text(response)
    assert not Participation.objects.filter(attendance="attended").exists()


def test_attendance_before_the_activity_starts_is_refused_for_each_person(lead):
    activity = ActivityFactory(starts_at=at(3))
    row = ParticipationFactory(
        activity=activity, participant=ParticipantFactory(name="Test Early"), status="accepted"
    )
    page = lead.get(f"{BASE}{activity.pk}/attendance/")
    assert "The activity has not started yet." in main(page)
    response = lead.post(f"{BASE}{activity.pk}/attendance/", {f"p{row.pk}-attendance": "attended"})
    assert response.status_code == 400
    assert (
        f'<a href="#id_p{row.pk}-attendance_0">Attendance can be recorded once the activity has started'
        in text(response)
    )
    row.refresh_from_db()
    assert row.attendance == "unknown"


def test_attendance_a_claim_was_made_on_cannot_change_and_unchanged_rows_are_left_alone(lead):
    activity = started(capacity=5)
    claimed = PaymentClaimFactory(
        participation__activity=activity, participation__participant=ParticipantFactory(name="Test Claimed")
    ).participation
    other = ParticipationFactory(
        activity=activity, participant=ParticipantFactory(name="Test Other"), status="accepted"
    )
    unchanged = {f"p{claimed.pk}-attendance": "attended", f"p{claimed.pk}-hours": "2.00"}
    response = lead.post(
        f"{BASE}{activity.pk}/attendance/", {**unchanged, f"p{other.pk}-attendance": "no_show"}
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.attendance == "no_show"
    response = lead.post(
        f"{BASE}{activity.pk}/attendance/",
        {f"p{claimed.pk}-attendance": "no_show", f"p{other.pk}-attendance": "attended"},
    )
    assert response.status_code == 400
    assert "A claim has been made for this attendance, so Test Claimed" in text(response)
    claimed.refresh_from_db(), other.refresh_from_db()
    assert (claimed.attendance, other.attendance) == ("attended", "no_show")


# --- held, closed, cancelled ---------------------------------------------------------------------


def test_a_lead_marks_it_held_then_closes_it_with_the_closing_report(lead):
    activity = started(title="Test To Close")
    ParticipationFactory.create_batch(2, activity=activity, status="accepted", attendance="attended", hours=2)
    assert lead.get(f"{BASE}{activity.pk}/close/").status_code == 302  # not held yet
    assert "Mark it as held?" in main(lead.get(f"{BASE}{activity.pk}/held/"))
    assert lead.post(f"{BASE}{activity.pk}/held/").status_code == 302
    page = lead.get(f"{BASE}{activity.pk}/close/")
    assert 'name="attendee_count" value="2"' in text(page)
    response = lead.post(
        f"{BASE}{activity.pk}/close/", {"summary": "", "attendee_count": "2", "changes_agreed": ""}
    )
    assert response.status_code == 400
    assert '<a href="#id_summary">Say what happened</a>' in text(response)
    activity.refresh_from_db()
    assert activity.status == "held"
    response = lead.post(
        f"{BASE}{activity.pk}/close/",
        {"summary": "We walked the ward.", "attendee_count": "3", "changes_agreed": "New signs."},
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.status, activity.report_attendee_count, activity.report_changes_agreed) == (
        "closed",
        3,
        "New signs.",
    )
    words = main(lead.get(f"{BASE}{activity.pk}/"))
    assert "Closing report" in words and "We walked the ward." in words and "Change the details" not in words


def test_marking_held_before_it_starts_is_refused_on_the_page(lead):
    activity = ActivityFactory(starts_at=at(2))
    response = lead.post(f"{BASE}{activity.pk}/held/")
    assert response.status_code == 409
    assert "An activity cannot be marked held before it starts." in main(response)
    activity.refresh_from_db()
    assert activity.status == "open"


def test_cancelling_needs_a_reason_and_says_who_to_tell(lead):
    activity = ActivityFactory(title="Test To Cancel")
    ParticipationFactory.create_batch(2, activity=activity, status="accepted")
    page = lead.get(f"{BASE}{activity.pk}/cancel/")
    assert "2 people have a place or are on the waiting list" in main(page)
    response = lead.post(f"{BASE}{activity.pk}/cancel/", {"reason": "  "})
    assert (
        response.status_code == 400
        and '<a href="#id_reason">Say why the activity is cancelled</a>' in text(response)
    )
    activity.refresh_from_db()
    assert activity.status == "open"
    response = lead.post(f"{BASE}{activity.pk}/cancel/", {"reason": "The venue flooded."})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.status, activity.cancelled_reason) == ("cancelled", "The venue flooded.")
    assert "The reason given: The venue flooded." in main(lead.get(f"{BASE}{activity.pk}/"))
    assert lead.get(f"{BASE}{activity.pk}/cancel/").status_code == 302


def test_a_lead_on_the_register_cannot_record_their_own_attendance_and_is_told_beside_their_name(lead):
    activity = started(capacity=5)
    own = ParticipationFactory(
        activity=activity,
        participant=ParticipantFactory(name="Test Indra Self", user=lead.user),
        status="accepted",
    )
    other = ParticipationFactory(
        activity=activity, participant=ParticipantFactory(name="Test Zoe"), status="accepted"
    )
    response = lead.post(
        f"{BASE}{activity.pk}/attendance/",
        {f"p{own.pk}-attendance": "attended", f"p{other.pk}-attendance": "attended"},
    )
    assert response.status_code == 400
    body = text(response)
    assert f'<a href="#id_p{own.pk}-attendance_0">Your own attendance is recorded by the activity' in body
    mine = body.split("Test Indra Self", 1)[1].split("Test Zoe", 1)[0]
    assert "Your own attendance is recorded by the activity" in mine
    assert not Participation.objects.filter(attendance="attended").exists()


def test_a_closed_activity_cannot_be_changed(lead):
    activity = started(status="closed")
    assert lead.get(f"{BASE}{activity.pk}/edit/")["Location"] == f"{BASE}{activity.pk}/"
    data = {**form_data(activity.team, activity.kind), "title": "Test Changed Late", "leads": [lead.user.pk]}
    response = lead.post(f"{BASE}{activity.pk}/edit/", data)
    assert response.status_code == 400
    assert "This activity is closed; it cannot change." in main(response)
    activity.refresh_from_db()
    assert activity.title != "Test Changed Late"
