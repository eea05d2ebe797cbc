"""Laptop settings: the default for manage.py and `make run` (SQLite, filesystem broker)."""

import os

# A throwaway key so a fresh clone runs; production refuses to start without its own.
os.environ.setdefault("DJANGO_SECRET_KEY", "local-only-insecure-key-do-not-use-in-production")
os.environ.setdefault("DJANGO_DEBUG", "true")

from config.settings.base import *  # noqa: F403
from config.settings.base import STORAGES

# Serve unhashed static files from the app folders while developing.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
