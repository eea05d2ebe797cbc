"""Who sees and changes onboarding steps: HR all; a line manager their team's; a supervisor their
supervisees'; the worker their own; anyone the steps they own. And the reads behind the lists:
counts per worker in one query, a person's steps overdue first, HR's completion rate."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from accounts.visibility import may_create, restrict
from peers import selectors
from peers.models import OnboardingItem, OnboardingTemplateItem, PeerWorker
from tests.factories import DirectorateFactory, TeamFactory, UserFactory
from tests.peers.factories import OnboardingItemFactory, PeerWorkerFactory

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def today() -> dt.date:
    return timezone.localdate()


def seen(user, action="view") -> set[int]:
    return set(restrict(OnboardingItem.objects.all(), user, action).values_list("pk", flat=True))


def test_each_role_sees_the_steps_it_should():
    manager = UserFactory(roles=[Role.LINE_MANAGER])
    supervisor = UserFactory(roles=[Role.SUPERVISOR])
    team = TeamFactory()
    manager.teams.add(team)
    mine = PeerWorkerFactory(line_manager=manager, supervisors=[supervisor])
    teammate = PeerWorkerFactory(team=team)  # managed by someone else, in the manager's team
    other = PeerWorkerFactory()
    own_step = OnboardingItemFactory(worker=mine)
    team_step = OnboardingItemFactory(worker=teammate)
    other_step = OnboardingItemFactory(worker=other)
    owned_elsewhere = OnboardingItemFactory(worker=other, owner=supervisor, owner_role="supervisor")
    hr = UserFactory(roles=[Role.HR])
    everything = {own_step.pk, team_step.pk, other_step.pk, owned_elsewhere.pk}

    assert seen(hr) == everything and seen(hr, "change") == everything
    assert seen(manager) == {own_step.pk, team_step.pk}
    assert seen(manager, "change") == {own_step.pk, team_step.pk}
    assert seen(supervisor) == {own_step.pk, owned_elsewhere.pk}
    assert seen(supervisor, "change") == {owned_elsewhere.pk}  # owns it; supervising is not managing
    assert seen(mine.user) == {own_step.pk}
    assert seen(mine.user, "change") == set()  # the manager owns it, not the worker
    for role in (Role.INVOLVEMENT_LEAD, Role.FINANCE, Role.BOARD_MEMBER, Role.PARTICIPANT):
        assert seen(UserFactory(roles=[role])) == set(), role
    assert {
        role: may_create(UserFactory(roles=[role]), OnboardingItem)
        for role in (Role.HR, Role.LINE_MANAGER, Role.SUPERVISOR, Role.PEER_WORKER)
    } == {Role.HR: True, Role.LINE_MANAGER: True, Role.SUPERVISOR: False, Role.PEER_WORKER: False}


def test_the_template_is_read_by_the_workforce_and_kept_by_hr():
    steps = OnboardingTemplateItem.objects.all()
    for role in (Role.HR, Role.LINE_MANAGER, Role.SUPERVISOR, Role.PEER_WORKER):
        assert restrict(steps, UserFactory(roles=[role])).count() == steps.count(), role
    assert restrict(steps, UserFactory(roles=[Role.BOARD_MEMBER])).count() == 0
    assert may_create(UserFactory(roles=[Role.HR]), OnboardingTemplateItem)
    assert not may_create(UserFactory(roles=[Role.LINE_MANAGER]), OnboardingTemplateItem)


def test_checklists_carry_their_counts_in_one_query_overdue_first():
    done_all = PeerWorkerFactory(start_date=today() - 40 * DAY)
    OnboardingItemFactory(worker=done_all, due_on=today() - 5 * DAY, done_on=today() - 6 * DAY)
    late = PeerWorkerFactory(start_date=today() - 20 * DAY)
    OnboardingItemFactory(worker=late, due_on=today() - DAY)
    OnboardingItemFactory(worker=late, due_on=today() + 3 * DAY)
    OnboardingItemFactory(worker=late, due_on=today() - 9 * DAY, done_on=today() - 9 * DAY)
    on_track = PeerWorkerFactory(start_date=today() - 2 * DAY)
    OnboardingItemFactory(worker=on_track, due_on=today())
    PeerWorkerFactory()  # no checklist
    left = PeerWorkerFactory(status=PeerWorker.Status.LEFT, leaving_date=today(), leaving_reason="other")
    OnboardingItemFactory(worker=left, due_on=today() - DAY)

    with CaptureQueriesContext(connection) as queries:
        rows = list(selectors.onboarding_checklists(today=today()))
    assert len(queries) == 1
    got = [(w.pk, w.items_total, w.items_done, w.items_overdue, w.next_due) for w in rows]
    assert got == [
        (late.pk, 3, 1, 1, today() - DAY),
        (on_track.pk, 1, 0, 0, today()),
        (done_all.pk, 1, 1, 0, None),
    ]


def test_a_persons_steps_come_overdue_first_then_to_do_then_done():
    owner = UserFactory(roles=[Role.LINE_MANAGER])
    worker = PeerWorkerFactory(line_manager=owner)
    finished = OnboardingItemFactory(worker=worker, due_on=today() - 9 * DAY, done_on=today() - 9 * DAY)
    later = OnboardingItemFactory(worker=worker, due_on=today() + 9 * DAY)
    soon = OnboardingItemFactory(worker=worker, due_on=today())
    late = OnboardingItemFactory(worker=worker, due_on=today() - DAY)
    rows = selectors.onboarding_items_in_order(OnboardingItem.objects.filter(owner=owner), today=today())
    assert [(r.pk, r.state) for r in rows] == [(late.pk, 0), (soon.pk, 1), (later.pk, 1), (finished.pk, 2)]


def test_owner_choices_are_the_people_of_the_workers_start_and_hr():
    supervisor = UserFactory(roles=[Role.SUPERVISOR])
    worker = PeerWorkerFactory(supervisors=[supervisor])
    hr = UserFactory(roles=[Role.HR])
    UserFactory(roles=[Role.HR], is_active=False)
    UserFactory(roles=[Role.LINE_MANAGER])
    got = set(selectors.onboarding_owner_choices(worker=worker))
    assert got == {worker.user, worker.line_manager, supervisor, hr}


def test_the_completion_rate_by_directorate():
    north, south = DirectorateFactory(name="Test North"), DirectorateFactory(name="Test South")
    start = today() - 60 * DAY

    def worker(directorate, started):
        return PeerWorkerFactory(team=TeamFactory(parent=directorate), start_date=started)

    a = worker(north, start)  # complete: one on time, one late
    OnboardingItemFactory(worker=a, due_on=start, done_on=start)
    OnboardingItemFactory(worker=a, due_on=start, done_on=start + 3 * DAY)
    b = worker(north, start + DAY)  # one overdue, one not due yet (counted in neither share yet)
    OnboardingItemFactory(worker=b, due_on=today() - DAY)
    OnboardingItemFactory(worker=b, due_on=today() + 5 * DAY)
    c = worker(south, start)  # done early, before it was due
    OnboardingItemFactory(worker=c, due_on=today() + 5 * DAY, done_on=today())
    before = worker(south, start - 200 * DAY)  # started before the period
    OnboardingItemFactory(worker=before, due_on=start - 190 * DAY)

    with CaptureQueriesContext(connection) as queries:
        report = selectors.onboarding_completion(start=start, end=today(), today=today())
    assert len(queries) == 3
    rows = {
        r.directorate: (r.steps_counted, r.steps_on_time, r.checklists, r.checklists_complete)
        for r in report.rows
    }
    assert rows == {"Test North": (3, 1, 2, 1), "Test South": (1, 1, 1, 1)}
    total = report.total
    assert (total.steps_counted, total.steps_on_time, total.checklists, total.checklists_complete) == (
        4,
        2,
        3,
        2,
    )
    assert (total.on_time_share, round(total.complete_share, 3)) == (0.5, 0.667)
    empty = selectors.onboarding_completion(start=today() + DAY, end=today() + 2 * DAY, today=today())
    assert (empty.rows, empty.total.on_time_share, empty.total.complete_share) == ([], None, None)
