"""A peer worker's own pages: supervision, training, competences, progression, wellbeing, reminders.

Every read goes through a peers selector and `restrict()`, so a worker sees exactly what the API
would show them, and only their own current employment. Wellbeing (special-category health data)
follows the API: the wellbeing rule itself, without the administrator shortcut, and every record
shown is logged with `accounts.services.access_log_record`, the call the API makes.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.errors import DomainError
from accounts.roles import Role
from accounts.services import access_log_record
from accounts.visibility import restrict
from peers import selectors, services
from peers.models import PeerWorker, ReasonableAdjustment, SupervisionKind, WellnessActionPlan
from peers.visibility import ReasonableAdjustmentVisibility, WellnessActionPlanVisibility
from reminders import services as reminder_services
from reminders.models import Reminder
from web.forms import add_domain_error
from web.pages import NotForYou, get_visible, page, render_page
from web.peers.forms import SNOOZE_CHOICES, SnoozeForm, WellnessPlanForm

REFUSAL = "These pages are for peer workers, about their own work."
NOT_LINKED = (
    "There is no current peer worker record linked to your account. Ask HR or your line manager to link it."
)
SHOWN_REMINDERS = (Reminder.State.PLANNED, Reminder.State.SENT, Reminder.State.FAILED)

worker_page = page(roles=[Role.PEER_WORKER], refusal=REFUSAL)


def _me(request: HttpRequest, queryset=None) -> PeerWorker:
    """The person's own current employment as a peer worker; the 403 page if there is none."""
    rows = queryset if queryset is not None else selectors.current_workers()
    found = restrict(rows, request.user).filter(user=request.user).first()
    if found is None:
        raise NotForYou(NOT_LINKED)
    return found


# --- supervision ----------------------------------------------------------------------------------


@worker_page
def supervision(request: HttpRequest) -> HttpResponse:
    """When each kind of supervision is next due, and the sessions held or cancelled."""
    today = timezone.localdate()
    worker = _me(request, selectors.supervision_due())
    kinds = []
    for kind, label in SupervisionKind.choices:
        due = getattr(worker, f"due_{kind}", None)
        if due is not None:
            last = getattr(worker, f"last_{kind}")
            kinds.append({"label": label, "due": due, "last": last, "overdue": due < today})
    sessions = restrict(selectors.supervision_session_list(), request.user).filter(worker=worker)
    return render_page(
        request, "web/peers/supervision.html", {"worker": worker, "kinds": kinds, "sessions": list(sessions)}
    )


# --- training -------------------------------------------------------------------------------------


@worker_page
def training(request: HttpRequest) -> HttpResponse:
    """Each course's latest record, sorted into out of date, running out soon, and in date."""
    today = timezone.localdate()
    within = settings.PEERS_TRAINING_EXPIRING_DAYS
    worker = _me(request)
    rows = (
        restrict(selectors.latest_training_records(), request.user)
        .filter(worker=worker)
        .select_related("course")
        .order_by("expires_on", "course__name")
    )
    expired, expiring, in_date = [], [], []
    for row in rows:
        if row.expires_on is not None and row.expires_on < today:
            expired.append(row)
        elif row.expires_on is not None and row.expires_on <= today + timedelta(days=within):
            expiring.append(row)
        else:
            in_date.append(row)
    return render_page(
        request,
        "web/peers/training.html",
        {"expired": expired, "expiring": expiring, "in_date": in_date, "within": within},
    )


# --- competences ----------------------------------------------------------------------------------


@worker_page
def competences(request: HttpRequest) -> HttpResponse:
    """The evidence the worker has gathered, and which of it is signed off."""
    worker = _me(request)
    rows = list(
        restrict(selectors.competence_evidence_list(), request.user)
        .filter(worker=worker)
        .select_related("competence__domain", "signed_off_by")
    )
    return render_page(
        request,
        "web/peers/competences.html",
        {
            "signed": [row for row in rows if row.signed_off_by_id],
            "waiting": [row for row in rows if not row.signed_off_by_id],
        },
    )


# --- progression ----------------------------------------------------------------------------------


@worker_page
def progression(request: HttpRequest) -> HttpResponse:
    """The worker's level and band, what the next level still needs, their reviews and level history."""
    worker = _me(request)
    gaps = selectors.next_level_gaps(worker=worker, today=timezone.localdate())
    reviews = restrict(selectors.progression_review_list(), request.user).filter(worker=worker)
    changes = restrict(selectors.level_change_list(), request.user).filter(worker=worker)
    return render_page(
        request,
        "web/peers/progression.html",
        {"worker": worker, "gaps": gaps, "reviews": list(reviews), "changes": list(changes)},
    )


# --- wellbeing ------------------------------------------------------------------------------------


def _wellbeing(queryset, request: HttpRequest, rule):
    """The wellbeing rule itself (as the API applies it): no administrator shortcut."""
    return rule.scope(queryset, request.user, "view")


def _plan_rows(plan: WellnessActionPlan | None) -> list[tuple[str, str]]:
    if plan is None:
        return []
    labels = WellnessPlanForm.Meta.labels
    return [(labels[name], getattr(plan, name)) for name in WellnessPlanForm.Meta.fields]


@worker_page
def wellbeing(request: HttpRequest) -> HttpResponse:
    """The worker's own wellness action plan and reasonable adjustments; every record shown is logged."""
    worker = _me(request)
    plan = (
        _wellbeing(WellnessActionPlan.objects.all(), request, WellnessActionPlanVisibility())
        .filter(worker=worker)
        .first()
    )
    adjustments = list(
        _wellbeing(ReasonableAdjustment.objects.all(), request, ReasonableAdjustmentVisibility()).filter(
            worker=worker
        )
    )
    shown = ([plan] if plan else []) + adjustments
    if shown:
        access_log_record(user=request.user, records=shown, action="read", path=request.path)
    return render_page(
        request,
        "web/peers/wellbeing.html",
        {"worker": worker, "plan": plan, "plan_rows": _plan_rows(plan), "adjustments": adjustments},
    )


@worker_page
def wellness_plan(request: HttpRequest) -> HttpResponse:
    """Write or change the worker's own plan, through the service that says only the worker writes it."""
    worker = _me(request)
    plan = (
        _wellbeing(WellnessActionPlan.objects.all(), request, WellnessActionPlanVisibility())
        .filter(worker=worker)
        .first()
    )
    if request.method == "POST":
        form = WellnessPlanForm(request.POST, instance=plan)
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                services.wellness_plan_save(worker=worker, by=request.user, **fields)
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                messages.success(request, "Your wellness action plan is saved.")
                return redirect("web:peers:wellbeing")
        return render_page(request, "web/peers/wellness_plan.html", {"form": form, "plan": plan}, status=400)
    if plan is not None:
        access_log_record(user=request.user, records=[plan], action="read", path=request.path)
    return render_page(
        request, "web/peers/wellness_plan.html", {"form": WellnessPlanForm(instance=plan), "plan": plan}
    )


# --- reminders ------------------------------------------------------------------------------------


def _my_reminders(request: HttpRequest):
    return restrict(Reminder.objects.all(), request.user).filter(state__in=SHOWN_REMINDERS)


@worker_page
def reminders(request: HttpRequest) -> HttpResponse:
    """The person's reminders still to come and those sent, newest due first."""
    rows = list(_my_reminders(request).order_by("-due_at", "-id")[:100])
    now = timezone.now()
    return render_page(
        request,
        "web/peers/reminders.html",
        {
            "coming": [r for r in rows if r.state == Reminder.State.PLANNED and r.due_at > now],
            "other": [r for r in rows if not (r.state == Reminder.State.PLANNED and r.due_at > now)],
            "snooze_choices": SNOOZE_CHOICES,
        },
    )


@require_POST
@worker_page
def reminder_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    reminder = get_visible(_my_reminders(request), request, pk, "change")
    try:
        reminder_services.reminder_dismiss(reminder=reminder, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Reminder dismissed. It will not be sent.")
    return redirect("web:peers:reminders")


@require_POST
@worker_page
def reminder_snooze(request: HttpRequest, pk: int) -> HttpResponse:
    reminder = get_visible(_my_reminders(request), request, pk, "change")
    form = SnoozeForm(request.POST)
    if form.is_valid():
        until = timezone.now() + timedelta(days=int(form.cleaned_data["days"]))
        try:
            reminder_services.reminder_snooze(reminder=reminder, until=until, by=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "We will remind you again then.")
    else:
        messages.error(request, "Select when to be reminded again.")
    return redirect("web:peers:reminders")
