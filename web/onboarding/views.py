"""Onboarding pages: HR's list of new workers' checklists, one worker's checklist (steps marked done,
moved to someone else or another day, a step added), "My onboarding tasks" for whoever owns steps,
a worker's own checklist, the template HR keeps, and HR's completion rate.

Every read goes through a peers selector and `restrict()`; every write is a peers service, so the
rules (who owns a step, who may mark it, how early it may be due) live there: when a service
refuses, its words appear beside the field, and nothing is written.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.errors import DomainError
from accounts.models import User
from accounts.roles import Role
from accounts.visibility import restrict
from peers import selectors, services
from peers.models import OnboardingItem, OnboardingTemplateItem, PeerWorker
from peers.selectors import CURRENT_STATUSES
from peers.visibility import may_manage_onboarding
from web.forms import add_domain_error
from web.onboarding.forms import ChecklistFilterForm, DoneForm, ReportForm, StepForm, TemplateStepForm
from web.pages import NotForYou, confirm_step, get_visible, page, render_page
from web.paging import paginate


class SignedInRequest(HttpRequest):
    """A request that reached a page: `page` has turned away anyone not signed in."""

    user: User  # type: ignore[assignment]


hr_page = page(roles=[Role.HR], refusal="These onboarding pages are for HR.")
workforce_page = page(
    roles=[Role.HR, Role.LINE_MANAGER, Role.SUPERVISOR, Role.PEER_WORKER],
    refusal="Onboarding checklists are for HR, line managers, supervisors and peer workers.",
)
tasks_page = page(
    roles=[Role.HR, Role.LINE_MANAGER, Role.SUPERVISOR],
    refusal="This page is for HR, line managers and supervisors: the people who own onboarding steps.",
)
worker_page = page(roles=[Role.PEER_WORKER], refusal="This page is for peer workers, about their own start.")
NOT_LINKED = (
    "There is no current peer worker record linked to your account. Ask HR or your line manager to link it."
)
NOT_MANAGING = "Only HR or the worker's line manager can change who does a step or when."


def _today():
    return timezone.localdate()


# --- HR's list ---------------------------------------------------------------------------------------


@hr_page
def checklist_list(request: SignedInRequest) -> HttpResponse:
    """Each new worker's checklist progress, those with overdue steps first; 25 a page."""
    form = ChecklistFilterForm(request.GET if "show" in request.GET else None)
    if form.is_bound:
        form.is_valid()
    show = form.show_value()
    rows = restrict(selectors.onboarding_checklists(today=_today()), request.user)
    if show == "open":
        rows = rows.filter(next_due__isnull=False)
    elif show == "overdue":
        rows = rows.filter(items_overdue__gt=0)
    elif show == "finished":
        rows = rows.filter(next_due__isnull=True)
    pages = paginate(request, rows)
    context = {
        "form": form,
        "show": show,
        "pages": pages,
        "without": restrict(selectors.workers_without_onboarding(), request.user).count(),
        "today": _today(),
    }
    return render_page(request, "web/onboarding/list.html", context, status=400 if form.errors else 200)


@hr_page
def without_list(request: SignedInRequest) -> HttpResponse:
    """Current workers with no checklist (most recent starters first), to start one for."""
    pages = paginate(request, restrict(selectors.workers_without_onboarding(), request.user))
    return render_page(request, "web/onboarding/without.html", {"pages": pages})


# --- one worker's checklist ---------------------------------------------------------------------------


def _worker(pk: int) -> PeerWorker | None:
    return PeerWorker.objects.select_related("user", "team", "line_manager").filter(pk=pk).first()


def _checklist_context(request: SignedInRequest, worker: PeerWorker, *, own: bool) -> dict:
    """The steps this person may see, each saying whether they may mark it; and the counts."""
    user, today = request.user, _today()
    visible = restrict(selectors.onboarding_item_list(), user).filter(worker=worker)
    steps = list(selectors.onboarding_items_in_order(visible, today=today))
    managing = may_manage_onboarding(user, worker)
    for step in steps:
        step.may_tick = managing or step.owner_id == user.pk  # type: ignore[attr-defined]
    whole = own or restrict(PeerWorker.objects.filter(pk=worker.pk), user).exists()
    if user.has_role(Role.HR):
        back = reverse("web:onboarding:list")
    elif user.has_role(Role.LINE_MANAGER, Role.SUPERVISOR):
        back = reverse("web:onboarding:tasks")
    else:
        back = reverse("web:home")
    return {
        "back": back,
        "worker": worker,
        "steps": steps,
        "own": own,
        "whole": whole,  # False: an owner who sees only the steps they own
        "managing": managing,
        "may_start": not steps and user.has_role(Role.HR) and worker.status != PeerWorker.Status.LEFT,
        "done": sum(1 for s in steps if s.done_on),
        "overdue": sum(1 for s in steps if getattr(s, "state", None) == 0),
        "today": today,
    }


@workforce_page
def checklist(request: SignedInRequest, worker: int) -> HttpResponse:
    """One worker's checklist: every step to whoever sees the worker; to anyone else, the steps they own."""
    found = _worker(worker)
    if found is None:
        raise Http404
    context = _checklist_context(request, found, own=found.user_id == request.user.pk)
    if not context["whole"] and not context["steps"]:
        raise Http404
    return render_page(request, "web/onboarding/checklist.html", context)


@worker_page
def mine(request: SignedInRequest) -> HttpResponse:
    """The worker's own checklist, from their current employment."""
    found = restrict(selectors.current_workers(), request.user).filter(user=request.user).first()
    if found is None:
        raise NotForYou(NOT_LINKED)
    return render_page(request, "web/onboarding/checklist.html", _checklist_context(request, found, own=True))


@hr_page
def checklist_start(request: SignedInRequest, worker: int) -> HttpResponse:
    """Make the checklist from the template for a worker who has none: the page says what it will hold."""
    found: PeerWorker = get_visible(selectors.current_workers(), request, worker)  # type: ignore[assignment]
    back = reverse("web:onboarding:checklist", kwargs={"worker": found.pk})
    if request.method != "POST" and OnboardingItem.objects.filter(worker=found).exists():
        return redirect(back)
    steps = list(selectors.onboarding_template().filter(is_active=True))
    return confirm_step(
        request,
        act=lambda: services.onboarding_checklist_create(worker=found, by=request.user),
        done=f"{found.user.display_name}'s onboarding checklist is started, with {len(steps)} steps.",
        back=back,
        template="web/onboarding/start.html",
        context={"worker": found, "steps": steps},
    )


# --- steps ------------------------------------------------------------------------------------------

BACK_TO = {"tasks": "web:onboarding:tasks", "mine": "web:onboarding:mine"}


def _step(request: SignedInRequest, worker: int, pk: int, action="view") -> OnboardingItem:
    """The step, or the 404 page; with "change", the 403 page for one seen but not the person's to mark."""
    rows = selectors.onboarding_item_list().filter(worker=worker)
    return get_visible(rows, request, pk, action)  # type: ignore[return-value]


def _back(request: SignedInRequest, item: OnboardingItem) -> str:
    name = BACK_TO.get(request.GET.get("from", ""))
    if name:
        return reverse(name)
    return reverse("web:onboarding:checklist", kwargs={"worker": item.worker_id})


@workforce_page
def step_done(request: SignedInRequest, worker: int, pk: int) -> HttpResponse:
    """Mark a step done, today or on an earlier day, with a short note if wanted."""
    item = _step(request, worker, pk, "change")
    back = _back(request, item)
    if request.method != "POST" and item.done_on is not None:
        return redirect(back)
    form = DoneForm(request.POST if request.method == "POST" else None, initial=DoneForm.initial_for(item))
    if request.method == "POST" and form.is_valid():
        try:
            services.onboarding_item_done(item=item, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"{item.title} is marked done.")
            return redirect(back)
    context = {"item": item, "form": form, "back": back}
    return render_page(request, "web/onboarding/done.html", context, status=400 if form.errors else 200)


@workforce_page
def step_undone(request: SignedInRequest, worker: int, pk: int) -> HttpResponse:
    """Mark a step not done after all (marked by mistake)."""
    item = _step(request, worker, pk, "change")
    back = _back(request, item)
    if request.method != "POST" and item.done_on is None:
        return redirect(back)
    return confirm_step(
        request,
        act=lambda: services.onboarding_item_undone(item=item, by=request.user),
        done=f"{item.title} is marked not done.",
        back=back,
        template="web/onboarding/undone.html",
        context={"item": item, "back": back, "today": _today()},
    )


@workforce_page
def step_remove(request: SignedInRequest, worker: int, pk: int) -> HttpResponse:
    """Remove a step added for this worker by mistake (HR and line managers; not template steps)."""
    item = _step(request, worker, pk, "delete")
    back = reverse("web:onboarding:checklist", kwargs={"worker": item.worker_id})
    return confirm_step(
        request,
        act=lambda: services.onboarding_item_delete(item=item, by=request.user),
        done=f"{item.title} is removed from the checklist.",
        back=back,
        template="web/onboarding/remove.html",
        context={"item": item, "back": back},
    )


def _managed(request: SignedInRequest, worker: PeerWorker) -> None:
    if not may_manage_onboarding(request.user, worker):
        raise NotForYou(NOT_MANAGING)


def _owners(worker: PeerWorker, keep: int | None = None):
    """Who may own a step, and the step's present owner too (so the form shows who it is)."""
    choices = selectors.onboarding_owner_choices(worker=worker)
    if keep is not None:
        choices = (choices | User.objects.filter(pk=keep)).distinct()
    return choices.order_by("first_name", "last_name", "email", "pk")


@workforce_page
def step_change(request: SignedInRequest, worker: int, pk: int) -> HttpResponse:
    """Change who does a step, when it is due, or its words (HR and the worker's line manager)."""
    item = _step(request, worker, pk, "change")
    _managed(request, item.worker)
    initial = StepForm.initial_for(item)
    form = StepForm(
        request.POST if request.method == "POST" else None,
        worker=item.worker,
        owners=_owners(item.worker, item.owner_id),
        with_notes=True,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        # Only what was changed goes to the service: an owner kept as they were is not checked again.
        changes = {
            name: value
            for name, value in form.cleaned_data.items()
            if (value.pk if isinstance(value, User) else value) != initial[name]
        }
        try:
            services.onboarding_item_update(item=item, by=request.user, **changes)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request,
                "Nothing had changed." if not changes else f"{form.cleaned_data['title']} is changed.",
            )
            return redirect("web:onboarding:checklist", worker=item.worker_id)
    context = {"item": item, "worker": item.worker, "form": form}
    return render_page(request, "web/onboarding/step_form.html", context, status=400 if form.errors else 200)


@workforce_page
def step_new(request: SignedInRequest, worker: int) -> HttpResponse:
    """A step for this worker only, added to their checklist (HR and the worker's line manager)."""
    found: PeerWorker = get_visible(  # type: ignore[assignment]
        PeerWorker.objects.select_related("user", "team", "line_manager"), request, worker
    )
    _managed(request, found)
    form = StepForm(request.POST if request.method == "POST" else None, worker=found, owners=_owners(found))
    if request.method == "POST" and form.is_valid():
        try:
            added = services.onboarding_item_add(worker=found, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"{added.title} is added to the checklist.")
            return redirect("web:onboarding:checklist", worker=found.pk)
    context = {"item": None, "worker": found, "form": form}
    return render_page(request, "web/onboarding/step_form.html", context, status=400 if form.errors else 200)


# --- a person's own steps -------------------------------------------------------------------------------


@tasks_page
def tasks(request: SignedInRequest) -> HttpResponse:
    """The steps this person owns and has still to do, overdue first; 25 a page."""
    mine = restrict(selectors.onboarding_item_list(), request.user).filter(
        owner=request.user, done_on__isnull=True, worker__status__in=CURRENT_STATUSES
    )
    pages = paginate(request, selectors.onboarding_items_in_order(mine, today=_today()))
    context = {"pages": pages, "is_hr": request.user.has_role(Role.HR)}
    return render_page(request, "web/onboarding/tasks.html", context)


# --- the template -----------------------------------------------------------------------------------


def when_due(days: int) -> str:
    """A template step's due date in words: "5 days before the start", "on the first day"."""
    if days == 0:
        return "On the first day"
    count = f"{abs(days)} day{'s' if abs(days) != 1 else ''}"
    return f"{count} before the start" if days < 0 else f"{count} after the start"


@hr_page
def template(request: SignedInRequest) -> HttpResponse:
    """The steps in use, in order, with up and down buttons; then the steps not in use."""
    steps = list(restrict(selectors.onboarding_template(), request.user))
    for step in steps:
        step.when = when_due(step.due_days)  # type: ignore[attr-defined]
    in_use = [step for step in steps if step.is_active]
    context = {"in_use": in_use, "not_in_use": [step for step in steps if not step.is_active]}
    return render_page(request, "web/onboarding/template.html", context)


def _template_step(request: SignedInRequest, pk: int) -> OnboardingTemplateItem:
    return get_visible(selectors.onboarding_template(), request, pk, "change")  # type: ignore[return-value]


@hr_page
def template_new(request: SignedInRequest) -> HttpResponse:
    form = TemplateStepForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            step = services.onboarding_template_item_create(by=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"{step.title} is added, last. New starters get it from now on.")
            return redirect("web:onboarding:template")
    return render_page(
        request,
        "web/onboarding/template_form.html",
        {"form": form, "step": None},
        status=400 if form.errors else 200,
    )


@hr_page
def template_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    step = _template_step(request, pk)
    form = TemplateStepForm(
        request.POST if request.method == "POST" else None, initial=TemplateStepForm.initial_for(step)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.onboarding_template_item_update(item=step, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request,
                f"{form.cleaned_data['title']} is changed. Checklists already made keep it as it was.",
            )
            return redirect("web:onboarding:template")
    return render_page(
        request,
        "web/onboarding/template_form.html",
        {"form": form, "step": step},
        status=400 if form.errors else 200,
    )


@require_POST
@hr_page
def template_move(request: SignedInRequest, pk: int) -> HttpResponse:
    """The up and down buttons: swap the step with its neighbour in use, and back to the list."""
    step = _template_step(request, pk)
    direction = request.POST.get("direction", "")
    try:
        services.onboarding_template_item_move(item=step, by=request.user, direction=direction)  # type: ignore[arg-type]
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{step.title} is moved {'up' if direction == 'up' else 'down'}.")
    return redirect(f"{reverse('web:onboarding:template')}#step-{step.pk}")


@hr_page
def template_deactivate(request: SignedInRequest, pk: int) -> HttpResponse:
    step = _template_step(request, pk)
    back = reverse("web:onboarding:template")
    if request.method != "POST" and not step.is_active:
        return redirect(back)
    return confirm_step(
        request,
        act=lambda: services.onboarding_template_item_deactivate(item=step, by=request.user),
        done=f"{step.title} is no longer given to new starters.",
        back=back,
        template="web/onboarding/template_deactivate.html",
        context={"step": step},
    )


@require_POST
@hr_page
def template_activate(request: SignedInRequest, pk: int) -> HttpResponse:
    step = _template_step(request, pk)
    try:
        services.onboarding_template_item_update(item=step, by=request.user, is_active=True)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{step.title} is in use again. New starters get it from now on.")
    return redirect("web:onboarding:template")


# --- the completion rate ------------------------------------------------------------------------------


@hr_page
def report(request: SignedInRequest) -> HttpResponse:
    """For workers who started in a period, by directorate: steps done by their due date, and
    checklists finished. HR's own figures, exact (they name directorates, not people)."""
    start, end = ReportForm().period()  # the last year, shown in the boxes until another is chosen
    form = ReportForm(request.GET if request.GET else None, initial={"start": start, "end": end})
    if form.is_bound:
        form.is_valid()
    start, end = form.period()
    figures = (
        selectors.onboarding_completion(start=start, end=end, today=_today()) if not form.errors else None
    )
    context = {"form": form, "figures": figures, "start": start, "end": end}
    return render_page(request, "web/onboarding/report.html", context, status=400 if form.errors else 200)
