"""The board's pages: the charter dashboard, its printable PDF pack and CSV, and a sign-in page.

Board members are not back-office staff, so they sign in here rather than through the admin.
Only board members and administrators may read these pages; everyone reads the same
disclosed figures from `charter.selectors.dashboard`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import LoginView, LogoutView, redirect_to_login
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.cache import never_cache

from accounts.roles import Role
from accounts.spreadsheet import spreadsheet_cell
from charter import selectors
from charter.board import BoardView, board_view, period_choices, short_period
from charter.charts import layout
from charter.periods import Period, PeriodError, parse, quarter_of

# Same-origin only: the NHS.UK stylesheet names web fonts on a remote host, and a board page
# must not make the reader's browser fetch anything from elsewhere. It falls back to Arial.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def _page(
    request: HttpRequest, template: str, context: dict | None = None, status: int = 200
) -> HttpResponse:
    context = {"trust_name": settings.TRUST_NAME, **(context or {})}
    response = render(request, template, context, status=status)
    response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response


def may_read_board(user) -> bool:
    return bool(user.is_active and (user.is_superuser or user.has_role(Role.BOARD_MEMBER, Role.ADMIN)))


def board_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous people go to the board's sign-in page; signed-in people without the role get a kind 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("charter:login"))
        if not may_read_board(request.user):
            return _page(request, "charter/403.html", status=403)
        return view(request, *args, **kwargs)

    return never_cache(wrapper)


RATE_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def rate_limited(scope: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """The board's share of the API's limits: at most the `scope` rate of REST_FRAMEWORK's throttle
    rates (THROTTLE_DASHBOARD, THROTTLE_EXPORT) per person, counted in the cache; 429 past it."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            rate = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].get(scope)
            if rate:
                allowed, period = rate.split("/")
                seconds = RATE_PERIODS[period[0]]
                key = f"board-throttle:{scope}:{request.user.pk}"
                cache.add(key, 0, timeout=seconds)  # the window starts with the first request
                try:
                    count = cache.incr(key)
                except ValueError:  # the window ended between the two calls: this request opens the next
                    cache.set(key, 1, timeout=seconds)
                    count = 1
                # With the cache down, count is None: the page is more use than the limit then.
                if count is not None and count > int(allowed):
                    response = HttpResponse(
                        "Too many requests for the board's pages and files. Please wait and try again.",
                        status=429,
                        content_type="text/plain; charset=utf-8",
                    )
                    response["Retry-After"] = str(seconds)
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


def _board(request: HttpRequest) -> tuple[BoardView | None, HttpResponse | None]:
    """The board view for ?period= (default: this quarter), or the 400 page saying what was wrong."""
    today = timezone.localdate()
    label = request.GET.get("period", "").strip() or quarter_of(today).label
    try:
        period = parse(label, today=today)
    except PeriodError as exc:
        context = {"message": str(exc), "latest": quarter_of(today).label}
        return None, _page(request, "charter/400.html", context, status=400)
    return board_view(selectors.dashboard(period=period, today=today), today=today), None


def _file_name(period: Period, extension: str) -> str:
    return f"charter-dashboard-{period.label}.{extension}"


@board_only
@rate_limited("dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    board, error = _board(request)
    if error:
        return error
    assert board is not None  # noqa: S101 - _board returns one or the other
    today = timezone.localdate()
    commitments = [
        (commitment, [(item, layout(item)) for item in commitment.indicators])
        for commitment in board.commitments
    ]
    context = {
        "board": board,
        "commitments": commitments,
        "choices": period_choices(today=today, selected=board.period),
        "period_query": f"?period={board.period.label}",
        "first_quarter": short_period(board.quarters[0].label),
        "last_quarter": short_period(board.quarters[-1].label),
    }
    return _page(request, "charter/dashboard.html", context)


@board_only
@rate_limited("export")
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    board, error = _board(request)
    if error:
        return error
    assert board is not None  # noqa: S101
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "indicator",
            "commitment",
            "period",
            "value",
            "unit",
            "target",
            "rag",
            *[q.label for q in board.quarters],
        ]
    )
    for commitment in board.commitments:
        for item in commitment.indicators:
            indicator = item.indicator
            writer.writerow(
                [
                    spreadsheet_cell(indicator.name),
                    spreadsheet_cell(f"{commitment.number}. {commitment.title}"),
                    board.period.label,
                    _csv_value(item.current),
                    indicator.unit,
                    f"{indicator.target.normalize():f}",
                    item.current.status,
                    *[_csv_value(figure) for figure in item.trend],
                ]
            )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(board.period, "csv")}"'
    return response


def _csv_value(figure) -> str:
    if figure.value is not None:
        return f"{figure.value.normalize():f}"
    return "suppressed" if figure.state == "suppressed" else ""


@board_only
@rate_limited("export")
def board_pack(request: HttpRequest) -> HttpResponse:
    from charter.pdf import board_pack_pdf  # reportlab loads only when a pack is asked for

    board, error = _board(request)
    if error:
        return error
    assert board is not None  # noqa: S101
    pdf = board_pack_pdf(board, trust_name=settings.TRUST_NAME, generated=timezone.localtime())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(board.period, "pdf")}"'
    return response


class BoardLoginView(LoginView):
    """The admin's sign-in turns away anyone who is not staff; board members sign in here."""

    template_name = "charter/login.html"
    redirect_authenticated_user = True
    next_page = reverse_lazy("charter:dashboard")

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(
            {**context, "trust_name": settings.TRUST_NAME}, **response_kwargs
        )
        response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        return response


class BoardLogoutView(LogoutView):
    next_page = reverse_lazy("charter:login")
