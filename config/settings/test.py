"""Test settings: SQLite unless DATABASE_URL is set, fast hashing, mail kept in memory."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-insecure-key")
os.environ.setdefault("DJANGO_DEBUG", "false")
# A private broker folder per test run, so a worker started by a test sees only our messages.
os.environ.setdefault("CELERY_BROKER_DIR", str(Path(tempfile.gettempdir()) / f"lx-test-broker-{os.getpid()}"))

from config.settings.base import *  # noqa: F403
from config.settings.base import CACHES, DATABASES, REST_FRAMEWORK, STORAGES, VAR_DIR

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so a Celery worker in another process reads the same test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
# Throttling is exercised by its own tests with explicit rates.
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "anon": None,
    "user": None,
    "login": None,
    "login_address": None,
    "export": None,
    "dashboard": None,
}
# Under pytest-xdist every worker has its own database, so ids repeat across workers: keep their
# cache keys (throttle counters, sessions) apart when they share one Redis.
CACHES["default"]["KEY_PREFIX"] = os.environ.get("PYTEST_XDIST_WORKER", "main")
