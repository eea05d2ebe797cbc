"""The small-number rule: 0 stays 0, 1 to 7 suppressed, the rest rounded to the nearest 5."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accounts.disclosure import disclose_count, disclose_rate, disclose_ratio


@pytest.mark.parametrize(
    ("count", "shown"),
    [(0, 0), (1, None), (7, None), (8, 10), (10, 10), (12, 10), (13, 15), (102, 100), (103, 105)],
)
def test_counts(count, shown):
    assert disclose_count(count) == shown


def test_every_count_shown_is_zero_or_a_multiple_of_five_above_seven():
    for count in range(0, 2000):
        shown = disclose_count(count)
        assert shown is None or shown == 0 or (shown % 5 == 0 and shown > 7)


def test_rates_use_rounded_figures_and_inherit_suppression():
    assert disclose_rate(12, 33) == 10 / 35
    assert disclose_rate(5, 40) is None
    assert disclose_rate(40, 5) is None
    assert disclose_rate(0, 40) == 0.0
    assert disclose_rate(0, 0) is None


def test_ratio_of_rates():
    assert disclose_ratio(0.5, 0.25) == 2.0
    assert disclose_ratio(None, 0.25) is None
    assert disclose_ratio(0.5, 0.0) is None


def test_negative_counts_are_a_bug():
    with pytest.raises(ValueError, match="negative"):
        disclose_count(-1)


# --- properties, over every count a trust could have -----------------------------------------

counts = st.integers(min_value=0, max_value=10**6)


@given(counts)
def test_a_shown_count_is_zero_suppressed_or_the_nearest_multiple_of_five_above_seven(count):
    shown = disclose_count(count)
    if count == 0:
        assert shown == 0
    elif count <= 7:
        assert shown is None
    else:
        assert shown % 5 == 0 and shown >= 10
        assert abs(shown - count) <= 2  # the nearest multiple: never more than 2 away


@given(counts, counts)
def test_rounding_never_reorders_counts(a, b):
    shown_a, shown_b = disclose_count(a), disclose_count(b)
    if a <= b and shown_a is not None and shown_b is not None:
        assert shown_a <= shown_b


@given(counts, counts)
def test_a_rate_is_worked_out_from_the_shown_counts_or_not_at_all(numerator, denominator):
    rate = disclose_rate(numerator, denominator)
    top, bottom = disclose_count(numerator), disclose_count(denominator)
    if top is None or bottom is None or bottom == 0:
        assert rate is None
    else:
        assert rate == top / bottom
