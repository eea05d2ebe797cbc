"""Onboarding reads: the template, checklists with their counts, a person's steps, and HR's completion rate.

Each list is one query however many workers or steps it shows: counts are aggregates, never a
query per row. The completion rate is HR's (they own the data) and shows plain numbers by
directorate; it is not for the board, whose figures go through accounts.disclosure.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, Count, Exists, F, IntegerField, Min, OuterRef, Q, QuerySet, Value, When

from accounts.models import Team, User
from accounts.roles import Role
from accounts.selectors import directorate_of
from peers.models import OnboardingItem, OnboardingTemplateItem, PeerWorker
from peers.selectors.workers import CURRENT_STATUSES

__all__ = [
    "OnboardingCompletion",
    "OnboardingCompletionRow",
    "onboarding_checklists",
    "onboarding_completion",
    "onboarding_item_list",
    "onboarding_items_in_order",
    "onboarding_overdue",
    "onboarding_owner_choices",
    "onboarding_template",
    "workers_without_onboarding",
]


def onboarding_template() -> QuerySet[OnboardingTemplateItem]:
    """Every step of the template, in order; those not in use too (`is_active`)."""
    return OnboardingTemplateItem.objects.order_by("order", "id")


def onboarding_item_list() -> QuerySet[OnboardingItem]:
    return OnboardingItem.objects.select_related(
        "worker__user", "worker__team", "worker__line_manager", "owner", "done_by", "template_item"
    )


def onboarding_overdue(today: date, prefix: str = "") -> Q:
    """Steps not done whose due date has gone by (due today is not late yet)."""
    return Q(**{f"{prefix}done_on__isnull": True, f"{prefix}due_on__lt": today})


def onboarding_items_in_order(queryset: QuerySet[OnboardingItem], *, today: date) -> QuerySet[OnboardingItem]:
    """Overdue steps first, then the rest still to do, then those done; by due date within each.
    `state` says which: 0 overdue, 1 to do, 2 done."""
    state = Case(
        When(onboarding_overdue(today), then=Value(0)),
        When(done_on__isnull=True, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return queryset.annotate(state=state).order_by("state", "due_on", "id")


def onboarding_checklists(
    *, today: date, queryset: QuerySet[PeerWorker] | None = None
) -> QuerySet[PeerWorker]:
    """Current workers with a checklist, each with `items_total`, `items_done`, `items_overdue` and
    `next_due` (the earliest step still to do): those with overdue steps first, then by that date,
    finished checklists last."""
    workers = (
        queryset
        if queryset is not None
        else PeerWorker.objects.select_related("user", "team", "line_manager")
    )
    items = "onboarding_items"
    open_step = Q(**{f"{items}__done_on__isnull": True})
    return (
        workers.filter(status__in=CURRENT_STATUSES)
        .annotate(
            items_total=Count(items),
            items_done=Count(items, filter=~open_step),
            items_overdue=Count(items, filter=onboarding_overdue(today, f"{items}__")),
            next_due=Min(f"{items}__due_on", filter=open_step),
        )
        .filter(items_total__gt=0)
        .order_by(
            Case(When(items_overdue__gt=0, then=Value(0)), default=Value(1)),
            F("next_due").asc(nulls_last=True),
            "-start_date",
            "id",
        )
    )


def workers_without_onboarding() -> QuerySet[PeerWorker]:
    """Current workers who have no checklist (started before onboarding was kept here, say)."""
    return (
        PeerWorker.objects.select_related("user", "team", "line_manager")
        .filter(status__in=CURRENT_STATUSES)
        .exclude(Exists(OnboardingItem.objects.filter(worker=OuterRef("pk"))))
        .order_by("-start_date", "id")
    )


def onboarding_owner_choices(*, worker: PeerWorker) -> QuerySet[User]:
    """Who may own a step of this worker's checklist: the worker, their line manager, their
    supervisors, and the trust's HR officers; only people who can still sign in."""
    return (
        User.objects.filter(
            Q(pk=worker.user_id)
            | Q(pk=worker.line_manager_id)
            | Q(pk__in=worker.supervisors.values("pk"))
            | Q(pk__in=User.objects.filter(groups__name=Role.HR).values("pk"))
        )
        .filter(is_active=True)
        .order_by("first_name", "last_name", "email", "pk")
    )


# --- the completion rate ---------------------------------------------------------------------------


@dataclass(frozen=True)
class OnboardingCompletionRow:
    directorate_id: int | None  # None: workers in teams of no directorate (the trust's own)
    directorate: str
    steps_counted: int  # steps done, or not done but past their due date
    steps_on_time: int  # steps done on or before their due date
    checklists: int
    checklists_complete: int

    @property
    def on_time_share(self) -> float | None:
        return self.steps_on_time / self.steps_counted if self.steps_counted else None

    @property
    def complete_share(self) -> float | None:
        return self.checklists_complete / self.checklists if self.checklists else None

    @property
    def on_time_percent(self) -> int | None:
        share = self.on_time_share
        return None if share is None else round(share * 100)

    @property
    def complete_percent(self) -> int | None:
        share = self.complete_share
        return None if share is None else round(share * 100)


@dataclass(frozen=True)
class OnboardingCompletion:
    start: date
    end: date
    today: date
    rows: list[OnboardingCompletionRow]  # one per directorate with a checklist, by name
    total: OnboardingCompletionRow


TRUST_WIDE = "Trust-wide teams"


def onboarding_completion(*, start: date, end: date, today: date) -> OnboardingCompletion:
    """For workers who started between `start` and `end` (inclusive), by directorate: of their steps
    that are done or past due, the share done by the due date; of their checklists, the share with
    every step done. Steps not yet due and not done count in neither share yet. Leavers count too:
    their onboarding happened. Three queries.
    """
    started = Q(start_date__gte=start, start_date__lte=end)
    steps = (
        OnboardingItem.objects.filter(worker__start_date__gte=start, worker__start_date__lte=end)
        .values(directorate=directorate_of("worker__team"))
        .annotate(
            counted=Count("pk", filter=Q(done_on__isnull=False) | Q(due_on__lt=today)),
            on_time=Count("pk", filter=Q(done_on__lte=F("due_on"))),
        )
        .order_by()
    )
    open_steps = OnboardingItem.objects.filter(worker=OuterRef("pk"), done_on__isnull=True)
    checklists = (
        PeerWorker.objects.filter(started)
        .filter(Exists(OnboardingItem.objects.filter(worker=OuterRef("pk"))))
        .annotate(unfinished=Exists(open_steps))
        .values(directorate=directorate_of("team"))
        .annotate(all=Count("pk"), complete=Count("pk", filter=Q(unfinished=False)))
        .order_by()
    )
    figures: dict[int | None, dict[str, int]] = {}
    for got in steps:
        figures.setdefault(got["directorate"], {}).update(counted=got["counted"], on_time=got["on_time"])
    for got in checklists:
        figures.setdefault(got["directorate"], {}).update(all=got["all"], complete=got["complete"])
    names = dict(Team.objects.filter(pk__in=[d for d in figures if d is not None]).values_list("pk", "name"))

    def row(directorate: int | None, name: str, got: dict[str, int]) -> OnboardingCompletionRow:
        return OnboardingCompletionRow(
            directorate_id=directorate,
            directorate=name,
            steps_counted=got.get("counted", 0),
            steps_on_time=got.get("on_time", 0),
            checklists=got.get("all", 0),
            checklists_complete=got.get("complete", 0),
        )

    rows = sorted(
        (
            row(d, names.get(d, TRUST_WIDE) if d is not None else TRUST_WIDE, got)
            for d, got in figures.items()
        ),
        key=lambda r: (r.directorate_id is None, r.directorate),
    )
    total = {
        key: sum(got.get(key, 0) for got in figures.values())
        for key in ("counted", "on_time", "all", "complete")
    }
    return OnboardingCompletion(
        start=start, end=end, today=today, rows=rows, total=row(None, "All directorates", total)
    )
