"""A line manager's or supervisor's team, and what is due for its workers: one query per list.

"The team" is the current workers someone line-manages (directly, or through the teams they manage)
or supervises, never themselves. HR sees everyone, but their role alone makes no team: a person in
HR who also manages or supervises has those workers as their team. The lists take a queryset of
workers (already scoped with `accounts.visibility.restrict`) and read only rows about them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts.models import User
from accounts.roles import Role
from peers.models import (
    CompetenceEvidence,
    PeerWorker,
    ProgressionReview,
    SupervisionKind,
    SupervisionSession,
    TrainingRecord,
)
from peers.selectors.competences import competence_evidence_list
from peers.selectors.supervision import supervision_due
from peers.selectors.training import training_expired, training_expiring
from peers.selectors.workers import current_workers
from peers.visibility import manager_condition

__all__ = [
    "PROBATION_SOON_DAYS",
    "REVIEW_EVERY_MONTHS",
    "REVIEW_SOON_DAYS",
    "SUPERVISION_SOON_DAYS",
    "TRAINING_SOON_DAYS",
    "KindDue",
    "PeerLedCounts",
    "ReviewDue",
    "SupervisionLine",
    "kinds_due",
    "peer_led_counts",
    "probation_reviews_due",
    "progression_reviews_due",
    "team_evidence_waiting",
    "team_supervision",
    "team_training_expired",
    "team_training_expiring",
    "team_workers",
]

SUPERVISION_SOON_DAYS = 14
TRAINING_SOON_DAYS = 60
REVIEW_SOON_DAYS = 30
REVIEW_EVERY_MONTHS = 12
PROBATION_SOON_DAYS = 30


def team_workers(user: User, queryset: QuerySet[PeerWorker] | None = None) -> QuerySet[PeerWorker]:
    """Current workers `user` line-manages or supervises, never their own record, each once."""
    condition = manager_condition(user)
    if user.has_role(Role.SUPERVISOR):
        condition |= Q(supervisors=user)
    # A subquery of ids: the join through supervisors would otherwise list a worker twice.
    ids = PeerWorker.objects.filter(condition).values("pk")
    rows = queryset if queryset is not None else current_workers()
    supervised = PeerWorker.supervisors.through.objects.filter(peerworker=OuterRef("pk"), user=user)
    return rows.filter(pk__in=ids).exclude(user=user).annotate(you_supervise=Exists(supervised))


# --- supervision ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class KindDue:
    kind: str
    label: str
    every_days: int
    last_held: date | None
    next_due: date
    days_overdue: int  # 0 unless overdue

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


@dataclass(frozen=True)
class SupervisionLine:
    worker: PeerWorker
    due: KindDue


def kinds_due(worker: PeerWorker, today: date) -> list[KindDue]:
    """The kinds of supervision the worker's level has a policy for, from `supervision_due`'s
    annotations (last held, every how many days, next due), in the order of the kinds."""
    rows = []
    for kind, label in SupervisionKind.choices:
        every = getattr(worker, f"every_{kind}", None)
        due = getattr(worker, f"due_{kind}", None)
        if every is None or due is None:
            continue
        rows.append(
            KindDue(
                kind=kind,
                label=str(label),
                every_days=every,
                last_held=getattr(worker, f"last_{kind}"),
                next_due=due,
                days_overdue=max((today - due).days, 0),
            )
        )
    return rows


def team_supervision(
    workers: QuerySet[PeerWorker], *, today: date, soon_days: int = SUPERVISION_SOON_DAYS
) -> tuple[list[PeerWorker], list[SupervisionLine], list[SupervisionLine]]:
    """In one query: the workers (with their due dates), each kind overdue (most overdue first) and
    each kind due within `soon_days` (soonest first), a line per worker and kind."""
    rows = list(supervision_due(workers))
    overdue, soon = [], []
    for worker in rows:
        for due in kinds_due(worker, today):
            if due.overdue:
                overdue.append(SupervisionLine(worker, due))
            elif due.next_due <= today + timedelta(days=soon_days):
                soon.append(SupervisionLine(worker, due))

    def order(line: SupervisionLine):
        return (line.due.next_due, line.worker.user.last_name, line.worker.user.first_name, line.worker.pk)

    return rows, sorted(overdue, key=order), sorted(soon, key=order)


@dataclass(frozen=True)
class PeerLedCounts:
    peer_led: int
    held: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.peer_led / self.held) if self.held else None


def peer_led_counts(sessions: QuerySet[SupervisionSession], *, start: date, end: date) -> PeerLedCounts:
    """Of the sessions held between `start` and `end` (both included), how many were peer-led: the
    charter indicator `peer_led_supervision_share` counted over these sessions only."""
    held = sessions.filter(status=SupervisionSession.Status.HELD, held_on__gte=start, held_on__lte=end)
    counts = held.aggregate(peer_led=Count("pk", filter=Q(peer_led=True)), held=Count("pk"))
    return PeerLedCounts(peer_led=counts["peer_led"], held=counts["held"])


# --- training and competences ---------------------------------------------------------------------


def team_training_expired(workers: QuerySet[PeerWorker], *, today: date) -> QuerySet[TrainingRecord]:
    """Latest records that have run out, mandatory courses first, longest out of date first."""
    return (
        training_expired(today=today)
        .filter(worker__in=workers.values("pk"))
        .order_by("-course__mandatory", "expires_on", "worker__user__last_name", "id")
    )


def team_training_expiring(
    workers: QuerySet[PeerWorker], *, today: date, within_days: int = TRAINING_SOON_DAYS
) -> QuerySet[TrainingRecord]:
    """Latest records running out within `within_days`, mandatory courses first, soonest first."""
    return (
        training_expiring(today=today, within_days=within_days)
        .filter(worker__in=workers.values("pk"))
        .order_by("-course__mandatory", "expires_on", "worker__user__last_name", "id")
    )


def team_evidence_waiting(workers: QuerySet[PeerWorker]) -> QuerySet[CompetenceEvidence]:
    """Evidence recorded and not yet signed off, waiting longest first."""
    return (
        competence_evidence_list()
        .filter(worker__in=workers.values("pk"), signed_off_by__isnull=True)
        .order_by("recorded_at", "id")
    )


# --- reviews --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewDue:
    worker: PeerWorker
    last_reviewed_on: date | None
    next_review_on: date | None  # as the last review set it
    due_on: date  # the earlier of the date set and a year since the last review (or the start)

    @property
    def from_date_set(self) -> bool:
        """Due on the date the last review set, rather than for a year gone by without one."""
        return self.next_review_on is not None and self.next_review_on == self.due_on


def _review_due_on(last: date | None, next_on: date | None, start: date) -> date:
    a_year_on = (last or start) + relativedelta(months=REVIEW_EVERY_MONTHS)
    return min(next_on, a_year_on) if next_on else a_year_on


def progression_reviews_due(
    workers: QuerySet[PeerWorker], *, today: date, within_days: int = REVIEW_SOON_DAYS
) -> list[ReviewDue]:
    """Workers whose progression review is due: the next review date their last review set has
    passed or falls within `within_days`, or they have had no review in 12 months (counted from
    their start when they have had none), or will not have within `within_days`. Soonest due first."""
    latest = ProgressionReview.objects.filter(worker=OuterRef("pk")).order_by("-reviewed_on", "-id")
    horizon = today + timedelta(days=within_days)
    a_year_before = horizon - relativedelta(months=REVIEW_EVERY_MONTHS)
    rows = (
        workers.annotate(
            last_reviewed_on=Subquery(latest.values("reviewed_on")[:1]),
            set_next_review_on=Subquery(latest.values("next_review_on")[:1]),
        )
        .annotate(review_anchor=Coalesce("last_reviewed_on", "start_date"))
        .filter(Q(set_next_review_on__lte=horizon) | Q(review_anchor__lte=a_year_before))
    )
    due = [
        ReviewDue(
            worker=worker,
            last_reviewed_on=worker.last_reviewed_on,
            next_review_on=worker.set_next_review_on,
            due_on=_review_due_on(worker.last_reviewed_on, worker.set_next_review_on, worker.start_date),
        )
        for worker in rows
    ]
    return sorted(due, key=lambda r: (r.due_on, r.worker.user.last_name, r.worker.pk))


def probation_reviews_due(
    workers: QuerySet[PeerWorker], *, today: date, within_days: int = PROBATION_SOON_DAYS
) -> QuerySet[PeerWorker]:
    """Workers on probation whose probation review date has passed or falls within `within_days`."""
    return workers.filter(
        status=PeerWorker.Status.PROBATION,
        probation_review_date__lte=today + timedelta(days=within_days),
    ).order_by("probation_review_date", "user__last_name", "id")
