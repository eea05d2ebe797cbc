"""Hardening that spans the whole site: login lockout glue for django-axes, and a default CSP for pages."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from datetime import timedelta
from functools import wraps

from axes.backends import AxesStandaloneBackend
from axes.models import AccessLog
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from rest_framework.throttling import BaseThrottle

from api.throttles import lockout_json, lockout_message, lockout_seconds

# --- login lockout (django-axes) ------------------------------------------------------------


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked-out account before any password is checked; signs nobody in itself.

    Stock axes raises when authenticate() is called without a request. Every web sign-in (the
    API, the admin, the board) passes one; without a request there is no client to lock out
    (a shell, a management command), so the check is left to the password backend alone.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """The account a sign-in attempt is counted against: the email, in lower case.

    The API signs in with `email=`, the admin and board forms with `username=` (holding the
    email). Lower-casing makes "Casey@..." and "casey@..." one account, as the login treats them,
    so changing the case of a letter does not buy a fresh set of guesses.
    """
    source = credentials or getattr(request, "data", None) or request.POST
    value = source.get("email") or source.get("username")
    return str(value).strip().lower() if value else None


def client_address(request: HttpRequest) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the client's address exactly as the rate limits count it.

    That is the peer address, or with THROTTLE_NUM_PROXIES proxies in front the entry the nearest
    proxy appended to X-Forwarded-For: never an entry the client wrote itself, so no one can pass
    for an address they are not at. Anything that is not an address falls back to the peer.
    """
    address = BaseThrottle().get_ident(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return request.META.get("REMOTE_ADDR") or None


def _known_address(username: str, address: str) -> bool:
    """Whether `username` signed in successfully from `address` within LOGIN_KNOWN_ADDRESS_DAYS."""
    since = timezone.now() - timedelta(days=settings.LOGIN_KNOWN_ADDRESS_DAYS)
    return AccessLog.objects.filter(username=username, ip_address=address, attempt_time__gte=since).exists()


def lockout_parameters(request, credentials: dict | None = None) -> list:
    """AXES_LOCKOUT_PARAMETERS: what a sign-in attempt's failures are counted by.

    From an address this account has signed in from before, failures count per account and address,
    so guesses made elsewhere cannot lock the person out there. From any other address they count per
    account, so guesses spread over many addresses share one allowance.
    """
    username = lockout_username(request, credentials)
    address = getattr(request, "axes_ip_address", None) or client_address(request)
    if not username or not address:
        return ["username"]
    # Asked several times per sign-in: look it up once. Remembering the first answer also means a
    # sign-in that makes an address known is still judged (and its count cleared) as from a new one.
    known = request.__dict__.setdefault("_lockout_known_addresses", {})
    key = (username, address)
    if key not in known:
        known[key] = _known_address(username, address)
    return [["username", "ip_address"]] if known[key] else ["username"]


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: what the admin and board sign-in forms answer once an account is locked.

    A sign-in page that already answered the lockout itself (the pages' NHS "locked" page, web/)
    keeps its answer.
    """
    if request.path.startswith("/api/"):
        return lockout_json()
    if original_response is not None and original_response.status_code == settings.AXES_HTTP_RESPONSE_CODE:
        return original_response
    response = HttpResponse(
        lockout_message(), status=settings.AXES_HTTP_RESPONSE_CODE, content_type="text/plain; charset=utf-8"
    )
    response["Retry-After"] = str(lockout_seconds())
    return response


# --- Content-Security-Policy ------------------------------------------------------------------


def api_docs_csp() -> str:
    """Swagger UI's page carries a small inline <style> block and its React code sets styles inline;
    its scripts stay same-origin files (the split view serves the start-up script as a file)."""
    return settings.CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class ContentSecurityPolicyMiddleware:
    """Gives every HTML response the site's Content-Security-Policy unless its view chose one already."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response and response.get("Content-Type", "").startswith(
            "text/html"
        ):
            response["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY
        return response


def with_csp(policy: Callable[[], str]) -> Callable:
    """A view decorator: this view's answers carry `policy()` instead of the site default."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            response = view(request, *args, **kwargs)
            response["Content-Security-Policy"] = policy()
            return response

        return wrapper

    return decorate
