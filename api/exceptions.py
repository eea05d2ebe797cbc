"""One JSON error shape for every 4xx and 5xx: {"detail": ..., "errors": {field: [messages]}}."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from accounts.errors import DomainError, NotPermitted

logger = logging.getLogger(__name__)

NON_FIELD = "non_field_errors"


def _flatten(errors: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error structures as {"field.sub.0": ["message", ...]}."""
    flat: dict[str, list[str]] = {}
    if isinstance(errors, dict):
        for key, value in errors.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            for k, v in _flatten(value, name).items():
                flat.setdefault(k, []).extend(v)
    elif isinstance(errors, list | tuple):
        if all(not isinstance(e, dict | list | tuple) for e in errors):
            flat.setdefault(prefix or NON_FIELD, []).extend(str(e) for e in errors)
        else:
            for index, value in enumerate(errors):
                name = f"{prefix}.{index}" if prefix else str(index)
                for k, v in _flatten(value, name).items():
                    flat.setdefault(k, []).extend(v)
    elif errors is not None:
        flat.setdefault(prefix or NON_FIELD, []).append(str(errors))
    return {k: v for k, v in flat.items() if v}


def _summary(errors: dict[str, list[str]]) -> str:
    """A one-line detail that names the first field at fault."""
    if not errors:
        return "The request is not valid."
    field, messages = next(iter(errors.items()))
    if field == NON_FIELD:
        return messages[0]
    return f"{field}: {messages[0]}"


def error_body(detail: str, errors: dict[str, list[str]] | None = None) -> dict[str, Any]:
    return {"detail": detail, "errors": errors or {}}


def _body_refused(exc: Exception) -> Response | None:
    """Django refuses an oversized body, or a form with too many fields or files, as it reads it;
    left alone that becomes an HTML 400 naming nothing. Say what was too much, in the one shape."""
    if isinstance(exc, RequestDataTooBig):
        megabytes = f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_048_576:g}"
        message = f"The request body is too large: at most {megabytes} MB is accepted."
        return Response(error_body(message, {NON_FIELD: [message]}), status=413)
    if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        limit = (
            settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
            if isinstance(exc, TooManyFieldsSent)
            else settings.DATA_UPLOAD_MAX_NUMBER_FILES
        )
        kind = "fields" if isinstance(exc, TooManyFieldsSent) else "files"
        message = f"The form has too many {kind}: at most {limit} are accepted."
        return Response(error_body(message, {NON_FIELD: [message]}), status=status.HTTP_400_BAD_REQUEST)
    return None


@contextmanager
def refusals_as_permission_denied() -> Iterator[None]:
    """Answer a domain rule's NotPermitted, asked before the service, in DRF's 403 shape.

    For the refusals a view checked itself until the rule moved to its app (who may record a
    supervision session, who may hire): the answer stays as it was, with `errors` naming the field
    at fault, or empty when none is.
    """
    try:
        yield
    except NotPermitted as refused:
        detail = {refused.field: [refused.message]} if refused.field else refused.message
        raise exceptions.PermissionDenied(detail) from refused


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        errors = {exc.field or NON_FIELD: [exc.message]}
        return Response(error_body(exc.message, errors), status=exc.status_code)
    refused = _body_refused(exc)
    if refused is not None:
        return refused
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD: exc.messages}
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a real server error: Django's handler500 answers, and it is logged

    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        response.data = error_body(_summary(errors), errors)
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        if isinstance(detail, dict | list):
            errors = _flatten(detail)
            response.data = error_body(_summary(errors), errors)
        else:
            response.data = error_body(str(detail))
    return response


def json_not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return JsonResponse(error_body("Not found."), status=status.HTTP_404_NOT_FOUND)


def json_server_error(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        error_body("Something went wrong on our side. It has been logged; please try again."),
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )
