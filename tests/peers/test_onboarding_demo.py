"""Onboarding in the demo world: a recent hire with their checklist part done and one step overdue;
recruitment's hires dated from their start, with the steps due by a week ago done."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts import demo as accounts_demo
from peers import demo, selectors, services
from peers.models import OnboardingItem, PeerWorker
from tests.factories import UserFactory
from tests.peers.factories import PeerWorkerFactory

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def test_the_demo_has_a_recent_hire_part_way_through_with_one_step_overdue():
    accounts_demo.seed_accounts()
    counts = demo.seed()
    today = timezone.localdate()
    hire = PeerWorker.objects.get(user__email="newstarter@demo.example")
    assert hire.start_date == today - 12 * DAY and counts["onboarding steps"] == 6
    (row,) = selectors.onboarding_checklists(today=today).filter(pk=hire.pk)
    assert (row.items_total, row.items_done, row.items_overdue) == (6, 3, 1)
    late = OnboardingItem.objects.get(worker=hire, done_on__isnull=True, due_on__lt=today)
    assert (late.title, late.owner.email) == ("First supervision booked", "supervisor@demo.example")
    assert demo.seed() == {}  # safe to run twice


def test_a_demo_hire_is_dated_from_the_start_with_the_steps_due_a_week_ago_done():
    today = timezone.localdate()
    hr = UserFactory(roles=["hr"])
    worker = PeerWorkerFactory(start_date=today - 10 * DAY, status="probation")
    services.onboarding_checklist_create(worker=worker, by=hr)
    demo.date_onboarding(worker, today=today, done_before=today - 7 * DAY)
    due = dict(OnboardingItem.objects.filter(worker=worker).values_list("title", "due_on"))
    assert due["IT account and email"] == worker.start_date - 5 * DAY
    assert due["Wellness action plan offered"] == worker.start_date + 28 * DAY
    done = set(
        OnboardingItem.objects.filter(worker=worker, done_on__isnull=False).values_list("title", flat=True)
    )
    assert done == {"IT account and email", "ID badge"}
