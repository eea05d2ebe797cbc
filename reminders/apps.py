"""App config for reminders: finds every app's reminders.py so its rules register."""

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = "Reminders"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from reminders import visibility  # noqa: F401  (registers restrict rules)

        autodiscover_modules("reminders")
