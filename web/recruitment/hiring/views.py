"""Hiring, for HR, hiring managers and interview panels: one application's interviews, offer, checks and
hire; scheduling an interview with its panel, changing or cancelling it, and recording the outcome;
each panel member's scores (their own, or HR typing in a register member's paper sheet); the
interviews a person sits on; making an offer and recording the answer or withdrawing it; the six
pre-employment checks; and the hire.

Every read goes through a recruitment selector and `restrict()`; every write is the recruitment
service the API calls, so the rules (a panel with lived experience and the register's consent, the
score's range, posts left, clear checks) live there: when a service refuses, its words appear
beside the field they are about, or in the error summary, and nothing is written.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from accounts.errors import DomainError, NotPermitted
from accounts.selectors import user_list
from accounts.services import access_log_record
from accounts.visibility import may_create, restrict
from recruitment import selectors, services
from recruitment.errors import RecruitmentError
from recruitment.models import Application, Interview, Offer, PanelMember, PreEmploymentCheck
from recruitment.visibility import check_may_hire, scoring_seat
from web.forms import add_domain_error, add_validation_error, error_summary
from web.pages import NotForYou, confirm_step, get_visible, render_page
from web.paging import paginate
from web.recruitment.hiring.common import (
    SignedInRequest,
    application_href,
    hiring_page,
    hr_page,
    hub_href,
    panel_page,
)
from web.recruitment.hiring.forms import (
    OFFER_ANSWERS,
    CancelInterviewForm,
    CheckForm,
    HireForm,
    InterviewForm,
    InterviewTimeForm,
    OfferAnswerForm,
    OfferForm,
    OutcomeForm,
    ScoreForm,
)
from web.recruitment.hiring.summary import for_application, interview_row, seat_name, standard_order

# A service's field, and the form field that shows its refusal (None: the error summary only).
TIME_FIELDS = {"starts_at": "start_time", "ends_at": "end_time"}


def _status(form_or_error) -> int:
    return 400 if form_or_error else 200


def _application(request: SignedInRequest, pk: int, action="view") -> Application:
    return get_visible(selectors.application_list(), request, pk, action)  # type: ignore[return-value]


def _interview(request: SignedInRequest, pk: int, action="view") -> Interview:
    return get_visible(selectors.interview_panels(), request, pk, action)  # type: ignore[return-value]


def _show_refusal(form, exc: DomainError | ValidationError, *, seats: list[str] | None = None) -> None:
    """A service's refusal beside the form's field for it: the times for when it is, the input that
    named a panel member for a refusal about their seat, the first panel input for the panel."""
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            for name, found in exc.message_dict.items():
                target = TIME_FIELDS.get(name, name)
                form.add_error(target if target in form.fields else None, found)
        else:
            add_validation_error(form, exc)
        return
    fields = dict(TIME_FIELDS)
    if seats is not None:
        seat = getattr(exc, "seat", None)
        fields["panel"] = seats[seat] if seat is not None and seat < len(seats) else "register_1"
    add_domain_error(form, exc, fields=fields)


# --- one application's hiring ------------------------------------------------------------------------


@hiring_page
def application(request: SignedInRequest, pk: int) -> HttpResponse:
    """Interviews, the offer, the checks and the hire for one application, on one page."""
    found = _application(request, pk)
    context = {
        "application": found,
        "whole": application_href(found),
        "has_own_page": application_href(found) != hub_href(pk),
        "hiring": for_application(request, found),
    }
    return render_page(request, "web/recruitment/hiring/application.html", context)


# --- interviews -------------------------------------------------------------------------------------


@hiring_page
def interview_schedule(request: SignedInRequest, pk: int) -> HttpResponse:
    """A new interview: when and where, and its panel of staff and register members."""
    found = _application(request, pk, "change")
    if not may_create(request.user, Interview):
        raise NotForYou("Only HR and the vacancy's hiring manager schedule interviews.")
    form = InterviewForm(
        request.POST if request.method == "POST" else None, staff=selectors.panel_staff_choices()
    )
    if request.method == "POST" and form.is_valid():
        seats, names = form.seats()
        try:
            made = services.interview_schedule(
                application=found, panel=seats, by=request.user, **form.fields_for_service()
            )
        except (DomainError, ValidationError) as exc:
            _show_refusal(form, exc, seats=names)
        else:
            register = [seat["participant"] for seat in seats if "participant" in seat]
            if register:  # a register entry found by its contact details is a read of the register
                access_log_record(user=request.user, records=register, action="read", path=request.path)
            messages.success(
                request,
                f"The interview is scheduled for {found.applicant_name}. "
                "Panel members can record their scores on the interview's page.",
            )
            return redirect("web:recruitment:hiring-interview", pk=made.pk)
    context = {"application": found, "form": form, "back": application_href(found)}
    return render_page(
        request, "web/recruitment/hiring/interview_form.html", context, status=_status(form.errors)
    )


@panel_page
def interview_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    """The interview as the person sees it: when and where, the panel, the criteria, adjustments
    asked for, and the scores they may see (a panel member only their own)."""
    interview = _interview(request, pk)
    user = request.user
    may_change = restrict(Interview.objects.filter(pk=pk), user, "change").exists()
    hr = may_create(user, Offer)
    row = interview_row(interview, user, may_change=may_change, hr=hr)
    criteria = list(interview.application.vacancy.criteria.all())
    adjustments = list(interview.application.adjustments.all())
    if adjustments:  # they often say something about the person's health: each read is logged
        access_log_record(user=user, records=adjustments, action="read", path=request.path)
    shown = list(restrict(selectors.score_list(), user).filter(interview=interview))
    by_seat: dict[int, dict[int, object]] = {}
    for score in shown:
        by_seat.setdefault(score.panel_member_id, {})[score.criterion_id] = score
    sheets = []
    for seat in row.seats:
        if seat.member.pk not in by_seat and not (seat.mine or row.sees_all_scores):
            continue
        got = by_seat.get(seat.member.pk, {})
        lines = [(criterion, got.get(criterion.pk)) for criterion in criteria]
        total = sum(score.score for _, score in lines if score is not None)  # type: ignore[attr-defined]
        sheets.append({"seat": seat, "lines": lines, "total": total, "any": bool(got)})
    context = {
        "interview": interview,
        "application": interview.application,
        "row": row,
        "criteria": criteria,
        "adjustments": adjustments,
        "out_of": sum(criterion.max_score for criterion in criteria),
        "sheets": sheets,
        "pending": interview.outcome == Interview.Outcome.PENDING,
        "started": interview.starts_at <= timezone.now(),
        "back": application_href(interview.application)
        if may_change
        else reverse("web:recruitment:hiring-mine"),
        "back_label": "Back to the application" if may_change else "Back to interviews I sit on",
    }
    return render_page(request, "web/recruitment/hiring/interview.html", context)


@hiring_page
def interview_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    """Move the time or the place (the panel stays: cancel and schedule again to change it)."""
    interview = _interview(request, pk, "change")
    if request.method != "POST" and interview.outcome != Interview.Outcome.PENDING:
        return redirect("web:recruitment:hiring-interview", pk=pk)
    form = InterviewTimeForm(
        request.POST if request.method == "POST" else None, initial=InterviewTimeForm.initial_for(interview)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.interview_update(interview=interview, by=request.user, **form.fields_for_service())
        except (DomainError, ValidationError) as exc:
            _show_refusal(form, exc)
        else:
            messages.success(request, "Your changes are saved. Tell the candidate and the panel yourself.")
            return redirect("web:recruitment:hiring-interview", pk=pk)
    context = {
        "interview": interview,
        "application": interview.application,
        "form": form,
        "back": reverse("web:recruitment:hiring-interview", kwargs={"pk": pk}),
    }
    return render_page(
        request, "web/recruitment/hiring/interview_form.html", context, status=_status(form.errors)
    )


@hiring_page
def interview_cancel(request: SignedInRequest, pk: int) -> HttpResponse:
    interview = _interview(request, pk, "change")
    if request.method != "POST" and interview.outcome != Interview.Outcome.PENDING:
        return redirect("web:recruitment:hiring-interview", pk=pk)
    form = CancelInterviewForm(request.POST if request.method == "POST" else None)
    back = application_href(interview.application)
    if request.method == "POST" and form.is_valid():
        try:
            services.interview_cancel(
                interview=interview,
                by=request.user,
                reason=form.cleaned_data["reason"] or "Interview cancelled",
            )
        except DomainError as exc:
            add_domain_error(form, exc, fields={"outcome": "reason"})
        else:
            messages.success(
                request, f"The interview with {interview.application.applicant_name} is cancelled."
            )
            return redirect(back)
    context = {
        "interview": interview,
        "application": interview.application,
        "form": form,
        "register_seats": [m for m in interview.panel.all() if m.participant_id],
    }
    return render_page(
        request, "web/recruitment/hiring/interview_cancel.html", context, status=_status(form.errors)
    )


@hiring_page
def interview_outcome(request: SignedInRequest, pk: int) -> HttpResponse:
    """Appointable or not. Register members on the panel are recorded as attended, and their claim
    for the panel is made, in the same step."""
    interview = _interview(request, pk, "change")
    if request.method != "POST" and interview.outcome != Interview.Outcome.PENDING:
        return redirect("web:recruitment:hiring-interview", pk=pk)
    form = OutcomeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.interview_record_outcome(
                interview=interview,
                outcome=form.cleaned_data["outcome"],
                notes=form.cleaned_data["notes"],
                by=request.user,
            )
        except DomainError as exc:
            add_domain_error(form, exc, fields={"outcome_notes": "notes"})
        else:
            decided = "appointable" if form.cleaned_data["outcome"] == "appointable" else "not appointable"
            messages.success(
                request,
                f"The outcome is recorded: {interview.application.applicant_name} is {decided}. "
                "The scores can no longer change.",
            )
            return redirect("web:recruitment:hiring-interview", pk=pk)
    row = interview_row(interview, request.user, may_change=True, hr=may_create(request.user, Offer))
    context = {
        "interview": interview,
        "application": interview.application,
        "form": form,
        "row": row,
        "unscored": [seat for seat in row.seats if not seat.scores_done],
        "paid": [seat for seat in row.seats if seat.on_register],
    }
    return render_page(request, "web/recruitment/hiring/outcome.html", context, status=_status(form.errors))


# --- scores -----------------------------------------------------------------------------------------


@panel_page
def scores(request: SignedInRequest, pk: int, seat: int | None = None) -> HttpResponse:
    """One panel member's scores for one interview: a score and a note per criterion, saved all
    together or, when the service refuses one, none. A panel member records their own; HR records a
    register member's from their paper sheet when the person has no login."""
    interview = _interview(request, pk)
    asked: PanelMember | None = None
    if seat is not None:
        asked = next((member for member in interview.panel.all() if member.pk == seat), None)
        if asked is None:
            raise Http404
    try:
        member = scoring_seat(interview=interview, user=request.user, asked=asked)
    except RecruitmentError as exc:
        raise NotForYou(exc.message) from exc
    if asked is not None and member != asked:  # only HR records for someone else, from their sheet
        raise NotForYou("You record your own scores only.")
    criteria = list(interview.application.vacancy.criteria.all())
    recorded = {
        score.criterion_id: score
        for score in restrict(selectors.score_list(), request.user).filter(panel_member=member)
    }
    data = request.POST if request.method == "POST" else None
    rows = [
        ScoreForm(
            data,
            prefix=f"c{criterion.pk}",
            criterion=criterion,
            initial={"score": recorded[criterion.pk].score, "comment": recorded[criterion.pk].comment}
            if criterion.pk in recorded
            else {},
        )
        for criterion in criteria
    ]
    pending = interview.outcome == Interview.Outcome.PENDING
    mine = member.user_id == request.user.pk or (
        member.participant is not None and member.participant.user_id == request.user.pk
    )
    checked = [row.is_valid() for row in rows]  # every row, so every mistake shows at once
    if data is not None and criteria and all(checked):
        changed = [row for row in rows if row.has_changed() or row.criterion.pk not in recorded]
        refused = False
        with transaction.atomic():
            for row in changed:
                try:
                    services.score_record(
                        interview=interview,
                        panel_member=member,
                        criterion=row.criterion,
                        score=row.cleaned_data["score"],
                        comment=row.cleaned_data["comment"],
                        by=request.user,
                    )
                except DomainError as exc:
                    add_domain_error(row, exc)
                    refused = True
            if refused:
                transaction.set_rollback(True)  # all the sheet or none of it
        if not refused:
            messages.success(
                request, "Your scores are saved." if mine else f"{seat_name(member)}'s scores are saved."
            )
            return redirect("web:recruitment:hiring-interview", pk=pk)
    errors = error_summary(*rows) if data is not None else []
    context = {
        "interview": interview,
        "application": interview.application,
        "member": member,
        "name": seat_name(member),
        "mine": mine,
        "rows": rows,
        "errors": errors,
        "pending": pending,
        "recorded": recorded,
    }
    return render_page(request, "web/recruitment/hiring/scores.html", context, status=_status(errors))


@panel_page
def mine(request: SignedInRequest) -> HttpResponse:
    """The interviews the person sits on, those still to be decided first, with their scores so far."""
    rows = restrict(selectors.interviews_sat_on(request.user), request.user)
    pages = paginate(request, rows)
    return render_page(request, "web/recruitment/hiring/mine.html", {"pages": pages, "now": timezone.now()})


# --- offers -----------------------------------------------------------------------------------------


@hr_page
def offer_make(request: SignedInRequest, pk: int) -> HttpResponse:
    """The offer: start date and salary. The service makes sure there is a post left, even when
    another offer for the last one is being made at the same moment."""
    found = _application(request, pk, "change")
    if not may_create(request.user, Offer):
        raise NotForYou("Only HR makes offers.")
    form = OfferForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_make(application=found, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request,
                f"The offer to {found.applicant_name} is made. Record their answer here when they give it.",
            )
            return redirect(application_href(found))
    vacancy = found.vacancy
    context = {
        "application": found,
        "vacancy": vacancy,
        "form": form,
        "posts_taken": services.posts_taken(vacancy=vacancy),
        "back": application_href(found),
    }
    return render_page(
        request, "web/recruitment/hiring/offer_form.html", context, status=_status(form.errors)
    )


def _offer(request: SignedInRequest, pk: int) -> Offer:
    return get_visible(selectors.offer_list(), request, pk, "change")  # type: ignore[return-value]


@hr_page
def offer_answer(request: SignedInRequest, pk: int) -> HttpResponse:
    """The candidate's answer, as they gave it to HR. Yes opens the six checks and moves the
    application on to them; no ends the application and frees the post."""
    offer = _offer(request, pk)
    name = offer.application.applicant_name
    if request.method != "POST" and offer.status != Offer.Status.MADE:
        return redirect(application_href(offer.application))
    form = OfferAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        accepted = OFFER_ANSWERS[form.cleaned_data["answer"]]
        try:
            services.offer_respond(offer=offer, accepted=accepted, by=request.user)
        except DomainError as exc:
            add_domain_error(form, exc, fields={"status": "answer"})
        else:
            messages.success(
                request,
                f"{name} accepted the offer. The six pre-employment checks are open."
                if accepted
                else f"{name} declined the offer. The application has ended, and the post is free for "
                "someone else.",
            )
            return redirect(application_href(offer.application))
    context = {
        "offer": offer,
        "application": offer.application,
        "form": form,
        "back": application_href(offer.application),
    }
    return render_page(
        request, "web/recruitment/hiring/offer_answer.html", context, status=_status(form.errors)
    )


@hr_page
def offer_withdraw(request: SignedInRequest, pk: int) -> HttpResponse:
    offer = _offer(request, pk)
    if request.method != "POST" and offer.status not in (Offer.Status.MADE, Offer.Status.ACCEPTED):
        return redirect(application_href(offer.application))
    return confirm_step(
        request,
        act=lambda: services.offer_withdraw(offer=offer, by=request.user),
        done=f"The offer to {offer.application.applicant_name} is withdrawn. "
        "The post is free for someone else.",
        back=application_href(offer.application),
        template="web/recruitment/hiring/offer_withdraw.html",
        context={
            "offer": offer,
            "application": offer.application,
            "back": application_href(offer.application),
        },
    )


# --- checks and hire ----------------------------------------------------------------------------------


@hiring_page
def checks(request: SignedInRequest, pk: int) -> HttpResponse:
    """The six pre-employment checks, in the standards' order, with their dates. HR updates them; the
    hiring manager follows them here."""
    found = _application(request, pk, "change")
    rows = sorted(
        restrict(selectors.check_list(), request.user).filter(application=found), key=standard_order
    )
    hr = may_create(request.user, Offer)
    context = {
        "application": found,
        "checks": rows,
        "outstanding": services.checks_outstanding(rows),
        "hr": hr,
        "hired": found.hired_worker_id is not None,
        "back": application_href(found),
        "accepted": restrict(selectors.offer_list(), request.user)
        .filter(application=found, status=Offer.Status.ACCEPTED)
        .first(),
    }
    return render_page(request, "web/recruitment/hiring/checks.html", context)


@hr_page
def check_update(request: SignedInRequest, pk: int) -> HttpResponse:
    check: PreEmploymentCheck = get_visible(selectors.check_list(), request, pk, "change")  # type: ignore[assignment]
    form = CheckForm(
        request.POST if request.method == "POST" else None,
        check=check,
        initial={
            "status": check.status,
            "dbs_certificate_date": check.dbs_certificate_date,
            "notes": check.notes,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.check_update(check=check, by=request.user, **form.fields_for_service())
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"{saved.get_kind_display()}: {saved.get_status_display().lower()}.")
            return redirect("web:recruitment:hiring-checks", pk=check.application_id)
    context = {
        "check": check,
        "application": check.application,
        "form": form,
        "recheck_years": settings.RECRUITMENT_DBS_RECHECK_YEARS,
    }
    return render_page(
        request, "web/recruitment/hiring/check_form.html", context, status=_status(form.errors)
    )


@hr_page
def hire(request: SignedInRequest, pk: int) -> HttpResponse:
    """Hire: the new peer worker's record (and their account, if they have none), from the vacancy
    and the accepted offer, once every required check is clear."""
    found = _application(request, pk, "change")
    try:
        check_may_hire(request.user)
    except NotPermitted as exc:
        raise NotForYou(exc.message) from exc
    if request.method != "POST" and found.hired_worker_id:
        return redirect(application_href(found))
    form = HireForm(
        request.POST if request.method == "POST" else None, accounts=restrict(user_list(), request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            worker = services.application_hire(
                application=found,
                employee_number=form.cleaned_data["employee_number"],
                user=form.found,
                by=request.user,
            )
        except DomainError as exc:
            add_domain_error(form, exc, fields={"user": "account"})
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(
                request,
                f"{found.applicant_name} is hired. Their peer worker record starts on "
                f"{worker.start_date.day} {worker.start_date:%B %Y}.",
            )
            return redirect(application_href(found))
    checks_now = list(restrict(selectors.check_list(), request.user).filter(application=found))
    context = {
        "application": found,
        "form": form,
        "offer": restrict(selectors.offer_list(), request.user)
        .filter(application=found, status=Offer.Status.ACCEPTED)
        .first(),
        "outstanding": services.checks_outstanding(checks_now),
        "started": bool(checks_now),
        "back": application_href(found),
    }
    return render_page(request, "web/recruitment/hiring/hire.html", context, status=_status(form.errors))
