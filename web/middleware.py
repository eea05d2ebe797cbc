"""Error pages under DEBUG: the same NHS pages production shows, not Django's debug pages.

With DEBUG on (`make run`), Django answers a missing page or a crash with its technical pages,
which hold settings and code. People try the pages on a laptop too, so every path outside /api/
gets the NHS 404, 400 and 500 pages; the traceback goes to the log, as in production. With DEBUG
off this does nothing: Django's handlers (config/urls.py) answer the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core import signals
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.log import log_response

from web import errors


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


class DebugErrorPagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.DEBUG and not _is_api(request):
            try:
                resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404:
                # CommonMiddleware, further out, still redirects to the address with a slash.
                return errors.not_found(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not settings.DEBUG or settings.DEBUG_PROPAGATE_EXCEPTIONS or _is_api(request):
            return None
        if isinstance(exception, Http404):
            return errors.not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return None  # Django's handler403 answers, DEBUG or not
        if isinstance(exception, BadRequest | SuspiciousOperation):
            name = type(exception).__name__
            logging.getLogger(f"django.security.{name}").error(str(exception))
            return errors.bad_request(request, exception)
        signals.got_request_exception.send(sender=None, request=request)
        response = errors.server_error(request)
        log_response(
            "%s: %s",
            "Internal Server Error",
            request.path,
            response=response,
            request=request,
            exception=exception,
        )
        return response
