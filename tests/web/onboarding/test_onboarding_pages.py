"""Onboarding pages: HR's list, one worker's checklist (marked done, changed, a step added), the tasks
of whoever owns steps, a worker's own checklist, the template editor and the completion rate. What
each role sees, who may not open what (403) or see what (404), mistakes shown with nothing written,
and list pages asking as many queries for 30 rows as for 3."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.utils import timezone

from accounts.roles import Role
from peers import services
from peers.models import OnboardingItem, OnboardingTemplateItem, PeerWorker
from tests.factories import DirectorateFactory, TeamFactory, UserFactory
from tests.peers.factories import OnboardingItemFactory, PeerWorkerFactory
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)
BASE = "/onboarding/"


def today() -> dt.date:
    return timezone.localdate()


def main(response) -> str:
    """The page's main content as plain words."""
    body = response.content.decode().split('id="maincontent"', 1)[1].split("</main>", 1)[0]
    body = re.sub(r'<span class="nhsuk-table__heading" aria-hidden="true">[^<]*</span>', "", body)
    words = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))
    return words.replace(" :", ":")  # a hidden ": step" after a link's words reads on


def errors(response) -> str:
    text = response.content.decode()
    assert "nhsuk-error-summary" in text, "no error summary"
    return main(response)


def date_boxes(name: str, day: dt.date | None = None, raw: tuple[str, str, str] | None = None) -> dict:
    parts = raw or (str(day.day), str(day.month), str(day.year))  # type: ignore[union-attr]
    return {f"{name}_day": parts[0], f"{name}_month": parts[1], f"{name}_year": parts[2]}


@pytest.fixture
def hr():
    return signed_in(UserFactory(roles=[Role.HR], first_name="Harper", last_name="Hr-Test"))


@pytest.fixture
def world(hr):
    """A new starter with the default checklist: their manager, supervisor and HR own its steps."""
    manager = UserFactory(roles=[Role.LINE_MANAGER], first_name="Morgan", last_name="Manager-Test")
    supervisor = UserFactory(roles=[Role.SUPERVISOR], first_name="Sam", last_name="Supervisor-Test")
    worker = PeerWorkerFactory(
        line_manager=manager,
        supervisors=[supervisor],
        start_date=today() - 20 * DAY,
        status=PeerWorker.Status.PROBATION,
        user__first_name="Robin",
        user__last_name="Newstart-Test",
    )
    services.onboarding_checklist_create(worker=worker, by=hr.user)
    # Twenty days in: the IT account (due five days before the start) is overdue.
    OnboardingItem.objects.filter(worker=worker, title="IT account and email").update(
        due_on=worker.start_date - 5 * DAY
    )
    return worker


def step(worker, title: str) -> OnboardingItem:
    return OnboardingItem.objects.get(worker=worker, title=title)


def url(worker, item=None, what: str = "") -> str:
    if item is None:
        return f"{BASE}{worker.pk}/{what}"
    return f"{BASE}{worker.pk}/steps/{item.pk}/{what}"


# --- who may open what ----------------------------------------------------------------------------


HR_PAGES = ["", "without/", "template/", "template/new/", "report/"]


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.BOARD_MEMBER, Role.INVOLVEMENT_LEAD, Role.FINANCE])
def test_people_outside_the_workforce_get_the_403_page(world, page_for, role):
    client = page_for(role)
    for path in [*HR_PAGES, "tasks/", "mine/", f"{world.pk}/"]:
        assert client.get(BASE + path).status_code == 403, path


def test_managers_supervisors_and_workers_get_the_403_page_for_hrs_pages(world):
    for user in (world.line_manager, world.supervisors.get(), world.user):
        client = signed_in(user)
        for path in [*HR_PAGES, f"{world.pk}/start/"]:
            assert client.get(BASE + path).status_code == 403, (user, path)
    assert signed_in(world.user).get(f"{BASE}tasks/").status_code == 403
    assert signed_in(world.line_manager).get(f"{BASE}mine/").status_code == 403


def test_a_checklist_that_does_not_exist_or_is_not_theirs_is_the_404_page(world, hr, page_for):
    assert hr.get(f"{BASE}999999/").status_code == 404
    stranger = page_for(Role.LINE_MANAGER)
    assert stranger.get(url(world)).status_code == 404
    item = step(world, "ID badge")
    for what in ("done/", "not-done/", "change/"):
        assert stranger.get(url(world, item, what)).status_code == 404, what
    assert hr.get(f"{BASE}{world.pk}/steps/999999/done/").status_code == 404


# --- HR's list ----------------------------------------------------------------------------------------


def test_hr_sees_each_new_workers_progress_overdue_first(world, hr):
    calm = PeerWorkerFactory(user__first_name="Calm", user__last_name="Starter-Test", start_date=today())
    OnboardingItemFactory(worker=calm, due_on=today() + 3 * DAY)
    PeerWorkerFactory(user__first_name="Old", user__last_name="Timer-Test")  # no checklist
    response = hr.get(BASE)
    assert response.status_code == 200
    text = main(response)
    assert text.index("Robin Newstart-Test") < text.index("Calm Starter-Test")
    assert "0 of 6" in text and "1 overdue" in text
    assert "1 current peer worker has no checklist" in text
    overdue = main(hr.get(BASE, {"show": "overdue"}))
    assert "Robin Newstart-Test" in overdue and "Calm Starter-Test" not in overdue


def test_a_filter_that_names_nothing_is_an_error_on_the_list(world, hr):
    response = hr.get(BASE, {"show": "everything"})
    assert response.status_code == 400
    assert "Choose which checklists to show from the list" in errors(response)


def _checklists(count: int) -> None:
    for index in range(count):
        worker = PeerWorkerFactory(start_date=today() - index * DAY)
        OnboardingItemFactory(worker=worker, due_on=today() - DAY)
        OnboardingItemFactory(worker=worker, due_on=today() + DAY, done_on=today())


def test_the_list_and_hrs_other_lists_ask_as_many_queries_for_30_rows_as_for_3(
    hr, django_assert_max_num_queries
):
    def without(count):
        for _ in range(count):
            PeerWorkerFactory()

    def tasks(count):
        for _ in range(count):
            OnboardingItemFactory(owner=hr.user, owner_role="hr", due_on=today() - DAY)

    for path, fill in (("", _checklists), ("without/", without), ("tasks/", tasks)):
        fill(3)
        with django_assert_max_num_queries(20) as few:
            assert hr.get(BASE + path).status_code == 200
        fill(27)
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert hr.get(BASE + path).status_code == 200, path


def test_hr_starts_a_checklist_for_a_worker_without_one_and_not_twice(hr):
    worker = PeerWorkerFactory(user__first_name="Late", user__last_name="Comer-Test")
    page = hr.get(url(worker, what="start/"))
    assert page.status_code == 200 and "Start Late Comer-Test's onboarding checklist?" in main(page)
    assert "Late Comer-Test" in main(hr.get(f"{BASE}without/"))
    response = hr.post(url(worker, what="start/"))
    assert response.status_code == 302 and response.url == url(worker)
    assert OnboardingItem.objects.filter(worker=worker).count() == 6
    assert hr.get(url(worker, what="start/")).status_code == 302  # has one: back to it
    again = hr.post(url(worker, what="start/"))
    assert again.status_code == 409
    assert "This worker already has an onboarding checklist." in main(again)
    assert OnboardingItem.objects.filter(worker=worker).count() == 6


# --- one worker's checklist -------------------------------------------------------------------------


def test_each_role_sees_the_checklist_with_what_it_may_do(world, hr, page_for):
    supervisor = world.supervisors.get()
    whole = main(hr.get(url(world)))
    assert "Robin Newstart-Test: onboarding" in whole and "0 of 6" in whole
    assert "Add a step" in whole and "Change: ID badge" in whole and "Mark as done: ID badge" in whole

    manager = main(signed_in(world.line_manager).get(url(world)))
    assert "Add a step" in manager and "Change: ID badge" in manager

    supervising = main(signed_in(supervisor).get(url(world)))
    assert "0 of 6" in supervising and "Add a step" not in supervising and "Change:" not in supervising
    assert "Mark as done: First supervision booked" in supervising
    assert "Mark as done: ID badge" not in supervising

    # An HR officer who owns a step of someone they do not otherwise see: HR sees all anyway. A
    # supervisor who owns a step of a worker they do not supervise sees that step only.
    elsewhere = PeerWorkerFactory(user__first_name="Other", user__last_name="Worker-Test")
    OnboardingItemFactory(worker=elsewhere, title="Test visit", owner=supervisor, owner_role="supervisor")
    OnboardingItemFactory(worker=elsewhere, title="Test hidden step")
    owned = main(signed_in(supervisor).get(url(elsewhere)))
    assert "Test visit" in owned and "Test hidden step" not in owned
    assert "You see the steps of this checklist that are yours to do." in owned


def test_the_checklist_asks_as_many_queries_for_30_steps_as_for_3(world, hr, django_assert_max_num_queries):
    OnboardingItem.objects.filter(worker=world).delete()

    def steps(count):
        for index in range(count):
            OnboardingItemFactory(
                worker=world, owner=world.user, owner_role="worker", done_on=today() if index % 2 else None
            )

    steps(3)
    for client in (hr, signed_in(world.user)):
        path = url(world) if client is hr else f"{BASE}mine/"
        with django_assert_max_num_queries(25) as few:
            assert client.get(path).status_code == 200
        steps(27)
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert client.get(path).status_code == 200


def test_the_owner_marks_a_step_done_after_a_mistake(world):
    supervisor = signed_in(world.supervisors.get())
    item = step(world, "First supervision booked")
    page = supervisor.get(url(world, item, "done/"))
    assert page.status_code == 200 and "Mark as done: First supervision booked" in main(page)
    future = supervisor.post(url(world, item, "done/"), {**date_boxes("done_on", today() + DAY), "notes": ""})
    assert future.status_code == 400
    assert "A step cannot be done on a date still to come." in errors(future)
    nonsense = supervisor.post(url(world, item, "done/"), date_boxes("done_on", raw=("31", "2", "2027")))
    assert nonsense.status_code == 400 and "The date it was done must be a real date" in errors(nonsense)
    item.refresh_from_db()
    assert item.done_on is None
    done = supervisor.post(
        url(world, item, "done/"), {**date_boxes("done_on", today() - DAY), "notes": "Booked."}
    )
    assert done.status_code == 302 and done.url == url(world)
    item.refresh_from_db()
    assert (item.done_on, item.done_by, item.notes) == (today() - DAY, world.supervisors.get(), "Booked.")
    assert supervisor.get(url(world, item, "done/")).status_code == 302  # done already: back
    # Not theirs to mark: seen (they supervise the worker), but the 403 page.
    other = step(world, "ID badge")
    assert supervisor.get(url(world, other, "done/")).status_code == 403
    assert supervisor.post(url(world, other, "done/"), date_boxes("done_on", today())).status_code == 403
    other.refresh_from_db()
    assert other.done_on is None


def test_a_step_marked_by_mistake_is_marked_not_done(world, hr):
    item = step(world, "ID badge")
    services.onboarding_item_done(item=item, by=hr.user, done_on=today())
    page = hr.get(url(world, item, "not-done/"))
    assert page.status_code == 200 and "Mark ID badge as not done?" in main(page)
    assert hr.post(url(world, item, "not-done/")).status_code == 302
    item.refresh_from_db()
    assert item.done_on is None


def test_the_line_manager_changes_who_does_a_step_and_when(world):
    manager = signed_in(world.line_manager)
    item = step(world, "ID badge")
    page = manager.get(url(world, item, "change/"))
    assert page.status_code == 200
    assert "Sam Supervisor-Test (supervisor)" in page.content.decode()
    data = {
        "title": "ID badge",
        "description": item.description,
        "owner": world.supervisors.get().pk,
        **date_boxes("due_on", today() + 3 * DAY),
        "notes": "Ask at reception.",
    }
    stranger = UserFactory(roles=[Role.LINE_MANAGER])
    refused = manager.post(url(world, item, "change/"), {**data, "owner": stranger.pk})
    assert refused.status_code == 400 and "Choose someone from the list" in errors(refused)
    too_early = manager.post(
        url(world, item, "change/"), {**data, **date_boxes("due_on", world.start_date - 400 * DAY)}
    )
    assert too_early.status_code == 400
    assert "A step cannot be due more than a year before the worker starts." in errors(too_early)
    item.refresh_from_db()
    assert (item.owner_role, item.notes) == ("hr", "")
    assert manager.post(url(world, item, "change/"), data).status_code == 302
    item.refresh_from_db()
    assert (item.owner, item.owner_role, item.due_on, item.notes) == (
        world.supervisors.get(),
        "supervisor",
        today() + 3 * DAY,
        "Ask at reception.",
    )
    # A supervisor (who now owns it) may mark it, but not move it.
    assert signed_in(world.supervisors.get()).get(url(world, item, "change/")).status_code == 403


def test_a_step_for_one_worker_is_added_by_the_manager_only(world):
    manager = signed_in(world.line_manager)
    blank = manager.post(url(world, what="steps/new/"), {"title": "", "owner": ""})
    assert blank.status_code == 400
    text = errors(blank)
    assert "Enter the step" in text and "Choose who does it" in text and "Enter the date it is due by" in text
    assert OnboardingItem.objects.filter(worker=world).count() == 6
    data = {
        "title": "Meet the crisis team",
        "description": "",
        "owner": world.user.pk,
        **date_boxes("due_on", today() + 9 * DAY),
    }
    assert manager.post(url(world, what="steps/new/"), data).status_code == 302
    added = step(world, "Meet the crisis team")
    assert (added.owner, added.owner_role, added.template_item) == (world.user, "worker", None)
    for user in (world.user, world.supervisors.get()):
        assert signed_in(user).get(url(world, what="steps/new/")).status_code == 403
    # Added by mistake: removed. A template step is not.
    assert "Remove: Meet the crisis team" in main(manager.get(url(world)))
    assert signed_in(world.supervisors.get()).get(url(world, added, "remove/")).status_code == 403
    assert manager.post(url(world, added, "remove/")).status_code == 302
    assert not OnboardingItem.objects.filter(pk=added.pk).exists()
    kept = step(world, "ID badge")
    refused = manager.post(url(world, kept, "remove/"))
    assert refused.status_code == 409 and "Steps from the template stay on the checklist" in main(refused)


# --- tasks and a worker's own ----------------------------------------------------------------------


def test_my_onboarding_tasks_lists_what_i_own_overdue_first(world):
    manager = signed_in(world.line_manager)
    text = main(manager.get(f"{BASE}tasks/"))
    assert text.index("IT account and email") < text.index("Wellness action plan offered")
    assert "2 steps to do" in text and "Overdue" in text
    item = step(world, "IT account and email")
    done = manager.post(url(world, item, "done/") + "?from=tasks", date_boxes("done_on", today()))
    assert done.status_code == 302 and done.url == f"{BASE}tasks/"
    assert "1 step to do" in main(manager.get(f"{BASE}tasks/"))


def test_a_worker_sees_their_own_checklist_and_marks_their_own_step(world):
    me = signed_in(world.user)
    text = main(me.get(f"{BASE}mine/"))
    assert "My onboarding" in text and "Mark as done: Peer support induction" in text
    assert "Mark as done: ID badge" not in text and "Add a step" not in text
    item = step(world, "Peer support induction")
    response = me.post(url(world, item, "done/") + "?from=mine", date_boxes("done_on", today()))
    assert response.status_code == 302 and response.url == f"{BASE}mine/"
    item.refresh_from_db()
    assert item.done_by == world.user
    assert signed_in(world.user).get(url(world)).status_code == 200  # their own, by address too


def test_a_worker_without_a_checklist_or_an_employment(page_for):
    worker = PeerWorkerFactory()
    assert "You do not have an onboarding checklist" in main(signed_in(worker.user).get(f"{BASE}mine/"))
    assert page_for(Role.PEER_WORKER).get(f"{BASE}mine/").status_code == 403


# --- the template -------------------------------------------------------------------------------------


def test_hr_adds_changes_reorders_and_stops_using_template_steps(hr):
    page = main(hr.get(f"{BASE}template/"))
    assert page.index("IT account and email") < page.index("ID badge")
    assert "5 days before the start" in page and "On the first day" in page

    blank = hr.post(f"{BASE}template/new/", {"title": "", "owner_role": "", "due_days": "soon"})
    assert blank.status_code == 400
    text = errors(blank)
    assert (
        "Enter the step" in text
        and "Select who does it" in text
        and "Enter the days as a whole number" in text
    )
    far = hr.post(f"{BASE}template/new/", {"title": "Test far", "owner_role": "hr", "due_days": "500"})
    assert far.status_code == 400 and "less than or equal to 365" in errors(far)
    assert not OnboardingTemplateItem.objects.filter(title__startswith="Test").exists()

    made = hr.post(
        f"{BASE}template/new/", {"title": "Test buddy", "owner_role": "line_manager", "due_days": "3"}
    )
    assert made.status_code == 302
    buddy = OnboardingTemplateItem.objects.get(title="Test buddy")
    assert hr.post(f"{BASE}template/{buddy.pk}/move/", {"direction": "up"}).status_code == 302
    order = list(
        OnboardingTemplateItem.objects.filter(is_active=True)
        .order_by("order")
        .values_list("title", flat=True)
    )
    assert order[-2:] == ["Test buddy", "Wellness action plan offered"]

    edit = hr.post(
        f"{BASE}template/{buddy.pk}/edit/",
        {
            "title": "Test buddy named",
            "description": "Someone to ask.",
            "owner_role": "supervisor",
            "due_days": "-1",
        },
    )
    assert edit.status_code == 302
    buddy.refresh_from_db()
    assert (buddy.title, buddy.owner_role, buddy.due_days) == ("Test buddy named", "supervisor", -1)

    confirm = hr.get(f"{BASE}template/{buddy.pk}/stop/")
    assert confirm.status_code == 200 and "Stop using Test buddy named?" in main(confirm)
    assert hr.post(f"{BASE}template/{buddy.pk}/stop/").status_code == 302
    buddy.refresh_from_db()
    assert not buddy.is_active
    assert "Steps not in use (1)" in main(hr.get(f"{BASE}template/"))
    assert hr.post(f"{BASE}template/{buddy.pk}/use/").status_code == 302
    buddy.refresh_from_db()
    assert buddy.is_active
    assert hr.get(f"{BASE}template/{buddy.pk}/move/").status_code == 405


# --- the completion rate ----------------------------------------------------------------------------


def test_hr_reads_the_completion_rate_by_directorate(hr):
    north = DirectorateFactory(name="Test North")
    worker = PeerWorkerFactory(team=TeamFactory(parent=north), start_date=today() - 30 * DAY)
    OnboardingItemFactory(worker=worker, due_on=today() - 20 * DAY, done_on=today() - 21 * DAY)
    OnboardingItemFactory(worker=worker, due_on=today() - 10 * DAY)
    text = main(hr.get(f"{BASE}report/"))
    assert "Test North 1 of 2 (50%) 0 of 1 (0%)" in text
    assert "All directorates 1 of 2 (50%) 0 of 1 (0%)" in text
    later = main(
        hr.get(f"{BASE}report/", {"start": (today() - 5 * DAY).isoformat(), "end": today().isoformat()})
    )
    assert "No peer worker who started in this period has an onboarding checklist." in later
    wrong = hr.get(f"{BASE}report/", {"start": today().isoformat(), "end": (today() - DAY).isoformat()})
    assert wrong.status_code == 400
    assert "The last day must be the same as or after the first day" in errors(wrong)
    assert hr.get(f"{BASE}report/", {"start": "31/02/2027"}).status_code == 400


# --- reminders land on these pages -------------------------------------------------------------------


def test_every_overdue_step_reminder_opens_a_page_its_reader_may_open(world, hr):
    from reminders import registry
    from tests.web.test_links_land_on_pages import assert_every_link_opens_a_page

    late = today() - DAY
    OnboardingItem.objects.filter(worker=world).update(due_on=late)
    # A supervisor who owns a step of someone they do not supervise; a step nobody owns.
    elsewhere = PeerWorkerFactory()
    OnboardingItemFactory(
        worker=elsewhere, owner=world.supervisors.get(), owner_role="supervisor", due_on=late
    )
    OnboardingItemFactory(worker=elsewhere, owner=None, owner_role="supervisor", due_on=late)
    now = timezone.make_aware(dt.datetime.combine(today(), dt.time(10)))
    items = list(registry.get("peers.onboarding_overdue").due(now))
    assert {item.recipient_user_id for item in items} == {
        world.user_id,
        world.line_manager_id,
        world.supervisors.get().pk,
        hr.user.pk,
        elsewhere.line_manager_id,
    }
    assert assert_every_link_opens_a_page(items) == {f"{BASE}mine/", url(world), url(elsewhere)}
