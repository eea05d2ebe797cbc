"""Permissions and throttles for account endpoints beyond the queryset scoping every view does."""

from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle


class LoginRateThrottle(ScopedRateThrottle):
    """Slows password guessing: a few attempts a minute per client address (THROTTLE_LOGIN)."""

    def get_rate(self):
        # Read the rates when asked, not at import, so settings changes take effect.
        self.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
        return super().get_rate()
