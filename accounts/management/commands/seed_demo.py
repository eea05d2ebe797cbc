"""Load the synthetic demo data (idempotent). Refuses to run with DEBUG off unless forced.

Each app that has demo data keeps it in `<app>/demo.py` with a `seed()` function; they run in
INSTALLED_APPS order, so accounts (users and teams) comes first.
"""

import importlib
import importlib.util

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts import demo


class Command(BaseCommand):
    help = "Load synthetic demo data for every app: teams, one login per role, a year of activity."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Seed even when DEBUG is off (never in production)."
        )
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the logins.")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError("Demo data is for laptops: DEBUG is off. Use --force if you mean it.")
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if importlib.util.find_spec(module_name) is None:
                continue
            created = importlib.import_module(module_name).seed()
            made = ", ".join(f"{count} {what}" for what, count in created.items()) or "nothing new"
            self.stdout.write(f"Demo data for {config.label}: {made}.")
        if not options["quiet_logins"]:
            self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
            for login in demo.LOGINS:
                self.stdout.write(f"  {login.role.label:<26} {login.email}")
