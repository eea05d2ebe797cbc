"""Deployment files: production settings pass Django's deploy check, compose points at real code."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_production_settings_pass_check_deploy():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x7#kQ2!vLp9@zR4$wN8^bT1&mY6*cF3(hJ5)dG0-sA+eU_iO=oP",
        "DJANGO_ALLOWED_HOSTS": "lived-experience.example.nhs.uk",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "sqlite:////tmp/lx-deploy-check.sqlite3"),
    }
    env.pop("DJANGO_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    done = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode != 0
    assert "DJANGO_SECRET_KEY" in done.stderr


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _module_exists(dotted: str) -> bool:
    return importlib.util.find_spec(dotted) is not None


def _check_app_command(command: list[str]) -> None:
    """Every module, app or management command a service names must exist in this repository."""
    if command[0] == "gunicorn":
        module, _, attr = command[1].partition(":")
        assert hasattr(importlib.import_module(module), attr), command
    elif command[0] == "celery":
        app_module = command[command.index("-A") + 1]
        assert hasattr(importlib.import_module(app_module), "celery_app"), command
        assert command[3] in {"worker", "beat"}, command
        if "--scheduler" in command:
            dotted = command[command.index("--scheduler") + 1]
            module, _, attr = dotted.partition(":")
            assert hasattr(importlib.import_module(module), attr), command
    elif command[:2] == ["python", "manage.py"]:
        from django.core.management import get_commands

        assert (ROOT / "manage.py").exists()
        assert command[2] in get_commands(), command
    else:
        raise AssertionError(f"unexpected command {command}")


def test_compose_services_and_their_commands():
    services = _compose()["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)
    for name in ("web", "worker", "beat", "migrate"):
        _check_app_command(services[name]["command"])
    assert services["web"]["command"][0] == "gunicorn"
    assert "worker" in services["worker"]["command"]
    assert "beat" in services["beat"]["command"]
    for name in ("postgres", "redis", "web", "worker", "beat"):
        assert "healthcheck" in services[name], f"{name} has no health check"
    for name in ("web", "worker", "beat"):
        assert services[name]["env_file"] == ".env"


def test_exactly_one_beat():
    services = _compose()["services"]
    beats = [n for n, s in services.items() if "beat" in (s.get("command") or [])]
    assert beats == ["beat"]
    assert services["beat"].get("deploy", {}).get("replicas", 1) == 1


def test_redis_keeps_an_append_only_file():
    command = _compose()["services"]["redis"]["command"]
    assert command[command.index("--appendonly") + 1] == "yes"


def test_dockerfile_copies_every_app_and_runs_gunicorn():
    dockerfile = (ROOT / "Dockerfile").read_text()
    from django.conf import settings

    for package in ("config", "api", *settings.LOCAL_APPS):
        assert re.search(rf"^COPY {package} ", dockerfile, re.M), package
    assert "config.wsgi:application" in dockerfile


def test_env_example_lists_every_variable_the_settings_read():
    read = set()
    for path in (ROOT / "config" / "settings").glob("*.py"):
        read |= set(re.findall(r"env(?:\.\w+)?\(\s*\"([A-Z_]+)\"", path.read_text()))
    listed = set(re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read - listed == set()
