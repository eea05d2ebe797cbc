"""Real workers, a real broker: a sender killed mid-send, Redis stopped and started, days-ahead rows.

The workers write mail to files (tests/reminders/worker_settings.py), so the tests count what
really went out. The beat does not run here; a test sends `send_due` itself where the beat would.
"""

from __future__ import annotations

import base64
import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from reminders import services, tasks
from reminders.models import Reminder
from tests.factories import UserFactory
from tests.integration.conftest import Worker, app_broker
from tests.reminders.helpers import ScriptedRule, mail_in, register_scripted_rule

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
State = Reminder.State


@pytest.fixture
def scripted_rule(monkeypatch) -> ScriptedRule:
    return register_scripted_rule(monkeypatch)


@pytest.fixture
def mail_dir(tmp_path) -> Path:
    folder = tmp_path / "mail"
    folder.mkdir()
    return folder


def worker_env(mail_dir: Path, **settings: object) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "tests.reminders.worker_settings",
        "LX_TEST_EMAIL_DIR": str(mail_dir),
        **{name: str(value) for name, value in settings.items()},
    }


def wait_until(
    condition: Callable[[], bool], *, timeout: float, workers: Iterable[Worker], what: str
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        for worker in workers:
            if worker.process.poll() is not None:
                pytest.fail(f"a worker exited early:\n{worker.log.read_text()}")
        time.sleep(0.1)
    logs = "\n\n".join(worker.log.read_text() for worker in workers)
    pytest.fail(f"{what}: not within {timeout}s\n{logs}")


def states() -> list[str]:
    return list(Reminder.objects.order_by("pk").values_list("state", flat=True))


def test_a_sender_killed_mid_send_is_finished_once_by_a_new_worker(scripted_rule, worker_factory, mail_dir):
    person = UserFactory()
    scripted_rule.add(person)
    services.reminders_plan()
    # A short lease, so the row a dead sender held is free again within seconds.
    env = worker_env(mail_dir, REMINDERS_CLAIM_LEASE_SECONDS=3)

    doomed = worker_factory(env={**env, "REMINDERS_TEST_SEND_DELAY_SECONDS": "60"})
    tasks.send_due.apply_async(queue=doomed.queue)
    wait_until(
        lambda: states() == [State.SENDING], timeout=60, workers=[doomed], what="the worker claimed it"
    )
    doomed.kill()

    assert mail_in(mail_dir) == [], "the killed worker sent it before it died"
    held = Reminder.objects.get()
    assert held.state == State.SENDING
    # While the dead sender's lease lasts, no other sender takes the row (asked at a moment
    # inside the lease, so a slow machine cannot make this pass or fail by chance).
    assert services.reminders_send_due(now=held.claimed_until - timedelta(seconds=1)) == 0
    assert Reminder.objects.get().state == State.SENDING

    replacement = worker_factory(env=env, queue=doomed.queue)
    replacement.wait_ready()
    wait_until(
        lambda: timezone.now() > held.claimed_until,
        timeout=10,
        workers=[replacement],
        what="the lease ran out",
    )
    tasks.send_due.apply_async(queue=replacement.queue)  # as the beat does every minute
    wait_until(
        lambda: states() == [State.SENT], timeout=60, workers=[replacement], what="the reminder was sent"
    )

    assert [message["To"] for message in mail_in(mail_dir)] == [person.email]
    assert Reminder.objects.get().attempts == 1


def test_reminders_planned_while_redis_is_down_are_sent_once_when_it_returns(
    scripted_rule, worker_factory, private_redis, mail_dir, caplog
):
    # The worker and this process both use a Redis of the test's own, which the test stops.
    worker = worker_factory(env=worker_env(mail_dir), broker_url=private_redis.url, queue="celery")
    worker.wait_ready()
    private_redis.stop()

    people = UserFactory.create_batch(3)
    for person in people:
        scripted_rule.add(person)
    with app_broker(private_redis.url):
        with caplog.at_level(logging.WARNING, logger="reminders.tasks"):
            assert tasks.plan() == 3  # no error: asking for a send failed, planning did not
        assert "send_due not queued" in caplog.text
        assert states() == [State.PLANNED] * 3

        private_redis.start()  # the same port; the worker reconnects by itself
        tasks.send_due.apply_async()  # the beat's next send_due, now that Redis is back
        wait_until(
            lambda: states() == [State.SENT] * 3, timeout=60, workers=[worker], what="the reminders were sent"
        )
        # Another send_due later sends nothing more.
        tasks.send_due.apply_async()
        wait_until(
            lambda: worker.log.read_text().count("succeeded") == 2,
            timeout=30,
            workers=[worker],
            what="the second send_due ran",
        )

    per_person = Counter(message["To"] for message in mail_in(mail_dir))
    assert per_person == Counter(person.email for person in people)
    assert "Connection to broker lost" in worker.log.read_text(), "the worker never lost Redis"


def test_a_reminder_days_ahead_is_a_row_and_no_message_waits_in_the_broker_for_it(
    scripted_rule, private_redis
):
    later = timezone.now() + timedelta(days=3)
    scripted_rule.add(UserFactory(), due_at=later)
    with app_broker(private_redis.url):
        assert tasks.plan() == 1

    row = Reminder.objects.get()
    assert (row.state, row.due_at) == (State.PLANNED, later)
    redis = private_redis.client()
    waiting = [json.loads(raw) for raw in redis.lrange("celery", 0, -1)]
    # The only message is "send what is due now", with no delay; it names no reminder.
    assert [(m["headers"]["task"], m["headers"]["eta"]) for m in waiting] == [
        ("reminders.tasks.send_due", None)
    ]
    args, kwargs, _ = json.loads(base64.b64decode(waiting[0]["body"]))
    assert (args, kwargs) == ([], {})
    # Nothing else holds a message: no other queue, no unacknowledged or delayed messages.
    assert [key for key in redis.scan_iter() if not key.startswith(b"_kombu.binding")] == [b"celery"]
