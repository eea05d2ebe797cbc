"""Faults a deployment meets: PostgreSQL restarting under load, Redis going away and coming back.

Each test runs the web app as deployed (gunicorn, production settings) in a subprocess, next to
a server of the test's own on a free loopback port, so stopping that server touches nothing else.

- PostgreSQL restarted while requests run: requests during the outage get a prompt, clean 503 in
  the API's error shape; after it the same web process serves again (CONN_HEALTH_CHECKS reconnects).
- Redis down: API writes still succeed (the cache that holds throttle counters fails open), and
  the reminder such a write causes goes out, once, when Redis is back and a worker runs.

In CI (CI=true) a missing PostgreSQL or Redis binary fails the test; on a laptop it skips with why.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from accounts import services as accounts_services
from accounts.roles import Role
from config.availability import UNAVAILABLE
from reminders import tasks
from reminders.models import Reminder
from tests.factories import UserFactory
from tests.integration.conftest import PrivateRedis, _database_url, app_broker, free_port
from tests.reminders.helpers import mail_in

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
REQUEST_TIMEOUT = 5  # seconds: a request that takes longer than this during an outage is a hang


def _missing(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is not installed; CI must have it (.ci/run installs it)")
    pytest.skip(f"{what} is not installed: this test starts one of its own")


# --- a web process ---------------------------------------------------------------------------


@dataclass
class Answer:
    status: int | None  # None: no answer at all (refused, reset, or timed out)
    body: dict | None
    at: float  # when the request was sent
    seconds: float = field(init=False)

    def __post_init__(self) -> None:
        self.seconds = time.monotonic() - self.at


def call(url: str, *, token: str | None = None, method: str = "GET", data: dict | None = None) -> Answer:
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    payload = None
    if data is not None:
        payload = json.dumps(data).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=payload, headers=headers, method=method)
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    except OSError:
        return Answer(None, None, started)
    try:
        body = json.loads(raw) if raw else None
    except ValueError:
        body = {"not json": raw[:200].decode(errors="replace")}
    return Answer(status, body, started)


class WebProcess:
    """gunicorn serving config.wsgi with production settings, one sync worker, on a free port."""

    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = folder / "gunicorn.log"
        settings_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": "fault-test-only-key-" + "x" * 40,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_DEBUG": "false",
            **env,
        }
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "config.wsgi:application",
                    f"--bind=127.0.0.1:{self.port}",
                    "--workers=1",
                    "--timeout=30",
                    "--graceful-timeout=3",
                ],
                cwd=ROOT,
                env=settings_env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"gunicorn exited early:\n{self.log.read_text()}")
            if call(f"{self.url}/healthz").status == 200:
                return
            time.sleep(0.1)
        pytest.fail(f"gunicorn did not answer in 30 s:\n{self.log.read_text()}")

    def workers_booted(self) -> int:
        return self.log.read_text().count("Booting worker")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


@contextlib.contextmanager
def web_process(folder: Path, **env: str) -> Iterator[WebProcess]:
    web = WebProcess(folder, env)
    try:
        yield web
    finally:
        web.stop()


# --- a PostgreSQL cluster of our own -------------------------------------------------------------


def _postgres_bin() -> Path | None:
    for initdb in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True):
        return Path(initdb).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


class PrivateCluster:
    """initdb into a temporary folder and run it on a free port; as an unprivileged user when root."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="lx-fault-pg-"))
        self.folder.chmod(0o755)
        self.data = self.folder / "data"
        self.port = free_port()
        self.run_as: list[str] = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root (as in .ci/run)
            user = "lxci"
            if subprocess.run(["id", user], capture_output=True).returncode != 0:
                subprocess.run(
                    ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", user],
                    check=True,
                )
            shutil.chown(self.folder, user)
            self.run_as = ["runuser", "-u", user, "--"]
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/lxfault"

    def _tool(self, name: str) -> str:
        return str(self.bin / name)

    def _run(self, *command: str, timeout: float = 60) -> None:
        done = subprocess.run(
            [*self.run_as, *command], capture_output=True, text=True, timeout=timeout, cwd=self.folder
        )
        assert done.returncode == 0, f"{command[0]} failed:\n{done.stdout}\n{done.stderr}"

    def init(self) -> None:
        self._run(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8"
        )
        self.start()
        self._run(
            str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "lxfault"
        )

    def start(self) -> None:
        options = f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off -c full_page_writes=off"
        self._run(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.folder / "pg.log"),
            "-w",
            "-o",
            options,
            "start",
        )

    def stop(self) -> None:
        self._run(self._tool("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def destroy(self) -> None:
        with contextlib.suppress(Exception):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def _django(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


ISSUE_TOKEN = """
from accounts import services
from accounts.roles import Role
from tests.factories import UserFactory
user = UserFactory(email="fault-test@test.example", roles=[Role.SUPERVISOR])
print(services.auth_token_issue(user=user)[1])
"""


def _is_clean_outage(answer: Answer) -> bool:
    return answer.status == 503 and answer.body == {"detail": UNAVAILABLE, "errors": {}}


def test_requests_fail_cleanly_while_postgresql_restarts_and_succeed_after(tmp_path):
    bin_dir = _postgres_bin()
    if bin_dir is None:
        _missing("PostgreSQL (initdb)")
    cluster = PrivateCluster(bin_dir)
    try:
        cluster.init()
        env = {"DATABASE_URL": cluster.url, "REDIS_URL": "", "CELERY_BROKER_URL": "memory://"}
        _django(env, "migrate", "-v0")
        token = _django(env, "shell", "-c", ISSUE_TOKEN).strip().splitlines()[-1]

        with web_process(tmp_path, **env) as web:
            assert call(f"{web.url}/api/v1/me", token=token).status == 200
            answers: list[Answer] = []
            done = threading.Event()

            def keep_asking() -> None:
                while not done.is_set():
                    answers.append(call(f"{web.url}/api/v1/me", token=token))
                    time.sleep(0.02)

            asker = threading.Thread(target=keep_asking)
            asker.start()
            try:
                time.sleep(0.5)
                cluster.stop()
                stopped = time.monotonic()
                time.sleep(1.5)  # an outage long enough for several requests to meet it
                restarting = time.monotonic()
                cluster.start()
                restarted = time.monotonic()
                deadline = restarted + 15
                while time.monotonic() < deadline and not any(
                    a.status == 200 and a.at > restarted for a in answers
                ):
                    time.sleep(0.1)
                time.sleep(0.5)
            finally:
                done.set()
                asker.join(timeout=REQUEST_TIMEOUT * 2)

            during = [a for a in answers if stopped < a.at < restarting]
            after = [a for a in answers if a.at > restarted]
            assert during, "no request met the outage"
            assert all(_is_clean_outage(a) for a in during), {(a.status, str(a.body)) for a in during}
            # Every answer, outage or not, was prompt and either served or a clean 503: no hang, no 500.
            assert all(a.status == 200 or _is_clean_outage(a) for a in answers), {
                (a.status, str(a.body)[:100]) for a in answers
            }
            assert max(a.seconds for a in answers) < REQUEST_TIMEOUT
            assert after and after[-1].status == 200
            assert web.process.poll() is None and web.workers_booted() == 1, "the web process was restarted"
    finally:
        cluster.destroy()


# --- Redis ----------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_api_writes_succeed_with_redis_down_and_the_reminder_goes_out_once_back(tmp_path, worker_factory):
    if not shutil.which("redis-server"):
        _missing("redis-server")
    redis = PrivateRedis(tmp_path)
    redis.start()
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    lead = UserFactory(email="fault-lead@test.example", roles=[Role.INVOLVEMENT_LEAD])
    _, token = accounts_services.auth_token_issue(user=lead)
    env = {"DATABASE_URL": _database_url(), "REDIS_URL": redis.url}
    try:
        with web_process(tmp_path, **env) as web:
            api = f"{web.url}/api/v1/involvement/consultations/"
            assert call(api, token=token).status == 200  # throttles counted in Redis while it is up

            redis.stop()
            now = timezone.now()
            created = call(
                api,
                token=token,
                method="POST",
                data={
                    "title": "Test consultation on the crisis line",
                    "summary": "What should change?",
                    "audience": "everyone",
                    "opens_at": (now - timedelta(hours=1)).isoformat(),
                    "closes_at": (now + timedelta(hours=12)).isoformat(),
                },
            )
            assert created.status == 201, created.body
            opened = call(f"{api}{created.body['id']}/open/", token=token, method="POST")
            assert opened.status == 200, opened.body
            assert opened.body["status"] == "open"
            assert max(created.seconds, opened.seconds) < REQUEST_TIMEOUT
            ready = call(f"{web.url}/readyz")
            assert ready.status == 503 and ready.body["checks"] == {"database": "ok", "broker": "unreachable"}

        redis.start()
        worker = worker_factory(
            broker_url=redis.url,
            env={
                "DJANGO_SETTINGS_MODULE": "tests.reminders.worker_settings",
                "LX_TEST_EMAIL_DIR": str(mail_dir),
            },
        )
        worker.wait_ready()
        with app_broker(redis.url):
            for _ in range(2):  # the beat may well plan and send twice: still one email
                tasks.plan.apply_async(queue=worker.queue)
                tasks.send_due.apply_async(queue=worker.queue)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not mail_in(mail_dir):
            time.sleep(0.2)
        time.sleep(1)  # the second round, had it sent anything, would be on disk by now
        to_lead = [m for m in mail_in(mail_dir) if m["To"] == lead.email]
        assert len(to_lead) == 1, worker.log.read_text()[-3000:]
        assert "consultation you own closes" in to_lead[0]["Subject"]
        assert Reminder.objects.filter(recipient_email=lead.email, state=Reminder.State.SENT).count() == 1
    finally:
        redis.stop()
