"""Load the synthetic demo data (idempotent). Refuses to run with DEBUG off unless forced."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts import demo


class Command(BaseCommand):
    help = "Load synthetic demo teams and one login per role. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Seed even when DEBUG is off (never in production)."
        )
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the logins.")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError("Demo data is for laptops: DEBUG is off. Use --force if you mean it.")
        created = demo.seed_accounts()
        self.stdout.write(
            f"Demo data ready ({created['teams']} teams and {created['users']} logins created now)."
        )
        if not options["quiet_logins"]:
            self.stdout.write(f"Demo logins (password for all: {demo.DEMO_PASSWORD}):")
            for login in demo.LOGINS:
                self.stdout.write(f"  {login.role.label:<26} {login.email}")
