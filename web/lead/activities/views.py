"""Activities in the involvement team's workspace: the list and the month's calendar; making one
activity or a series, and changing it; opening it for sign-up; inviting one person or everyone a
register search finds; an activity's people (places, the waiting list in order, who was moved up);
replies recorded for someone; the printable attendance sheet and the day's attendance; marking it
held, closing it with the closing report, or cancelling it with a reason.

Every read goes through an involvement selector and `restrict()`; every write is an involvement
service, so the rules (places and the waiting list, who may be invited, attendance within the
places there are) live there: when a service refuses, its words appear beside the field or the
person it is about, and nothing is written.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from accounts.errors import DomainError
from accounts.models import User
from accounts.selectors import team_list
from accounts.services import access_log_record
from accounts.visibility import Action, may_create, restrict
from involvement import selectors, services
from involvement.models import Activity, ActivityKind, Participant, Participation, PartnerOrganisation, Theme
from involvement.selectors import OWNER_ROLES, ActivityPlaces, ActivityWhen
from web.forms import add_domain_error, error_summary
from web.lead.activities.forms import (
    ONCE,
    RUNG_MEANINGS,
    ActivityFilterForm,
    ActivityForm,
    AttendanceForm,
    CancelForm,
    CloseForm,
    FindPersonForm,
    NewActivityForm,
    ReplyForm,
    RoleForm,
)
from web.lead.invite import FOUND_AT_MOST, find_on_register, preview_fingerprint
from web.lead.register.forms import RegisterFilterForm
from web.pages import NotForYou, confirm_step, get_visible, page, render_page
from web.paging import paginate

Status = Activity.Status
Place = Participation.Status


class SignedInRequest(HttpRequest):
    """A request that reached a page: `activities_page` has turned away anyone not signed in."""

    user: User  # type: ignore[assignment]


STILL_TO_COME = (Status.PLANNED, Status.OPEN)
# The most people a search for one person lists; a longer list means the search needs more words.

# Staff who lead an activity see it and who takes part, and record attendance: `restrict()` shows
# them their own activities, and the buttons only for what they may do.
activities_page = page(
    roles=OWNER_ROLES,
    refusal="These pages are for the involvement team and the staff who lead activities.",
)
NOT_YOURS = "Only the involvement team can do this."
# A service's field, and the form field that shows its refusal.
FORM_FIELDS = {"starts_at": "start_time", "ends_at": "end_time", "frequency": "repeats", "status": None}


def _activity(request: SignedInRequest, pk: int, action: Action = "view") -> Activity:
    """The activity with its places counted, or the 404 page (403 if seen but not `action`)."""
    return get_visible(selectors.activity_list(), request, pk, action)  # type: ignore[return-value]


def _people(request: SignedInRequest, activity: Activity, action: Action = "view") -> QuerySet[Participation]:
    return restrict(selectors.participation_list(), request.user, action).filter(activity=activity)


def _rung(activity: Activity) -> str:
    return RUNG_MEANINGS[activity.rung]  # type: ignore[index]


# --- the list and the calendar ---------------------------------------------------------------------


def _teams(request: SignedInRequest):
    return restrict(team_list(), request.user).order_by("name")


def _kinds(request: SignedInRequest, keep: int | None = None):
    return restrict(ActivityKind.objects.filter(Q(is_active=True) | Q(pk=keep)), request.user).order_by(
        "name"
    )


@activities_page
def activity_list(request: SignedInRequest) -> HttpResponse:
    """Activities, still to come first; filtered by the address; 25 a page with their places."""
    data = request.GET.copy()
    data.setdefault("when", ActivityWhen.UPCOMING)
    form = ActivityFilterForm(data, teams=_teams(request), kinds=_kinds(request))
    form.is_valid()
    rows = selectors.activities_matching(
        restrict(selectors.activity_overview(), request.user), now=timezone.now(), **form.filters()
    )
    pages = paginate(request, rows)
    places = selectors.activity_places([activity.pk for activity in pages.rows])
    context = {
        "form": form,
        "pages": pages,
        "rows": [(activity, places.get(activity.pk, ActivityPlaces())) for activity in pages.rows],
        "filtered": any(value for name, value in form.filters().items() if name != "when")
        or data.get("when") != ActivityWhen.UPCOMING,
        "may_create": may_create(request.user, Activity),
    }
    return render_page(request, "web/lead/activities/list.html", context, status=400 if form.errors else 200)


@dataclass(frozen=True)
class Day:
    date: dt.date
    in_month: bool
    today: bool
    activities: list[Activity]


def _month(year: int, month: int, shift: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + shift
    return index // 12, index % 12 + 1


@activities_page
def activity_calendar(
    request: SignedInRequest, year: int | None = None, month: int | None = None
) -> HttpResponse:
    """One month as a table of weeks, Monday first, each day with its activities."""
    today = timezone.localdate()
    year, month = year or today.year, month or today.month
    if not (1 <= month <= 12 and 2000 <= year <= 2999):
        raise Http404
    by_day: dict[dt.date, list[Activity]] = defaultdict(list)
    for activity in selectors.activities_in_month(
        restrict(selectors.activity_overview(), request.user), year=year, month=month
    ):
        by_day[timezone.localtime(activity.starts_at).date()].append(activity)
    weeks = [
        [Day(date, date.month == month, date == today, by_day.get(date, [])) for date in week]
        for week in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    ]
    before, after = _month(year, month, -1), _month(year, month, 1)
    context = {
        "weeks": weeks,
        "month": dt.date(year, month, 1),
        "day_names": list(calendar.day_name),
        "count": sum(len(day) for day in by_day.values()),
        "previous": dt.date(*before, 1),
        "next": dt.date(*after, 1),
        "this_month": (year, month) == (today.year, today.month),
    }
    return render_page(request, "web/lead/activities/calendar.html", context)


# --- making and changing ---------------------------------------------------------------------------


def _activity_form(
    request: SignedInRequest, form_class=ActivityForm, activity: Activity | None = None, **kwargs
):
    """The form with its choices: what is active, and whatever the activity already has."""
    user = request.user
    has: dict = {"themes": [], "partners": [], "leads": [], "kind": None}
    if activity is not None:
        has = {
            "themes": activity.themes.all(),
            "partners": activity.partners.all(),
            "leads": activity.leads.all(),
            "kind": activity.kind_id,
        }
    themes = Theme.objects.filter(Q(is_active=True) | Q(pk__in=has["themes"]))
    partners = PartnerOrganisation.objects.filter(Q(is_active=True) | Q(pk__in=has["partners"]))
    leads = User.objects.filter(
        Q(pk__in=selectors.owner_choices().values("pk")) | Q(pk__in=has["leads"])
    ).order_by("first_name", "last_name", "email", "pk")
    return form_class(
        request.POST if request.method == "POST" else None,
        kinds=_kinds(request, has["kind"]),
        teams=_teams(request),
        themes=restrict(themes, user).order_by("name"),
        partners=restrict(partners, user).order_by("name"),
        leads=leads,
        **kwargs,
    )


def _show_refusal(form, exc: DomainError | ValidationError) -> None:
    """A service's refusal beside the form's field for it (the date and times for when it is)."""
    if isinstance(exc, DomainError):
        add_domain_error(form, exc, fields={k: v for k, v in FORM_FIELDS.items() if v})
        return
    for name, found in exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]:
        target = FORM_FIELDS.get(name, name) if name else None
        form.add_error(target if target in form.fields else None, found)


@activities_page
def activity_new(request: SignedInRequest) -> HttpResponse:
    """A one-off activity, or a series of them repeating weekly, fortnightly or monthly."""
    if not may_create(request.user, Activity):
        raise NotForYou(NOT_YOURS)
    form = _activity_form(request, NewActivityForm, initial={"leads": [request.user.pk], "repeats": ONCE})
    if request.method == "POST" and form.is_valid():
        fields = form.fields_for_service()
        repeats = form.cleaned_data["repeats"]
        try:
            if repeats == ONCE:
                made = services.activity_create(by=request.user, **fields)
            else:
                series = services.activity_series_schedule(
                    by=request.user,
                    frequency=repeats,
                    occurrences=form.cleaned_data["occurrences"],
                    **fields,
                )
        except (DomainError, ValidationError) as exc:
            _show_refusal(form, exc)
        else:
            if repeats == ONCE:
                messages.success(
                    request, f"{made.title} is planned. Invite people, then open it for sign-up."
                )
                return redirect("web:lead:activities-detail", pk=made.pk)
            first = restrict(selectors.activity_overview(), request.user).filter(series=series).first()
            how_often = series.get_frequency_display().lower()
            messages.success(
                request,
                f"{series.occurrences} activities are planned, {how_often}. This is the first; "
                "each has its own invitations and attendance.",
            )
            return redirect("web:lead:activities-detail", pk=first.pk)  # type: ignore[union-attr]
    context = {"form": form}
    return render_page(request, "web/lead/activities/form.html", context, status=400 if form.errors else 200)


@activities_page
def activity_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk, "change")
    if request.method != "POST" and activity.status in (Status.CLOSED, Status.CANCELLED):
        return redirect("web:lead:activities-detail", pk=pk)  # nothing about it can change now
    form = _activity_form(request, activity=activity, initial=ActivityForm.initial_for(activity))
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(activity=activity, by=request.user, **form.fields_for_service())
        except (DomainError, ValidationError) as exc:
            _show_refusal(form, exc)
        else:
            messages.success(request, "Your changes are saved.")
            return redirect("web:lead:activities-detail", pk=pk)
    context = {"form": form, "activity": activity}
    return render_page(request, "web/lead/activities/form.html", context, status=400 if form.errors else 200)


# --- one activity ----------------------------------------------------------------------------------


@activities_page
def activity_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    """The details, the places, and everyone invited: with a place, waiting in order, not yet
    answered, or not coming; who was moved up from the waiting list, and when."""
    activity = _activity(request, pk)
    user = request.user
    people = list(_people(request, activity).order_by("participant__name", "pk"))
    waiting = sorted(
        (p for p in people if p.status == Place.WAITLISTED),
        key=lambda p: (p.waitlisted_at or p.invited_at, p.pk),
    )
    promoted = selectors.participations_promoted(activity=activity)
    for person in people:
        person.promoted_at = promoted.get(person.pk)  # type: ignore[attr-defined]
    may_change = restrict(Activity.objects.filter(pk=pk), user, "change").exists()
    now = timezone.now()
    context = {
        "activity": activity,
        "meaning": _rung(activity),
        "places": [p for p in people if p.status == Place.ACCEPTED],
        "waiting": waiting,
        "invited": [p for p in people if p.status == Place.INVITED],
        "not_coming": [p for p in people if p.status in (Place.DECLINED, Place.WITHDRAWN)],
        "may_change": may_change,
        "may_record": restrict(Participation.objects.filter(activity=activity), user, "change").exists(),
        "changeable": activity.status not in (Status.CLOSED, Status.CANCELLED),
        "still_to_come": activity.status in STILL_TO_COME,
        "invitable": may_change and activity.status in STILL_TO_COME,
        "started": activity.starts_at <= now,
        "full": activity.capacity is not None and activity.places_taken >= activity.capacity,  # type: ignore[attr-defined]
    }
    return render_page(request, "web/lead/activities/detail.html", context)


def _step(request: SignedInRequest, pk: int, *, service, allowed, template: str, done: str) -> HttpResponse:
    """A step that cannot be undone: the page says what will happen, the button does it. A page
    opened when the step is not one the activity can take goes back to the activity."""
    activity = _activity(request, pk, "change")
    if request.method != "POST" and activity.status not in allowed:
        return redirect("web:lead:activities-detail", pk=pk)
    return confirm_step(
        request,
        act=lambda: service(activity=activity, by=request.user),
        done=done.format(title=activity.title),
        back=reverse("web:lead:activities-detail", kwargs={"pk": pk}),
        template=template,
        context={"activity": activity, "started": activity.starts_at <= timezone.now()},
    )


@activities_page
def activity_open(request: SignedInRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        service=services.activity_open,
        allowed={Status.PLANNED},
        template="web/lead/activities/open.html",
        done="{title} is open for sign-up. People invited can take a place.",
    )


@activities_page
def activity_held(request: SignedInRequest, pk: int) -> HttpResponse:
    return _step(
        request,
        pk,
        service=services.activity_mark_held,
        allowed={Status.PLANNED, Status.OPEN},
        template="web/lead/activities/held.html",
        done="{title} is marked as held. Record attendance, then close it with the closing report.",
    )


@activities_page
def activity_close(request: SignedInRequest, pk: int) -> HttpResponse:
    """The closing report: what happened, how many attended, what changes were agreed."""
    activity = _activity(request, pk, "change")
    if request.method != "POST" and activity.status != Status.HELD:
        return redirect("web:lead:activities-detail", pk=pk)
    form = CloseForm(
        request.POST if request.method == "POST" else None,
        initial={"attendee_count": activity.attended},  # type: ignore[attr-defined]
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_close(activity=activity, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"{activity.title} is closed, with its closing report.")
            return redirect("web:lead:activities-detail", pk=pk)
    context = {"activity": activity, "form": form}
    return render_page(request, "web/lead/activities/close.html", context, status=400 if form.errors else 200)


@activities_page
def activity_cancel(request: SignedInRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk, "change")
    if request.method != "POST" and activity.status not in STILL_TO_COME:
        return redirect("web:lead:activities-detail", pk=pk)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_cancel(activity=activity, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"{activity.title} is cancelled.")
            return redirect("web:lead:activities-detail", pk=pk)
    context = {
        "activity": activity,
        "form": form,
        "told": activity.places_taken + activity.waiting,  # type: ignore[attr-defined]
    }
    return render_page(
        request, "web/lead/activities/cancel.html", context, status=400 if form.errors else 200
    )


# --- replies recorded for someone ------------------------------------------------------------------


def reply_message(participation: Participation) -> str:
    name = participation.participant.name
    if participation.status == Place.ACCEPTED:
        return f"{name} has a place."
    if participation.status == Place.WAITLISTED:
        return (
            f"The activity is full, so {name} is on the waiting list. "
            "If a place comes free, the person who has waited longest gets it."
        )
    if participation.status == Place.WITHDRAWN:
        return f"{name} has given up their place. If someone was waiting, the place is theirs now."
    return f"{name} cannot take part. Their reply is recorded."


@activities_page
def reply(request: SignedInRequest, pk: int, participation_pk: int) -> HttpResponse:
    """Record someone's reply they gave by phone, in person or on paper: yes (a place, or the waiting
    list when it is full), no, or giving up a place they had."""
    activity = _activity(request, pk)
    participation: Participation = get_visible(  # type: ignore[assignment]
        selectors.participation_list().filter(activity=activity), request, participation_pk, "change"
    )
    giving_up = participation.status in (Place.ACCEPTED, Place.WAITLISTED)
    form = ReplyForm(request.POST if request.method == "POST" else None)
    error = ""
    if request.method == "POST" and form.is_valid():
        answer = form.cleaned_data["answer"]
        service = services.participation_accept if answer == "yes" else services.participation_decline
        try:
            done = service(participation=participation, by=request.user)
        except DomainError as exc:
            if giving_up:  # a button, no question: the refusal is the page's
                error = exc.message
            else:
                add_domain_error(form, exc, fields={"status": "answer"})
        else:
            done.participant = participation.participant
            messages.success(request, reply_message(done))
            return redirect("web:lead:activities-detail", pk=pk)
    context = {
        "activity": activity,
        "participation": participation,
        "form": form,
        "giving_up": giving_up,
        "error": error,
        "full": activity.capacity is not None and activity.places_taken >= activity.capacity,  # type: ignore[attr-defined]
    }
    failed = error or form.errors
    return render_page(request, "web/lead/activities/reply.html", context, status=400 if failed else 200)


# --- invitations -----------------------------------------------------------------------------------


def _may_invite(request: SignedInRequest, pk: int) -> Activity:
    return _activity(request, pk, "change")


def _register(request: SignedInRequest) -> QuerySet[Participant]:
    return restrict(selectors.participant_list(), request.user)


@activities_page
def invite_person(request: SignedInRequest, pk: int) -> HttpResponse:
    """Find one person on the register by name, email address or phone number, and invite them."""
    activity = _may_invite(request, pk)
    search = FindPersonForm(request.GET if "q" in request.GET else None)
    role = RoleForm(request.POST if request.method == "POST" else None, initial={"role": "participant"})
    error = ""
    if request.method == "POST":
        chosen = request.POST.get("participant", "")
        person = _register(request).filter(pk=int(chosen)).first() if chosen.isdigit() else None
        if person is None:
            raise Http404
        if role.is_valid():
            try:
                services.participation_invite(
                    activity=activity, participant=person, role=role.cleaned_data["role"], by=request.user
                )
            except DomainError as exc:
                error = f"{person.name}: {exc.message}"
            else:
                messages.success(request, f"{person.name} is invited to {activity.title}.")
                return redirect("web:lead:activities-detail", pk=pk)
    found, more = [], False
    if search.is_bound and search.is_valid():
        people, more = find_on_register(_register(request), search.cleaned_data["q"])
        found = selectors.invitees(
            activity=activity, participants=Participant.objects.filter(pk__in=[p.pk for p in people])
        )
        # The register's entries are sensitive: a list that shows their email addresses is logged.
        if found:
            access_log_record(
                user=request.user,
                records=[row.participant for row in found],
                action="read",
                path=request.path,
            )
    context = {
        "activity": activity,
        "search": search,
        "role": role,
        "found": found,
        "more": more,
        "error": error,
        "at_most": FOUND_AT_MOST,
        "invitable": activity.status in STILL_TO_COME,
    }
    failed = error or search.errors or role.errors
    return render_page(
        request, "web/lead/activities/invite_person.html", context, status=400 if failed else 200
    )


@activities_page
def invite_matching(request: SignedInRequest, pk: int) -> HttpResponse:
    """Invite everyone a register search finds: first who will be invited and who is left out and
    why, then the send. The search is in the address (a GET form), so the preview can be gone back
    to; the send posts it again with a fingerprint of the people shown. If the register changed in
    between, the page shows the new list instead of inviting people the lead has not seen."""
    activity = _may_invite(request, pk)
    data = request.POST if request.method == "POST" else request.GET
    asked = request.method == "POST" or "show" in request.GET
    form = RegisterFilterForm(
        data if asked else None,
        teams=_teams(request),
        partners=restrict(PartnerOrganisation.objects.all(), request.user).order_by("name"),
    )
    role = RoleForm(request.POST if request.method == "POST" else None, initial={"role": "participant"})
    context: dict = {"activity": activity, "form": form, "role": role, "asked": asked}
    error = ""
    if asked and form.is_valid():
        matched = selectors.participant_search(_register(request), **form.filters())
        rows = selectors.invitees(activity=activity, participants=matched)
        people = [row.participant for row in rows if not row.left_out]
        ids = [person.pk for person in people]
        fingerprint = preview_fingerprint(f"activity {activity.pk}", ids)
        if request.method == "POST" and role.is_valid():
            if request.POST.get("fingerprint") != fingerprint:
                error = (
                    "The people who match have changed since you looked. Check the list again before sending."
                )
            elif not ids:
                error = "No one found can be invited. Change the search."
            else:
                try:
                    made = services.participations_invite_matching(
                        activity=activity,
                        participants=Participant.objects.filter(pk__in=ids),
                        role=role.cleaned_data["role"],
                        by=request.user,
                    )
                except DomainError as exc:
                    error = exc.message
                else:
                    who = "1 person is" if len(made) == 1 else f"{len(made)} people are"
                    messages.success(request, f"{who} invited to {activity.title}.")
                    return redirect("web:lead:activities-detail", pk=pk)
        context.update(
            people=people,
            left_out=[row for row in rows if row.left_out],
            fingerprint=fingerprint,
            filters=[(name, form.data.get(name, "")) for name in form.fields],
        )
    context["error"] = error
    failed = error or form.errors or role.errors
    context["invitable"] = activity.status in STILL_TO_COME
    return render_page(
        request, "web/lead/activities/invite_matching.html", context, status=400 if failed else 200
    )


# --- on the day: the attendance sheet and the attendance record --------------------------------------


@activities_page
def attendance_sheet(request: SignedInRequest, pk: int) -> HttpResponse:
    """A sheet to print and take round on the day: each person with a place, a column to sign."""
    activity = _activity(request, pk)
    people = _people(request, activity).filter(status=Place.ACCEPTED).order_by("participant__name", "pk")
    return render_page(request, "web/lead/activities/sheet.html", {"activity": activity, "people": people})


@activities_page
def attendance(request: SignedInRequest, pk: int) -> HttpResponse:
    """For each person with a place: attended or not, and the hours. All saved together or, when the
    service refuses anyone, none, with its reason beside that person."""
    activity = _activity(request, pk)
    places = list(
        _people(request, activity, "change").filter(status=Place.ACCEPTED).order_by("participant__name", "pk")
    )
    if not places and _people(request, activity).filter(status=Place.ACCEPTED).exists():
        raise NotForYou("Attendance is recorded by the activity's leads and the involvement team.")
    data = request.POST if request.method == "POST" else None
    rows = [
        AttendanceForm(
            data,
            prefix=f"p{participation.pk}",
            participation=participation,
            initial={
                "attendance": participation.attendance,
                "hours": participation.hours
                if participation.attendance == Participation.Attendance.ATTENDED
                else None,
            },
        )
        for participation in places
    ]
    checked = [row.is_valid() for row in rows]  # every row, so every mistake shows at once
    if data is not None and all(checked):
        changed = [row for row in rows if row.has_changed()]
        refused = False
        with transaction.atomic():
            for row in changed:
                try:
                    services.participation_record_attendance(
                        participation=row.participation,
                        attendance=row.cleaned_data["attendance"],
                        hours=row.cleaned_data["hours"],
                        by=request.user,
                    )
                except DomainError as exc:
                    add_domain_error(row, exc)
                    refused = True
            if refused:
                transaction.set_rollback(True)  # all the sheet or none of it
        if not refused:
            count = len(changed)
            messages.success(
                request,
                "Nothing had changed."
                if not count
                else f"Attendance is saved for {count} {'person' if count == 1 else 'people'}.",
            )
            return redirect("web:lead:activities-detail", pk=pk)
    errors = error_summary(*rows)
    context = {
        "activity": activity,
        "rows": rows,
        "errors": errors,
        "started": activity.starts_at <= timezone.now(),
    }
    return render_page(request, "web/lead/activities/attendance.html", context, status=400 if errors else 200)
