"""App config for involvement."""

from django.apps import AppConfig


class InvolvementConfig(AppConfig):
    name = "involvement"
    verbose_name = "Involvement and co-production"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from involvement import visibility  # noqa: F401  (registers restrict rules)
