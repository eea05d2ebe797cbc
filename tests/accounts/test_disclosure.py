"""The small-number rule: 0 stays 0, 1 to 7 suppressed, the rest rounded to the nearest 5."""

import pytest

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
