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


# --- secondary suppression ---------------------------------------------------------------------

from accounts.disclosure import Relation, both_or_neither, protect  # noqa: E402


def test_a_lone_hidden_directorate_takes_the_smallest_other_with_it():
    counts = {"trust": 40, "a": 3, "b": 12, "c": 25}
    shown = protect(counts, [Relation("trust", ("a", "b", "c"))])
    # Without b hidden too, 40 - 10 - 25 would put a at 1 to 7 give or take the rounding.
    assert shown == {"trust": 40, "a": None, "b": None, "c": 25}


def test_records_kept_against_the_trust_as_a_whole_can_be_the_complement():
    # Six records belong to no directorate: a's 3 and those 6 cannot be told apart.
    counts = {"trust": 39, "a": 3, "b": 10, "c": 20}
    shown = protect(counts, [Relation("trust", ("a", "b", "c"))])
    assert shown == {"trust": 40, "a": None, "b": 10, "c": 20}


def test_months_always_hide_in_pairs():
    counts = {"q": 30, "oct": 6, "nov": 0, "dec": 24}
    shown = protect(counts, [Relation("q", ("oct", "nov", "dec"), exhaustive=True)])
    assert shown == {"q": 30, "oct": None, "nov": 0, "dec": None}


def test_a_small_population_shows_no_breakdown_at_all():
    counts = {"all": 1, "white": 1, "black": 0, "asian": 0}
    shown = protect(counts, [Relation("all", ("white", "black", "asian"), exhaustive=True)])
    assert shown == {"all": None, "white": None, "black": None, "asian": None}


def test_the_total_goes_when_no_part_can_protect_the_hidden_ones():
    # Six hidden parts of at least 1 each in a total of 8 to 12: one of them could only be 1 to 7.
    counts = {"all": 9, "a": 1, "b": 1, "c": 1, "d": 2, "e": 2, "f": 2, "g": 0}
    shown = protect(counts, [Relation("all", ("a", "b", "c", "d", "e", "f", "g"), exhaustive=True)])
    assert shown["all"] is None
    assert shown["g"] == 0


def test_a_count_in_two_tables_is_hidden_in_both():
    # "b" is both a directorate of the quarter and the total of its own months.
    counts = {"trust": 50, "a": 4, "b": 16, "c": 30, "b1": 8, "b2": 8}
    relations = [Relation("trust", ("a", "b", "c")), Relation("b", ("b1", "b2"), exhaustive=True)]
    shown = protect(counts, relations)
    assert shown["a"] is None and shown["b"] is None
    assert shown["b1"] == 10 and shown["b2"] == 10  # b's total hidden and large: its months tie to nothing


def test_a_rate_shows_both_parts_or_neither():
    assert both_or_neither(10, 20) == (10, 20)
    assert both_or_neither(None, 20) == (None, None)
    assert both_or_neither(10, None) == (None, None)


def test_a_relation_naming_an_unknown_count_is_a_bug():
    with pytest.raises(KeyError):
        protect({"t": 10}, [Relation("t", ("x",))])


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=2, max_size=6), st.integers(0, 10))
def test_every_hidden_part_of_a_shown_total_keeps_five_values(parts, remainder):
    counts = {("p", i): n for i, n in enumerate(parts)}
    counts["t"] = sum(parts) + remainder
    shown = protect(counts, [Relation("t", tuple(k for k in counts if k != "t"))])
    if shown["t"] is None:
        return
    hidden = [k for k in counts if k != "t" and shown[k] is None]
    if not hidden:
        return
    # The worst case for the person subtracting: every rounding in their favour.
    top = shown["t"] + 2 - sum(shown[k] - 2 for k in counts if k != "t" and shown[k] is not None)
    for key in hidden:
        highest = top - (len(hidden) - 1)  # every other hidden part at its least, 1
        assert highest >= 5, (counts, shown, key)  # so it could be any of 1 to 5 at least
