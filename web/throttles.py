"""Rate limits for pages, sharing the API's: sign-in and password reset ("login" per account,
"login_address" per address), and downloads ("export").

The rates are the REST framework's (THROTTLE_LOGIN, THROTTLE_LOGIN_ADDRESS, THROTTLE_EXPORT), counted
in the same cache by DRF's own throttle class, so a page is no easier to hammer than the endpoint
beside it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from web.pages import render_page


class PageRateThrottle(SimpleRateThrottle):
    """One scope; per signed-in person, or per address for someone not signed in. With
    `account_field`, per account instead: the email the form names in that field, in lower case."""

    cache_format = "web-throttle_%(scope)s_%(ident)s"

    def __init__(self, scope: str, *, account_field: str | None = None) -> None:
        self.scope = scope
        self.account_field = account_field
        self.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES  # read now, so test settings apply
        super().__init__()

    def get_cache_key(self, request, view):
        if self.account_field is not None:
            email = request.POST.get(self.account_field, "").strip().lower()
            if not email:
                return None  # the form answers "enter your email"; the per-address limit still counts
            # Hashed, so the cache holds no one's address.
            ident = "account-" + hashlib.sha256(email.encode()).hexdigest()
            return self.cache_format % {"scope": self.scope, "ident": ident}
        user = getattr(request, "user", None)
        ident = user.pk if user is not None and user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def rate_limited(
    scope: str, *, account_field: str | None = None, methods: tuple[str, ...] = ("POST",)
) -> Callable:
    """Count `methods` requests against `scope` (per account with `account_field`, see
    PageRateThrottle); past the rate, a 429 page saying how long to wait."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in methods:
                throttle = PageRateThrottle(scope, account_field=account_field)
                if not throttle.allow_request(request, None):
                    seconds = max(1, int(throttle.wait() or 60))
                    minutes = max(1, round(seconds / 60))
                    response = render_page(request, "web/errors/429.html", {"minutes": minutes}, status=429)
                    response["Retry-After"] = str(seconds)
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
