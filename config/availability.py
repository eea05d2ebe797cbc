"""Answers for when a dependency is briefly away: the database restarting is a 503 to retry, not a 500."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse

from api.exceptions import error_body

logger = logging.getLogger(__name__)

UNAVAILABLE = "The service is briefly unavailable. Please try again in a moment."
RETRY_AFTER_SECONDS = 5


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503 in the one error shape, with Retry-After.

    Django opens a fresh connection on the next request (CONN_HEALTH_CHECKS), so once the
    database is back the same process serves again: nothing here needs restarting.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None  # anything else is a real fault: Django's handler500 answers and logs it
        logger.warning("database unavailable for %s %s: %s", request.method, request.path, exception)
        response = JsonResponse(error_body(UNAVAILABLE), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
