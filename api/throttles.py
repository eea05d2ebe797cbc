"""Rate limits beyond DRF's per-person default: exports and the dashboard, and the login lockout's answer.

Each limit is one scope in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], set from the environment
(THROTTLE_EXPORT, THROTTLE_DASHBOARD); a rate of None switches it off, as the test settings do.
A view adds its scope to the defaults, so the per-person limit still applies too.
"""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from api.exceptions import NON_FIELD, error_body


class _ScopeRateThrottle(SimpleRateThrottle):
    """One fixed scope, counted per signed-in person (per address for anyone else)."""

    def get_rate(self):
        # Read the rates when asked, not at import, so settings changes take effect.
        self.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
        return super().get_rate()

    def get_cache_key(self, request, view):
        ident = request.user.pk if request.user and request.user.is_authenticated else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class ExportRateThrottle(_ScopeRateThrottle):
    """CSV and PDF files of many rows: each is a heavy query and a lot of data leaving at once."""

    scope = "export"


class DashboardRateThrottle(_ScopeRateThrottle):
    """The charter dashboard computes every indicator for a period: not something to poll."""

    scope = "dashboard"


EXPORT_THROTTLES = [*api_settings.DEFAULT_THROTTLE_CLASSES, ExportRateThrottle]
DASHBOARD_THROTTLES = [*api_settings.DEFAULT_THROTTLE_CLASSES, DashboardRateThrottle]


# --- login lockout (django-axes) ----------------------------------------------------------------


def lockout_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def lockout_message() -> str:
    minutes = max(1, round(lockout_seconds() / 60))
    return (
        f"Too many unsuccessful attempts to log in. Wait {minutes} minute{'s' if minutes != 1 else ''} "
        "and try again, or ask an administrator to unlock the account."
    )


def lockout_json() -> JsonResponse:
    """A locked-out sign-in in our one error shape. It says nothing about which part was wrong, nor
    whether the account exists: unknown emails are counted and locked out the same way."""
    message = lockout_message()
    response = JsonResponse(
        error_body(message, {NON_FIELD: [message]}), status=settings.AXES_HTTP_RESPONSE_CODE
    )
    response["Retry-After"] = str(lockout_seconds())
    return response
