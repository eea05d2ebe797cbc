"""Vacancies for HR and hiring managers: the list; a new vacancy with its stages from a template,
changing it, opening, closing and withdrawing it; the criteria panels score on; the pipeline board,
where each application moves to one of the stages allowed from where it is; an application's page
(its details, stage history and the adjustments asked for, with their decisions), and a paper
application entered by HR.

Who sees what is recruitment.visibility's: HR sees and runs everything; a hiring manager sees the
vacancies they hire for and everything under them, moves applications and decides adjustments, and
edits the criteria, but does not change the vacancy itself. Anyone else with the role sees no rows
(404). Every write is a recruitment service, so when one refuses, its words appear beside the field
it is about, and nothing is written. Equality monitoring answers are taken with a paper application
and never shown again.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from accounts.errors import DomainError
from accounts.models import User
from accounts.roles import Role
from accounts.selectors import team_list
from accounts.services import access_log_record
from accounts.visibility import Action, may_create, restrict
from involvement.models import Participant, PartnerOrganisation
from peers.models import PathwayLevel
from recruitment import selectors, services
from recruitment.models import AdjustmentRequest, Application, Criterion, PipelineTemplate, Vacancy
from recruitment.visibility import sees_applicant_details
from web.forms import add_domain_error, add_validation_error
from web.pages import NotForYou, confirm_step, get_visible, page, render_page
from web.paging import paginate
from web.recruitment.hiring.summary import for_application
from web.recruitment.vacancies.forms import (
    FROM_BOARD,
    AdjustmentDecisionForm,
    CriterionForm,
    MoveForm,
    NewVacancyForm,
    PaperApplicationForm,
    VacancyFilterForm,
    VacancyForm,
)

Status = Vacancy.Status
RECRUITERS = (Role.HR, Role.LINE_MANAGER)
vacancies_page = page(roles=RECRUITERS, refusal="These pages are for HR and hiring managers.")
HR_ONLY = "Only HR can do this; the hiring manager can see it."
STILL_CHANGING = (Status.DRAFT, Status.OPEN, Status.CLOSED)


class SignedInRequest(HttpRequest):
    """A request that reached a page: `vacancies_page` has turned away anyone not signed in."""

    user: User  # type: ignore[assignment]


def _vacancy(request: SignedInRequest, pk: int, action: Action = "view") -> Vacancy:
    """The vacancy with its counts, stages and criteria, or the 404 page (403 if seen but not `action`)."""
    rows = selectors.vacancy_list().select_related("template").prefetch_related("stages", "criteria")
    return get_visible(rows, request, pk, action)  # type: ignore[return-value]


def _may(request: SignedInRequest, queryset: QuerySet, action: Action) -> bool:
    return restrict(queryset, request.user, action).exists()


def _status(vacancy: Vacancy) -> str:
    return vacancy.get_status_display().lower()


# --- the list ----------------------------------------------------------------------------------------


@vacancies_page
def vacancy_list(request: SignedInRequest) -> HttpResponse:
    """The vacancies the person may see, newest first, 25 a page, filtered by status."""
    form = VacancyFilterForm(request.GET)
    form.is_valid()
    rows = restrict(selectors.vacancy_list(), request.user)
    if form.status_wanted():
        rows = rows.filter(status=form.status_wanted())
    pages = paginate(request, rows)
    context = {
        "form": form,
        "pages": pages,
        "filtered": bool(form.status_wanted()),
        "may_create": may_create(request.user, Vacancy),
    }
    return render_page(
        request, "web/recruitment/vacancies/list.html", context, status=400 if form.errors else 200
    )


# --- making and changing a vacancy -------------------------------------------------------------------


def _choices(request: SignedInRequest, vacancy: Vacancy | None = None) -> dict:
    """The form's lists: teams, the staff who may be hiring manager, active levels, and whatever the
    vacancy already has."""
    keep_manager = vacancy.hiring_manager_id if vacancy else None
    keep_level = vacancy.level_id if vacancy else None
    managers = (
        User.objects.filter(
            Q(is_active=True, groups__name__in=[Role.LINE_MANAGER, Role.HR]) | Q(pk=keep_manager)
        )
        .distinct()
        .order_by("first_name", "last_name", "email", "pk")
    )
    return {
        "teams": restrict(team_list(), request.user).order_by("name"),
        "managers": restrict(managers, request.user),
        "levels": restrict(PathwayLevel.objects.filter(Q(is_active=True) | Q(pk=keep_level)), request.user),
    }


def _show_refusal(form, exc: DomainError | ValidationError, fields: dict[str, str]) -> None:
    """A service's refusal beside the form's field for it."""
    if isinstance(exc, DomainError):
        add_domain_error(form, exc, fields=fields)
        return
    if hasattr(exc, "error_dict"):
        exc = ValidationError({fields.get(name, name): found for name, found in exc.message_dict.items()})
    add_validation_error(form, exc)


@vacancies_page
def vacancy_new(request: SignedInRequest) -> HttpResponse:
    """A new vacancy, a draft: its stages are copied from the template chosen."""
    if not may_create(request.user, Vacancy):
        raise NotForYou("Only HR can create a vacancy.")
    templates = restrict(PipelineTemplate.objects.prefetch_related("stages"), request.user).order_by(
        "-is_default", "name"
    )
    default = next((t.pk for t in templates if t.is_default), None)
    form = NewVacancyForm(
        request.POST if request.method == "POST" else None,
        templates=templates,
        initial={**VacancyForm.initial_new(), "template": default},
        **_choices(request),
    )
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = services.vacancy_create(
                by=request.user, template=form.cleaned_data["template"], **form.fields_for_service()
            )
        except (DomainError, ValidationError) as exc:
            _show_refusal(form, exc, VacancyForm.FIELDS)
        else:
            messages.success(
                request,
                f"{vacancy.title} is saved as a draft, with its stages. Add the criteria, then open it "
                "for applications.",
            )
            return redirect("web:recruitment:vacancies-detail", pk=vacancy.pk)
    return render_page(
        request, "web/recruitment/vacancies/form.html", {"form": form}, status=400 if form.errors else 200
    )


@vacancies_page
def vacancy_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    vacancy = _vacancy(request, pk, "change")
    if request.method != "POST" and vacancy.status not in STILL_CHANGING:
        return redirect("web:recruitment:vacancies-detail", pk=pk)  # filled or withdrawn: it cannot change
    form = VacancyForm(
        request.POST if request.method == "POST" else None,
        initial=VacancyForm.initial_for(vacancy),
        vacancy=vacancy,
        **_choices(request, vacancy),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_update(vacancy=vacancy, by=request.user, **form.fields_for_service())
        except (DomainError, ValidationError) as exc:
            _show_refusal(form, exc, VacancyForm.FIELDS)
        else:
            messages.success(request, "Your changes are saved.")
            return redirect("web:recruitment:vacancies-detail", pk=pk)
    context = {"form": form, "vacancy": vacancy}
    return render_page(
        request, "web/recruitment/vacancies/form.html", context, status=400 if form.errors else 200
    )


# --- one vacancy -------------------------------------------------------------------------------------


@vacancies_page
def vacancy_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    vacancy = _vacancy(request, pk)
    user = request.user
    may_change = _may(request, Vacancy.objects.filter(pk=pk), "change")
    context = {
        "vacancy": vacancy,
        "stages": list(vacancy.stages.all()),
        "criteria": list(vacancy.criteria.all()),
        "may_change": may_change,
        "changeable": may_change and vacancy.status in STILL_CHANGING,
        "may_add_application": may_create(user, Application) and vacancy.status == Status.OPEN,
        "may_edit_criteria": may_create(user, Criterion),
    }
    return render_page(request, "web/recruitment/vacancies/detail.html", context)


# What each step's page says: its question, what will happen, the button, and the link to leave it.
STEPS: dict[str, dict[str, Any]] = {
    "open": {
        "heading": "Open it for applications?",
        "happens": [
            "Applications can be added until the closing date and time.",
            "It closes by itself at the closing time; you can also close it sooner.",
        ],
        "warning": "Once it is open, it cannot go back to being a draft. You can still withdraw it.",
        "button": "Open for applications",
        "keep": "Keep it as a draft",
        "done": "{title} is open for applications.",
        "allowed": {Status.DRAFT},
        "service": services.vacancy_open,
    },
    "close": {
        "heading": "Close it to applications now?",
        "happens": [
            "No more applications can be added.",
            "The applications already made carry on through the stages.",
        ],
        "warning": "A closed vacancy cannot be opened again.",
        "button": "Close to applications",
        "keep": "Keep it open",
        "done": "{title} is closed to applications.",
        "allowed": {Status.OPEN},
        "service": services.vacancy_close,
    },
    "withdraw": {
        "heading": "Withdraw the vacancy?",
        "happens": [
            "It will not be filled, and no more applications can be added.",
            "Its applications, their history and adjustments are kept for the record.",
        ],
        "warning": "A withdrawn vacancy cannot be opened again or changed.",
        "button": "Withdraw the vacancy",
        "danger": True,
        "keep": "Keep the vacancy",
        "done": "{title} is withdrawn.",
        "allowed": {Status.DRAFT, Status.OPEN, Status.CLOSED},
        "service": services.vacancy_withdraw,
    },
}


def _step(request: SignedInRequest, pk: int, name: str) -> HttpResponse:
    """A step that cannot be undone: the page says what will happen, the button does it. A page
    opened when the step is not one the vacancy can take goes back to the vacancy."""
    step = STEPS[name]
    vacancy = _vacancy(request, pk, "change")
    if request.method != "POST" and vacancy.status not in step["allowed"]:
        return redirect("web:recruitment:vacancies-detail", pk=pk)
    return confirm_step(
        request,
        act=lambda: step["service"](vacancy=vacancy, by=request.user),
        done=step["done"].format(title=vacancy.title),
        back=reverse("web:recruitment:vacancies-detail", kwargs={"pk": pk}),
        template="web/recruitment/vacancies/step.html",
        context={"vacancy": vacancy, "step": step},
    )


@vacancies_page
def vacancy_open(request: SignedInRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "open")


@vacancies_page
def vacancy_close(request: SignedInRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "close")


@vacancies_page
def vacancy_withdraw(request: SignedInRequest, pk: int) -> HttpResponse:
    return _step(request, pk, "withdraw")


# --- criteria ----------------------------------------------------------------------------------------


def _criteria(request: SignedInRequest, vacancy: Vacancy, action: Action = "view") -> QuerySet[Criterion]:
    return restrict(Criterion.objects.filter(vacancy=vacancy), request.user, action)


@vacancies_page
def criteria(request: SignedInRequest, pk: int) -> HttpResponse:
    """What the panel scores every candidate on: the list, and a form to add one."""
    vacancy = _vacancy(request, pk)
    may_add = may_create(request.user, Criterion)
    if request.method == "POST" and not may_add:
        raise NotForYou(HR_ONLY)
    form = CriterionForm(request.POST if request.method == "POST" else None, initial={"max_score": 5})
    if request.method == "POST" and form.is_valid():
        try:
            made = services.criterion_create(vacancy=vacancy, by=request.user, **form.cleaned_data)
        except (DomainError, ValidationError) as exc:
            _show_refusal(form, exc, {})
        else:
            messages.success(request, f"“{made.name}” is added to the criteria.")
            return redirect("web:recruitment:vacancies-criteria", pk=pk)
    rows = list(_criteria(request, vacancy))
    context = {
        "vacancy": vacancy,
        "criteria": rows,
        "form": form,
        "may_add": may_add,
        "may_change": _may(request, Criterion.objects.filter(vacancy=vacancy), "change"),
    }
    return render_page(
        request, "web/recruitment/vacancies/criteria.html", context, status=400 if form.errors else 200
    )


@vacancies_page
def criterion_edit(request: SignedInRequest, pk: int, criterion_pk: int) -> HttpResponse:
    vacancy = _vacancy(request, pk)
    criterion: Criterion = get_visible(  # type: ignore[assignment]
        Criterion.objects.filter(vacancy=vacancy), request, criterion_pk, "change"
    )
    form = CriterionForm(
        request.POST if request.method == "POST" else None, initial=CriterionForm.initial_for(criterion)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_update(criterion=criterion, by=request.user, **form.cleaned_data)
        except (DomainError, ValidationError) as exc:
            _show_refusal(form, exc, {})
        else:
            messages.success(request, "Your changes to the criterion are saved.")
            return redirect("web:recruitment:vacancies-criteria", pk=pk)
    context = {"vacancy": vacancy, "criterion": criterion, "form": form}
    return render_page(
        request, "web/recruitment/vacancies/criterion.html", context, status=400 if form.errors else 200
    )


@vacancies_page
def criterion_remove(request: SignedInRequest, pk: int, criterion_pk: int) -> HttpResponse:
    vacancy = _vacancy(request, pk)
    # As the API: the hiring manager may remove a criterion as well as change it.
    criterion: Criterion = get_visible(  # type: ignore[assignment]
        Criterion.objects.filter(vacancy=vacancy), request, criterion_pk, "change"
    )
    return confirm_step(
        request,
        act=lambda: services.criterion_delete(criterion=criterion, by=request.user),
        done=f"“{criterion.name}” is removed from the criteria.",
        back=reverse("web:recruitment:vacancies-criteria", kwargs={"pk": pk}),
        template="web/recruitment/vacancies/criterion_remove.html",
        context={"vacancy": vacancy, "criterion": criterion},
    )


# --- the pipeline board ------------------------------------------------------------------------------


def _with_moves(vacancy: Vacancy, applications) -> None:
    """Give each application the stages it may move to. The vacancy, with its stages, is already in
    memory, so this asks no query however many applications there are."""
    now = timezone.now()
    for application in applications:
        application.vacancy = vacancy
        application.next_stages = services.allowed_moves(application=application)
        application.days_in_stage = max((now - application.stage_entered_at).days, 0)


@vacancies_page
def board(request: SignedInRequest, pk: int) -> HttpResponse:
    """Each stage in order with its applications as cards; each card can move to an allowed stage."""
    vacancy = _vacancy(request, pk)
    visible = restrict(Application.objects.all(), request.user, "view")
    stages = list(selectors.pipeline_stages(vacancy=vacancy, applications=visible))
    total = 0
    for stage in stages:
        cards: list[Application] = stage.cards  # type: ignore[attr-defined]
        _with_moves(vacancy, cards)
        total += len(cards)
    context = {
        "vacancy": vacancy,
        "stages": stages,
        "total": total,
        "may_move": _may(request, Application.objects.filter(vacancy=vacancy), "change"),
        "from_board": FROM_BOARD,
    }
    return render_page(request, "web/recruitment/vacancies/board.html", context)


# --- one application ---------------------------------------------------------------------------------


def _application(request: SignedInRequest, vacancy: Vacancy, pk: int, action: Action = "view") -> Application:
    application: Application = get_visible(  # type: ignore[assignment]
        selectors.application_list().filter(vacancy=vacancy), request, pk, action
    )
    _with_moves(vacancy, [application])
    return application


def _move_form(request: SignedInRequest, vacancy: Vacancy, application: Application) -> MoveForm:
    return MoveForm(
        request.POST if request.method == "POST" else None,
        stages=vacancy.stages.all(),
        allowed=application.next_stages,  # type: ignore[attr-defined]
    )


@vacancies_page
def application_detail(request: SignedInRequest, pk: int, application_pk: int) -> HttpResponse:
    """The applicant's details (for those who may see them), where they are, how they got there,
    and the adjustments they asked for with their decisions. Never their equality answers."""
    vacancy = _vacancy(request, pk)
    application = _application(request, vacancy, application_pk)
    user = request.user
    adjustments = list(restrict(AdjustmentRequest.objects.filter(application=application), user))
    if adjustments:  # they often say something about the person's health: each read is logged
        access_log_record(user=user, records=adjustments, action="read", path=request.path)
    context = {
        "vacancy": vacancy,
        "application": application,
        "sees_details": sees_applicant_details(user, application),
        "history": restrict(selectors.stage_move_list(), user)
        .filter(application=application)
        .order_by("at", "pk"),
        "adjustments": adjustments,
        "may_move": _may(request, Application.objects.filter(pk=application.pk), "change"),
        "may_decide": _may(request, AdjustmentRequest.objects.filter(application=application), "change"),
        "form": _move_form(request, vacancy, application),
        "hiring": for_application(request, application),
    }
    return render_page(request, "web/recruitment/vacancies/application.html", context)


@vacancies_page
def application_move(request: SignedInRequest, pk: int, application_pk: int) -> HttpResponse:
    """Move an application to another stage (from the board or its page); rejecting needs a reason.
    A refusal shows this page, with the stage chosen and the service's words."""
    vacancy = _vacancy(request, pk)
    application = _application(request, vacancy, application_pk, "change")
    form = _move_form(request, vacancy, application)
    if request.method == "POST" and form.is_valid():
        to_stage = form.cleaned_data["to_stage"]
        try:
            services.application_advance(
                application=application,
                to_stage=to_stage,
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"{application.applicant_name} is moved to {to_stage.name}.")
            if form.from_board():
                return redirect(
                    reverse("web:recruitment:vacancies-board", kwargs={"pk": pk}) + f"#stage-{to_stage.pk}"
                )
            return redirect("web:recruitment:vacancies-application", pk=pk, application_pk=application.pk)
    context = {"vacancy": vacancy, "application": application, "form": form}
    return render_page(
        request, "web/recruitment/vacancies/move.html", context, status=400 if form.errors else 200
    )


@vacancies_page
def adjustment_decide(
    request: SignedInRequest, pk: int, application_pk: int, adjustment_pk: int
) -> HttpResponse:
    """Record whether an adjustment asked for was provided; not provided needs a note saying why."""
    vacancy = _vacancy(request, pk)
    application = _application(request, vacancy, application_pk)
    adjustment: AdjustmentRequest = get_visible(  # type: ignore[assignment]
        AdjustmentRequest.objects.filter(application=application), request, adjustment_pk, "change"
    )
    initial = {"note": adjustment.note}
    if adjustment.provided is not None:
        initial["provided"] = "yes" if adjustment.provided else "no"
    form = AdjustmentDecisionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        provided = form.cleaned_data["provided"] == "yes"
        try:
            services.adjustment_decide(
                adjustment=adjustment, provided=provided, by=request.user, note=form.cleaned_data["note"]
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "The decision on the adjustment is saved.")
            return redirect("web:recruitment:vacancies-application", pk=pk, application_pk=application.pk)
    access_log_record(user=request.user, records=[adjustment], action="read", path=request.path)
    context = {"vacancy": vacancy, "application": application, "adjustment": adjustment, "form": form}
    return render_page(
        request, "web/recruitment/vacancies/adjustment.html", context, status=400 if form.errors else 200
    )


@vacancies_page
def application_new(request: SignedInRequest, pk: int) -> HttpResponse:
    """HR enters an application that came on paper (or by phone, or by email): the applicant's
    details, how they came, the adjustments they ask for, and the equality monitoring answers from
    the separate sheet, stored apart and never shown again."""
    vacancy = _vacancy(request, pk)
    if not may_create(request.user, Application):
        raise NotForYou("Only HR can add an application; the hiring manager can see them on the board.")
    if request.method != "POST" and vacancy.status != Status.OPEN:
        return redirect("web:recruitment:vacancies-detail", pk=pk)  # only an open vacancy takes them
    partners = restrict(PartnerOrganisation.objects.all(), request.user).order_by("name")
    form = PaperApplicationForm(request.POST if request.method == "POST" else None, partners=partners)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        participant = None
        if data["participant"] is not None:
            # As the API: HR names a register entry by its number, without browsing the register.
            participant = Participant.objects.filter(pk=data["participant"]).first()
            if participant is None:
                form.add_error("participant", "No one on the involvement register has that number")
        if not form.errors:
            try:
                made = services.application_create(
                    vacancy=vacancy,
                    by=request.user,
                    applicant_name=data["applicant_name"],
                    email=data["email"],
                    phone=data["phone"],
                    source=data["source"],
                    participant=participant,
                    referred_by=data["referred_by"],
                    supporting_statement=data["supporting_statement"],
                    adjustments=form.adjustment_lines(),
                    equality={name: data[name] for name in form.EQUALITY},
                )
            except (DomainError, ValidationError) as exc:
                _show_refusal(form, exc, PaperApplicationForm.FIELDS)
            else:
                messages.success(
                    request, f"The application from {made.applicant_name} is added at {made.stage.name}."
                )
                return redirect("web:recruitment:vacancies-application", pk=pk, application_pk=made.pk)
    context = {"vacancy": vacancy, "form": form}
    return render_page(
        request, "web/recruitment/vacancies/application_new.html", context, status=400 if form.errors else 200
    )
