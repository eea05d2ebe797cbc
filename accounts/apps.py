"""App config for accounts."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and teams"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Register this app's visibility rules with the restrict registry.
        from accounts import visibility  # noqa: F401
