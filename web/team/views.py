"""A line manager's and supervisor's pages, under /team/: what is due for the workers they look after,
one worker's record, and recording what happened (a supervision session, training, a competence
signed off, a progression review).

Every read goes through a peers selector and `restrict()`; every write is the peers service the API
calls, after the same checks the API makes (`check_may_record_session`, `check_may_record_training`,
`may_sign_off`, and for reviews the line manager's or HR's "change" on the worker). The wellness
plan and adjustments are never read here, and a session's notes only where `may_read_session_notes`
says so.
"""

from __future__ import annotations

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.errors import DomainError, NotPermitted
from accounts.models import User
from accounts.roles import Role
from accounts.visibility import may_create, restrict
from peers import selectors, services
from peers.models import PeerWorker, ProgressionReview, SupervisionSession, TrainingCourse
from peers.selectors import team as team_selectors
from peers.visibility import (
    check_may_record_session,
    check_may_record_training,
    check_may_write_session_notes,
    may_read_session_notes,
)
from web.forms import add_domain_error, add_validation_error
from web.pages import NotForYou, get_visible, page, render_page
from web.team.forms import NO, YES, ReviewForm, SessionForm, SignOffForm, TrainingForm
from web.templatetags.nhs import day


class SignedInRequest(HttpRequest):
    """A request that reached a page: the page decorator turned away anyone not signed in."""

    user: User  # type: ignore[assignment]


TEAM_ROLES = (Role.LINE_MANAGER, Role.SUPERVISOR)
team_page = page(
    roles=TEAM_ROLES, refusal="This page is for the line managers and supervisors of peer workers."
)
worker_page = page(
    roles=(*TEAM_ROLES, Role.HR),
    refusal="These pages are for the line managers and supervisors of peer workers, and for HR.",
)
SESSIONS_SHOWN = 20
NOT_REVIEWER = "Progression reviews are recorded by the worker's line manager or HR."
NOT_SIGNER = "Only the worker's supervisor or line manager can sign off their evidence."


# --- the team -------------------------------------------------------------------------------------


@team_page
def overview(request: SignedInRequest) -> HttpResponse:
    """Everyone the person manages or supervises, and what is due for them, in a fixed number of queries."""
    user, today = request.user, timezone.localdate()
    # Supervisors are not shown on this page; dropping their prefetch keeps the workers to one query.
    team = restrict(team_selectors.team_workers(user), user).prefetch_related(None)
    workers, overdue, soon = team_selectors.team_supervision(team, today=today)
    sessions = restrict(selectors.supervision_session_list(), user).filter(worker__in=team.values("pk"))
    context = {
        "workers": workers,
        "overdue": overdue,
        "soon": soon,
        "soon_days": team_selectors.SUPERVISION_SOON_DAYS,
        "expired": list(restrict(team_selectors.team_training_expired(team, today=today), user)),
        "expiring": list(restrict(team_selectors.team_training_expiring(team, today=today), user)),
        "training_days": team_selectors.TRAINING_SOON_DAYS,
        "waiting": list(restrict(team_selectors.team_evidence_waiting(team), user)),
        "reviews": team_selectors.progression_reviews_due(team, today=today),
        "review_days": team_selectors.REVIEW_SOON_DAYS,
        "probation": list(team_selectors.probation_reviews_due(team, today=today)),
        "probation_days": team_selectors.PROBATION_SOON_DAYS,
        "peer_led": team_selectors.peer_led_counts(
            sessions, start=today - relativedelta(months=12) + timedelta(days=1), end=today
        ),
        "today": today,
    }
    return render_page(request, "web/team/overview.html", context)


# --- one worker -----------------------------------------------------------------------------------


def _worker(request: SignedInRequest, pk: int, queryset: QuerySet[PeerWorker] | None = None) -> PeerWorker:
    """A current worker the person may see, never their own record (that is on their own pages)."""
    rows = queryset if queryset is not None else selectors.current_workers()
    return get_visible(rows.exclude(user=request.user), request, pk)  # type: ignore[return-value]


def _may(check, **kwargs) -> bool:
    try:
        check(**kwargs)
    except NotPermitted:
        return False
    return True


def _may_record_review(user: User, worker: PeerWorker) -> bool:
    """As the API's door: a role that may create reviews, and a worker they may change."""
    return may_create(user, ProgressionReview) and (
        restrict(PeerWorker.objects.filter(pk=worker.pk), user, "change").exists()
    )


def _onboarding_link(worker: PeerWorker) -> str:
    """The worker's onboarding checklist, once that page exists."""
    try:
        return reverse("web:onboarding:checklist", kwargs={"worker": worker.pk})
    except NoReverseMatch:
        return ""


@worker_page
def worker(request: SignedInRequest, pk: int) -> HttpResponse:
    """One worker's supervision, training, competences, progression and probation: not their
    wellbeing records, and a session's notes only for the two people in it and HR."""
    user, today = request.user, timezone.localdate()
    found = _worker(request, pk, selectors.supervision_due(selectors.worker_list()))
    sessions = list(
        restrict(selectors.supervision_session_list(), user).filter(worker=found)[: SESSIONS_SHOWN + 1]
    )
    for session in sessions:
        session.notes_shown = may_read_session_notes(user, session)  # type: ignore[attr-defined]
    soon = today + timedelta(days=team_selectors.TRAINING_SOON_DAYS)
    training = list(
        restrict(selectors.latest_training_records(), user)
        .filter(worker=found)
        .order_by("-course__mandatory", "course__name")
    )
    for record in training:
        expires = record.expires_on
        record.state = (  # type: ignore[attr-defined]
            "expired" if expires and expires < today else "expiring" if expires and expires <= soon else ""
        )
    evidence = list(restrict(selectors.competence_evidence_list(), user).filter(worker=found))
    context = {
        "worker": found,
        "kinds": team_selectors.kinds_due(found, today),
        "sessions": sessions[:SESSIONS_SHOWN],
        "more_sessions": len(sessions) > SESSIONS_SHOWN,
        "sessions_shown": SESSIONS_SHOWN,
        "training": training,
        "training_days": team_selectors.TRAINING_SOON_DAYS,
        "waiting": [row for row in evidence if not row.signed_off_by_id],
        "signed": [row for row in evidence if row.signed_off_by_id],
        "reviews": list(restrict(selectors.progression_review_list(), user).filter(worker=found)),
        "gaps": selectors.next_level_gaps(worker=found, today=today),
        "probation_soon": found.probation_review_date
        and found.probation_review_date <= today + timedelta(days=team_selectors.PROBATION_SOON_DAYS),
        "today": today,
        "onboarding": _onboarding_link(found),
        "in_team": user.has_role(*TEAM_ROLES),
        "may_record_session": _may(check_may_record_session, user=user, worker=found, supervisor=user),
        "may_record_training": _may(check_may_record_training, user=user, worker=found),
        "may_record_review": _may_record_review(user, found),
        "may_sign_off": services.may_sign_off(worker=found, user=user),
    }
    return render_page(request, "web/team/worker.html", context)


def _back(found: PeerWorker):
    return redirect("web:team:worker", pk=found.pk)


def _refused(form, exc: DomainError | ValidationError) -> int:
    """A service's refusal beside its field; the status to answer with."""
    if isinstance(exc, NotPermitted):
        raise NotForYou(exc.message)
    if isinstance(exc, DomainError):
        add_domain_error(form, exc)
        return exc.status_code
    add_validation_error(form, exc)
    return 400


# --- recording ------------------------------------------------------------------------------------


@worker_page
def session_new(request: SignedInRequest, pk: int) -> HttpResponse:
    """A supervision session the person recording it held: `check_may_record_session` as the API."""
    user = request.user
    found = _worker(request, pk)
    try:
        check_may_record_session(user=user, worker=found, supervisor=user)
    except NotPermitted as exc:
        raise NotForYou(exc.message) from None
    peer_worker = services.supervisor_is_peer_worker(user)
    form = SessionForm(
        request.POST if request.method == "POST" else None,
        initial={"peer_led": YES if peer_worker else NO, "status": SupervisionSession.Status.HELD},
        worker_name=found.user.display_name,
        peer_worker=peer_worker,
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            fields = form.for_service()
            try:
                if fields["notes"]:
                    check_may_write_session_notes(user, SupervisionSession(worker=found, supervisor=user))
                services.supervision_session_record(worker=found, supervisor=user, by=user, **fields)
            except (DomainError, ValidationError) as exc:
                status = _refused(form, exc)
            else:
                messages.success(request, f"The session with {found.user.display_name} is recorded.")
                return _back(found)
    return render_page(request, "web/team/session_form.html", {"worker": found, "form": form}, status=status)


@worker_page
def sign_off(request: SignedInRequest, pk: int, evidence_pk: int) -> HttpResponse:
    """Sign off one piece of evidence, after reading it: the worker's supervisor or line manager."""
    user = request.user
    found = _worker(request, pk)
    evidence = get_visible(selectors.competence_evidence_list().filter(worker=found), request, evidence_pk)
    if not services.may_sign_off(worker=found, user=user):
        raise NotForYou(NOT_SIGNER)
    if request.method != "POST" and evidence.signed_off_by_id:  # type: ignore[attr-defined]
        return _back(found)
    form = SignOffForm(
        request.POST if request.method == "POST" else None,
        initial={"signed_off_on": timezone.localdate()},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.competence_evidence_sign_off(
                    evidence=evidence,  # type: ignore[arg-type]
                    by=user,
                    signed_off_on=form.cleaned_data["signed_off_on"],
                )
            except DomainError as exc:
                status = _refused(form, exc)
            else:
                name = evidence.competence.name  # type: ignore[attr-defined]
                messages.success(request, f"{name} is signed off for {found.user.display_name}.")
                return _back(found)
    context = {"worker": found, "evidence": evidence, "form": form}
    return render_page(request, "web/team/sign_off.html", context, status=status)


@worker_page
def training_new(request: SignedInRequest, pk: int) -> HttpResponse:
    """A course the worker completed; the service works out when it runs out."""
    user = request.user
    found = _worker(request, pk)
    try:
        check_may_record_training(user=user, worker=found)
    except NotPermitted as exc:
        raise NotForYou(exc.message) from None
    courses = restrict(TrainingCourse.objects.filter(is_active=True), user).order_by("-mandatory", "name")
    form = TrainingForm(request.POST if request.method == "POST" else None, courses=courses)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                record = services.training_record_create(
                    worker=found,
                    course=data["course"],
                    completed_on=data["completed_on"],
                    evidence_reference=data["evidence_reference"],
                    by=user,
                )
            except (DomainError, ValidationError) as exc:
                status = _refused(form, exc)
            else:
                runs_out = (
                    f"It runs out on {day(record.expires_on)}."
                    if record.expires_on
                    else "It does not run out."
                )
                messages.success(
                    request, f"{record.course.name} is recorded for {found.user.display_name}. {runs_out}"
                )
                return _back(found)
    return render_page(request, "web/team/training_form.html", {"worker": found, "form": form}, status=status)


@worker_page
def review_new(request: SignedInRequest, pk: int) -> HttpResponse:
    """A progression review the person held: their line manager or HR, as the API allows."""
    user = request.user
    found = _worker(request, pk)
    if not _may_record_review(user, found):
        raise NotForYou(NOT_REVIEWER)
    form = ReviewForm(
        request.POST if request.method == "POST" else None, initial={"reviewed_on": timezone.localdate()}
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.progression_review_record(
                    worker=found,
                    reviewer=user,
                    reviewed_on=data["reviewed_on"],
                    outcome=data["outcome"],
                    notes=data["notes"],
                    next_review_on=data["next_review_on"],
                    by=user,
                )
            except (DomainError, ValidationError) as exc:
                status = _refused(form, exc)
            else:
                messages.success(
                    request, f"The progression review for {found.user.display_name} is recorded."
                )
                return _back(found)
    return render_page(request, "web/team/review_form.html", {"worker": found, "form": form}, status=status)
