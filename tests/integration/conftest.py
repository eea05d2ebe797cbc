"""A real Celery worker, started per test against the broker and database in use.

`celery_worker` is one worker on its own queue. `worker_factory` starts as many as a test needs,
with extra environment (e.g. a short claim lease) and another broker, and can kill one outright.
`private_redis` is a redis-server of the test's own on a free loopback port, to stop and start.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from kombu import pools as kombu_pools

from config.celery_app import app as celery_app

ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    """The URL of the test database this process is using, for the worker to share."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    user = quote(db.get("USER") or "")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


@dataclass
class Worker:
    queue: str
    process: subprocess.Popen
    log: Path

    def wait_ready(self, timeout: float = 60) -> None:
        """Until the worker says it is consuming: before that a message would wait in the broker."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if " ready." in self.log.read_text():
                return
            if self.process.poll() is not None:
                pytest.fail(f"the worker exited early:\n{self.log.read_text()}")
            time.sleep(0.1)
        pytest.fail(f"the worker was not ready in {timeout}s:\n{self.log.read_text()}")

    def kill(self) -> None:
        """SIGKILL: no shutdown, no acknowledgement, no clean-up; as when a machine dies."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=20)

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()


def start_worker(
    log: Path,
    *,
    queue: str | None = None,
    env: dict[str, str] | None = None,
    broker_url: str | None = None,
) -> Worker:
    """A worker process sharing this test's database; by default on its own new queue."""
    queue = queue or f"itest-{uuid.uuid4().hex[:10]}"  # our own queue: no other test's messages reach it
    worker_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": broker_url or celery_app.conf.broker_url,
        "CELERY_BROKER_DIR": str(settings.BROKER_DIR),
        **(env or {}),
    }
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "-Q",
                queue,
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"{queue}-{uuid.uuid4().hex[:6]}@%h",
            ],
            cwd=ROOT,
            env=worker_env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    return Worker(queue=queue, process=process, log=log)


@pytest.fixture
def celery_worker(transactional_db, tmp_path) -> Iterator[Worker]:
    worker = start_worker(tmp_path / "worker.log")
    try:
        yield worker
    finally:
        worker.stop()


@pytest.fixture
def worker_factory(transactional_db, tmp_path) -> Iterator[Callable[..., Worker]]:
    """`worker_factory(env={...}, queue=..., broker_url=...)`; every worker is stopped afterwards."""
    started: list[Worker] = []

    def start(**kwargs) -> Worker:
        worker = start_worker(tmp_path / f"worker-{len(started) + 1}.log", **kwargs)
        started.append(worker)
        return worker

    try:
        yield start
    finally:
        for worker in started:
            worker.stop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PrivateRedis:
    """A redis-server of our own, without persistence, that a test may stop and start again."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        binary = shutil.which("redis-server")
        assert binary, "redis-server is not installed"
        self.process = subprocess.Popen(
            [binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no"],
            cwd=self.folder,
            stdout=(self.folder / "redis.log").open("a"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                self.client().ping()
                return
            except Exception:
                time.sleep(0.05)
        pytest.fail(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)

    def client(self):
        import redis

        return redis.Redis.from_url(self.url, socket_timeout=2)


@pytest.fixture
def private_redis(tmp_path) -> Iterator[PrivateRedis]:
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed: this test starts and stops a Redis of its own")
    server = PrivateRedis(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _forget_broker_connections() -> None:
    """Close every pooled broker connection and forget the pools, so the next send connects afresh."""
    kombu_pools.reset()  # closes the pools *and* drops them from kombu's registry
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextmanager
def app_broker(url: str) -> Iterator[None]:
    """Send this process's tasks to the broker at `url` for a while (e.g. a private Redis)."""
    saved_env = os.environ.get("CELERY_BROKER_URL")
    saved = celery_app.conf.broker_url, celery_app.conf.broker_transport_options
    _forget_broker_connections()
    os.environ["CELERY_BROKER_URL"] = url  # celery reads the environment before its own settings
    celery_app.conf.broker_url, celery_app.conf.broker_transport_options = url, {}
    try:
        yield
    finally:
        _forget_broker_connections()
        celery_app.conf.broker_url, celery_app.conf.broker_transport_options = saved
        if saved_env is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = saved_env
