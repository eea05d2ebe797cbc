"""A synthetic peer workforce with a realistic mix of in-date, due and overdue. No real person's details.

History (past sessions, training, reviews) is written as rows; seeded from a fixed number so
every laptop gets the same workforce.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.models import Team, User
from peers import models as m

DEMO_DOMAIN = "demo.example"
FIRST = [
    "Ash",
    "Bryn",
    "Cal",
    "Dani",
    "Emery",
    "Frankie",
    "Gene",
    "Hollis",
    "Isa",
    "Jody",
    "Kai",
    "Lou",
    "Mo",
    "Nat",
    "Ollie",
    "Pat",
    "Robin",
    "Sky",
    "Toni",
    "Val",
    "Win",
    "Alex",
    "Charlie",
    "Drew",
]
LAST = [
    "Amberley",
    "Birchwood",
    "Calder",
    "Dovedale",
    "Easby",
    "Fernhill",
    "Greystoke",
    "Hawes",
    "Ingleby",
    "Kirkby",
    "Langdale",
    "Marsden",
]


@transaction.atomic
def seed() -> dict[str, int]:
    if m.PeerWorker.objects.filter(employee_number__startswith="DEMO").exists():
        return {}
    rng = random.Random(4242)  # noqa: S311 - demo data, not security
    today = timezone.localdate()
    manager = User.objects.filter(email=f"manager@{DEMO_DOMAIN}").first()
    supervisor = User.objects.filter(email=f"supervisor@{DEMO_DOMAIN}").first()
    hr = User.objects.filter(email=f"hr@{DEMO_DOMAIN}").first()
    teams = list(Team.objects.filter(kind=Team.Kind.TEAM).order_by("code"))
    levels = list(m.PathwayLevel.objects.order_by("order"))
    courses = list(m.TrainingCourse.objects.all())
    competences = list(m.Competence.objects.all())
    policies = {(p.level_id, p.kind): p.frequency_days for p in m.SupervisionPolicy.objects.all()}
    if not (manager and supervisor and teams and levels):
        return {}
    peer_group, _ = Group.objects.get_or_create(name="peer_worker")
    home_team = manager.teams.first() or teams[0]

    counts = {"peer workers": 0, "supervision sessions": 0, "training records": 0}
    for index in range(24):
        login = User.objects.filter(email=f"peer@{DEMO_DOMAIN}").first() if index == 0 else None
        if login is None:
            login = User.objects.create_user(
                email=f"peer{index:02d}@{DEMO_DOMAIN}",
                password=None,
                first_name=FIRST[index % len(FIRST)],
                last_name=f"{LAST[index % len(LAST)]}-Demo",
            )
            login.groups.add(peer_group)
        level = levels[0] if index % 5 else levels[min(len(levels) - 1, 1 + index % 3)]
        start = today - dt.timedelta(days=rng.randrange(40, 1400))
        left = index in (7, 15)
        worker = m.PeerWorker.objects.create(
            user=login,
            employee_number=f"DEMO{index:04d}",
            level=level,
            band=level.band,
            team=home_team if index < 10 else rng.choice(teams),
            line_manager=manager,
            start_date=start,
            contracted_hours=Decimal(rng.choice(["22.50", "30.00", "37.50"])),
            status=(
                m.PeerWorker.Status.LEFT
                if left
                else m.PeerWorker.Status.PROBATION
                if (today - start).days < 180
                else m.PeerWorker.Status.LONG_TERM_LEAVE
                if index == 11
                else m.PeerWorker.Status.ACTIVE
            ),
            probation_review_date=start + dt.timedelta(days=180) if (today - start).days < 180 else None,
            leaving_date=today - dt.timedelta(days=rng.randrange(10, 200)) if left else None,
            leaving_reason=(
                ""
                if not left
                else m.LeavingReason.RESIGNATION_NEW_JOB
                if index == 7
                else m.LeavingReason.WORKPLACE_CULTURE
            ),
            exit_interview_notes="Valued the team; would have liked more evening training." if left else "",
        )
        if left and worker.leaving_date < start:
            worker.leaving_date = start + dt.timedelta(days=30)
            worker.save(update_fields=["leaving_date"])
        worker.supervisors.set([supervisor])
        m.LevelChange.objects.create(
            worker=worker,
            to_level=level,
            to_band=level.band,
            effective_date=start,
            reason=m.LevelChange.Reason.START,
            recorded_by=hr,
        )
        counts["peer workers"] += 1

        # Supervision: most in date, some due soon, a few overdue (a third kind never held).
        lateness = rng.choice([0, 0, 0, 5, 20, 45])
        for kind in m.SupervisionKind.values:
            every = policies.get((level.pk, kind), 28)
            held = today - dt.timedelta(days=every + lateness - rng.randrange(0, 10))
            while held > start:
                m.SupervisionSession.objects.create(
                    worker=worker,
                    supervisor=manager if kind == "line_management" else supervisor,
                    kind=kind,
                    held_on=held,
                    duration_minutes=rng.choice([45, 60, 90]),
                    # The demo's peer supervision is given by a senior peer worker.
                    peer_led=kind == m.SupervisionKind.PEER,
                    notes="Reflected on recent work; agreed next steps.",
                    recorded_by=supervisor,
                )
                counts["supervision sessions"] += 1
                held -= dt.timedelta(days=every)
                if held < today - dt.timedelta(days=240):
                    break

        # Training: mandatory courses, some expiring within 30 days, some expired.
        for course in courses:
            if not course.mandatory and rng.random() < 0.6:
                continue
            months = course.validity_months or 24
            age_days = rng.choice([30, 120, 200, 330, 350, 400, 500])
            completed = max(start, today - dt.timedelta(days=min(age_days, months * 30 + 40)))
            m.TrainingRecord.objects.create(
                worker=worker,
                course=course,
                completed_on=completed,
                expires_on=completed + relativedelta(months=course.validity_months)
                if course.validity_months
                else None,
                evidence_reference=f"LMS-{index:02d}-{course.code}",
                recorded_by=hr,
            )
            counts["training records"] += 1

        for competence in rng.sample(competences, k=6):
            signed = rng.random() < 0.7
            m.CompetenceEvidence.objects.create(
                worker=worker,
                competence=competence,
                description="Observed in practice and discussed in supervision.",
                signed_off_by=supervisor if signed else None,
                signed_off_on=today - dt.timedelta(days=rng.randrange(5, 200)) if signed else None,
            )
        if (today - start).days > 365:
            m.ProgressionReview.objects.create(
                worker=worker,
                reviewed_on=today - dt.timedelta(days=rng.randrange(10, 300)),
                reviewer=manager,
                outcome=rng.choice(m.ProgressionReview.Outcome.values),
                notes="Discussed goals for the next year.",
            )
        if index % 3 == 0:
            m.ReasonableAdjustment.objects.create(
                worker=worker,
                description="Flexible start time on clinic days.",
                status=m.ReasonableAdjustment.Status.AGREED,
                agreed_on=start + dt.timedelta(days=14),
                review_on=today + dt.timedelta(days=rng.randrange(10, 200)),
            )
    new_hire = _recent_hire(today=today, manager=manager, supervisor=supervisor, hr=hr, team=home_team)
    if new_hire is not None:
        counts["peer workers"] += 1
        counts["onboarding steps"] = m.OnboardingItem.objects.filter(worker=new_hire).count()
    return counts


# --- onboarding ------------------------------------------------------------------------------------


def _recent_hire(
    *, today: dt.date, manager: User, supervisor: User, hr: User | None, team: Team
) -> m.PeerWorker | None:
    """A peer worker twelve days into the job, with their checklist part done and one step overdue:
    the IT account, ID badge and training booking done; the first supervision not booked yet."""
    from peers import services

    level = m.PathwayLevel.objects.order_by("order").first()
    if hr is None or level is None:
        return None
    login = User.objects.create_user(
        email=f"newstarter@{DEMO_DOMAIN}", password=None, first_name="Quinn", last_name="Newstart-Demo"
    )
    login.groups.add(Group.objects.get_or_create(name="peer_worker")[0])
    start = today - dt.timedelta(days=12)
    worker = m.PeerWorker.objects.create(
        user=login,
        employee_number="DEMO0099",
        level=level,
        band=level.band,
        team=team,
        line_manager=manager,
        start_date=start,
        contracted_hours=Decimal("30.00"),
        status=m.PeerWorker.Status.PROBATION,
        probation_review_date=start + dt.timedelta(days=180),
    )
    worker.supervisors.set([supervisor])
    m.LevelChange.objects.create(
        worker=worker,
        to_level=level,
        to_band=level.band,
        effective_date=start,
        reason="start",
        recorded_by=hr,
    )
    services.onboarding_checklist_create(worker=worker, by=hr)
    date_onboarding(worker, today=today, done_before=None)
    done = {"IT account and email": -6, "ID badge": 0, "Mandatory training booked": 3}
    for item in m.OnboardingItem.objects.filter(worker=worker, title__in=done).select_related("owner"):
        services.onboarding_item_done(
            item=item, by=item.owner or hr, done_on=start + dt.timedelta(days=done[item.title])
        )
    return worker


def date_onboarding(
    worker: m.PeerWorker, *, today: dt.date, done_before: dt.date | None, seed: int = 0
) -> None:
    """Date a demo checklist as if it was made when the worker was hired: each step due its days from
    the start date. Steps due before `done_before` are marked done by their owner, most on time and
    a few some days late (recruitment's demo hires, months in). Two queries, not one per step."""
    rng = random.Random(seed or worker.pk)  # noqa: S311 - demo data, not security
    items = list(m.OnboardingItem.objects.filter(worker=worker).select_related("template_item"))
    for item in items:
        days = item.template_item.due_days if item.template_item else 0
        item.due_on = worker.start_date + dt.timedelta(days=days)
        if done_before is not None and item.due_on < done_before:
            late = rng.choice([-2, -1, 0, 0, 0, 0, 3, 9])
            item.done_on = min(item.due_on + dt.timedelta(days=late), today)
            item.done_by_id = item.owner_id
    m.OnboardingItem.objects.bulk_update(items, ["due_on", "done_on", "done_by"])
