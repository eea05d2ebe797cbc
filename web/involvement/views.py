"""A participant's own pages: invitations and places, activities and calendar files, claims, hours,
contact details, consent and sharing.

Every read goes through an involvement selector and `restrict()`, so a person sees exactly what the
API would show them; every write is an involvement service, so the rules (places and the waiting
list, what may be claimed, what withdrawing consent stops) live there and only there.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from accounts.errors import DomainError
from accounts.roles import Role
from accounts.services import access_log_record
from accounts.visibility import restrict
from involvement import selectors, services
from involvement.calendar import calendar_file
from involvement.models import Activity, Participant, Participation, PaymentClaim
from involvement.visibility import own_participant_id
from web.forms import add_domain_error, add_validation_error
from web.involvement.forms import (
    ClaimForm,
    ConsentGiveForm,
    ContactForm,
    ExpenseLineFormSet,
    ReplyForm,
    SharingForm,
)
from web.lead.hours.views import certificate_response
from web.pages import NotForYou, get_visible, page, render_page

Status = Participation.Status
REFUSAL = "These pages are for people on the involvement register."
NOT_LINKED = (
    "Your account is not linked to an entry on the involvement register yet. "
    "Ask the involvement team to link it."
)
STILL_TO_COME = (Activity.Status.PLANNED, Activity.Status.OPEN)

participant_page = page(roles=[Role.PARTICIPANT], refusal=REFUSAL)


def _me(request: HttpRequest) -> int:
    """The id of the person's own register entry; the 403 page if the login has none."""
    own = own_participant_id(request.user)
    if own is None:
        raise NotForYou(NOT_LINKED)
    return own


def _participant(request: HttpRequest, action: str = "view") -> Participant:
    return get_visible(selectors.participant_list(), request, _me(request), action)


def _mine(request: HttpRequest):
    """The person's own invitations, places and attendance, with their activities joined in."""
    return restrict(selectors.participation_list(), request.user).filter(participant_id=_me(request))


def _ics(body: bytes, filename: str, disposition: str = "attachment") -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


# --- invitations, places and activities -------------------------------------------------------


@participant_page
def invitations(request: HttpRequest) -> HttpResponse:
    """Invitations waiting for a reply, and waiting-list places, for activities still to come."""
    rows = (
        _mine(request)
        .filter(
            status__in=[Status.INVITED, Status.WAITLISTED],
            activity__ends_at__gt=timezone.now(),
            activity__status__in=STILL_TO_COME,
        )
        .select_related("activity__kind")
        .order_by("activity__starts_at", "pk")
    )
    return render_page(request, "web/involvement/invitations.html", {"rows": rows})


@participant_page
def activities(request: HttpRequest) -> HttpResponse:
    """Activities the person has a place at that have not ended, cancelled ones marked as such."""
    rows = (
        _mine(request)
        .filter(status=Status.ACCEPTED, activity__ends_at__gt=timezone.now())
        .select_related("activity__kind")
        .order_by("activity__starts_at", "pk")
    )
    waiting = _mine(request).filter(
        status=Status.WAITLISTED, activity__ends_at__gt=timezone.now(), activity__status__in=STILL_TO_COME
    )
    return render_page(request, "web/involvement/activities.html", {"rows": rows, "waiting": waiting.count()})


def _place(request: HttpRequest, pk: int) -> tuple[Participation, Activity]:
    """The person's own participation in activity `pk`, and the activity with its places counted."""
    participation = _mine(request).filter(activity_id=pk).first()
    if participation is None:
        raise Http404
    activity = restrict(selectors.activity_list(), request.user).filter(pk=pk).first()
    if activity is None:
        raise Http404
    return participation, activity


@participant_page
def activity(request: HttpRequest, pk: int) -> HttpResponse:
    participation, activity = _place(request, pk)
    form = ReplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        get_visible(Participation.objects.all(), request, participation.pk, "change")
        reply = (
            services.participation_accept
            if form.cleaned_data["answer"] == "yes"
            else services.participation_decline
        )
        try:
            done = reply(participation=participation, by=request.user)
        except DomainError as exc:
            add_domain_error(form, exc, fields={"status": "answer"})
        else:
            messages.success(request, _reply_message(done))
            return redirect("web:involvement:activity", pk=pk)
    rate = (
        restrict(selectors.rate_card_list(), request.user)
        .filter(activity_kind_id=activity.kind_id, role=participation.role, is_active=True)
        .first()
    )
    context = {
        "participation": participation,
        "activity": activity,
        "form": form,
        "rate": rate,
        "preference": _participant(request).get_payment_preference_display(),
        "full": activity.capacity is not None and activity.places_taken >= activity.capacity,
        "replying": participation.status == Status.INVITED and activity.status in STILL_TO_COME,
        "ended": activity.ends_at <= timezone.now(),
    }
    return render_page(request, "web/involvement/activity.html", context, status=400 if form.errors else 200)


def _reply_message(participation: Participation) -> str:
    if participation.status == Status.ACCEPTED:
        return "You have a place. We look forward to seeing you."
    if participation.status == Status.WAITLISTED:
        return "The activity is full, so you are on the waiting list. If a place comes free, it is yours."
    if participation.status == Status.WITHDRAWN:
        return "You have given up your place. Thank you for letting us know."
    return "Thank you for letting us know you cannot take part."


@participant_page
def give_up(request: HttpRequest, pk: int) -> HttpResponse:
    """Give up a place, or leave the waiting list: asks first, then the service frees the place."""
    participation, activity = _place(request, pk)
    if participation.status not in (Status.ACCEPTED, Status.WAITLISTED):
        return redirect("web:involvement:activity", pk=pk)
    error = ""
    if request.method == "POST":
        get_visible(Participation.objects.all(), request, participation.pk, "change")
        try:
            done = services.participation_decline(participation=participation, by=request.user)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _reply_message(done))
            return redirect("web:involvement:activities")
    context = {"participation": participation, "activity": activity, "error": error}
    return render_page(request, "web/involvement/give_up.html", context, status=409 if error else 200)


@participant_page
def activity_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    activity = restrict(Activity.objects.all(), request.user).filter(pk=pk).first()
    if activity is None:
        raise Http404
    return _ics(calendar_file([activity]), f"activity-{activity.pk}.ics")


@participant_page
def my_calendar(request: HttpRequest) -> HttpResponse:
    activities = selectors.activities_for_calendar(user=request.user)
    return _ics(calendar_file(activities, name="My involvement activities"), "involvement.ics", "inline")


# --- claims -------------------------------------------------------------------------------------


@participant_page
def claims(request: HttpRequest) -> HttpResponse:
    mine = _me(request)
    rows = (
        restrict(selectors.claim_list(), request.user)
        .filter(participant_id=mine)
        .order_by("-submitted_at", "-pk")
    )
    claimable = (
        _mine(request)
        .filter(attendance=Participation.Attendance.ATTENDED, claim__isnull=True)
        .order_by("-activity__starts_at", "-pk")
    )
    return render_page(request, "web/involvement/claims.html", {"rows": rows, "claimable": claimable})


def _typed_lines(request: HttpRequest) -> list[dict]:
    """The expense rows as typed, unchecked: kept when the person asks for another row."""
    posted = ExpenseLineFormSet(request.POST, prefix="expenses")
    return [{name: line[name].value() for name in line.fields} for line in posted.forms]


@participant_page
def claim_new(request: HttpRequest, participation_pk: int) -> HttpResponse:
    participation = _mine(request).select_related("activity__kind").filter(pk=participation_pk).first()
    if participation is None:
        raise Http404
    existing = restrict(PaymentClaim.objects.all(), request.user).filter(participation=participation).first()
    if existing is not None:
        return redirect("web:involvement:claim", pk=existing.pk)
    recorded = participation.hours or participation.activity.length_hours
    adding = request.method == "POST" and "add_line" in request.POST
    if request.method == "POST" and not adding:
        form = ClaimForm(request.POST)
        lines = ExpenseLineFormSet(request.POST, prefix="expenses")
        if form.is_valid() & lines.is_valid():  # both, so every mistake shows at once
            used = [line for line in lines.forms if line.has_changed()]
            try:
                made = services.payment_claim_create(
                    participation=participation,
                    by=request.user,
                    hours=form.cleaned_data["hours"],
                    expenses=[line.as_line() for line in used],
                )
            except DomainError as exc:
                add_domain_error(form, exc, lines={"expenses": used})
            except ValidationError as exc:
                add_validation_error(form, exc)
            else:
                messages.success(request, "Your claim is sent. The involvement team will look at it soon.")
                return redirect("web:involvement:claim", pk=made.pk)
    elif adding:
        # No script needed to add a row: the button posts the form back, and it returns with one more.
        form = ClaimForm(initial={"hours": request.POST.get("hours", recorded)})
        lines = ExpenseLineFormSet(prefix="expenses", initial=[*_typed_lines(request), {}])
    else:
        form = ClaimForm(initial={"hours": recorded})
        lines = ExpenseLineFormSet(prefix="expenses")
    context = {
        "participation": participation,
        "form": form,
        "lines": lines,
        "person": _participant(request),
        "may_add_line": len(lines.forms) < ExpenseLineFormSet.max_num,
    }
    failed = request.method == "POST" and not adding
    return render_page(request, "web/involvement/claim_new.html", context, status=400 if failed else 200)


@participant_page
def claim(request: HttpRequest, pk: int) -> HttpResponse:
    _me(request)
    row = get_visible(selectors.claim_list(), request, pk)
    return render_page(request, "web/involvement/claim.html", {"claim": row})


# --- hours ------------------------------------------------------------------------------------


@participant_page
def hours(request: HttpRequest) -> HttpResponse:
    """Every activity attended, newest first, with the hours in each tax year added up."""
    rows = list(
        _mine(request)
        .filter(attendance=Participation.Attendance.ATTENDED)
        .order_by("-activity__starts_at", "-pk")
    )
    years: dict[int, list[Participation]] = defaultdict(list)
    for row in rows:
        years[selectors.tax_year_of(row.activity.starts_at)].append(row)
    groups = [
        {
            "label": selectors.tax_year_label(year),
            "rows": items,
            "total": sum((item.hours or Decimal("0") for item in items), Decimal("0")),
        }
        for year, items in sorted(years.items(), reverse=True)
    ]
    return render_page(request, "web/involvement/hours.html", {"groups": groups})


@participant_page
def hours_certificate(request: HttpRequest) -> HttpResponse:
    """The person's own certificate of involvement (PDF): every activity attended, to today."""
    person = _participant(request)
    lines = selectors.hours_certificate_lines(
        _mine(request).filter(attendance=Participation.Attendance.ATTENDED), participant=person
    )
    first = lines[0].day if lines else person.joined_on
    return certificate_response(person, first, timezone.localdate(), lines)


# --- consent, sharing and contact -------------------------------------------------------------


@participant_page
def consent(request: HttpRequest) -> HttpResponse:
    person = _participant(request)
    # The register entry is sensitive: a read of it is logged, here as through the API.
    access_log_record(user=request.user, records=[person], action="read", path=request.path)
    return render_page(request, "web/involvement/consent.html", {"person": person})


def _pending(request: HttpRequest):
    return (
        _mine(request)
        .filter(
            status__in=[Status.INVITED, Status.WAITLISTED],
            activity__ends_at__gt=timezone.now(),
        )
        .order_by("activity__starts_at", "pk")
    )


@participant_page
def consent_withdraw(request: HttpRequest) -> HttpResponse:
    """Says what withdrawing consent will do, then does it when the person confirms."""
    person = _participant(request)
    if person.consent_withdrawn_at is not None or person.consent_given_at is None:
        return redirect("web:involvement:consent")
    if request.method == "POST":
        person = _participant(request, "change")
        services.participant_consent_withdraw(participant=person, by=request.user)
        messages.success(
            request, "You have withdrawn your consent. We will not send you invitations or reminders."
        )
        return redirect("web:involvement:consent")
    places = _mine(request).filter(
        status=Status.ACCEPTED, activity__ends_at__gt=timezone.now(), activity__status__in=STILL_TO_COME
    )
    context = {"person": person, "pending": _pending(request), "places": places}
    return render_page(request, "web/involvement/consent_withdraw.html", context)


@participant_page
def consent_give(request: HttpRequest) -> HttpResponse:
    person = _participant(request)
    form = ConsentGiveForm(
        request.POST if request.method == "POST" else None, initial={"purposes": person.consent_purposes}
    )
    if request.method == "POST" and form.is_valid():
        person = _participant(request, "change")
        try:
            services.participant_consent_give(
                participant=person, purposes=form.cleaned_data["purposes"], by=request.user
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Thank you. We can contact you again about what you chose.")
            return redirect("web:involvement:consent")
    status = 400 if form.errors else 200
    return render_page(request, "web/involvement/consent_give.html", {"form": form}, status=status)


def _update(request: HttpRequest, form, person: Participant, done: str, template: str, back: str):
    if request.method == "POST" and form.is_valid():
        person = _participant(request, "change")
        try:
            services.participant_update(
                participant=person, by=request.user, self_service=True, **form.cleaned_data
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, done)
            return redirect(back)
    status = 400 if form.errors else 200
    return render_page(request, template, {"form": form, "person": person}, status=status)


@participant_page
def sharing(request: HttpRequest) -> HttpResponse:
    person = _participant(request)
    initial = {"sharing_level": person.sharing_level, "payment_preference": person.payment_preference}
    form = SharingForm(request.POST if request.method == "POST" else None, initial=initial)
    return _update(
        request,
        form,
        person,
        "Your choices are saved.",
        "web/involvement/sharing.html",
        "web:involvement:consent",
    )


@participant_page
def contact(request: HttpRequest) -> HttpResponse:
    person = _participant(request)
    fields = ["preferred_contact", "email", "phone", "postal_address"]
    form = ContactForm(
        request.POST if request.method == "POST" else None,
        initial={name: getattr(person, name) for name in fields},
    )
    return _update(
        request,
        form,
        person,
        "Your contact details are saved.",
        "web/involvement/contact.html",
        "web:settings",
    )
