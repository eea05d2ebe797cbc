"""Reminder planning throughput: 100,000 payment claims waiting for approval, planned once and timed.

Run against the database you want measured, for example:

    DJANGO_SETTINGS_MODULE=config.settings.local \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lxrules .venv/bin/python bench/reminders_throughput.py

It inserts synthetic subjects in bulk (one involvement lead, 1,000 register members, 100 held
activities, 100,000 attended places with a submitted claim each), times `reminders_plan`, then
times it again (every reminder already planned: nothing is added), prints the figures, and
removes everything it made. Only the subjects are bulk-inserted; planning goes through the real
rule and the real planner.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Team, User  # noqa: E402
from accounts.roles import Role  # noqa: E402
from involvement.models import Activity, ActivityKind, Participant, Participation, PaymentClaim  # noqa: E402
from reminders.models import Reminder  # noqa: E402
from reminders.services import reminders_plan  # noqa: E402

RULE = "involvement.claim_waiting_approval"
MARK = "bench-reminders"  # codes and addresses of everything this script makes start with it
PEOPLE = 1000
CHUNK = 5000


def _teams() -> Team:
    trust, _ = Team.objects.get_or_create(
        code=f"{MARK}-trust", defaults={"name": "Bench Trust", "kind": Team.Kind.TRUST}
    )
    directorate, _ = Team.objects.get_or_create(
        code=f"{MARK}-dir",
        defaults={"name": "Bench Directorate", "kind": Team.Kind.DIRECTORATE, "parent": trust},
    )
    team, _ = Team.objects.get_or_create(
        code=f"{MARK}-team", defaults={"name": "Bench Team", "kind": Team.Kind.TEAM, "parent": directorate}
    )
    return team


def seed(subjects: int, submitted_at: datetime) -> None:
    """One lead, and `subjects` submitted claims, each on its own attended place."""
    lead = User.objects.create_user(email=f"{MARK}-lead@bench.example", first_name="Bench", last_name="Lead")
    lead.groups.add(Group.objects.get_or_create(name=Role.INVOLVEMENT_LEAD)[0])
    kind, _ = ActivityKind.objects.get_or_create(code=f"{MARK}-kind", defaults={"name": "Bench workshop"})
    team = _teams()
    activity_count = -(-subjects // PEOPLE)
    starts = submitted_at - timedelta(days=2)
    activities = Activity.objects.bulk_create(
        Activity(
            title=f"{MARK} workshop {i}",
            kind=kind,
            rung="co_production",
            team=team,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            status=Activity.Status.HELD,
        )
        for i in range(activity_count)
    )
    people = Participant.objects.bulk_create(
        Participant(
            name=f"Bench Participant {i}",
            email=f"{MARK}-{i}@bench.example",
            experience=Participant.Experience.SERVICE_USER,
            joined_on=submitted_at.date() - timedelta(days=100),
        )
        for i in range(PEOPLE)
    )
    places: list[Participation] = []
    for n in range(subjects):
        places.append(
            Participation(
                activity=activities[n // PEOPLE],
                participant=people[n % PEOPLE],
                status=Participation.Status.ACCEPTED,
                attendance=Participation.Attendance.ATTENDED,
                invited_at=starts - timedelta(days=7),
                hours=Decimal("2.00"),
            )
        )
    for start in range(0, subjects, CHUNK):
        batch = Participation.objects.bulk_create(places[start : start + CHUNK])
        PaymentClaim.objects.bulk_create(
            PaymentClaim(
                participation=place,
                participant_id=place.participant_id,
                hours=Decimal("2.00"),
                rate_unit="hour",
                rate_amount=Decimal("20.00"),
                involvement_amount=Decimal("40.00"),
                total_amount=Decimal("40.00"),
                tax_year=2025,
                submitted_at=submitted_at,
            )
            for place in batch
        )


def clean() -> None:
    """Remove everything a run made (also what an interrupted run left behind)."""
    activities = Activity.objects.filter(title__startswith=MARK)
    places = Participation.objects.filter(activity__in=activities)
    claims = PaymentClaim.objects.filter(participation__in=places)
    with transaction.atomic():
        Reminder.objects.filter(recipient_email__startswith=MARK).delete()
        # Plain deletes: the ORM's collector would load 100,000 claims to look for expense lines.
        for queryset in (claims, places):
            sql, params = queryset.values("pk").query.sql_with_params()
            with connection.cursor() as cursor:
                # The table name comes from the model and the values are parameters: nothing from outside.
                table = queryset.model._meta.db_table
                cursor.execute(f"DELETE FROM {table} WHERE id IN ({sql})", params)  # noqa: S608
        activities.delete()
        Participant.objects.filter(email__startswith=MARK).delete()
        User.objects.filter(email__startswith=MARK).delete()
        for team in Team.objects.filter(code__startswith=MARK).order_by("-id"):
            team.delete()  # children first: a team protects its parent
        ActivityKind.objects.filter(code__startswith=MARK).delete()


def timed_plan(now: datetime) -> tuple[int, float, list[dict]]:
    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        created = reminders_plan(now=now)
        elapsed = time.perf_counter() - started
    return created, elapsed, ctx.captured_queries


def describe(queries: list[dict]) -> str:
    """Reads are the rules' own queries (a fixed number); inserts and their transactions come per batch."""
    kinds = {"INSERT": 0, "BEGIN": 0, "COMMIT": 0}
    for query in queries:
        word = query["sql"].lstrip().split(" ", 1)[0].upper()
        if word in kinds:
            kinds[word] += 1
    reads = len(queries) - sum(kinds.values())
    return (
        f"{len(queries)} statements: {reads} reads, {kinds['INSERT']} batched inserts, "
        f"{kinds['BEGIN'] + kinds['COMMIT']} BEGIN/COMMIT"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subjects", type=int, default=100_000)
    args = parser.parse_args()

    now = timezone.now()
    clean()
    try:
        started = time.perf_counter()
        seed(args.subjects, now - timedelta(days=14))
        seeded = time.perf_counter() - started
        waiting = PaymentClaim.objects.filter(participation__activity__title__startswith=MARK).count()

        created, elapsed, queries = timed_plan(now)
        ours = Reminder.objects.filter(rule=RULE, recipient_email__startswith=MARK).count()
        again, elapsed_again, queries_again = timed_plan(now)

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()"
            )
            version = cursor.fetchone()[0].split(",")[0]
        print(f"date:        {timezone.localdate()}")
        print(
            f"machine:     {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        )
        print(f"database:    {connection.vendor} ({version})")
        print(f"subjects:    {waiting:,} claims waiting for approval, 1 involvement lead")
        print(f"seeding:     {seeded:.1f} s (bulk inserts, not part of the figure)")
        print(f"planned:     {created:,} reminders ({ours:,} for these claims) in {elapsed:.2f} s")
        print(f"throughput:  {created / elapsed:,.0f} reminders planned per second")
        print(f"queries:     {describe(queries)}; batch size {settings.REMINDERS_PLAN_BATCH_SIZE}")
        print(f"re-planning: {again} added in {elapsed_again:.2f} s, {describe(queries_again)}")
    finally:
        clean()


if __name__ == "__main__":
    main()
