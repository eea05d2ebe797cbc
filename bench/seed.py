"""Synthetic data at the size of every mental-health trust in England together, loaded with COPY.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lxbench .venv/bin/python bench/seed.py --scale 1

At --scale 1: 100,000 participants, 20,000 activities, 1,000,000 participations, 15,000 peer
workers, 500,000 supervision sessions, 300,000 training records and 50,000 applications, with the
smaller tables the charter's indicators read (claims, vacancies and their stages, interviews,
offers, consultations, feedback, level changes, reviews). `--scale 0.1` makes a tenth of each.

Every name comes from a fixed generator (seeded), every address is at bench.example, and the
reference lists (activity kinds, pathway levels, courses, the pipeline template, the charter)
are the ones the migrations load. Rows go in with PostgreSQL COPY through psycopg, ids assigned
here, so a full load takes minutes. Seeding replaces earlier bench data: it refuses to touch a
database holding anything else unless given --force.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from dateutil.relativedelta import relativedelta  # noqa: E402
from django.apps import apps  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection, models, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Team, User  # noqa: E402
from accounts.roles import Role  # noqa: E402
from involvement.models import (  # noqa: E402
    Activity,
    ActivityKind,
    Consultation,
    FeedbackItem,
    Participant,
    Participation,
    ParticipationRole,
    PaymentClaim,
    Rung,
)
from peers.models import (  # noqa: E402
    LevelChange,
    PathwayLevel,
    PeerWorker,
    ProgressionReview,
    SupervisionKind,
    SupervisionSession,
    TrainingCourse,
    TrainingRecord,
)
from recruitment.models import (  # noqa: E402
    AdjustmentRequest,
    Application,
    EqualityMonitoring,
    Interview,
    Offer,
    PanelMember,
    PipelineTemplate,
    StageMove,
    Vacancy,
    VacancyStage,
)

try:
    from tqdm import tqdm
except ImportError:  # the bench extras are not installed: count without a bar
    tqdm = None

DOMAIN = "bench.example"
MARK = "bench-trust"  # the trust team's code: its presence says the data here is the bench's own
PASSWORD = "bench-Password-2026"  # noqa: S105 (synthetic logins on a throwaway database)

# Rows at scale 1.
FULL = {
    "participants": 100_000,
    "activities": 20_000,
    "participations": 1_000_000,
    "peer_workers": 15_000,
    "supervision_sessions": 500_000,
    "training_records": 300_000,
    "applications": 50_000,
    "directorates": 50,
    "managers": 1_500,
    "vacancies": 2_500,
    "consultations": 2_000,
    "feedback_items": 10_000,
}
TEAMS_PER_DIRECTORATE = 10
_quiet = False  # the smoke test and run.py's own seeding print no bars
FIRST = ["Amira", "Ben", "Chloe", "Dev", "Ewa", "Femi", "Grace", "Hamza", "Isla", "Jon", "Kemi", "Luca"]
FIRST += ["Maya", "Niall", "Orla", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Vik", "Wren", "Zara"]
LAST = ["Adebayo", "Brown", "Chen", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal", "Jones"]
LAST += ["Khan", "Lewis", "Murphy", "Nowak", "Okafor", "Patel", "Roberts", "Singh", "Taylor", "Walsh"]


def counts_for(scale: float) -> dict[str, int]:
    return {name: max(1, round(full * scale)) for name, full in FULL.items()}


# --- writing rows -------------------------------------------------------------------------------


def _defaults(model: type[models.Model], now: datetime) -> list[tuple[str, str, object]]:
    """(attname, column, value when not given) for each concrete column: COPY skips Django's defaults."""
    out = []
    for field in model._meta.concrete_fields:
        if field.has_default():
            value = field.get_default()
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        elif field.null:
            value = None
        elif isinstance(field, models.CharField | models.TextField):
            value = ""
        else:
            value = None  # must be given: the database says so if it is not
        out.append((field.attname, field.column, value))
    return out


def copy_rows(model: type[models.Model], rows: Iterable[dict], total: int, label: str) -> int:
    """COPY `rows` (dicts by attname, each with its id) into the model's table, with a progress bar."""
    if connection.vendor != "postgresql":
        return _bulk_rows(model, rows)
    now = timezone.now()
    spec = _defaults(model, now)
    columns = ", ".join(f'"{column}"' for _, column, _ in spec)
    table = model._meta.db_table
    bar = None
    if tqdm is not None and not _quiet:
        bar = tqdm(total=total, desc=f"{label:<24}", unit=" rows", unit_scale=True)
    written = 0
    # The table and columns come from the model's own metadata, not from outside.
    with connection.cursor() as cursor, cursor.cursor.copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(tuple(row.get(name, default) for name, _, default in spec))
            written += 1
            if bar and written % 5000 == 0:
                bar.update(5000)
    if bar:
        bar.update(written % 5000)
        bar.close()
    elif not _quiet:
        print(f"{label:<24} {written:>10,} rows")
    return written


def _bulk_rows(model: type[models.Model], rows: Iterable[dict]) -> int:
    """Other databases (the smoke test's SQLite): the same rows through bulk_create, 5,000 at a time."""
    written, batch = 0, []
    for row in rows:
        batch.append(model(**row))
        if len(batch) == 5000:
            written += len(model.objects.bulk_create(batch))
            batch = []
    return written + len(model.objects.bulk_create(batch))


def _reset_sequences(models_: list[type[models.Model]]) -> None:
    if connection.vendor != "postgresql":
        return  # SQLite carries on from the largest id by itself
    with connection.cursor() as cursor:
        for model in models_:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "  # noqa: S608
                f'COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)'
            )


# --- clearing -----------------------------------------------------------------------------------

REFERENCE = {
    "involvement.theme",
    "involvement.activitykind",
    "involvement.ratecardentry",
    "peers.competencedomain",
    "peers.competence",
    "peers.trainingcourse",
    "peers.pathwaylevel",
    "peers.supervisionpolicy",
    "recruitment.pipelinetemplate",
    "recruitment.templatestage",
    "charter.charter",
    "charter.commitment",
    "charter.indicator",
}


def _data_tables() -> list[str]:
    """Tables of records (not reference lists, not users) in the apps the bench fills."""
    tables = []
    keep = {
        User._meta.db_table,
        User.groups.through._meta.db_table,
        User.user_permissions.through._meta.db_table,
    }
    filled = ("accounts", "involvement", "peers", "recruitment", "charter", "reminders", "knox", "privacy")
    for app in (a for a in filled if apps.is_installed(a)):
        for model in apps.get_app_config(app).get_models(include_auto_created=True):
            label = model._meta.label_lower
            if label in REFERENCE or model._meta.db_table in keep:
                continue
            if model._meta.auto_created and all(
                f.related_model._meta.label_lower in REFERENCE for f in model._meta.fields if f.related_model
            ):
                continue  # pathway level's required courses and the like: reference data too
            tables.append(model._meta.db_table)
    return tables


def ours_or_empty() -> bool:
    if Team.objects.filter(code=MARK).exists():
        return True
    return not (Team.objects.exists() or Participant.objects.exists() or PeerWorker.objects.exists())


def clear() -> None:
    """Empty every data table and remove the bench's users; reference lists stay."""
    tables = ", ".join(f'"{t}"' for t in _data_tables())
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Rows written earlier in this transaction (the smoke test) leave foreign-key checks
            # pending, and TRUNCATE refuses to run over them: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY")
        else:  # foreign keys are checked at commit there, so the order does not matter
            for table in _data_tables():
                cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608 (names from the models)
        users = User.objects.filter(email__endswith=f"@{DOMAIN}")
        apps.get_model("charter", "Indicator").objects.filter(owner__in=users).update(owner=None)
        sql, params = users.values("pk").query.sql_with_params()
        cursor.execute(f"DELETE FROM accounts_user_groups WHERE user_id IN ({sql})", params)  # noqa: S608
        cursor.execute(f"DELETE FROM accounts_user WHERE id IN ({sql})", params)  # noqa: S608


# --- the data -----------------------------------------------------------------------------------


def _name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST), rng.choice(LAST)


def seed(scale: float, *, seed_value: int = 2026, quiet: bool = False) -> dict[str, int]:
    """Clear and load the bench data at `scale`; returns rows written per table."""
    global _quiet
    _quiet = quiet
    n = counts_for(scale)
    rng = random.Random(seed_value)  # noqa: S311 (synthetic data, repeatable, not secret)
    now = timezone.now().replace(microsecond=0)
    today = timezone.localdate()
    written: dict[str, int] = {}
    clear()

    # Teams: the trust, its directorates, ten teams each.
    trust = Team.objects.create(name="Bench NHS Foundation Trust", code=MARK, kind=Team.Kind.TRUST)
    directorates = Team.objects.bulk_create(
        Team(name=f"Directorate {d + 1}", code=f"bench-dir-{d + 1}", kind=Team.Kind.DIRECTORATE, parent=trust)
        for d in range(n["directorates"])
    )
    teams = Team.objects.bulk_create(
        Team(name=f"Team {d.pk}-{t + 1}", code=f"bench-team-{d.pk}-{t + 1}", kind=Team.Kind.TEAM, parent=d)
        for d in directorates
        for t in range(TEAMS_PER_DIRECTORATE)
    )
    team_ids = [t.pk for t in teams]
    written["teams"] = 1 + len(directorates) + len(teams)

    # Users: the people the benchmark signs in as, managers who also supervise, and peer workers.
    groups = {g.name: g.pk for g in Group.objects.all()}
    admin = User.objects.create_superuser(email=f"admin@{DOMAIN}", password=PASSWORD, first_name="Bench")
    lead = User.objects.create_user(email=f"lead@{DOMAIN}", password=PASSWORD, first_name="Lead")
    hr = User.objects.create_user(email=f"hr@{DOMAIN}", password=PASSWORD, first_name="HR")
    admin.groups.add(groups[Role.ADMIN])
    lead.groups.add(groups[Role.INVOLVEMENT_LEAD])
    hr.groups.add(groups[Role.HR])
    base = User.objects.order_by("-id").values_list("id", flat=True).first() + 1
    password = admin.password  # one hash for all: nobody signs in as them in the benchmark
    manager_ids = list(range(base, base + n["managers"]))
    peer_user_ids = list(range(manager_ids[-1] + 1, manager_ids[-1] + 1 + n["peer_workers"]))

    def users() -> Iterator[dict]:
        for kind, ids in (("manager", manager_ids), ("peer", peer_user_ids)):
            for i, pk in enumerate(ids):
                first, last = _name(rng)
                yield {
                    "id": pk,
                    "password": password,
                    "email": f"{kind}{i}@{DOMAIN}",
                    "first_name": first,
                    "last_name": last,
                    "is_active": True,
                    "is_staff": False,
                    "is_superuser": False,
                    "date_joined": now,
                }

    written["users"] = 3 + copy_rows(User, users(), len(manager_ids) + len(peer_user_ids), "users")
    through = User.groups.through
    first_membership = through.objects.order_by("-id").values_list("id", flat=True).first()

    def memberships() -> Iterator[dict]:
        pk = first_membership
        for user_id in manager_ids:
            for role in (Role.LINE_MANAGER, Role.SUPERVISOR):
                pk += 1
                yield {"id": pk, "user_id": user_id, "group_id": groups[role]}
        for user_id in peer_user_ids:
            pk += 1
            yield {"id": pk, "user_id": user_id, "group_id": groups[Role.PEER_WORKER]}

    copy_rows(through, memberships(), 2 * len(manager_ids) + len(peer_user_ids), "user roles")

    # The involvement register, activities and who took part.
    def participants() -> Iterator[dict]:
        experiences = ["service_user", "service_user", "carer", "both"]
        for i in range(n["participants"]):
            first, last = _name(rng)
            consented = i % 10 != 0
            yield {
                "id": i + 1,
                "name": f"{first} {last}",
                "email": f"participant{i}@{DOMAIN}",
                "experience": experiences[i % 4],
                "consent_given_at": now - timedelta(days=400) if consented else None,
                "consent_purposes": "involvement" if consented else "",
                "status": "active" if i % 20 else "paused",
                "joined_on": today - timedelta(days=rng.randrange(1, 1100)),
            }

    written["participants"] = copy_rows(Participant, participants(), n["participants"], "participants")

    kinds = list(ActivityKind.objects.values_list("pk", flat=True))
    rungs = Rung.values[2:]
    activity_starts: list[datetime] = []

    def activities() -> Iterator[dict]:
        for i in range(n["activities"]):
            # Two years back to three months ahead, so every recent quarter has activities.
            starts = now - timedelta(days=730) + timedelta(minutes=rng.randrange(0, 820 * 24 * 60))
            activity_starts.append(starts)
            past = starts < now
            yield {
                "id": i + 1,
                "title": f"Bench activity {i + 1}",
                "kind_id": kinds[i % len(kinds)],
                "rung": rungs[i % len(rungs)],
                "team_id": team_ids[i % len(team_ids)],
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=2),
                "status": ("held" if i % 7 else "closed") if past else "open",
            }

    written["activities"] = copy_rows(Activity, activities(), n["activities"], "activities")

    per_activity = max(1, n["participations"] // n["activities"])
    claims: list[tuple[int, int, int, datetime]] = []  # (participation, participant, activity, starts)

    def participations() -> Iterator[dict]:
        pk = 0
        for a in range(n["activities"]):
            starts = activity_starts[a]
            past = starts < now
            offset = rng.randrange(n["participants"])
            for j in range(min(per_activity, n["participants"])):
                pk += 1
                participant = (offset + j) % n["participants"] + 1
                attended = past and j % 10 != 9
                if attended and j % 5 == 0:
                    claims.append((pk, participant, a + 1, starts))
                yield {
                    "id": pk,
                    "activity_id": a + 1,
                    "participant_id": participant,
                    "role": ParticipationRole.CO_FACILITATOR
                    if j == 0 and a % 3
                    else ParticipationRole.PARTICIPANT,
                    "status": "accepted",
                    "invited_at": starts - timedelta(days=14),
                    "responded_at": starts - timedelta(days=10),
                    "attendance": ("attended" if attended else "no_show") if past else "unknown",
                    "hours": Decimal("2.00") if attended else None,
                }

    total_places = n["activities"] * min(per_activity, n["participants"])
    written["participations"] = copy_rows(Participation, participations(), total_places, "participations")

    def payment_claims() -> Iterator[dict]:
        statuses = ["paid", "paid", "approved", "submitted", "rejected"]
        for i, (place, participant, _activity, starts) in enumerate(claims):
            status = statuses[i % len(statuses)]
            submitted = starts + timedelta(days=2)
            yield {
                "id": i + 1,
                "participation_id": place,
                "participant_id": participant,
                "status": status,
                "hours": Decimal("2.00"),
                "rate_unit": "hour",
                "rate_amount": Decimal("20.00"),
                "involvement_amount": Decimal("40.00"),
                "expenses_amount": Decimal("0.00"),
                "total_amount": Decimal("40.00"),
                "tax_year": submitted.year if submitted.month > 4 else submitted.year - 1,
                "submitted_at": submitted,
                "submitted_by_id": lead.pk,
                "approved_at": submitted + timedelta(days=3) if status in ("approved", "paid") else None,
                "approved_by_id": lead.pk if status in ("approved", "paid") else None,
                "paid_at": submitted + timedelta(days=10) if status == "paid" else None,
                "rejected_at": submitted + timedelta(days=3) if status == "rejected" else None,
                "rejection_reason": "Duplicate" if status == "rejected" else "",
            }

    written["payment_claims"] = copy_rows(PaymentClaim, payment_claims(), len(claims), "payment claims")

    def consultations() -> Iterator[dict]:
        for i in range(n["consultations"]):
            opens = now - timedelta(days=rng.randrange(10, 720))
            closes = opens + timedelta(days=28)
            status = "draft" if i % 10 == 0 else ("outcome_published" if i % 3 else "closed")
            if closes > now and status != "draft":
                status = "open"
            yield {
                "id": i + 1,
                "title": f"Bench consultation {i + 1}",
                "summary": "A synthetic consultation.",
                "owner_id": lead.pk,
                "team_id": team_ids[i % len(team_ids)],
                "opens_at": opens,
                "closes_at": closes,
                "status": status,
                "outcome_summary": "What changed." if status == "outcome_published" else "",
                "outcome_published_at": closes + timedelta(days=10)
                if status == "outcome_published"
                else None,
            }

    written["consultations"] = copy_rows(Consultation, consultations(), n["consultations"], "consultations")

    def feedback() -> Iterator[dict]:
        for i in range(n["feedback_items"]):
            due = today - timedelta(days=rng.randrange(-90, 700))
            done = i % 4 != 0 and due < today
            yield {
                "id": i + 1,
                "activity_id": (i % n["activities"]) + 1,
                "you_said": "Synthetic feedback.",
                "action": "A synthetic action.",
                "action_owner_id": lead.pk,
                "action_due": due,
                "action_status": "done" if done else "open",
                "completed_on": due - timedelta(days=i % 9 - 2) if done else None,
                "published": done,
                "published_at": now if done else None,
            }

    written["feedback_items"] = copy_rows(FeedbackItem, feedback(), n["feedback_items"], "feedback items")

    # The peer workforce.
    levels = list(PathwayLevel.objects.order_by("order").values_list("pk", "band"))
    worker_start: list[date] = []
    worker_manager: list[int] = []

    def workers() -> Iterator[dict]:
        for i, user_id in enumerate(peer_user_ids):
            level, band = levels[min(i % 10, 3) if i % 10 < 4 else 0]
            start = today - timedelta(days=rng.randrange(30, 1800))
            left = i % 10 == 5
            worker_start.append(start)
            worker_manager.append(manager_ids[i % len(manager_ids)])
            yield {
                "id": i + 1,
                "user_id": user_id,
                "employee_number": f"BENCH{i + 1:07d}",
                "level_id": level,
                "band": band,
                "team_id": team_ids[i % len(team_ids)],
                "line_manager_id": worker_manager[-1],
                "start_date": start,
                "contracted_hours": Decimal("37.50"),
                "status": "left" if left else "active",
                "leaving_date": start + timedelta(days=300) if left else None,
                "leaving_reason": "new_job" if left else "",
            }

    written["peer_workers"] = copy_rows(PeerWorker, workers(), len(peer_user_ids), "peer workers")
    copy_rows(
        PeerWorker.supervisors.through,
        (
            {"id": i + 1, "peerworker_id": i + 1, "user_id": manager_ids[(i + 1) % len(manager_ids)]}
            for i in range(len(peer_user_ids))
        ),
        len(peer_user_ids),
        "supervisor links",
    )
    worker_count = len(peer_user_ids)
    kinds_of_supervision = SupervisionKind.values

    def sessions() -> Iterator[dict]:
        base, extra = divmod(n["supervision_sessions"], worker_count)
        pk = 0
        for w in range(worker_count):
            start = worker_start[w]
            span = max(1, (today - start).days)
            per_worker = max(1, base + (1 if w < extra else 0))  # the remainder spread: the exact total
            for s in range(per_worker):
                pk += 1
                yield {
                    "id": pk,
                    "worker_id": w + 1,
                    "supervisor_id": worker_manager[w],
                    "kind": kinds_of_supervision[s % len(kinds_of_supervision)],
                    "held_on": start + timedelta(days=(s * span) // per_worker),
                    "duration_minutes": 60,
                    "status": "held" if s % 12 else "cancelled",
                    "recorded_by_id": worker_manager[w],
                }

    session_total = max(n["supervision_sessions"], worker_count)
    written["supervision_sessions"] = copy_rows(
        SupervisionSession, sessions(), session_total, "supervision sessions"
    )

    courses = list(TrainingCourse.objects.values_list("pk", "validity_months"))

    def training() -> Iterator[dict]:
        per_worker = max(1, n["training_records"] // worker_count)
        pk = 0
        for w in range(worker_count):
            for t in range(per_worker):
                pk += 1
                course, months = courses[t % len(courses)]
                completed = today - timedelta(days=rng.randrange(1, 1400))
                yield {
                    "id": pk,
                    "worker_id": w + 1,
                    "course_id": course,
                    "completed_on": completed,
                    "expires_on": completed + relativedelta(months=months) if months else None,
                    "recorded_by_id": worker_manager[w],
                }

    per_worker_training = max(1, n["training_records"] // worker_count)
    written["training_records"] = copy_rows(
        TrainingRecord, training(), per_worker_training * worker_count, "training records"
    )

    def level_changes() -> Iterator[dict]:
        pk = 0
        for w in range(worker_count):
            pk += 1
            level, band = levels[0]
            yield {
                "id": pk,
                "worker_id": w + 1,
                "to_level_id": level,
                "to_band": band,
                "effective_date": worker_start[w],
                "reason": "start",
            }
            if w % 20 == 0:
                pk += 1
                yield {
                    "id": pk,
                    "worker_id": w + 1,
                    "from_level_id": level,
                    "to_level_id": levels[1][0],
                    "from_band": band,
                    "to_band": levels[1][1],
                    "effective_date": today - timedelta(days=rng.randrange(1, 700)),
                    "reason": "promotion",
                }

    written["level_changes"] = copy_rows(
        LevelChange, level_changes(), worker_count + -(-worker_count // 20), "level changes"
    )
    written["progression_reviews"] = copy_rows(
        ProgressionReview,
        (
            {
                "id": w + 1,
                "worker_id": w + 1,
                "reviewed_on": today - timedelta(days=rng.randrange(1, 500)),
                "reviewer_id": worker_manager[w],
                "outcome": "not_yet",
            }
            for w in range(worker_count)
        ),
        worker_count,
        "progression reviews",
    )

    # Recruitment: vacancies with their own copy of the default pipeline, applications at every stage.
    template = PipelineTemplate.objects.get(is_default=True)
    stages = list(template.stages.order_by("order").values("code", "name", "order", "kind"))
    vacancy_opens: list[datetime] = []

    def vacancies() -> Iterator[dict]:
        for i in range(n["vacancies"]):
            level, band = levels[i % len(levels)]
            opens = now - timedelta(days=rng.randrange(20, 720))
            vacancy_opens.append(opens)
            yield {
                "id": i + 1,
                "title": f"Peer support worker {i + 1}",
                "level_id": level,
                "band": band,
                "team_id": team_ids[i % len(team_ids)],
                "hiring_manager_id": manager_ids[i % len(manager_ids)],
                "posts": 1,
                "contracted_hours": Decimal("37.50"),
                "lived_experience_role": True,
                "opens_at": opens,
                "closes_at": opens + timedelta(days=21),
                "status": "filled" if opens + timedelta(days=21) < now else "open",
                "template_id": template.pk,
                "created_by_id": hr.pk,
            }

    written["vacancies"] = copy_rows(Vacancy, vacancies(), n["vacancies"], "vacancies")
    stage_id: dict[tuple[int, str], int] = {}

    def vacancy_stages() -> Iterator[dict]:
        pk = 0
        for v in range(n["vacancies"]):
            for stage in stages:
                pk += 1
                stage_id[(v + 1, stage["code"])] = pk
                yield {"id": pk, "vacancy_id": v + 1, **stage}

    written["vacancy_stages"] = copy_rows(
        VacancyStage, vacancy_stages(), n["vacancies"] * len(stages), "vacancy stages"
    )
    # Where applications sit: most are rejected or still early; one per vacancy is hired.
    ladder = ["applied", "rejected", "rejected", "shortlisted", "rejected", "interview", "withdrawn"]
    ladder += ["applied", "shortlisted", "rejected"]
    app_rows: list[tuple[int, int, str, datetime]] = []  # (application, vacancy, stage code, applied)

    def applications() -> Iterator[dict]:
        per_vacancy = max(1, n["applications"] // n["vacancies"])
        pk = 0
        for v in range(n["vacancies"]):
            for k in range(per_vacancy):
                pk += 1
                code = "hired" if k == 0 else ladder[k % len(ladder)]
                applied = vacancy_opens[v] + timedelta(days=k % 20, hours=1)
                app_rows.append((pk, v + 1, code, applied))
                first, last = _name(rng)
                yield {
                    "id": pk,
                    "vacancy_id": v + 1,
                    "applicant_name": f"{first} {last}",
                    "email": f"applicant{pk}@{DOMAIN}",
                    "source": "involvement_register" if k % 10 == 3 else "open_advert",
                    "participant_id": (pk % n["participants"]) + 1 if k % 10 == 3 else None,
                    "stage_id": stage_id[(v + 1, code)],
                    "stage_entered_at": applied + timedelta(days=10),
                    "applied_at": applied,
                }

    per_vacancy = max(1, n["applications"] // n["vacancies"])
    written["applications"] = copy_rows(
        Application, applications(), n["vacancies"] * per_vacancy, "applications"
    )
    ethnic = ["white", "white", "asian", "black", "mixed", "prefer_not_to_say"]
    written["equality_monitoring"] = copy_rows(
        EqualityMonitoring,
        (
            {
                "id": pk,
                "application_id": pk,
                "vacancy_id": v,
                "ethnic_group": ethnic[pk % len(ethnic)],
                "disabled": ["no", "no", "yes", "prefer_not_to_say"][pk % 4],
            }
            for pk, v, _code, _applied in app_rows
        ),
        len(app_rows),
        "equality answers",
    )
    reached_shortlist = {"shortlisted", "interview", "hired"}

    def moves() -> Iterator[dict]:
        pk = 0
        for app, v, code, applied in app_rows:
            path = ["shortlisted", "interview", "offer", "checks", "hired"] if code == "hired" else [code]
            if code == "interview":
                path = ["shortlisted", "interview"]
            previous = stage_id[(v, "applied")]
            for step, target in enumerate(path):
                pk += 1
                yield {
                    "id": pk,
                    "application_id": app,
                    "from_stage_id": previous,
                    "to_stage_id": stage_id[(v, target)],
                    "by_id": hr.pk,
                    "at": applied + timedelta(days=3 + 3 * step),
                }
                previous = stage_id[(v, target)]

    move_total = sum(5 if c == "hired" else 2 if c == "interview" else 1 for _, _, c, _ in app_rows)
    written["stage_moves"] = copy_rows(StageMove, moves(), move_total, "stage moves")
    interviewed = [row for row in app_rows if row[2] in reached_shortlist and row[2] != "shortlisted"]
    written["interviews"] = copy_rows(
        Interview,
        (
            {
                "id": i + 1,
                "application_id": app,
                "starts_at": applied + timedelta(days=9),
                "ends_at": applied + timedelta(days=9, hours=1),
                "outcome": "appointable" if code == "hired" else "pending",
            }
            for i, (app, _v, code, applied) in enumerate(interviewed)
        ),
        len(interviewed),
        "interviews",
    )
    written["panel_members"] = copy_rows(
        PanelMember,
        (
            {
                "id": i + 1,
                "interview_id": i + 1,
                "participant_id": (app % n["participants"]) + 1 if i % 4 else None,
                "user_id": None if i % 4 else manager_ids[i % len(manager_ids)],
                "lived_experience": bool(i % 4),
            }
            for i, (app, _v, _code, _applied) in enumerate(interviewed)
        ),
        len(interviewed),
        "panel members",
    )
    hired = [row for row in app_rows if row[2] == "hired"]
    written["offers"] = copy_rows(
        Offer,
        (
            {
                "id": i + 1,
                "application_id": app,
                "start_date": (applied + timedelta(days=40)).date(),
                "salary_point": "Band 3, entry step",
                "status": "accepted",
                "made_at": applied + timedelta(days=12),
                "made_by_id": hr.pk,
                "responded_at": applied + timedelta(days=14),
            }
            for i, (app, _v, _code, applied) in enumerate(hired)
        ),
        len(hired),
        "offers",
    )
    asked = app_rows[::25]
    written["adjustment_requests"] = copy_rows(
        AdjustmentRequest,
        (
            {
                "id": i + 1,
                "application_id": app,
                "description": "Questions in advance.",
                "provided": i % 5 != 0,
                "decided_at": applied + timedelta(days=4),
            }
            for i, (app, _v, _code, applied) in enumerate(asked)
        ),
        len(asked),
        "adjustment requests",
    )

    _reset_sequences(
        [
            User,
            through,
            Participant,
            Activity,
            Participation,
            PaymentClaim,
            Consultation,
            FeedbackItem,
            PeerWorker,
            PeerWorker.supervisors.through,
            SupervisionSession,
            TrainingRecord,
            LevelChange,
            ProgressionReview,
            Vacancy,
            VacancyStage,
            Application,
            EqualityMonitoring,
            StageMove,
            Interview,
            PanelMember,
            Offer,
            AdjustmentRequest,
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics, as a live database would have
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 is national size; 0.1 a tenth")
    parser.add_argument("--force", action="store_true", help="clear a database that holds other data")
    args = parser.parse_args(argv)
    if connection.vendor != "postgresql":
        sys.exit("The bench seeds PostgreSQL only (COPY): set DATABASE_URL to a PostgreSQL database.")
    if not args.force and not ours_or_empty():
        sys.exit("This database holds data that is not the bench's; pass --force to replace it.")
    started = time.perf_counter()
    written = seed(args.scale)
    elapsed = time.perf_counter() - started
    print(f"seeded scale {args.scale:g}: {sum(written.values()):,} rows in {elapsed:.0f} s")


def run_seed(scale: float, quiet: bool = True) -> tuple[dict[str, int], float]:
    """For bench/run.py and the smoke test: seed and time it."""
    started = time.perf_counter()
    written = seed(scale, quiet=quiet)
    return written, time.perf_counter() - started


if __name__ == "__main__":
    main()
