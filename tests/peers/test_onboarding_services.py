"""Onboarding services: the template HR keeps, a checklist made at hire or later, steps marked done,
moved to someone else or another day, and steps added for one worker. What each refuses, and that a
refusal writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.errors import NotPermitted
from accounts.roles import Role
from peers import services
from peers.errors import PeersConflict, PeersError
from peers.models import OnboardingItem, OnboardingOwner, OnboardingTemplateItem, PeerWorker
from recruitment import services as recruitment
from reminders.models import Reminder
from tests.factories import UserFactory
from tests.peers.factories import OnboardingItemFactory, OnboardingTemplateItemFactory, PeerWorkerFactory
from tests.recruitment.late_stage import accepted, clear_checks
from tests.reminders.factories import ReminderFactory

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)
Owner = OnboardingOwner


def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def hr():
    return UserFactory(roles=[Role.HR], first_name="Harper", last_name="Hr-Test")


@pytest.fixture
def template(db):
    """Only these three steps in use (the default template's steps are set aside)."""
    OnboardingTemplateItem.objects.update(is_active=False)
    return [
        OnboardingTemplateItemFactory(
            title="IT account", owner_role=Owner.LINE_MANAGER, due_days=-5, order=1
        ),
        OnboardingTemplateItemFactory(
            title="First supervision", owner_role=Owner.SUPERVISOR, due_days=7, order=2
        ),
        OnboardingTemplateItemFactory(title="ID badge", owner_role=Owner.HR, due_days=0, order=3),
        OnboardingTemplateItemFactory(title="Induction", owner_role=Owner.WORKER, due_days=14, order=4),
    ]


def starter(**fields) -> PeerWorker:
    """A worker starting in ten days, with two supervisors (Zed and Abe: Abe is first by name)."""
    zed = UserFactory(roles=[Role.SUPERVISOR], first_name="Zed", last_name="Zulu-Test")
    abe = UserFactory(roles=[Role.SUPERVISOR], first_name="Abe", last_name="Alpha-Test")
    fields.setdefault("start_date", today() + 10 * DAY)
    fields.setdefault("status", PeerWorker.Status.PRE_START)
    return PeerWorkerFactory(supervisors=[zed, abe], **fields)


# --- the template ---------------------------------------------------------------------------------


def test_hr_adds_a_step_last_and_the_default_template_is_loaded(hr):
    titles = list(OnboardingTemplateItem.objects.order_by("order").values_list("title", flat=True))
    assert titles == [
        "IT account and email",
        "ID badge",
        "First supervision booked",
        "Mandatory training booked",
        "Peer support induction",
        "Wellness action plan offered",
    ]
    step = services.onboarding_template_item_create(
        by=hr, title="  Buddy introduced  ", owner_role=Owner.LINE_MANAGER, due_days=3
    )
    assert step.title == "Buddy introduced"
    assert list(OnboardingTemplateItem.objects.order_by("order").values_list("title", flat=True))[-1] == (
        "Buddy introduced"
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": " "}, "title"),
        ({"owner_role": "chief_executive"}, "owner_role"),
        ({"due_days": 400}, "due_days"),
        ({"due_days": -366}, "due_days"),
    ],
)
def test_a_step_that_makes_no_sense_is_refused_naming_the_field(hr, fields, field):
    before = OnboardingTemplateItem.objects.count()
    data = {"title": "A step", "owner_role": Owner.HR, "due_days": 1, **fields}
    with pytest.raises(PeersError) as refused:
        services.onboarding_template_item_create(by=hr, **data)
    assert refused.value.field == field
    assert OnboardingTemplateItem.objects.count() == before


@pytest.mark.parametrize("role", [Role.LINE_MANAGER, Role.SUPERVISOR, Role.PEER_WORKER])
def test_only_hr_changes_the_template(role):
    someone = UserFactory(roles=[role])
    step = OnboardingTemplateItem.objects.order_by("order").first()
    with pytest.raises(NotPermitted):
        services.onboarding_template_item_create(by=someone, title="Mine", owner_role=Owner.HR, due_days=1)
    with pytest.raises(NotPermitted):
        services.onboarding_template_item_update(item=step, by=someone, title="Renamed")
    with pytest.raises(NotPermitted):
        services.onboarding_template_item_move(item=step, by=someone, direction="down")
    with pytest.raises(NotPermitted):
        services.onboarding_template_item_deactivate(item=step, by=someone)
    step.refresh_from_db()
    assert step.title == "IT account and email" and step.is_active


def test_a_step_is_changed_and_an_unknown_field_refused(hr):
    step = OnboardingTemplateItem.objects.get(title="ID badge")
    services.onboarding_template_item_update(item=step, by=hr, due_days=-2, owner_role=Owner.LINE_MANAGER)
    step.refresh_from_db()
    assert (step.due_days, step.owner_role) == (-2, Owner.LINE_MANAGER)
    with pytest.raises(PeersError) as refused:
        services.onboarding_template_item_update(item=step, by=hr, order=1)
    assert refused.value.field == "order"


def test_steps_move_up_and_down_past_those_not_in_use(hr):
    a, b, c = (OnboardingTemplateItemFactory(title=t, order=0) for t in ("Test A", "Test B", "Test C"))
    OnboardingTemplateItem.objects.exclude(pk__in=[a.pk, b.pk, c.pk]).update(is_active=False)
    services.onboarding_template_item_deactivate(item=b, by=hr)
    services.onboarding_template_item_move(item=c, by=hr, direction="up")
    active = OnboardingTemplateItem.objects.filter(is_active=True).order_by("order", "id")
    assert [s.title for s in active] == ["Test C", "Test A"]
    with pytest.raises(PeersConflict) as refused:
        services.onboarding_template_item_move(item=c, by=hr, direction="up")
    assert (refused.value.field, refused.value.message) == ("direction", "This step is already first.")
    with pytest.raises(PeersConflict):
        services.onboarding_template_item_move(item=b, by=hr, direction="down")  # not in use
    services.onboarding_template_item_move(item=c, by=hr, direction="down")
    assert [s.title for s in active.all()] == ["Test A", "Test C"]


def test_deactivating_twice_changes_nothing_more(hr):
    step = OnboardingTemplateItem.objects.get(title="ID badge")
    services.onboarding_template_item_deactivate(item=step, by=hr)
    services.onboarding_template_item_deactivate(item=step, by=hr)
    step.refresh_from_db()
    assert not step.is_active


# --- a checklist ----------------------------------------------------------------------------------


def test_a_checklist_copies_the_steps_in_use_with_their_owners_and_dates(hr, template):
    worker = starter()
    items = services.onboarding_checklist_create(worker=worker, by=hr)
    got = {i.title: (i.owner, i.owner_role, i.due_on, i.template_item_id) for i in items}
    start = worker.start_date
    assert got == {
        "IT account": (worker.line_manager, Owner.LINE_MANAGER, start - 5 * DAY, template[0].pk),
        "First supervision": (
            worker.supervisors.get(first_name="Abe"),
            Owner.SUPERVISOR,
            start + 7 * DAY,
            template[1].pk,
        ),
        "ID badge": (hr, Owner.HR, start, template[2].pk),
        "Induction": (worker.user, Owner.WORKER, start + 14 * DAY, template[3].pk),
    }
    assert all(item.history.count() == 1 for item in OnboardingItem.objects.filter(worker=worker))


def test_a_date_already_gone_by_when_the_checklist_is_made_is_due_that_day(hr, template):
    worker = starter(start_date=today() - 3 * DAY, status=PeerWorker.Status.PROBATION)
    items = {i.title: i.due_on for i in services.onboarding_checklist_create(worker=worker, by=hr)}
    assert items == {
        "IT account": today(),
        "First supervision": today() + 4 * DAY,
        "ID badge": today(),
        "Induction": today() + 11 * DAY,
    }


def test_nobody_owns_a_supervisors_step_until_there_is_a_supervisor(hr, template):
    worker = PeerWorkerFactory(start_date=today() + 5 * DAY, status="pre_start")
    items = {i.title: i.owner for i in services.onboarding_checklist_create(worker=worker, by=hr)}
    assert items["First supervision"] is None


def test_a_second_checklist_a_leaver_an_empty_template_and_other_roles_are_refused(hr, template):
    worker = starter()
    services.onboarding_checklist_create(worker=worker, by=hr)
    with pytest.raises(PeersConflict) as refused:
        services.onboarding_checklist_create(worker=worker, by=hr)
    assert refused.value.field == "worker"
    assert OnboardingItem.objects.filter(worker=worker).count() == 4

    gone = PeerWorkerFactory(status="left", leaving_date=today(), leaving_reason="other")
    with pytest.raises(PeersConflict):
        services.onboarding_checklist_create(worker=gone, by=hr)

    fresh = starter()
    with pytest.raises(NotPermitted):
        services.onboarding_checklist_create(worker=fresh, by=fresh.line_manager)
    OnboardingTemplateItem.objects.update(is_active=False)
    with pytest.raises(PeersError) as refused:
        services.onboarding_checklist_create(worker=fresh, by=hr)
    assert refused.value.field == "worker"
    assert services.onboarding_checklist_create(worker=fresh, by=hr, empty_ok=True) == []
    assert not OnboardingItem.objects.filter(worker__in=[gone, fresh]).exists()


def test_hiring_makes_the_checklist_with_the_hiring_hr_officer_owning_hrs_steps(hr):
    application = accepted(by=hr)
    clear_checks(application, by=hr)
    worker = recruitment.application_hire(application=application, employee_number="E-ONB-1", by=hr)
    items = OnboardingItem.objects.filter(worker=worker)
    assert items.count() == 6
    assert items.get(title="ID badge").owner == hr
    assert items.get(title="IT account and email").owner == application.vacancy.hiring_manager
    assert items.get(title="Peer support induction").owner == worker.user


def test_changing_the_template_leaves_checklists_already_made(hr, template):
    worker = starter()
    services.onboarding_checklist_create(worker=worker, by=hr)
    services.onboarding_template_item_update(item=template[0], by=hr, title="Laptop", due_days=-10)
    item = OnboardingItem.objects.get(worker=worker, template_item=template[0])
    assert (item.title, item.due_on) == ("IT account", worker.start_date - 5 * DAY)


# --- marking done -------------------------------------------------------------------------------


def test_the_owner_the_line_manager_and_hr_mark_a_step_done_and_not_done(hr):
    item = OnboardingItemFactory(owner=UserFactory(roles=[Role.SUPERVISOR]))
    for who in (item.owner, item.worker.line_manager, hr):
        done = services.onboarding_item_done(item=item, by=who, done_on=today() - DAY, notes="Booked.")
        assert (done.done_on, done.done_by, done.notes) == (today() - DAY, who, "Booked.")
        undone = services.onboarding_item_undone(item=item, by=who)
        assert (undone.done_on, undone.done_by) == (None, None)


def test_someone_else_may_not_mark_it(hr):
    supervisor = UserFactory(roles=[Role.SUPERVISOR])
    item = OnboardingItemFactory(worker=PeerWorkerFactory(supervisors=[supervisor]))
    for who in (supervisor, item.worker.user, UserFactory(roles=[Role.LINE_MANAGER])):
        with pytest.raises(NotPermitted):
            services.onboarding_item_done(item=item, by=who, done_on=today())
    item.refresh_from_db()
    assert item.done_on is None


def test_a_date_to_come_a_date_long_before_the_start_and_done_twice_are_refused(hr):
    item = OnboardingItemFactory()
    with pytest.raises(PeersError) as refused:
        services.onboarding_item_done(item=item, by=hr, done_on=today() + DAY)
    assert refused.value.field == "done_on"
    with pytest.raises(PeersError) as refused:
        services.onboarding_item_done(item=item, by=hr, done_on=item.worker.start_date - 400 * DAY)
    assert refused.value.field == "done_on"
    services.onboarding_item_done(item=item, by=hr, done_on=today())
    with pytest.raises(PeersConflict):
        services.onboarding_item_done(item=item, by=hr, done_on=today() - DAY)
    item.refresh_from_db()
    assert item.done_on == today()
    services.onboarding_item_undone(item=item, by=hr)
    with pytest.raises(PeersConflict):
        services.onboarding_item_undone(item=item, by=hr)


def test_marking_done_stops_its_reminder_not_yet_sent_only(hr):
    item = OnboardingItemFactory(due_on=today() - 2 * DAY)
    about = {
        "rule": "peers.onboarding_overdue",
        "subject_type": "onboarding_item",
        "subject_id": str(item.pk),
    }
    waiting = ReminderFactory(**about, occasion="overdue:a")
    sent = ReminderFactory(**about, occasion="overdue:b", state=Reminder.State.SENT)
    other_rule = ReminderFactory(**{**about, "rule": "peers.supervision"}, occasion="overdue:c")
    services.onboarding_item_done(item=item, by=hr, done_on=today())
    states = {r.pk: r.state for r in Reminder.objects.all()}
    assert states == {waiting.pk: "dismissed", sent.pk: "sent", other_rule.pk: "planned"}


# --- owner, due date, notes -----------------------------------------------------------------------


def test_a_manager_gives_a_step_to_a_supervisor_and_its_role_follows(hr):
    supervisor = UserFactory(roles=[Role.SUPERVISOR])
    worker = PeerWorkerFactory(supervisors=[supervisor])
    item = OnboardingItemFactory(worker=worker, due_on=today() - DAY)
    waiting = ReminderFactory(
        rule="peers.onboarding_overdue", subject_type="onboarding_item", subject_id=str(item.pk)
    )
    services.onboarding_item_update(item=item, by=worker.line_manager, owner=supervisor, due_on=today() + DAY)
    item.refresh_from_db()
    assert (item.owner, item.owner_role, item.due_on) == (supervisor, Owner.SUPERVISOR, today() + DAY)
    waiting.refresh_from_db()
    assert waiting.state == "dismissed"
    services.onboarding_item_update(item=item, by=hr, owner=hr)
    item.refresh_from_db()
    assert (item.owner, item.owner_role) == (hr, Owner.HR)


def test_an_owner_outside_the_workers_start_is_refused(hr):
    item = OnboardingItemFactory()
    before = (item.owner_id, item.owner_role)
    for stranger in (UserFactory(roles=[Role.LINE_MANAGER]), UserFactory(roles=[Role.INVOLVEMENT_LEAD])):
        with pytest.raises(PeersError) as refused:
            services.onboarding_item_update(item=item, by=hr, owner=stranger)
        assert refused.value.field == "owner"
    with pytest.raises(PeersError) as refused:
        services.onboarding_item_update(item=item, by=hr, owner=None)
    assert refused.value.field == "owner"
    item.refresh_from_db()
    assert (item.owner_id, item.owner_role) == before


def test_the_owner_writes_notes_but_does_not_move_the_step(hr):
    supervisor = UserFactory(roles=[Role.SUPERVISOR])
    item = OnboardingItemFactory(worker=PeerWorkerFactory(supervisors=[supervisor]), owner=supervisor)
    services.onboarding_item_update(item=item, by=supervisor, notes="Booked for Tuesday.")
    with pytest.raises(NotPermitted):
        services.onboarding_item_update(item=item, by=supervisor, due_on=today() + 30 * DAY)
    # Sending back what is there already is no change, so the owner may send the whole step.
    services.onboarding_item_update(item=item, by=supervisor, due_on=item.due_on, notes="Booked.")
    item.refresh_from_db()
    assert (item.notes, item.due_on) == ("Booked.", today() + 7 * DAY)


def test_a_due_date_long_before_the_start_and_a_blank_title_are_refused(hr):
    item = OnboardingItemFactory()
    with pytest.raises(PeersError) as refused:
        services.onboarding_item_update(item=item, by=hr, due_on=item.worker.start_date - 366 * DAY)
    assert refused.value.field == "due_on"
    with pytest.raises(PeersError) as refused:
        services.onboarding_item_update(item=item, by=hr, title="  ")
    assert refused.value.field == "title"


# --- a step for one worker -------------------------------------------------------------------------


def test_a_manager_adds_a_step_for_one_worker_by_person_or_by_part(hr, template):
    worker = starter()
    services.onboarding_checklist_create(worker=worker, by=hr)
    manager = worker.line_manager
    by_person = services.onboarding_item_add(
        worker=worker, by=manager, title="Meet the crisis team", due_on=today() + 20 * DAY, owner=worker.user
    )
    assert (by_person.owner, by_person.owner_role, by_person.template_item) == (
        worker.user,
        Owner.WORKER,
        None,
    )
    by_part = services.onboarding_item_add(
        worker=worker, by=hr, title="Car parking permit", due_on=today(), owner_role=Owner.HR
    )
    assert (by_part.owner, by_part.owner_role) == (hr, Owner.HR)


def test_adding_needs_a_checklist_an_owner_and_a_manager(hr, template):
    worker = starter()
    with pytest.raises(PeersConflict) as refused:
        services.onboarding_item_add(worker=worker, by=hr, title="Early", due_on=today(), owner_role="hr")
    assert refused.value.field == "worker"
    services.onboarding_checklist_create(worker=worker, by=hr)
    with pytest.raises(PeersError) as refused:
        services.onboarding_item_add(worker=worker, by=hr, title="Nobody's", due_on=today())
    assert refused.value.field == "owner"
    for who in (worker.user, worker.supervisors.first()):
        with pytest.raises(NotPermitted):
            services.onboarding_item_add(worker=worker, by=who, title="Mine", due_on=today(), owner=who)
    assert OnboardingItem.objects.filter(worker=worker).count() == 4


def test_a_supervisor_named_after_the_hire_gets_the_supervisors_steps_still_to_do(hr, template):
    worker = PeerWorkerFactory(start_date=today() + 5 * DAY, status="pre_start")
    services.onboarding_checklist_create(worker=worker, by=hr)
    step = OnboardingItem.objects.get(worker=worker, title="First supervision")
    assert step.owner is None
    supervisor = UserFactory(roles=[Role.SUPERVISOR])
    services.peer_worker_update(worker=worker, by=hr, supervisors=[supervisor])
    step.refresh_from_db()
    assert step.owner == supervisor
    assert step.history.first().owner == supervisor
