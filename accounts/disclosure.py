"""Disclosure control for small numbers: the one place it is applied before figures leave.

NHS Digital's rule for published statistics: 0 stays 0; a count from 1 to 7 is suppressed;
any other count is rounded to the nearest 5. A rate or mean is worked out from the rounded
figures and is suppressed when its numerator or denominator is. Suppressed shows as None.
"""

from __future__ import annotations

SUPPRESS_UP_TO = 7
ROUND_TO = 5


def disclose_count(count: int | None) -> int | None:
    """A count safe to show: 0, None for 1 to 7, otherwise the nearest multiple of 5."""
    if count is None:
        return None
    if count < 0:
        raise ValueError("A count cannot be negative.")
    if count == 0:
        return 0
    if count <= SUPPRESS_UP_TO:
        return None
    # Integers never fall halfway between multiples of 5, so this is plain nearest rounding.
    return ((count + ROUND_TO // 2) // ROUND_TO) * ROUND_TO


def disclose_rate(numerator: int | None, denominator: int | None) -> float | None:
    """numerator / denominator from the disclosed figures; None when either is suppressed or 0 below."""
    top, bottom = disclose_count(numerator), disclose_count(denominator)
    if top is None or bottom is None or bottom == 0:
        return None
    return top / bottom


def disclose_ratio(rate_a: float | None, rate_b: float | None) -> float | None:
    """A ratio of two disclosed rates (e.g. relative likelihood); None when either is missing or 0."""
    if rate_a is None or rate_b is None or rate_b == 0:
        return None
    return rate_a / rate_b
