"""`bin/run` (what `make run` starts): Ctrl-C, or SIGTERM to its process group, stops web, worker and
beat within 10 seconds and leaves no process behind.

Each case starts bin/run in a session of its own, as a terminal runs `make run`: on a free port, with
its database, broker folder and logs in a temporary folder, and without the demo data (loading it is
not what is tested and takes a minute). Once web answers and worker and beat are up, the worker is
given a task that cannot finish in time: this test holds the SQLite file locked, as a long write
would, so the task waits on the lock (up to 30 s) and beat waits with it. In that state the worker's
warm shutdown did not end and Ctrl-C left it running. Then the signal goes to the whole process
group, as the terminal sends Ctrl-C, and every process of the group must be gone within 10 seconds.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest
from celery import Celery

ROOT = Path(__file__).resolve().parent.parent
STOP_WITHIN = 10  # seconds from the signal to the last process gone
# Put into this process's environment by the test settings or the test database: a developer's
# shell running `make run` has none of them.
NOT_INHERITED = (
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "DATABASE_URL",
    "CELERY_BROKER_DIR",
)
SIGNALS = [signal.SIGINT, signal.SIGTERM]
SLOW_TASK = "accounts.tasks.expired_tokens_purge"  # any task that touches the database will do


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _env(var: Path, port: int) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in NOT_INHERITED}
    # Set even if empty, so a developer's .env cannot point this copy at a real Redis or database.
    env.update(
        PORT=str(port),
        VAR_DIR=str(var),
        DATABASE_URL=f"sqlite:///{var / 'db.sqlite3'}",
        REDIS_URL="",
        CELERY_BROKER_URL="filesystem://",
        SEED_DEMO="0",
    )
    return env


def _process_group(pgid: int) -> set[int]:
    """Live (not zombie) processes in the group."""
    members = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone while we looked
        state, group = fields[0], int(fields[2])
        if group == pgid and state != "Z":
            members.add(int(stat.parent.name))
    return members


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _default_signals() -> None:
    # A shell that was itself started in the background ignores SIGINT, and bash cannot trap a signal
    # ignored on entry: give bin/run the dispositions it has under a terminal.
    for sig in (signal.SIGINT, signal.SIGQUIT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)


@dataclass
class Run:
    process: subprocess.Popen
    var: Path
    port: int
    output: Path

    def logs(self) -> str:
        parts = [self.output, self.var / "log" / "worker.log", self.var / "log" / "beat.log"]
        return "\n".join(f"--- {p.name}\n{p.read_text()[-3000:]}" for p in parts if p.exists())

    def wait_for(self, what: str, ready, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not ready():
            if self.process.poll() is not None:
                pytest.fail(f"bin/run exited ({self.process.returncode}) before {what}:\n{self.logs()}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {what} after {timeout}s:\n{self.logs()}")
            time.sleep(0.2)

    def log_says(self, name: str, text: str) -> bool:
        path = self.var / "log" / name
        return path.exists() and text in path.read_text()


def _migrated(folder: Path) -> Path:
    """A migrated SQLite file to copy for each run: bin/run then finds nothing to migrate."""
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=ROOT,
        env={**_env(folder, 0), "DJANGO_SETTINGS_MODULE": "config.settings.local"},
        check=True,
        timeout=180,
    )
    return folder / "db.sqlite3"


def _start(database: Path, folder: Path) -> Run:
    var = folder / "var"
    var.mkdir()
    shutil.copy(database, var / "db.sqlite3")
    port = _free_port()
    output = folder / "run.out"
    with output.open("w") as out:
        process = subprocess.Popen(
            [str(ROOT / "bin" / "run")],
            cwd=ROOT,
            env=_env(var, port),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_default_signals,
        )
    return Run(process=process, var=var, port=port, output=output)


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> Iterator[dict[signal.Signals, Run]]:
    """One run per signal, all started at once so that their start-ups overlap."""
    database = _migrated(tmp_path_factory.mktemp("migrated"))
    started = {sig: _start(database, tmp_path_factory.mktemp(sig.name)) for sig in SIGNALS}
    try:
        yield started
    finally:
        # Whatever the outcome, nothing this test started outlives it.
        for run in started.values():
            for pid in _process_group(run.process.pid):
                with suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            run.process.wait(timeout=30)


@contextmanager
def _database_locked(path: Path) -> Iterator[None]:
    with closing(sqlite3.connect(path, timeout=30, isolation_level=None)) as db:
        db.execute("BEGIN EXCLUSIVE")
        try:
            yield
        finally:
            db.execute("ROLLBACK")


def _enqueue(broker: Path, task: str) -> None:
    """Put one message in the run's filesystem broker, as Celery's `send_task` does from web."""
    app = Celery("bin-run-test", broker="filesystem://")
    app.conf.broker_transport_options = {
        "data_folder_in": str(broker / "queue"),
        "data_folder_out": str(broker / "queue"),
        "processed_folder": str(broker / "processed"),
        "control_folder": str(broker / "control"),
    }
    try:
        app.send_task(task)
    finally:
        app.close()


@pytest.mark.parametrize("sig", SIGNALS, ids=["ctrl-c to the group", "SIGTERM to the group"])
def test_a_signal_to_the_group_stops_web_worker_and_beat_with_a_task_running(runs, sig):
    running = runs[sig]
    running.wait_for("answer on /healthz", lambda: _answers(running.port), timeout=180)
    running.wait_for("worker ready", lambda: running.log_says("worker.log", " ready."), timeout=60)
    running.wait_for("beat started", lambda: running.log_says("beat.log", "beat: Starting"), timeout=60)
    started = _process_group(running.process.pid)
    # bash, web, the worker with its two pool processes, and beat.
    assert len(started) >= 6, running.logs()

    with _database_locked(running.var / "db.sqlite3"):
        _enqueue(running.var / "broker", SLOW_TASK)
        running.wait_for("task received", lambda: running.log_says("worker.log", f"{SLOW_TASK}["), timeout=30)
        time.sleep(1)  # into the task, waiting on the lock
        signalled = time.monotonic()
        os.killpg(running.process.pid, sig)
        while time.monotonic() - signalled < STOP_WITHIN + 5:
            running.process.poll()
            left = _process_group(running.process.pid) | {pid for pid in started if _running(pid)}
            if not left:
                break
            time.sleep(0.1)
        took = time.monotonic() - signalled

    assert not left, f"still running {took:.1f}s after {sig.name}: {sorted(left)}\n{running.logs()}"
    assert took <= STOP_WITHIN, f"stopping took {took:.1f}s\n{running.logs()}"
    assert running.process.wait(timeout=5) == 128 + sig, running.logs()  # stopped by its own trap
    assert "Stopped." in running.output.read_text()
    assert not _answers(running.port)
