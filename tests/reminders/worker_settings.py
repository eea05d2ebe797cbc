"""Settings for a Celery worker started by a reminders test: the test settings, with mail
written to files in LX_TEST_EMAIL_DIR so the test can count what really went out."""

import os

from config.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["LX_TEST_EMAIL_DIR"]
