"""The involvement register for the involvement team: search and filters, adding and changing an entry,
consent given or withdrawn, and a person's page with their involvement and hours.

Reads go through involvement's selectors and `restrict()`, writes through its services, as the API
does. A register entry holds health and access details, so every entry a page shows is written to
the access log, as the API logs what it shows.
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from accounts.errors import DomainError
from accounts.models import Team, User
from accounts.roles import Role
from accounts.services import access_log_record
from accounts.visibility import Action, may_create, restrict
from involvement import selectors, services
from involvement.errors import PossibleDuplicate
from involvement.models import Activity, Participant, Participation, PartnerOrganisation, Theme
from web.forms import add_domain_error, add_validation_error
from web.lead.register.forms import (
    ConsentGiveForm,
    ParticipantAddForm,
    ParticipantEditForm,
    RegisterFilterForm,
)
from web.pages import NotForYou, get_visible, page, render_page
from web.paging import paginate

# Admins see the register through restrict() as leads do, so they may open these pages too.
LEADS = [Role.INVOLVEMENT_LEAD, Role.ADMIN]
lead_page = page(roles=LEADS, refusal="The register is for the involvement team.")

STILL_TO_COME = (Activity.Status.PLANNED, Activity.Status.OPEN)
DUPLICATE_CHECK = "Check the people listed are not the person you are adding, then tick to confirm"


def signed_in(request: HttpRequest) -> User:
    """The person using the page (@page has sent everyone else to sign in)."""
    return cast(User, request.user)


def _person(request: HttpRequest, pk: int, action: Action = "view") -> Participant:
    """A register entry the person may see, or the 404 page (403 when they may see it but not `action`)."""
    return cast(Participant, get_visible(selectors.participant_list(), request, pk, action))


def _lists(request: HttpRequest) -> dict:
    """The teams, partners and topics the person may choose from."""
    user = signed_in(request)
    return {
        "teams": restrict(Team.objects.exclude(kind=Team.Kind.TRUST), user).order_by("name", "id"),
        "partners": restrict(PartnerOrganisation.objects.all(), user).order_by("name", "id"),
    }


def _themes(request: HttpRequest):
    return restrict(Theme.objects.all(), signed_in(request)).order_by("name", "id")


def _logged(request: HttpRequest, people: list[Participant]) -> None:
    if people:
        access_log_record(user=signed_in(request), records=people, action="read", path=request.path)


@lead_page
def register_list(request: HttpRequest) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None, **_lists(request))
    if form.is_bound:
        form.is_valid()  # a mistyped filter is shown as an error and left out; the rest still apply
    people = selectors.participant_search(
        restrict(selectors.participant_list(), signed_in(request)), **form.filters()
    )
    pages = paginate(request, people)
    _logged(request, pages.rows)
    filtered = any(value for value in form.filters().values())
    context = {"form": form, "pages": pages, "filtered": filtered}
    return render_page(request, "web/lead/register/list.html", context, status=400 if form.errors else 200)


@lead_page
def register_person(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    person = _person(request, pk)
    _logged(request, [person])
    places = restrict(Participation.objects.filter(participant=person), user)
    history = (
        restrict(selectors.participation_list(), user)
        .filter(participant=person)
        .select_related("activity__kind")
        .order_by("-activity__starts_at", "-pk")
    )
    consultations = restrict(selectors.participant_consultations(participant=person), user)
    context = {
        "person": person,
        "history": history,
        "consultations": consultations,
        "hours": selectors.participant_hours(places, today=timezone.localdate()),
    }
    return render_page(request, "web/lead/register/person.html", context)


@lead_page
def register_add(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if not may_create(user, Participant):
        raise NotForYou("You cannot add people to the register.")
    initial = {
        "preferred_contact": Participant.ContactMethod.EMAIL,
        "sharing_level": Participant.SharingLevel.LEADS_ONLY,
        "payment_preference": Participant.PaymentPreference.PAID,
    }
    form = ParticipantAddForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        themes=_themes(request),
        **_lists(request),
    )
    duplicates: list[Participant] = []
    if request.method == "POST" and form.is_valid():
        try:
            person = services.participant_create(by=user, **form.changes())
        except PossibleDuplicate as exc:
            seen = restrict(Participant.objects.filter(pk__in=[match.pk for match in exc.matches]), user)
            duplicates = list(seen.order_by("name", "id"))
            _logged(request, duplicates)
            form.add_error("different_person", DUPLICATE_CHECK)
        except DomainError as exc:
            add_domain_error(form, exc)
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, f"{person.name} is on the register.")
            return redirect("web:lead:register-person", pk=person.pk)
    context = {
        "form": form,
        "duplicates": duplicates,
        "confirming": bool(duplicates) or bool(form["different_person"].value()),
    }
    return render_page(request, "web/lead/register/add.html", context, status=400 if form.errors else 200)


@lead_page
def register_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk, "change")
    fields = [
        "name", "pronouns", "email", "phone", "postal_address", "preferred_contact", "experience",
        "accessibility_needs", "sharing_level", "payment_preference", "payroll_reference", "status",
    ]  # fmt: skip
    initial = {name: getattr(person, name) for name in fields}
    initial |= {
        "topics": list(person.topics.all()),
        "teams_of_interest": list(person.teams_of_interest.all()),
        "referred_by": person.referred_by_id,
    }
    form = ParticipantEditForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        person=person,
        themes=_themes(request),
        **_lists(request),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_update(participant=person, by=signed_in(request), **form.changes())
        except DomainError as exc:
            add_domain_error(form, exc)
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, "The changes are saved.")
            return redirect("web:lead:register-person", pk=person.pk)
    else:
        _logged(request, [person])
    context = {"form": form, "person": person}
    return render_page(request, "web/lead/register/edit.html", context, status=400 if form.errors else 200)


@lead_page
def register_consent_give(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk, "change")
    form = ConsentGiveForm(
        request.POST if request.method == "POST" else None, initial={"purposes": person.consent_purposes}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_consent_give(
                participant=person, purposes=form.cleaned_data["purposes"], by=signed_in(request)
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"Consent is recorded. {person.name} can be invited and reminded.")
            return redirect("web:lead:register-person", pk=person.pk)
    context = {"form": form, "person": person}
    status = 400 if form.errors else 200
    return render_page(request, "web/lead/register/consent_give.html", context, status=status)


@lead_page
def register_consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Says what withdrawing will do for this person, then does it when the lead confirms."""
    person = _person(request, pk, "change")
    if person.consent_given_at is None or person.consent_withdrawn_at is not None:
        return redirect("web:lead:register-person", pk=person.pk)
    error = ""
    if request.method == "POST":
        try:
            services.participant_consent_withdraw(participant=person, by=signed_in(request))
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(
                request, f"Consent is withdrawn. {person.name} will get no invitations or reminders."
            )
            return redirect("web:lead:register-person", pk=person.pk)
    visible = restrict(selectors.participation_list(), signed_in(request))
    pending = visible.filter(
        pk__in=selectors.participations_pending(participant=person).values("pk")
    ).order_by("activity__starts_at", "pk")
    places = visible.filter(
        participant=person,
        status=Participation.Status.ACCEPTED,
        activity__ends_at__gt=timezone.now(),
        activity__status__in=STILL_TO_COME,
    ).order_by("activity__starts_at", "pk")
    context = {"person": person, "pending": pending, "places": places, "error": error}
    return render_page(
        request, "web/lead/register/consent_withdraw.html", context, status=409 if error else 200
    )
