"""Production refuses to start with a secret key published in this repository.

The placeholder in .env.example is long and varied enough to pass Django's deploy check, so a
.env copied unedited would have run with a key anyone can read: sessions, password-reset links and
signed values forgeable by anyone.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
GOOD_KEY = "x7#kQ2!vLp9@zR4$wN8^bT1&mY6*cF3(hJ5)dG0-sA+eU_iO=oP"


def _example_keys() -> set[str]:
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^#?\s*DJANGO_SECRET_KEY=(\S+)", text, re.M))


def _check(secret_key: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secret_key,
        "DJANGO_ALLOWED_HOSTS": "lived-experience.example.nhs.uk",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "sqlite:////tmp/lx-deploy-check.sqlite3"),
    }
    env.pop("DJANGO_DEBUG", None)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_example_file_still_has_a_key_to_check():
    # The settings list the example's keys themselves (the image ships without .env.example); the
    # cases below run every key the file holds, so a new one missing from that list fails here.
    assert _example_keys()


@pytest.mark.parametrize(
    "key",
    [
        *sorted(_example_keys()),
        "local-only-insecure-key-do-not-use-in-production",
        "test-only-insecure-key",
        "change-me",
        "CHANGE-ME-please-to-something-long-and-random-0123456789abcdefghijkl",
    ],
)
def test_production_refuses_a_published_key(key):
    done = _check(key)
    assert done.returncode != 0
    assert "DJANGO_SECRET_KEY is an example value published with the code" in done.stderr


def test_production_starts_with_a_key_of_its_own():
    done = _check(GOOD_KEY)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout
