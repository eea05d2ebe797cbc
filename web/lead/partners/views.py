"""Partner organisations (voluntary, community, faith and social enterprise) for the involvement team:
the list, a partner's page with its contacts, the activities it co-delivers and the people it
referred, and adding or changing a partner and its contacts.

Reads go through involvement's selectors and `restrict()`, writes through its services, as the API's
partner resources do.
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from accounts.errors import DomainError
from accounts.visibility import Action, may_create, restrict
from involvement import selectors, services
from involvement.models import PartnerContact, PartnerOrganisation
from web.forms import add_domain_error, add_validation_error
from web.lead.partners.forms import ContactForm, PartnerEditForm, PartnerFilterForm, PartnerForm
from web.lead.register.views import LEADS, signed_in
from web.pages import NotForYou, get_visible, page, render_page
from web.paging import paginate

lead_page = page(roles=LEADS, refusal="Partner organisations are for the involvement team.")

# How many referrals the partner's page lists; the register, filtered by the partner, has them all.
REFERRALS_SHOWN = 20


def _partners(request: HttpRequest):
    """Partners the person may see, with the contacts they may see."""
    contacts = restrict(PartnerContact.objects.all(), signed_in(request))
    return restrict(selectors.partner_list(contacts=contacts), signed_in(request))


def _write(form, call, request: HttpRequest, done: str):
    """Call the service; on a refusal, put it on the form and return None."""
    try:
        row = call()
    except DomainError as exc:
        add_domain_error(form, exc)
    except ValidationError as exc:
        add_validation_error(form, exc)
    else:
        messages.success(request, done)
        return row
    return None


@lead_page
def partners_list(request: HttpRequest) -> HttpResponse:
    form = PartnerFilterForm(request.GET or None)
    partners = _partners(request).order_by("name", "id")
    kind = form.cleaned_data.get("kind") if form.is_valid() else ""
    if kind:
        partners = partners.filter(kind=kind)
    pages = paginate(request, partners)
    context = {
        "form": form,
        "pages": pages,
        "kind": kind,
        "may_add": may_create(signed_in(request), PartnerOrganisation),
    }
    return render_page(request, "web/lead/partners/list.html", context, status=400 if form.errors else 200)


@lead_page
def partners_partner(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    partner = cast(PartnerOrganisation, get_visible(_partners(request), request, pk))
    activities = restrict(selectors.partner_activities(partner=partner), user)
    referrals = restrict(selectors.partner_referrals(partner=partner), user)
    context = {
        "partner": partner,
        "activities": activities,
        "referrals": list(referrals[:REFERRALS_SHOWN]),
        "referral_count": referrals.count(),
    }
    return render_page(request, "web/lead/partners/partner.html", context)


@lead_page
def partners_add(request: HttpRequest) -> HttpResponse:
    if not may_create(signed_in(request), PartnerOrganisation):
        raise NotForYou("You cannot add partner organisations.")
    form = PartnerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        partner = _write(
            form,
            lambda: services.partner_create(by=signed_in(request), **form.cleaned_data),
            request,
            f"{form.cleaned_data['name']} is added. Now add the people to talk to there.",
        )
        if partner is not None:
            return redirect("web:lead:partners-partner", pk=partner.pk)
    return render_page(
        request, "web/lead/partners/add.html", {"form": form}, status=400 if form.errors else 200
    )


@lead_page
def partners_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partner = cast(PartnerOrganisation, get_visible(PartnerOrganisation.objects.all(), request, pk, "change"))
    initial = {
        "name": partner.name,
        "kind": partner.kind,
        "website": partner.website,
        "description": partner.description,
        "is_active": "yes" if partner.is_active else "no",
    }
    form = PartnerEditForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = _write(
            form,
            lambda: services.partner_update(partner=partner, by=signed_in(request), **form.changes()),
            request,
            "The changes are saved.",
        )
        if done is not None:
            return redirect("web:lead:partners-partner", pk=partner.pk)
    context = {"form": form, "partner": partner}
    return render_page(request, "web/lead/partners/edit.html", context, status=400 if form.errors else 200)


@lead_page
def partners_contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    partner = cast(PartnerOrganisation, get_visible(PartnerOrganisation.objects.all(), request, pk, "change"))
    if not may_create(signed_in(request), PartnerContact):
        raise NotForYou("You cannot add contacts.")
    form = ContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        contact = _write(
            form,
            lambda: services.partner_contact_create(
                organisation=partner, by=signed_in(request), **form.cleaned_data
            ),
            request,
            f"{form.cleaned_data['name']} is added as a contact.",
        )
        if contact is not None:
            return redirect("web:lead:partners-partner", pk=partner.pk)
    context = {"form": form, "partner": partner, "contact": None}
    return render_page(request, "web/lead/partners/contact.html", context, status=400 if form.errors else 200)


def _contact(request: HttpRequest, pk: int, contact_pk: int, action: Action = "view") -> PartnerContact:
    """A contact of partner `pk` the person may see (404 otherwise, including one of another partner)."""
    contacts = selectors.partner_contact_list().filter(organisation_id=pk)
    return cast(PartnerContact, get_visible(contacts, request, contact_pk, action))


@lead_page
def partners_contact_edit(request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    contact = _contact(request, pk, contact_pk, "change")
    fields = ["name", "job_title", "email", "phone"]
    form = ContactForm(
        request.POST if request.method == "POST" else None,
        initial={name: getattr(contact, name) for name in fields},
    )
    if request.method == "POST" and form.is_valid():
        done = _write(
            form,
            lambda: services.partner_contact_update(
                contact=contact, by=signed_in(request), **form.cleaned_data
            ),
            request,
            "The contact's details are saved.",
        )
        if done is not None:
            return redirect("web:lead:partners-partner", pk=pk)
    context = {"form": form, "partner": contact.organisation, "contact": contact}
    return render_page(request, "web/lead/partners/contact.html", context, status=400 if form.errors else 200)


@lead_page
def partners_contact_remove(request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    """Asks first, then removes the contact when the lead confirms."""
    contact = _contact(request, pk, contact_pk, "delete")
    if request.method == "POST":
        services.partner_contact_delete(contact=contact, by=signed_in(request))
        messages.success(request, f"{contact.name} is no longer a contact for {contact.organisation.name}.")
        return redirect("web:lead:partners-partner", pk=pk)
    return render_page(request, "web/lead/partners/contact_remove.html", {"contact": contact})
