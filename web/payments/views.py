"""Claims to approve (involvement leads) and to pay (finance), and finance's CSV, under /payments/.

Reads go through involvement's selectors and `restrict()`, writes through its payment services, and
the CSV is `involvement.exports`, the file the API's export hands out: the rules (the tax-year
threshold and the note it needs, what a payment date may be) live in the services and only there.
When someone else dealt with a claim while it was open here, the service refuses, and the page says
so plainly instead of failing.
"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from accounts.errors import DomainError
from accounts.models import User
from accounts.roles import Role
from accounts.visibility import restrict
from involvement import exports, selectors, services
from involvement.errors import InvolvementConflict
from involvement.models import PaymentClaim
from involvement.visibility import handles_payments, may_see_payee
from web.errors import bad_request
from web.forms import add_domain_error
from web.pages import get_visible, page, render_page
from web.paging import paginate
from web.payments.forms import ApprovedBetweenForm, ApproveForm, ExportForm, MarkPaidForm, RejectForm
from web.templatetags.nhs import day, pounds
from web.throttles import rate_limited

Status = PaymentClaim.Status
# Admins see every claim through restrict(), as leads do, so they may open these pages too.
LEADS = [Role.INVOLVEMENT_LEAD, Role.ADMIN]
PAYERS = [Role.FINANCE, Role.INVOLVEMENT_LEAD, Role.ADMIN]

approver_page = page(roles=LEADS, refusal="Approving claims is for the involvement team.")
payer_page = page(roles=PAYERS, refusal="Paying claims is for finance and the involvement team.")


def _user(request: HttpRequest) -> User:
    """The person using the page (@page has sent everyone else to sign in)."""
    return cast(User, request.user)


def _claims(request: HttpRequest):
    return restrict(selectors.claim_list(), _user(request))


def _claim(queryset, request: HttpRequest, pk: int) -> PaymentClaim:
    """A claim the person may see, or the 404 page."""
    return cast(PaymentClaim, get_visible(queryset, request, pk))


def _warned(claims: list[PaymentClaim]) -> list[PaymentClaim]:
    """Mark each claim whose person is over the tax-year threshold (`warning`), as the API's
    threshold_warning does, and name its tax year (`year_label`)."""
    for claim in claims:
        claim.warning = selectors.over_threshold(claim.tax_year_total)  # type: ignore[attr-defined]
        claim.year_label = selectors.tax_year_label(claim.tax_year)  # type: ignore[attr-defined]
    return claims


def _already(claim: PaymentClaim) -> str:
    """What happened to a claim someone else dealt with first, in plain words."""
    name = claim.participant.name
    if claim.status == Status.APPROVED:
        by = f" by {claim.approved_by}" if claim.approved_by else ""
        return f"{name}'s claim was already approved{by} on {day(claim.approved_at)}. Nothing was changed."
    if claim.status == Status.REJECTED:
        by = f" by {claim.rejected_by}" if claim.rejected_by else ""
        return f"{name}'s claim was already rejected{by} on {day(claim.rejected_at)}. Nothing was changed."
    if claim.status == Status.PAID:
        return (
            f"{name}'s claim was already marked paid on {day(claim.paid_on)} "
            f"(reference {claim.payment_reference}). Nothing was changed."
        )
    return f"{name}'s claim changed while you had it open. Nothing was changed; check it and try again."


def _conflict(request: HttpRequest, claim: PaymentClaim, to: str) -> HttpResponse:
    fresh = selectors.claim_list().get(pk=claim.pk)
    messages.warning(request, _already(fresh))
    return redirect(to, pk=claim.pk)


# --- the lead's queue -------------------------------------------------------------------------


@approver_page
def to_approve(request: HttpRequest) -> HttpResponse:
    """Submitted claims, oldest first, each with its expense lines and the tax-year warning."""
    claims = _claims(request).filter(status=Status.SUBMITTED).order_by("submitted_at", "pk")
    pages = paginate(request, claims)
    context = {"pages": pages, "claims": _warned(pages.rows), "threshold": selectors.payment_threshold()}
    return render_page(request, "web/payments/to_approve.html", context)


def _claim_context(request: HttpRequest, claim: PaymentClaim, **more) -> dict:
    return {
        "claim": _warned([claim])[0],
        "threshold": selectors.payment_threshold(),
        "payee": may_see_payee(_user(request), claim),
        "sees_note": handles_payments(_user(request)),
        **more,
    }


@approver_page
def claim(request: HttpRequest, pk: int) -> HttpResponse:
    """One claim: approve it (with the note of the conversation over the threshold), or go on to reject it."""
    row = _claim(_claims(request), request, pk)
    form = ApproveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        get_visible(PaymentClaim.objects.all(), request, pk, "change")
        try:
            done = services.payment_claim_approve(
                claim=row, by=_user(request), benefits_conversation=form.cleaned_data["benefits_conversation"]
            )
        except InvolvementConflict:
            return _conflict(request, row, "web:payments:claim")
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request,
                f"{row.participant.name}'s claim for {pounds(done.total_amount)} is approved. "
                "It is now with finance to pay.",
            )
            return redirect("web:payments:to-approve")
    if form.errors:  # read again: the total may have moved while the page was open
        row = _claim(_claims(request), request, pk)
    context = _claim_context(request, row, form=form)
    return render_page(request, "web/payments/claim.html", context, status=400 if form.errors else 200)


@approver_page
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    row = _claim(_claims(request), request, pk)
    if row.status != Status.SUBMITTED:
        if request.method == "POST":  # someone else dealt with it while this page was open
            messages.warning(request, _already(row))
        return redirect("web:payments:claim", pk=pk)
    form = RejectForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        get_visible(PaymentClaim.objects.all(), request, pk, "change")
        try:
            services.payment_claim_reject(claim=row, by=_user(request), reason=form.cleaned_data["reason"])
        except InvolvementConflict:
            return _conflict(request, row, "web:payments:claim")
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request, f"{row.participant.name}'s claim is rejected. They will see the reason you gave."
            )
            return redirect("web:payments:to-approve")
    context = _claim_context(request, row, form=form)
    return render_page(request, "web/payments/reject.html", context, status=400 if form.errors else 200)


# --- finance's queue --------------------------------------------------------------------------


def _exportable(request: HttpRequest, status: str, form: ApprovedBetweenForm):
    """Approved (to pay) or paid claims the person may see, approved between the form's dates, with
    the joins the pages and the CSV read."""
    return restrict(selectors.claims_for_export(status=status, **form.dates()), _user(request))


def _filtered(form: ApprovedBetweenForm) -> bool:
    return any(value for value in form.dates().values())


def _query(request: HttpRequest, **extra: str) -> str:
    """The address's query without its page number, with `extra`, for the CSV link."""
    query = request.GET.copy()
    query.pop("page", None)
    for name, value in extra.items():
        query[name] = value
    return query.urlencode()


@payer_page
def to_pay(request: HttpRequest) -> HttpResponse:
    """Approved claims, oldest approval first, with who to pay and how to find them."""
    form = ApprovedBetweenForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # a mistyped date is shown as an error and left out; the other still applies
    claims = _exportable(request, Status.APPROVED, form)
    totals = claims.aggregate(count=Count("pk"), total=Sum("total_amount"))
    pages = paginate(request, claims)
    for row in pages.rows:
        row.payee = may_see_payee(_user(request), row)
    context = {
        "form": form,
        "pages": pages,
        "totals": totals,
        "filtered": _filtered(form),
        "csv": _query(request, status=Status.APPROVED),
    }
    return render_page(request, "web/payments/to_pay.html", context, status=400 if form.errors else 200)


@payer_page
def paid(request: HttpRequest) -> HttpResponse:
    """Claims paid, the latest payment first, to check against payroll."""
    form = ApprovedBetweenForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    claims = _exportable(request, Status.PAID, form).order_by("-paid_on", "-paid_at", "-pk")
    pages = paginate(request, claims)
    for row in pages.rows:
        row.payee = may_see_payee(_user(request), row)
    context = {
        "form": form,
        "pages": pages,
        "filtered": _filtered(form),
        "csv": _query(request, status=Status.PAID),
    }
    return render_page(request, "web/payments/paid.html", context, status=400 if form.errors else 200)


@payer_page
def pay(request: HttpRequest, pk: int) -> HttpResponse:
    """One approved claim: who to pay and how much, and marking it paid with the day and the reference."""
    row = _claim(_claims(request).filter(status__in=selectors.EXPORTABLE), request, pk)
    form = MarkPaidForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        get_visible(PaymentClaim.objects.all(), request, pk, "change")
        try:
            done = services.payment_claim_mark_paid(
                claim=row,
                by=_user(request),
                paid_on=form.cleaned_data["paid_on"],
                payment_reference=form.cleaned_data["payment_reference"],
            )
        except InvolvementConflict:
            return _conflict(request, row, "web:payments:pay")
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request,
                f"{row.participant.name}'s claim for {pounds(done.total_amount)} is marked paid "
                f"on {day(done.paid_on)}.",
            )
            return redirect("web:payments:to-pay")
    context = _claim_context(request, row, form=form)
    return render_page(request, "web/payments/pay.html", context, status=400 if form.errors else 200)


@payer_page
@rate_limited("export", methods=("GET",))
def export(request: HttpRequest) -> HttpResponse:
    """The CSV for the finance system: the API's export, byte for byte, for the same claims."""
    form = ExportForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return bad_request(request)  # only a hand-edited address gets here: the pages' links are valid
    status = (form.cleaned_data.get("status") if form.is_bound else "") or Status.APPROVED
    claims = restrict(selectors.claims_for_export(status=status, **form.dates()), _user(request))
    response = HttpResponse(exports.claims_csv(claims), content_type="text/csv; charset=utf-8")
    filename = exports.claim_export_filename(status, timezone.localdate())
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
