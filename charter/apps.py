"""App config for charter."""

from django.apps import AppConfig


class CharterConfig(AppConfig):
    name = "charter"
    verbose_name = "Lived Experience Charter"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from charter import metrics, visibility  # noqa: F401  (registers metrics and restrict rules)
