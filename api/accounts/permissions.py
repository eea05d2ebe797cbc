"""Permissions and throttles for account endpoints beyond the queryset scoping every view does."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class _LoginThrottle(SimpleRateThrottle):
    def get_rate(self):
        # Read the rates when asked, not at import, so settings changes take effect.
        self.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
        return super().get_rate()


class LoginAccountRateThrottle(_LoginThrottle):
    """Slows password guessing at one account: a few attempts a minute for each email, from
    wherever they come (THROTTLE_LOGIN). Colleagues behind one proxy each have their own."""

    scope = "login"

    def get_cache_key(self, request, view):
        data = request.data
        email = data.get("email") if isinstance(data, Mapping) else None
        if not isinstance(email, str) or not email.strip():
            return None  # nothing to count it against: refused as incomplete, and the address's limit applies
        # The email as the login matches it; hashed, so the cache holds no one's address.
        account = hashlib.sha256(email.strip().lower().encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": account}


class LoginAddressRateThrottle(_LoginThrottle):
    """A ceiling per client address (THROTTLE_LOGIN_ADDRESS), high enough for a whole trust signing in
    behind one proxy at nine o'clock, low enough to slow one address trying many accounts."""

    scope = "login_address"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
