"""Two planners at once make each reminder once; two senders at once send each email once.

Each planner or sender is a thread with its own database connection, released together by a
barrier. Against PostgreSQL (`.ci/run`) they really overlap, and the unique key and
`SELECT ... FOR UPDATE SKIP LOCKED` are what keep them apart; on SQLite the writers queue up.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable

import pytest
from django.core import mail
from django.db import connections

from reminders import services
from reminders.models import Reminder
from tests.factories import UserFactory
from tests.reminders.helpers import ScriptedRule, register_scripted_rule

pytestmark = pytest.mark.django_db(transaction=True)
State = Reminder.State


@pytest.fixture
def scripted_rule(monkeypatch) -> ScriptedRule:
    return register_scripted_rule(monkeypatch)


def run_together(jobs: list[Callable[[], int]]) -> list[int]:
    """Run each job in its own thread, all starting at once; their results, or the first error."""
    barrier = threading.Barrier(len(jobs))
    results: list[int | None] = [None] * len(jobs)
    errors: list[BaseException] = []

    def run(index: int, job: Callable[[], int]) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = job()
        except BaseException as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck"
    if errors:
        raise errors[0]
    return results  # type: ignore[return-value]


@pytest.mark.parametrize("batch_size", [None, 20], ids=["one-batch", "many-batches"])
def test_two_planners_at_once_make_each_reminder_once(scripted_rule, batch_size):
    people = UserFactory.create_batch(6)
    for number in range(300):
        scripted_rule.add(people[number % 6], subject_id=number, occasion=("7d", "1d")[number % 2])
    # Each planner gets the rule's answer in its own order, as an unordered query may give it. On
    # PostgreSQL, inserting the same keys in different orders deadlocked about one round in two
    # until the planner sorted its rows; several rounds make a regression all but certain to show.
    scripted_rule.shuffle = True
    for _ in range(6):
        Reminder.objects.all().delete()
        scripted_rule.barrier = threading.Barrier(2)  # both have asked the rule before either inserts

        run_together([lambda: services.reminders_plan(batch_size=batch_size)] * 2)

        assert Reminder.objects.count() == 300
        keys = Reminder.objects.values_list(
            "rule", "subject_type", "subject_id", "recipient_email", "occasion"
        )
        assert len(set(keys)) == 300

    # And again, one after the other: still nothing new.
    scripted_rule.barrier = None
    assert services.reminders_plan() == 0
    assert services.reminders_plan(batch_size=7) == 0
    assert Reminder.objects.count() == 300


def test_two_senders_at_once_send_each_email_once(scripted_rule, settings):
    # A short pause after each claim keeps both senders busy at the same time.
    settings.REMINDERS_TEST_SEND_DELAY_SECONDS = 0.02
    people = UserFactory.create_batch(40)
    for person in people:
        scripted_rule.add(person)
    services.reminders_plan()

    def sender() -> int:
        sent, deadline = 0, time.monotonic() + 60
        while time.monotonic() < deadline:
            count = services.reminders_send_due(limit=3)
            sent += count
            if not count:
                if not Reminder.objects.filter(state__in=[State.PLANNED, State.SENDING]).exists():
                    return sent
                time.sleep(0.01)  # the other sender holds what is left
        raise AssertionError("the senders did not finish in 60 s")

    first, second = run_together([sender, sender])

    assert first + second == 40
    assert first and second, "one sender did all the work: they did not overlap"
    per_person = Counter(message.to[0] for message in mail.outbox)
    assert per_person == Counter(person.email for person in people), "someone got two emails, or none"
    assert set(Reminder.objects.values_list("state", "attempts")) == {(State.SENT, 1)}
