"""What every page shares: who may open it, how it is rendered, and how a domain error reaches a form.

A view is a function decorated with `@page` (anyone signed in) or `@page(roles=[...])`, reads
through selectors and `restrict()`, writes through a service, and renders with `render_page`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from accounts.errors import DomainError
from accounts.visibility import Action, restrict

View = Callable[..., HttpResponse]


class NotForYou(PermissionDenied):
    """A signed-in person opened a page their role does not have; the 403 page shows `message`."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def render_page(
    request: HttpRequest, template: str, context: dict[str, Any] | None = None, *, status: int = 200
) -> HttpResponse:
    return render(request, template, context or {}, status=status)


def confirm_step(
    request: HttpRequest,
    *,
    act: Callable[[], object],
    done: str,
    back: str,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """A page that asks first, and a button that does one thing (open, close, publish): on POST,
    `act()` (a service call); if it refuses, the page again with its reason as `error` and the
    refusal's status, nothing written; if not, `done` as the success message and back to `back`."""
    error: DomainError | None = None
    if request.method == "POST":
        try:
            act()
        except DomainError as exc:
            error = exc
        else:
            messages.success(request, done)
            return redirect(back)
    status = 200 if error is None else error.status_code
    return render_page(request, template, {**context, "error": error}, status=status)


def page(view: View | None = None, *, roles: Iterable[str] = (), refusal: str = "") -> Any:
    """A page for signed-in people; with `roles`, for people holding at least one of them.

    Anyone not signed in goes to the sign-in page and comes back after. A signed-in person without
    the role gets the 403 page, saying `refusal` (or who the page is for). Pages are never cached:
    they show personal data.
    """
    wanted = frozenset(roles)

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            if wanted and not user.has_role(*wanted):
                raise NotForYou(refusal or "This page is for a role your account does not have.")
            return view(request, *args, **kwargs)

        wrapper.page_roles = wanted  # type: ignore[attr-defined]
        return never_cache(wrapper)

    return decorate(view) if view is not None else decorate


def get_visible(queryset: QuerySet, request: HttpRequest, pk: Any, action: Action = "view") -> Model:
    """One row the person may see, or the 404 page; with an `action` beyond view, 403 when they may
    see it but not do that, as the API answers."""
    row = restrict(queryset, request.user, "view").filter(pk=pk).first()
    if row is None:
        raise Http404
    if action != "view" and not restrict(queryset.model.objects.filter(pk=pk), request.user, action).exists():
        raise NotForYou("You can see this but not change it.")
    return row
