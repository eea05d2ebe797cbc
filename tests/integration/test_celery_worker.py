"""A task sent through the real broker is run by a real worker, and its effect lands in the database."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from knox.models import AuthToken

from accounts.tasks import expired_tokens_purge
from tests.factories import UserFactory

pytestmark = pytest.mark.integration


def wait_for(condition, *, timeout: float, worker) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if worker.process.poll() is not None:
            pytest.fail(f"the worker exited early:\n{worker.log.read_text()}")
        time.sleep(0.25)
    pytest.fail(f"the worker did not do the work in {timeout}s:\n{worker.log.read_text()}")


def test_worker_runs_the_token_purge_and_the_database_shows_it(celery_worker):
    person = UserFactory()
    expired, _ = AuthToken.objects.create(user=person, expiry=timedelta(minutes=-5))
    live, _ = AuthToken.objects.create(user=person, expiry=timedelta(hours=1))

    expired_tokens_purge.apply_async(queue=celery_worker.queue)

    wait_for(lambda: not AuthToken.objects.filter(pk=expired.pk).exists(), timeout=90, worker=celery_worker)
    assert AuthToken.objects.filter(pk=live.pk).exists(), "the purge removed a token still in date"
    assert "succeeded" in celery_worker.log.read_text()
