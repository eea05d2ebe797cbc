"""App config for recruitment."""

from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = "Recruitment"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from recruitment import visibility  # noqa: F401  (registers restrict rules)
