"""Onboarding over the API: the template (HR keeps it), workers' steps (who sees and marks them),
checklists with their counts, and HR's completion rate."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from peers.models import OnboardingItem, OnboardingTemplateItem, PeerWorker
from tests.api.battery import ResourceBattery
from tests.conftest import client_for_user
from tests.factories import DirectorateFactory, TeamFactory, UserFactory
from tests.peers.factories import OnboardingItemFactory, OnboardingTemplateItemFactory, PeerWorkerFactory

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)
ITEMS = "/api/v1/peers/onboarding-items/"
TEMPLATE = "/api/v1/peers/onboarding-template-items/"
CHECKLISTS = "/api/v1/peers/onboarding/checklists"
COMPLETION = "/api/v1/peers/onboarding/completion"


def today() -> dt.date:
    return timezone.localdate()


def as_role(role: str, **kwargs):
    return client_for_user(UserFactory(roles=[role], **kwargs))


# --- the batteries ---------------------------------------------------------------------------------


class TestOnboardingTemplateItemResource(ResourceBattery):
    basename = "onboarding-template-item"
    reader_role = Role.SUPERVISOR
    writer_role = Role.HR
    forbidden_role = Role.LINE_MANAGER
    hidden_from_role = Role.BOARD_MEMBER

    def make_object(self) -> OnboardingTemplateItem:
        return OnboardingTemplateItemFactory()

    def create_payload(self) -> dict:
        return {"title": "Test buddy introduced", "owner_role": "line_manager", "due_days": 2}

    def update_payload(self, obj: OnboardingTemplateItem) -> dict:
        return {"title": "Test renamed step", "due_days": -3, "is_active": False}

    def test_delete(self):
        # Checklists made from a step point at it: it stops being used instead.
        step = self.make_object()
        response = as_role(Role.HR).delete(self.detail_url(step))
        assert response.status_code == 409
        assert response.json()["errors"] == {
            "is_active": ["Template steps are kept; stop using this one instead."]
        }
        assert OnboardingTemplateItem.objects.filter(pk=step.pk).exists()


class TestOnboardingItemResource(ResourceBattery):
    basename = "onboarding-item"
    reader_role = Role.HR
    writer_role = Role.HR
    forbidden_role = Role.SUPERVISOR
    hidden_from_role = Role.LINE_MANAGER  # a manager of other people

    def make_object(self) -> OnboardingItem:
        return OnboardingItemFactory()

    def create_payload(self) -> dict:
        worker = OnboardingItemFactory().worker  # a checklist is started already
        return {
            "worker": worker.pk,
            "title": "Test meet the crisis team",
            "owner_role": "line_manager",
            "due_on": (today() + 5 * DAY).isoformat(),
        }

    def update_payload(self, obj: OnboardingItem) -> dict:
        return {"due_on": (today() + 9 * DAY).isoformat(), "notes": "Test: booked."}


# --- the template ------------------------------------------------------------------------------------


def test_hr_moves_a_step_and_a_manager_may_not():
    first, second = OnboardingTemplateItem.objects.filter(is_active=True).order_by("order")[:2]
    assert (
        as_role(Role.LINE_MANAGER).post(f"{TEMPLATE}{second.pk}/move/", {"direction": "up"}).status_code
        == 403
    )
    response = as_role(Role.HR).post(f"{TEMPLATE}{second.pk}/move/", {"direction": "up"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["order"] == 1
    refused = as_role(Role.HR).post(f"{TEMPLATE}{second.pk}/move/", {"direction": "up"}, format="json")
    assert refused.status_code == 409 and refused.json()["errors"] == {
        "direction": ["This step is already first."]
    }
    bad = as_role(Role.HR).post(f"{TEMPLATE}{first.pk}/move/", {"direction": "sideways"}, format="json")
    assert bad.status_code == 400 and "direction" in bad.json()["errors"]


def test_a_step_due_too_far_off_is_refused_naming_the_field():
    response = as_role(Role.HR).post(
        TEMPLATE, {"title": "Test", "owner_role": "hr", "due_days": 400}, format="json"
    )
    assert response.status_code == 400 and "due_days" in response.json()["errors"]


# --- steps -------------------------------------------------------------------------------------------


def test_the_owner_marks_done_and_not_done_and_others_are_refused():
    supervisor = UserFactory(roles=[Role.SUPERVISOR])
    item = OnboardingItemFactory(
        worker=PeerWorkerFactory(supervisors=[supervisor]), owner=supervisor, owner_role="supervisor"
    )
    worker_client = client_for_user(item.worker.user)
    assert worker_client.post(f"{ITEMS}{item.pk}/done/", {}, format="json").status_code == 403
    owner = client_for_user(supervisor)
    future = owner.post(f"{ITEMS}{item.pk}/done/", {"done_on": (today() + DAY).isoformat()}, format="json")
    assert future.status_code == 400 and "done_on" in future.json()["errors"]
    done = owner.post(f"{ITEMS}{item.pk}/done/", {"notes": "Test: booked for Tuesday."}, format="json")
    assert done.status_code == 200, done.content
    body = done.json()
    assert (body["done_on"], body["done_by"]["id"], body["overdue"]) == (
        today().isoformat(),
        supervisor.pk,
        False,
    )
    assert owner.post(f"{ITEMS}{item.pk}/done/", {}, format="json").status_code == 409
    assert owner.post(f"{ITEMS}{item.pk}/undone/").json()["done_on"] is None
    # The owner changes notes, not the date it is due.
    assert owner.patch(f"{ITEMS}{item.pk}/", {"notes": "Test: moved."}, format="json").status_code == 200
    moved = owner.patch(f"{ITEMS}{item.pk}/", {"due_on": (today() + 20 * DAY).isoformat()}, format="json")
    assert moved.status_code == 403


def test_an_owner_outside_the_workers_start_is_refused_and_a_person_gives_the_role():
    item = OnboardingItemFactory()
    hr = as_role(Role.HR)
    stranger = UserFactory(roles=[Role.LINE_MANAGER])
    refused = hr.patch(f"{ITEMS}{item.pk}/", {"owner": stranger.pk}, format="json")
    assert refused.status_code == 400 and "owner" in refused.json()["errors"]
    moved = hr.patch(f"{ITEMS}{item.pk}/", {"owner": item.worker.user_id}, format="json")
    assert moved.status_code == 200 and moved.json()["owner_role"] == "worker"


def test_only_a_step_added_by_mistake_is_deleted():
    from_template = OnboardingItemFactory(template_item=OnboardingTemplateItemFactory())
    manager = client_for_user(from_template.worker.line_manager)
    refused = manager.delete(f"{ITEMS}{from_template.pk}/")
    assert refused.status_code == 409
    one_off = OnboardingItemFactory(worker=from_template.worker)
    assert client_for_user(from_template.worker.user).delete(f"{ITEMS}{one_off.pk}/").status_code == 403
    assert manager.delete(f"{ITEMS}{one_off.pk}/").status_code == 204
    assert list(OnboardingItem.objects.filter(worker=from_template.worker)) == [from_template]


def test_steps_filter_by_overdue_and_owner():
    worker = PeerWorkerFactory()
    late = OnboardingItemFactory(worker=worker, due_on=today() - DAY)
    OnboardingItemFactory(worker=worker, due_on=today() + DAY)
    OnboardingItemFactory(worker=worker, due_on=today() - DAY, done_on=today() - DAY)
    hr = as_role(Role.HR)
    ids = [row["id"] for row in hr.get(ITEMS, {"worker": worker.pk, "overdue": "true"}).json()["results"]]
    assert ids == [late.pk]
    mine = hr.get(ITEMS, {"owner": worker.line_manager_id, "done": "false"}).json()["results"]
    assert len(mine) == 2
    assert hr.get(ITEMS, {"overdew": "true"}).status_code == 400


# --- checklists ----------------------------------------------------------------------------------------


def test_checklists_list_counts_in_a_fixed_number_of_queries_and_only_the_visible():
    hr = as_role(Role.HR)

    def checklists(count):
        for _ in range(count):
            worker = PeerWorkerFactory()
            OnboardingItemFactory(worker=worker, due_on=today() - DAY)
            OnboardingItemFactory(worker=worker, due_on=today() + DAY, done_on=today())

    checklists(2)
    with CaptureQueriesContext(connection) as few:
        assert hr.get(CHECKLISTS).status_code == 200
    checklists(10)
    with CaptureQueriesContext(connection) as many:
        body = hr.get(CHECKLISTS).json()
    assert len(many) == len(few)
    assert body["count"] == 12
    assert body["results"][0] | {"worker": None, "team": None, "line_manager": None} == {
        "worker": None,
        "team": None,
        "line_manager": None,
        "status": "active",
        "start_date": body["results"][0]["start_date"],
        "steps": 2,
        "done": 1,
        "overdue": 1,
        "next_due": (today() - DAY).isoformat(),
    }
    own = PeerWorker.objects.first()
    mine = client_for_user(own.user).get(CHECKLISTS).json()["results"]
    assert [row["worker"]["id"] for row in mine] == [own.pk]
    assert as_role(Role.BOARD_MEMBER).get(CHECKLISTS).json()["count"] == 0


def test_hr_starts_a_checklist_once_and_nobody_else_may():
    OnboardingTemplateItem.objects.update(is_active=False)
    OnboardingTemplateItemFactory(title="Test step", owner_role="worker", due_days=3)
    worker = PeerWorkerFactory(start_date=today(), status="probation")
    manager = client_for_user(worker.line_manager)
    assert manager.post(CHECKLISTS, {"worker": worker.pk}, format="json").status_code == 403
    hr = as_role(Role.HR)
    made = hr.post(CHECKLISTS, {"worker": worker.pk}, format="json")
    assert made.status_code == 201, made.content
    assert (made.json()["steps"], made.json()["next_due"]) == (1, (today() + 3 * DAY).isoformat())
    again = hr.post(CHECKLISTS, {"worker": worker.pk}, format="json")
    assert again.status_code == 409 and again.json()["errors"] == {
        "worker": ["This worker already has an onboarding checklist."]
    }
    assert hr.post(CHECKLISTS, {"worker": 999999}, format="json").status_code == 400


# --- the completion rate ---------------------------------------------------------------------------------


def test_hr_alone_reads_the_completion_rate():
    north = DirectorateFactory(name="Test North")
    worker = PeerWorkerFactory(team=TeamFactory(parent=north), start_date=today() - 30 * DAY)
    OnboardingItemFactory(worker=worker, due_on=today() - 20 * DAY, done_on=today() - 20 * DAY)
    response = as_role(Role.HR).get(COMPLETION)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["rows"] == [
        {
            "directorate_id": north.pk,
            "directorate": "Test North",
            "steps_counted": 1,
            "steps_on_time": 1,
            "on_time_share": 1.0,
            "checklists": 1,
            "checklists_complete": 1,
            "complete_share": 1.0,
        }
    ]
    assert body["total"]["directorate_id"] is None and body["total"]["checklists"] == 1
    for role in (Role.LINE_MANAGER, Role.BOARD_MEMBER, Role.INVOLVEMENT_LEAD):
        assert as_role(role).get(COMPLETION).status_code == 403, role
    hr = as_role(Role.HR)
    wrong = hr.get(COMPLETION, {"start": today().isoformat(), "end": (today() - DAY).isoformat()})
    assert wrong.status_code == 400 and "end" in wrong.json()["errors"]
    assert hr.get(COMPLETION, {"from": today().isoformat()}).status_code == 400
