"""Every link a reminder email or a calendar file carries opens a page, never an API address, and
the person reminded can open it when signed in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.db.models import Q
from django.urls import resolve
from django.utils import timezone
from icalendar import Calendar

from accounts.models import User
from accounts.roles import Role
from involvement.calendar import calendar_file
from involvement.selectors import OWNER_ROLES
from peers.models import SupervisionPolicy
from reminders import registry
from reminders.models import Reminder
from reminders.services import reminders_plan
from tests.factories import ActivityFactory, ParticipantFactory, ParticipationFactory, UserFactory
from tests.involvement import test_reminders as involvement_rules
from tests.peers import test_reminders as peers_rules
from tests.peers.factories import TrainingRecordFactory
from tests.recruitment import test_reminders as recruitment_rules
from tests.recruitment.factories import ApplicationFactory, VacancyFactory
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def due_everywhere(now: dt.datetime) -> list[registry.Due]:
    return [due for rule in registry.rules() for due in rule.due(now)]


def assert_every_link_opens_a_page(items: list[registry.Due]) -> set[str]:
    """Each link is a page of the web layer, and the person it is for can open it; returns the pages."""
    assert items, "the setup made no reminders"
    opened: dict[tuple[int, str], int] = {}
    for item in items:
        assert item.link, f"{item.subject_line}: no link"
        assert "/api/" not in item.link, item.link
        match = resolve(item.link)
        assert match.namespace.startswith("web"), item.link
        if item.recipient_user_id is None:
            continue
        key = (item.recipient_user_id, item.link)
        if key not in opened:
            opened[key] = signed_in(User.objects.get(pk=item.recipient_user_id)).get(item.link).status_code
        assert opened[key] == 200, f"{item.subject_line} -> {item.link}: {opened[key]}"
    return {item.link for item in items}


def test_involvement_reminders_open_the_participants_and_the_leads_pages(db):
    now = involvement_rules.next_tuesday_at()
    involvement_rules.one_of_each(now)
    login = UserFactory(roles=[Role.PARTICIPANT])
    activity = ActivityFactory(starts_at=involvement_rules.tomorrow_at(now))
    ParticipationFactory(activity=activity, participant=ParticipantFactory(user=login), status="accepted")
    # Consultations and actions are owned by staff (the factories leave them without a role).
    staff, _ = Group.objects.get_or_create(name=Role.LINE_MANAGER)
    for owner in User.objects.filter(
        Q(owned_consultations__isnull=False) | Q(feedback_actions__isnull=False)
    ).distinct():
        if not owner.has_role(*OWNER_ROLES):
            owner.groups.add(staff)
    links = assert_every_link_opens_a_page(due_everywhere(now))
    assert f"/involvement/activities/{activity.pk}/" in links
    # Staff land on the workspace page of what the reminder is about.
    assert {path.split("/")[1:3][0] + "/" + path.split("/")[2] for path in links if path.count("/") > 2} >= {
        "lead/activities",
        "lead/consultations",
        "payments/to-approve",
    }


def test_peer_worker_reminders_open_the_workers_own_pages(db):
    SupervisionPolicy.objects.all().delete()
    now = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(10)))
    today = timezone.localdate(now)
    worker = peers_rules.supervised(today, last_held_days_ago=23)  # due in 5 days: worker and supervisor
    peers_rules.supervised(today, last_held_days_ago=60)  # overdue: supervisors, then the manager
    TrainingRecordFactory(worker=worker, expires_on=today + 10 * DAY)
    items = due_everywhere(now)
    mine = {item.link for item in items if item.recipient_user_id == worker.user_id}
    assert mine == {"/peers/supervision/", "/peers/training/"}
    assert_every_link_opens_a_page(items)


def test_recruitment_reminders_open_home_or_the_panel_members_activity(db):
    SupervisionPolicy.objects.all().delete()
    now = timezone.make_aware(dt.datetime.combine(timezone.localdate() + 2 * DAY, dt.time(10)))
    vacancy = VacancyFactory(closes_at=recruitment_rules.tomorrow_at(now, 17))
    recruitment_rules.hired_with_dbs(vacancy, timezone.localdate(now) + 10 * DAY)
    person = ParticipantFactory(user=UserFactory(roles=[Role.PARTICIPANT]))
    recruitment_rules.schedule(
        now, ApplicationFactory(vacancy=vacancy), [{"user": vacancy.hiring_manager}, {"participant": person}]
    )
    items = due_everywhere(now)
    theirs = [item.link for item in items if item.recipient_user_id == person.user_id]
    assert len(theirs) == 1 and theirs[0].startswith("/involvement/activities/"), theirs
    assert_every_link_opens_a_page(items)


def test_planned_reminders_and_calendar_files_carry_no_api_address(db):
    now = involvement_rules.next_tuesday_at()
    involvement_rules.one_of_each(now)
    peers_rules.supervised(timezone.localdate(now), last_held_days_ago=60)
    assert reminders_plan(now=now) > 0
    assert not Reminder.objects.filter(link__contains="/api/").exists()
    assert not Reminder.objects.filter(link="").exists()
    activity = ActivityFactory(starts_at=now + DAY, online_link="https://meet.test.example/room")
    body = calendar_file([activity]).decode()
    assert "/api/" not in body
    for event in Calendar.from_ical(body).walk("VEVENT"):
        assert "/api/" not in str(event.get("url", ""))
