"""Recruitment reports for HR and hiring managers: the recruitment report (applications by source, days
from advert to offer, days in each stage, adjustments) for the vacancies the person may report on, and
the equality report (HR only), each with its spreadsheet.

Both read the selectors the API's reports read, with the same choices, so every figure is the API's.
The equality report's figures have all been through the small-number rule in the selector before they
reach a page: a suppressed one arrives as nothing and is shown only as "Suppressed". Cells and CSV come
from `recruitment.exports`, the builder the API's equality download uses, so a page and its download
show the same figures. Who may see which report is `recruitment.visibility`'s to say.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from accounts.errors import DomainError
from accounts.models import User
from accounts.selectors import team_list
from accounts.visibility import restrict
from recruitment import exports, selectors
from recruitment.models import Vacancy
from recruitment.visibility import analytics_vacancies, may_report_analytics, may_report_equality
from web.errors import bad_request
from web.forms import add_domain_error
from web.pages import NotForYou, page, render_page
from web.recruitment.reports.forms import PERIOD_FIELDS, ReportForm
from web.throttles import rate_limited

ANALYTICS_REFUSAL = "Only HR and hiring managers can see recruitment reports."
EQUALITY_REFUSAL = "Only HR can see equality monitoring reports."


class SignedInRequest(HttpRequest):
    user: User  # type: ignore[assignment]


def _analytics_scope(request: SignedInRequest) -> QuerySet[Vacancy] | None:
    """The vacancies the person reports on (None: all of them), or the 403 page."""
    if not may_report_analytics(request.user):
        raise NotForYou(ANALYTICS_REFUSAL)
    return analytics_vacancies(request.user)


def _check_equality(request: SignedInRequest) -> None:
    if not may_report_equality(request.user):
        raise NotForYou(EQUALITY_REFUSAL)


def _form(request: SignedInRequest, vacancies: QuerySet[Vacancy] | None) -> ReportForm:
    """The choices from the address; the vacancies offered are the ones the API would accept."""
    offered = vacancies if vacancies is not None else Vacancy.objects.all()
    return ReportForm(
        request.GET,
        vacancies=offered.select_related("team").order_by("title", "-opens_at", "pk"),
        teams=restrict(team_list(), request.user).order_by("name", "pk"),
        today=timezone.localdate(),
    )


def _scope_words(query: dict[str, Any]) -> str:
    """What the report is narrowed to, in words ("" for everything)."""
    parts = []
    if query["vacancy"] is not None:
        parts.append(f"the vacancy {query['vacancy'].title} ({query['vacancy'].team.name})")
    if query["team"] is not None:
        parts.append(f"{query['team'].name} and the teams under it")
    return " in ".join(parts)


def _context(request: SignedInRequest, form: ReportForm, report: dict[str, Any] | None) -> dict[str, Any]:
    query = form.query() if report is not None else None
    return {
        "form": form,
        "report": report,
        "scope": _scope_words(query) if query else "",
        "download_query": request.GET.urlencode(),
        "sees_equality": may_report_equality(request.user),
    }


def _analytics(request: SignedInRequest) -> tuple[ReportForm, dict[str, Any] | None]:
    vacancies = _analytics_scope(request)
    form = _form(request, vacancies)
    if not form.is_valid():
        return form, None
    return form, selectors.recruitment_analytics(**form.query(), vacancies=vacancies)


def _equality(request: SignedInRequest) -> tuple[ReportForm, dict[str, Any] | None]:
    _check_equality(request)
    form = _form(request, None)
    if not form.is_valid():
        return form, None
    try:
        return form, selectors.equality_report(**form.query())
    except DomainError as exc:  # a period that does not cover whole months
        add_domain_error(form, exc, fields=PERIOD_FIELDS)
        return form, None


@page
def recruitment_report(request: SignedInRequest) -> HttpResponse:
    """Applications by source and how far they got, days from advert to offer and in each stage,
    adjustments: exact counts, for every vacancy (HR) or the person's own (a hiring manager)."""
    form, report = _analytics(request)
    context = _context(request, form, report)
    context["tables"] = exports.analytics_tables(report) if report is not None else []
    status = 400 if form.errors else 200
    return render_page(request, "web/recruitment/reports/recruitment.html", context, status=status)


@page
@rate_limited("export", methods=("GET",))
def recruitment_report_csv(request: SignedInRequest) -> HttpResponse:
    """The recruitment report's figures as a spreadsheet, the same as the page's."""
    form, report = _analytics(request)
    if report is None:
        return bad_request(request)  # only a hand-edited address gets here: the page's link is valid
    csv = exports.analytics_csv(report, scope=_scope_words(form.query()))
    response = HttpResponse(csv, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{exports.analytics_filename(report)}"'
    return response


@page
def equality_report(request: SignedInRequest) -> HttpResponse:
    """Applicants, shortlisted and appointed by each protected characteristic, and the relative
    likelihood of appointment from shortlisting: aggregates only, small numbers suppressed. HR only."""
    form, report = _equality(request)
    context = _context(request, form, report)
    context["tables"] = exports.equality_tables(report) if report is not None else None
    context["columns"] = exports.EQUALITY_COLUMNS
    status = 400 if form.errors else 200
    return render_page(request, "web/recruitment/reports/equality.html", context, status=status)


@page
@rate_limited("export", methods=("GET",))
def equality_report_csv(request: SignedInRequest) -> HttpResponse:
    """The equality report as a spreadsheet, the API's file for the same choices (suppressed: *)."""
    _form_used, report = _equality(request)
    if report is None:
        return bad_request(request)
    response = HttpResponse(exports.equality_csv(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{exports.equality_filename(report)}"'
    return response
