"""The NHS-styled error pages: 400, 403, 404, 500, a failed CSRF check, and a locked account.

config/urls.py sends /api/ paths to the API's JSON errors and everything else here. The 500 page
is rendered without the request's context: when something has gone wrong (the database, say), the
page must not need it.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader

from web.pages import NotForYou, render_page

logger = logging.getLogger(__name__)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render_page(request, "web/errors/400.html", status=400)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Only our own refusals carry words meant for people; anything else gets the general page.
    message = exception.message if isinstance(exception, NotForYou) else ""
    return render_page(request, "web/errors/403.html", {"message": message}, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render_page(request, "web/errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    body = loader.get_template("web/errors/500.html").render({"trust_name": settings.TRUST_NAME})
    return HttpResponse(body, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: most often a form left open past the session, or cookies switched off."""
    logger.warning("CSRF check failed for %s: %s", request.path, reason)
    return render_page(request, "web/errors/csrf.html", status=403)


def locked_out(request: HttpRequest, *, minutes: int, retry_after: int) -> HttpResponse:
    """The sign-in page's answer for an account locked after too many failed attempts (django-axes)."""
    response = render_page(request, "web/errors/locked.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(retry_after)
    return response
