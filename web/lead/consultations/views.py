"""Consultations in the involvement team's workspace: the list, a draft made and changed, opened,
closed and its outcome published; who is invited, and the responses, with those that came on
paper or by phone entered for the person.

Every read goes through an involvement selector and `restrict()`, every write through an
involvement service: when a service refuses, its words appear beside the field it names, and
nothing is written.
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from accounts.errors import DomainError
from accounts.selectors import team_list
from accounts.services import access_log_record
from accounts.visibility import may_create, restrict
from involvement import selectors, services
from involvement.models import (
    Consultation,
    ConsultationInvitation,
    ConsultationResponse,
    FeedbackItem,
    Participant,
    PartnerOrganisation,
)
from involvement.visibility import runs_involvement
from web.forms import add_domain_error, add_validation_error
from web.lead.consultations.common import PER_PAGE, SignedInRequest, active_themes, workspace_page
from web.lead.consultations.forms import (
    NOT_NAMED,
    ConsultationForm,
    FindPersonForm,
    OutcomeForm,
    ResponseForm,
)
from web.lead.invite import FOUND_AT_MOST, find_on_register, preview_fingerprint
from web.lead.register.forms import RegisterFilterForm
from web.pages import NotForYou, confirm_step, get_visible, render_page
from web.paging import paginate

Status = Consultation.Status
# The most people a search for one person lists; a longer list means the search needs more words.


def _consultation(request: SignedInRequest, pk: int) -> Consultation:
    """A consultation this person runs (a lead: any; its owner: theirs), or the 404 or 403 page."""
    return cast(Consultation, get_visible(selectors.consultation_list(), request, pk, "change"))


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise NotForYou(message)


INVITING = "Inviting people is for the involvement team."
ENTERING = "Entering a response for someone is for the involvement team."


# --- the list, making and changing ----------------------------------------------------------------


@workspace_page
def consultation_list(request: SignedInRequest) -> HttpResponse:
    """Every consultation the person runs, newest first, narrowed to one status by the links above."""
    mine = restrict(selectors.consultation_list(), request.user, "change")
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    counts = selectors.consultation_status_counts(
        restrict(Consultation.objects.all(), request.user, "change")
    )
    filters = [("", "All", sum(counts.values()))] + [
        (value, label, counts.get(value, 0)) for value, label in Status.choices
    ]
    pages = paginate(request, mine.filter(status=status) if status else mine, per_page=PER_PAGE)
    context = {
        "pages": pages,
        "filters": filters,
        "status": status,
        "may_create": may_create(request.user, Consultation),
    }
    return render_page(request, "web/lead/consultations/list.html", context)


def _consultation_form(request: SignedInRequest, **kwargs) -> ConsultationForm:
    return ConsultationForm(
        request.POST if request.method == "POST" else None,
        owners=selectors.owner_choices(),
        teams=restrict(team_list(), request.user).order_by("name"),
        themes=active_themes(request),
        **kwargs,
    )


@workspace_page
def consultation_new(request: SignedInRequest) -> HttpResponse:
    _require(may_create(request.user, Consultation), "Creating a consultation is for the involvement team.")
    form = _consultation_form(
        request,
        initial={"owner": request.user.pk, "audience": Consultation.Audience.SERVICE_USERS_AND_CARERS},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            made = services.consultation_create(by=request.user, **data)
        except DomainError as exc:
            add_domain_error(form, exc)
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, f"{made.title} is saved as a draft.")
            return redirect("web:lead:consultations-detail", pk=made.pk)
    status = 400 if form.errors else 200
    return render_page(request, "web/lead/consultations/form.html", {"form": form}, status=status)


@workspace_page
def consultation_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    fields = ["title", "summary", "document_url", "audience", "owner", "team", "opens_at", "closes_at"]
    initial = {name: getattr(consultation, name) for name in fields}
    initial["themes"] = list(consultation.themes.all())
    form = _consultation_form(request, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_update(consultation=consultation, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, "Your changes are saved.")
            return redirect("web:lead:consultations-detail", pk=pk)
    context = {"form": form, "consultation": consultation}
    return render_page(
        request, "web/lead/consultations/form.html", context, status=400 if form.errors else 200
    )


@workspace_page
def consultation_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    user = request.user
    feedback = restrict(selectors.feedback_item_list(), user, "change").filter(consultation=consultation)
    context = {
        "consultation": consultation,
        "changeable": consultation.status in (Status.DRAFT, Status.OPEN),
        "may_invite": may_create(user, ConsultationInvitation),
        "may_enter": runs_involvement(user),
        "may_add_feedback": may_create(user, FeedbackItem),
        "feedback_count": feedback.count(),
    }
    return render_page(request, "web/lead/consultations/detail.html", context)


# --- open, close, publish the outcome ----------------------------------------------------------


def _step(
    request: SignedInRequest, pk: int, *, service, before: str, template: str, done: str
) -> HttpResponse:
    """A step that cannot be undone: the page says what will happen, the button does it. A page
    opened when the step is no longer the next one goes back to the consultation."""
    consultation = _consultation(request, pk)
    if request.method != "POST" and consultation.status != before:
        return redirect("web:lead:consultations-detail", pk=pk)
    return confirm_step(
        request,
        act=lambda: service(consultation=consultation, by=request.user),
        done=done.format(title=consultation.title),
        back=reverse("web:lead:consultations-detail", kwargs={"pk": pk}),
        template=template,
        context={"consultation": consultation, "now": timezone.now()},
    )


@workspace_page
def consultation_open(request: SignedInRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        service=services.consultation_open,
        before=Status.DRAFT,
        template="web/lead/consultations/open.html",
        done="{title} is open for feedback.",
    )


@workspace_page
def consultation_close(request: SignedInRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        service=services.consultation_close,
        before=Status.OPEN,
        template="web/lead/consultations/close.html",
        done="{title} is closed. It takes no more responses.",
    )


@workspace_page
def consultation_outcome(request: SignedInRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    if request.method != "POST" and consultation.status != Status.CLOSED:
        return redirect("web:lead:consultations-detail", pk=pk)
    form = OutcomeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_publish_outcome(
                consultation=consultation, by=request.user, **form.cleaned_data
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"The outcome of {consultation.title} is published.")
            return redirect("web:lead:consultations-detail", pk=pk)
    context = {"consultation": consultation, "form": form}
    return render_page(
        request, "web/lead/consultations/outcome.html", context, status=400 if form.errors else 200
    )


# --- invitations ---------------------------------------------------------------------------------


def _register(request: SignedInRequest):
    return restrict(Participant.objects.all(), request.user)


@workspace_page
def invitations(request: SignedInRequest, pk: int) -> HttpResponse:
    """Who is invited, and who of them has responded."""
    consultation = _consultation(request, pk)
    _require(may_create(request.user, ConsultationInvitation), INVITING)
    rows = (
        restrict(selectors.consultation_invitation_list(), request.user)
        .filter(consultation=consultation)
        .order_by("participant__name", "pk")
    )
    pages = paginate(request, rows, per_page=PER_PAGE)
    shown = [row.participant_id for row in pages.rows]
    responded = set(
        restrict(ConsultationResponse.objects.all(), request.user)
        .filter(consultation=consultation, participant_id__in=shown)
        .values_list("participant_id", flat=True)
    )
    context = {"consultation": consultation, "pages": pages, "responded": responded}
    return render_page(request, "web/lead/consultations/invitations.html", context)


@workspace_page
def invite_person(request: SignedInRequest, pk: int) -> HttpResponse:
    """Find one person on the register by name, email address or phone number, and invite them."""
    consultation = _consultation(request, pk)
    _require(may_create(request.user, ConsultationInvitation), INVITING)
    search = FindPersonForm(request.GET if "q" in request.GET else None)
    error = ""
    if request.method == "POST":
        person = _register(request).filter(pk=request.POST.get("participant") or None).first()
        if person is None:
            raise Http404
        try:
            services.consultation_invite(consultation=consultation, participant=person, by=request.user)
        except DomainError as exc:
            error = f"{person.name}: {exc.message}"
        else:
            messages.success(request, f"{person.name} is invited to {consultation.title}.")
            back = reverse("web:lead:consultations-invite-person", kwargs={"pk": pk})
            query = request.GET.urlencode()
            return redirect(f"{back}?{query}" if query else back)
    found: list[Participant] = []
    more = False
    if search.is_bound and search.is_valid():
        found, more = find_on_register(_register(request), search.cleaned_data["q"])
        # The register's entries are sensitive: a list that shows their email addresses is logged.
        if found:
            access_log_record(user=request.user, records=found, action="read", path=request.path)
    ids = [person.pk for person in found]
    invitable = set(
        selectors.consultation_invitable(consultation, Participant.objects.filter(pk__in=ids)).values_list(
            "pk", flat=True
        )
    )
    invited = set(
        ConsultationInvitation.objects.filter(consultation=consultation, participant_id__in=ids).values_list(
            "participant_id", flat=True
        )
    )
    context = {
        "consultation": consultation,
        "search": search,
        "found": found,
        "more": more,
        "invitable": invitable,
        "invited": invited,
        "error": error,
        "at_most": FOUND_AT_MOST,
    }
    status = 400 if (error or search.errors) else 200
    return render_page(request, "web/lead/consultations/invite_person.html", context, status=status)


@workspace_page
def invite_matching(request: SignedInRequest, pk: int) -> HttpResponse:
    """Invite everyone a register search matches: first the list of who will be invited, then send.

    The filters are in the address (a GET form), so the preview can be bookmarked and gone back to;
    the send posts them again with a fingerprint of the people shown. If the register changed in
    between, the page shows the new list instead of sending to people the lead has not seen.
    """
    consultation = _consultation(request, pk)
    _require(may_create(request.user, ConsultationInvitation), INVITING)
    data = request.POST if request.method == "POST" else request.GET
    asked = request.method == "POST" or "show" in request.GET
    form = RegisterFilterForm(
        data if asked else None,
        teams=restrict(team_list(), request.user).order_by("name"),
        partners=restrict(PartnerOrganisation.objects.all(), request.user).order_by("name"),
    )
    context: dict = {"consultation": consultation, "form": form, "asked": asked}
    error = ""
    if asked and form.is_valid():
        matched = selectors.participant_search(_register(request), **form.filters())
        people = list(selectors.consultation_invitable(consultation, matched).order_by("name", "pk"))
        ids = [person.pk for person in people]
        fingerprint = preview_fingerprint(str(consultation.pk), ids)
        if request.method == "POST":
            if request.POST.get("fingerprint") != fingerprint:
                error = (
                    "The people who match have changed since you looked. Check the list again before sending."
                )
            elif not ids:
                error = "No one matches who can be invited. Change the search."
            else:
                try:
                    made = services.consultation_invite_matching(
                        consultation=consultation, participants=matched.filter(pk__in=ids), by=request.user
                    )
                except DomainError as exc:
                    error = exc.message
                else:
                    who = "1 person is" if len(made) == 1 else f"{len(made)} people are"
                    messages.success(request, f"{who} invited to {consultation.title}.")
                    return redirect("web:lead:consultations-invitations", pk=pk)
        matched_count = matched.count()
        context.update(
            people=people,
            matched_count=matched_count,
            left_out=matched_count - len(people),
            fingerprint=fingerprint,
            filters=[(name, form.data.get(name, "")) for name in form.fields],
        )
    context["error"] = error
    status = 400 if (error or form.errors) else 200
    return render_page(request, "web/lead/consultations/invite_matching.html", context, status=status)


# --- responses -----------------------------------------------------------------------------------


@workspace_page
def responses(request: SignedInRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    rows = (
        restrict(selectors.consultation_response_list(), request.user)
        .filter(consultation=consultation)
        .order_by("-submitted_at", "-pk")
    )
    context = {
        "consultation": consultation,
        "pages": paginate(request, rows, per_page=PER_PAGE),
        "may_enter": runs_involvement(request.user),
    }
    return render_page(request, "web/lead/consultations/responses.html", context)


@workspace_page
def response_new(request: SignedInRequest, pk: int) -> HttpResponse:
    """Enter what someone said on a paper form or in a phone call, marked as such."""
    consultation = _consultation(request, pk)
    _require(runs_involvement(request.user), ENTERING)
    register = _register(request)
    invited_ids = ConsultationInvitation.objects.filter(consultation=consultation).values("participant_id")
    responded = set(
        ConsultationResponse.objects.filter(consultation=consultation, participant__isnull=False).values_list(
            "participant_id", flat=True
        )
    )
    form = ResponseForm(
        request.POST if request.method == "POST" else None,
        invited=register.filter(pk__in=invited_ids).order_by("name", "pk"),
        others=register.exclude(pk__in=invited_ids).order_by("name", "pk"),
        responded=responded,
        themes=active_themes(request),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = None if data["participant"] == NOT_NAMED else form.person()
        try:
            services.consultation_response_record(
                consultation=consultation,
                by=request.user,
                participant=person,
                body=data["body"],
                received_via=data["received_via"],
                themes=data["themes"],
            )
        except DomainError as exc:
            add_domain_error(form, exc, fields={"consultation": "body"})
        else:
            who = f"the response from {person.name}" if person else "the response that names no one"
            messages.success(request, f"You entered {who}.")
            return redirect("web:lead:consultations-responses", pk=pk)
    context = {"consultation": consultation, "form": form}
    return render_page(
        request, "web/lead/consultations/response_new.html", context, status=400 if form.errors else 200
    )
