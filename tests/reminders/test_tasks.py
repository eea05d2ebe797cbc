"""The tasks: planning asks for a send only after commit, and a broker that is down loses nothing."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from celery.signals import task_prerun
from django.core import mail
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from config.celery_app import app as celery_app
from reminders import services, tasks
from reminders.models import Reminder
from tests.factories import UserFactory


@pytest.fixture
def tasks_run(monkeypatch) -> list[str]:
    """Tasks run in this process, as they are sent (no broker); the list names each one that ran."""
    monkeypatch.setattr(celery_app.conf, "task_always_eager", True)
    ran: list[str] = []

    def record(sender=None, **kwargs):
        ran.append(sender.name)

    task_prerun.connect(record, weak=False)
    yield ran
    task_prerun.disconnect(record)


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_plan_sends_nothing_and_a_committed_one_sends_at_once(scripted_rule, tasks_run):
    waiting = scripted_rule.add(UserFactory())
    services.reminders_plan()  # already committed and due: any send_due that ran would send it
    newcomer = scripted_rule.add(UserFactory())

    with pytest.raises(RuntimeError), transaction.atomic():
        assert tasks.plan() == 1
        raise RuntimeError("something later in the same transaction failed")

    assert tasks_run == [], "send_due was asked for before the plan committed"
    assert mail.outbox == []
    assert list(Reminder.objects.values_list("recipient_email", "state")) == [
        (waiting.recipient_email, Reminder.State.PLANNED)
    ]

    assert tasks.plan() == 1
    assert tasks_run == ["reminders.tasks.send_due"]
    assert sorted(m.to[0] for m in mail.outbox) == sorted([waiting.recipient_email, newcomer.recipient_email])


@pytest.mark.django_db(transaction=True)
def test_planning_with_nothing_new_asks_for_no_send(scripted_rule, tasks_run):
    scripted_rule.add(UserFactory(), due_at=timezone.now() + timedelta(days=1))
    assert tasks.plan() == 1
    assert tasks.plan() == 0
    assert tasks_run.count("reminders.tasks.send_due") == 1


@pytest.mark.django_db(transaction=True)
def test_a_broker_that_is_down_does_not_lose_the_planned_reminders(scripted_rule, monkeypatch, caplog):
    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    person = UserFactory()
    scripted_rule.add(person)

    with monkeypatch.context() as patch, caplog.at_level(logging.WARNING, logger="reminders.tasks"):
        patch.setattr(tasks.send_due, "apply_async", broker_down)
        assert tasks.plan() == 1
    assert "send_due not queued" in caplog.text
    assert Reminder.objects.get().state == Reminder.State.PLANNED

    # The broker is back: the next send_due (the beat's) sends what was planned meanwhile.
    assert tasks.send_due() == 1
    assert [m.to for m in mail.outbox] == [[person.email]]
