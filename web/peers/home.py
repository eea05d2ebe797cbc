"""Home cards from the peer workforce: a peer worker's own supervision and training, and the people a
supervisor, line manager or HR look after. The peer worker's card links to their own pages (web/peers/);
the supervisor's and line manager's to their team page (web/team/)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.visibility import restrict
from peers import selectors
from peers.models import SupervisionKind
from web.home import Card, Figure, Line, card
from web.templatetags.nhs import day


def _next_due(worker) -> tuple[date, str] | None:
    """The earliest supervision due across the kinds the worker's level has a policy for."""
    dues = [
        (getattr(worker, f"due_{kind}"), label)
        for kind, label in SupervisionKind.choices
        if getattr(worker, f"due_{kind}", None) is not None
    ]
    return min(dues) if dues else None


@card(roles=(Role.PEER_WORKER,), order=10)
def peer_worker(request: HttpRequest) -> Card:
    user, today = request.user, timezone.localdate()
    worker = restrict(selectors.supervision_due(), user).filter(user=user).first()
    if worker is None:
        return Card("Your work", empty="There is no current peer worker record linked to your account.")
    within = settings.PEERS_TRAINING_EXPIRING_DAYS
    expiring = restrict(selectors.training_expiring(today=today, within_days=within), user).filter(
        worker=worker
    )
    expired = restrict(selectors.training_expired(today=today), user).filter(worker=worker)
    training = reverse("web:peers:training")
    lines = []
    due = _next_due(worker)
    if due is not None:
        when, kind = due
        state = "overdue since" if when < today else "next due"
        lines.append(Line(f"{kind}: {state} {day(when)}"))
    return Card(
        "Your work",
        figures=[
            Figure(
                expired.count(),
                "training course out of date",
                "training courses out of date",
                href=training,
                warning=True,
            ),
            Figure(
                expiring.count(),
                f"training course running out within {within} days",
                f"training courses running out within {within} days",
                href=training,
            ),
        ],
        lines_heading="Supervision",
        lines=lines,
        empty="No supervision is scheduled for your level.",
        links=[
            Line("My supervision", reverse("web:peers:supervision")),
            Line("My training", training),
            Line("My wellbeing", reverse("web:peers:wellbeing")),
        ],
    )


@card(roles=(Role.SUPERVISOR,), order=40)
def supervisor(request: HttpRequest) -> Card:
    user, today = request.user, timezone.localdate()
    supervisees = restrict(selectors.current_workers(), user).filter(supervisors=user)
    overdue = selectors.supervision_overdue(today=today, queryset=supervisees)
    team = reverse("web:team:overview")
    lines = [
        Line(
            worker.user.display_name,
            reverse("web:team:worker", kwargs={"pk": worker.pk}),
            hint=f"Supervision due {day(worker.first_due)}",
        )
        for worker in overdue[:5]
    ]
    return Card(
        "People you supervise",
        figures=[
            Figure(supervisees.count(), "person you supervise", "people you supervise", href=team),
            Figure(overdue.count(), "with supervision overdue", warning=True, href=team),
        ],
        lines_heading="Supervision overdue" if lines else "",
        lines=lines,
        links=[Line("My team", team)],
    )


@card(roles=(Role.LINE_MANAGER,), order=50)
def line_manager(request: HttpRequest) -> Card:
    user, today = request.user, timezone.localdate()
    managed = restrict(selectors.current_workers(), user, "change")
    overdue = selectors.supervision_overdue(today=today, queryset=managed).count()
    expired = restrict(selectors.training_expired(today=today), user).filter(worker__in=managed).count()
    team = reverse("web:team:overview")
    return Card(
        "Peer workers you manage",
        figures=[
            Figure(managed.count(), "peer worker", "peer workers", href=team),
            Figure(overdue, "with supervision overdue", warning=True, href=team),
            Figure(
                expired,
                "training course out of date",
                "training courses out of date",
                warning=True,
                href=team,
            ),
        ],
        links=[Line("My team", team)],
    )


@card(roles=(Role.HR,), order=60)
def hr_workforce(request: HttpRequest) -> Card:
    user, today = request.user, timezone.localdate()
    workers = restrict(selectors.current_workers(), user)
    overdue = selectors.supervision_overdue(today=today, queryset=workers).count()
    expired = restrict(selectors.training_expired(today=today), user).count()
    return Card(
        "Peer workforce",
        figures=[
            Figure(workers.count(), "peer worker in post", "peer workers in post"),
            Figure(overdue, "with supervision overdue", warning=True),
            Figure(expired, "training course out of date", "training courses out of date", warning=True),
        ],
    )
