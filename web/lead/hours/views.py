"""Hours of involvement for the involvement team: totals per person and per team over a period, one
person's activities, and their certificate of involvement as a PDF.

The hours are read through involvement's selectors from the participations the lead may see
(`restrict()`), the same attendance a participant sees on their own hours page; the certificate is
`involvement.certificate`, signed off in the lead's name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import cast

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Team, User
from accounts.roles import Role
from accounts.visibility import restrict
from involvement import selectors
from involvement.certificate import certificate_pdf
from involvement.models import Participant
from web.lead.hours.forms import HoursFilterForm, PeriodForm
from web.pages import get_visible, page, render_page
from web.paging import paginate

# Admins see every participation through restrict(), as leads do, so they may open these pages too.
LEADS = [Role.INVOLVEMENT_LEAD, Role.ADMIN]
lead_page = page(roles=LEADS, refusal="Hours of involvement are for the involvement team.")


def _user(request: HttpRequest) -> User:
    """The person using the page (@page has sent everyone else to sign in)."""
    return cast(User, request.user)


def _participations(request: HttpRequest):
    return restrict(selectors.participation_list(), _user(request))


def _period(request: HttpRequest, form_class=PeriodForm, **kwargs):
    form = form_class(request.GET or None, today=timezone.localdate(), **kwargs)
    if form.is_bound:
        form.is_valid()  # a mistake is shown beside its field; the period falls back to the list's
    return form, form.chosen()


@lead_page
def hours(request: HttpRequest) -> HttpResponse:
    teams = restrict(Team.objects.exclude(kind=Team.Kind.TRUST), _user(request)).order_by("name", "id")
    form, period = _period(request, HoursFilterForm, teams=teams)
    data = getattr(form, "cleaned_data", {})
    team, name = data.get("team"), data.get("q") or ""
    attended = selectors.attended_between(
        _participations(request), start=period.first, end=period.last, team=team
    )
    pages = paginate(request, selectors.hours_by_person(attended, name=name))
    context = {
        "form": form,
        "period": period,
        "team": team,
        "name": name,
        "total": selectors.hours_total(attended),
        "teams": selectors.hours_by_team(attended) if team is None else [],
        "pages": pages,
        "query": form.query(),
    }
    return render_page(request, "web/lead/hours/hours.html", context, status=400 if form.errors else 200)


def _person(request: HttpRequest, pk: int):
    """The person, the period (ending today at the latest: a certificate vouches for what has
    happened), and their activities in it."""
    person = cast(Participant, get_visible(selectors.participant_list(), request, pk))
    form, period = _period(request)
    today = timezone.localdate()
    if period.first <= today < period.last:
        period = replace(period, last=today)
    attended = selectors.attended_between(_participations(request), start=period.first, end=period.last)
    lines = selectors.hours_certificate_lines(attended, participant=person)
    return person, form, period, lines


@lead_page
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """One person's activities in the period: what their certificate will list."""
    person, form, period, lines = _person(request, pk)
    context = {
        "person": person,
        "form": form,
        "period": period,
        "lines": lines,
        "total": sum((line.hours for line in lines), Decimal("0")),
        "query": form.query(),
    }
    return render_page(request, "web/lead/hours/person.html", context, status=400 if form.errors else 200)


def certificate_response(
    person: Participant,
    first: dt.date,
    last: dt.date,
    lines: list[selectors.CertificateLine],
    *,
    signed_by: User | None = None,
) -> HttpResponse:
    """The certificate as a PDF download: signed off by `signed_by` (a lead), or, for a person
    downloading their own, produced from the team's records."""
    today = timezone.localdate()
    body = certificate_pdf(
        person_name=person.name,
        trust_name=settings.TRUST_NAME,
        first_day=first,
        last_day=last,
        lines=lines,
        total_hours=sum((line.hours for line in lines), Decimal("0")),
        issued_on=today,
        signed_by=(signed_by.get_full_name().strip() or signed_by.display_name) if signed_by else "",
    )
    response = HttpResponse(body, content_type="application/pdf")
    filename = f"certificate-of-involvement-{slugify(person.name) or 'person'}-{today.isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@lead_page
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    person, _form, period, lines = _person(request, pk)
    return certificate_response(person, period.first, period.last, lines, signed_by=_user(request))
