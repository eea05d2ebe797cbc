"""HR's peer workforce pages: the list of peer workers (search and filters), a worker's employment
record and level history, adding a worker and keeping their employment current, recording a
promotion or other change of level, recording a leaver (asking first), and the leavers summary.

Every read goes through a peers selector and `restrict()`; every write is a peers service (the ones
the API calls), so the rules (who may manage or supervise, when a level may change, a leaving date
not before the start) live there: when a service refuses, its words appear beside the field, and
nothing is written. A worker's wellness plan and adjustments are not shown here: they are for the
worker, their own line manager and HR, on the pages made for them.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.errors import DomainError
from accounts.models import Team, User
from accounts.roles import Role
from accounts.selectors import team_list, user_list
from accounts.services import access_log_record
from accounts.visibility import accounts_holding_role, may_create, restrict
from peers import selectors, services
from peers.models import LeavingReason, LevelChange, PathwayLevel, PeerWorker
from web.forms import add_domain_error, add_validation_error
from web.pages import NotForYou, get_visible, page, render_page
from web.paging import paginate
from web.templatetags.nhs import day
from web.workforce.forms import (
    EmploymentForm,
    LeaveForm,
    LeaversPeriodForm,
    LevelChangeForm,
    NewWorkerForm,
    WorkerFilterForm,
)


class SignedInRequest(HttpRequest):
    """A request that reached a page: `workforce_page` has turned away anyone not signed in or not HR."""

    user: User  # type: ignore[assignment]


# Employment records are HR's: line managers, supervisors and workers have their own pages.
workforce_page = page(roles=[Role.HR], refusal="These pages are for HR.")
NOT_YOURS = "Only HR can do this."
# The reasons the charter's fifth commitment (a workplace free from discrimination) asks about.
CHARTER_REASONS = (LeavingReason.DISCRIMINATION, LeavingReason.WORKPLACE_CULTURE)


def _worker(request: SignedInRequest, pk: int, action="view") -> PeerWorker:
    """The worker with their joins, or the 404 page (403 if seen but not `action`)."""
    return get_visible(selectors.worker_list(), request, pk, action)  # type: ignore[return-value]


def _link(name: str, **kwargs) -> str:
    """The address of another part's page, or "" while that part has no such page."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def _status(exc: DomainError) -> int:
    return 409 if exc.status_code == 409 else 400


# --- choices ------------------------------------------------------------------------------------------


def _teams(request: SignedInRequest, keep: int | None = None) -> QuerySet[Team]:
    """Teams a worker can belong to: the active ones, and the one they are in."""
    teams = team_list().filter(Q(kind=Team.Kind.TEAM, is_active=True) | Q(pk=keep))
    return restrict(teams, request.user).order_by("parent__name", "name")


def _levels(request: SignedInRequest, keep: int | None = None) -> QuerySet[PathwayLevel]:
    levels = PathwayLevel.objects.filter(Q(is_active=True) | Q(pk=keep))
    return restrict(levels, request.user).order_by("order")


def _staff(request: SignedInRequest, role: str, keep: list[int]) -> QuerySet[User]:
    """Staff holding `role`, and whoever the worker already has (so nothing is dropped unseen)."""
    staff = restrict(user_list(), request.user)
    holders = accounts_holding_role(staff, request.user, role).values("pk")
    return staff.filter(Q(pk__in=holders) | Q(pk__in=keep)).order_by("first_name", "last_name", "email")


def _choices(request: SignedInRequest, worker: PeerWorker | None = None) -> dict:
    managers = [worker.line_manager_id] if worker else []
    supervisors = [s.pk for s in worker.supervisors.all()] if worker else []
    return {
        "teams": _teams(request, worker.team_id if worker else None),
        "line_managers": _staff(request, Role.LINE_MANAGER, managers),
        "supervisors": _staff(request, Role.SUPERVISOR, supervisors),
    }


def _show_refusal(form, exc: DomainError | ValidationError) -> None:
    if isinstance(exc, DomainError):
        add_domain_error(form, exc)
    else:
        add_validation_error(form, exc)


# --- the list -------------------------------------------------------------------------------------------


@workforce_page
def worker_list(request: SignedInRequest) -> HttpResponse:
    """Peer workers, still employed by default; searched and filtered by the address; 25 a page."""
    data = request.GET.copy()
    data.setdefault("status", selectors.STILL_EMPLOYED)
    teams = list(restrict(team_list(), request.user).order_by("name"))
    form = WorkerFilterForm(data, teams=teams, levels=_levels(request))
    form.is_valid()
    filters = form.filters()
    rows = selectors.workers_matching(restrict(selectors.worker_list(), request.user), **filters)
    pages = paginate(request, rows)
    context = {
        "form": form,
        "pages": pages,
        "filtered": any(value for name, value in filters.items() if name != "status")
        or data.get("status") != selectors.STILL_EMPLOYED,
        "may_create": may_create(request.user, PeerWorker),
    }
    return render_page(request, "web/workforce/list.html", context, status=400 if form.errors else 200)


# --- one worker -----------------------------------------------------------------------------------------


@workforce_page
def worker_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    """The employment record and the level history; links to the team's and onboarding's pages."""
    worker = _worker(request, pk)
    changes = restrict(selectors.level_change_list(), request.user).filter(worker=worker)
    left = worker.status == PeerWorker.Status.LEFT
    if left and worker.exit_interview_notes:
        # Exit interview notes need special care (they may say why someone felt pushed out): every
        # read is logged, as reads of wellbeing records are.
        access_log_record(user=request.user, records=[worker], action="read", path=request.path)
    may_change = restrict(PeerWorker.objects.filter(pk=pk), request.user, "change").exists()
    context = {
        "worker": worker,
        "supervisors": list(worker.supervisors.all()),
        "changes": list(changes),
        "left": left,
        "may_change": may_change and not left,
        "may_change_level": may_create(request.user, LevelChange) and not left,
        "team_page": _link("web:team:worker", pk=worker.pk),
        "checklist_page": _link("web:onboarding:checklist", worker=worker.pk),
        "charter_reason": worker.leaving_reason in CHARTER_REASONS,
    }
    return render_page(request, "web/workforce/detail.html", context)


@workforce_page
def worker_new(request: SignedInRequest) -> HttpResponse:
    """A new employment, as pre-start, through the same service the API and hiring use."""
    if not may_create(request.user, PeerWorker):
        raise NotForYou(NOT_YOURS)
    people = selectors.people_without_current_employment(
        accounts_holding_role(restrict(user_list(), request.user), request.user, Role.PEER_WORKER)
    ).order_by("first_name", "last_name", "email")
    form = NewWorkerForm(
        request.POST if request.method == "POST" else None,
        people=people,
        levels=_levels(request),
        **_choices(request),
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        fields["band"] = fields["band"] or None
        try:
            worker = services.peer_worker_create(by=request.user, **fields)
        except (DomainError, ValidationError) as exc:
            _show_refusal(form, exc)
        else:
            messages.success(
                request,
                f"{worker.user.display_name} is added as a peer worker starting on {day(worker.start_date)}. "
                "Their status is pre-start until they begin.",
            )
            return redirect("web:workforce:worker", pk=worker.pk)
    return render_page(request, "web/workforce/new.html", {"form": form}, status=400 if form.errors else 200)


@workforce_page
def worker_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    """The employment details HR keeps current. Only what changed goes to the service, so a line
    manager who has since lost the role does not block a change to the hours."""
    worker = _worker(request, pk, "change")
    if request.method != "POST" and worker.status == PeerWorker.Status.LEFT:
        return redirect("web:workforce:worker", pk=pk)  # an ended employment cannot change
    initial = EmploymentForm.initial_for(worker)
    form = EmploymentForm(
        request.POST if request.method == "POST" else None, initial=initial, **_choices(request, worker)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # Rows compare by their keys, so an unchanged team or line manager is left out too.
        changes = {
            name: value
            for name, value in data.items()
            if name != "supervisors" and value != getattr(worker, name)
        }
        chosen = data["supervisors"]
        supervisors = chosen if {s.pk for s in chosen} != set(initial["supervisors"]) else None
        try:
            services.peer_worker_update(worker=worker, by=request.user, supervisors=supervisors, **changes)
        except (DomainError, ValidationError) as exc:
            _show_refusal(form, exc)
            status = _status(exc) if isinstance(exc, DomainError) else 400
            context = {"form": form, "worker": worker}
            return render_page(request, "web/workforce/edit.html", context, status=status)
        messages.success(request, "The employment details are saved.")
        return redirect("web:workforce:worker", pk=pk)
    context = {"form": form, "worker": worker}
    return render_page(request, "web/workforce/edit.html", context, status=400 if form.errors else 200)


@workforce_page
def level_change(request: SignedInRequest, pk: int) -> HttpResponse:
    """A promotion, regrading or correction from a date, through the progression service."""
    worker = _worker(request, pk, "change")
    if not may_create(request.user, LevelChange):
        raise NotForYou("Only HR can change a worker's level and band.")
    if request.method != "POST" and worker.status == PeerWorker.Status.LEFT:
        return redirect("web:workforce:worker", pk=pk)
    form = LevelChangeForm(
        request.POST if request.method == "POST" else None,
        levels=_levels(request),
        initial={"reason": LevelChange.Reason.PROMOTION, "to_level": worker.level_id},
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.peer_worker_level_change(
                worker=worker,
                by=request.user,
                **{**form.cleaned_data, "band": form.cleaned_data["band"] or None},
            )
        except DomainError as exc:
            add_domain_error(form, exc)
            status = _status(exc)
        else:
            messages.success(
                request,
                f"{worker.user.display_name} is on {changed.level.name}, band {changed.band}, "
                f"from {day(form.cleaned_data['effective_date'])}.",
            )
            return redirect("web:workforce:worker", pk=pk)
    if form.errors and status == 200:
        status = 400
    context = {"form": form, "worker": worker}
    return render_page(request, "web/workforce/level.html", context, status=status)


@workforce_page
def worker_leave(request: SignedInRequest, pk: int) -> HttpResponse:
    """Record a leaver in two steps: the answers (checked by the service's rules), then a page that
    shows them and asks before recording, because a finished employment cannot be changed."""
    worker = _worker(request, pk, "change")
    if request.method != "POST" and worker.status == PeerWorker.Status.LEFT:
        return redirect("web:workforce:worker", pk=pk)
    form = LeaveForm(request.POST if request.method == "POST" else None)
    step = request.POST.get("step", "")
    status = 200
    if request.method == "POST" and step != "change" and form.is_valid():
        answers = {"leaving_date": form.cleaned_data["leaving_date"], "reason": form.cleaned_data["reason"]}
        try:
            if step == "record":
                services.peer_worker_leave(
                    worker=worker,
                    by=request.user,
                    exit_interview_notes=form.cleaned_data["exit_interview_notes"],
                    **answers,
                )
            else:
                services.peer_worker_leave_check(worker=worker, **answers)
        except DomainError as exc:
            add_domain_error(form, exc)
            status = _status(exc)
        else:
            if step == "record":
                messages.success(
                    request,
                    f"{worker.user.display_name} is recorded as a leaver, "
                    f"with {day(answers['leaving_date'])} as their last day.",
                )
                return redirect("web:workforce:worker", pk=pk)
            context = {
                "worker": worker,
                "form": form,
                "reason": LeavingReason(answers["reason"]).label,
                "charter_reason": answers["reason"] in CHARTER_REASONS,
            }
            return render_page(request, "web/workforce/leave_confirm.html", context)
    if step == "change":
        form.errors.clear()  # back from the confirm page: the answers to change, no complaints yet
    elif form.errors and status == 200:
        status = 400
    context = {"form": form, "worker": worker}
    return render_page(request, "web/workforce/leave.html", context, status=status)


# --- the leavers summary --------------------------------------------------------------------------------


@workforce_page
def leavers(request: SignedInRequest) -> HttpResponse:
    """How many peer workers left in a period, for each reason. Plain counts: this page is HR's
    alone, and HR reads every leaver's record anyway; nothing here is shown to anyone else."""
    today = timezone.localdate()
    default = (today - relativedelta(years=1) + dt.timedelta(days=1), today)
    form = LeaversPeriodForm(request.GET or None, default=default)
    if form.is_bound:
        form.is_valid()
    start, end = form.period()
    counts = selectors.leavers_by_reason(
        start=start, end=end, queryset=restrict(PeerWorker.objects.all(), request.user)
    )
    rows = [
        {"reason": label, "count": counts[value], "charter": value in CHARTER_REASONS}
        for value, label in LeavingReason.choices
    ]
    context = {
        "form": form,
        "start": start,
        "end": end,
        "rows": rows,
        "total": sum(counts.values()),
        "charter_total": sum(counts[value] for value in CHARTER_REASONS),
    }
    return render_page(request, "web/workforce/leavers.html", context, status=400 if form.errors else 200)
