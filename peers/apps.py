"""App config for peers."""

from django.apps import AppConfig


class PeersConfig(AppConfig):
    name = "peers"
    verbose_name = "Peer workforce"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from peers import visibility  # noqa: F401  (registers restrict rules)
