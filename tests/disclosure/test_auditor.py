"""The auditor on hand-built publications: each leak the board and HR could once read off is
flagged, and the same figures published safely pass.

No database: these are the shapes of the four leaks reported against the charter and the
equality report, written as published facts and the documented relations between them.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.disclosure.auditor import (
    ABSENT,
    HALF_SHOWN,
    INCONSISTENT,
    NARROW,
    RATE_MISMATCH,
    RATE_WITH_HIDDEN_PART,
    SMALL,
    UNROUNDED,
    Publication,
    rounded_rate,
)

PAGE = "board page"
QUARTER, MONTHS = "2026-27-Q3", ("2026-10", "2026-11", "2026-12")
DAY = "2026-12-31"


def kinds(publication: Publication) -> list[str]:
    return sorted(f.kind for f in publication.audit().findings)


def narrowed(publication: Publication) -> dict:
    return {f.key: f.detail for f in publication.audit().of_kind(NARROW)}


# --- the rule itself, figure by figure ---------------------------------------------------------


@pytest.mark.parametrize(("value", "kind"), [(3, SMALL), (7, SMALL), (12, UNROUNDED), (12.5, UNROUNDED)])
def test_a_shown_count_that_breaks_the_rule_is_flagged(value, kind):
    publication = Publication()
    publication.shown(("in_post", "trust", DAY), value, where=PAGE)

    assert kinds(publication) == [kind]


@pytest.mark.parametrize("value", [0, 10, 15, 2025])
def test_a_shown_count_that_keeps_the_rule_passes(value):
    publication = Publication()
    publication.shown(("in_post", "trust", DAY), value, where=PAGE)

    assert kinds(publication) == []


def test_a_lone_suppressed_count_keeps_seven_possible_values():
    publication = Publication()
    key = ("in_post", "trust", DAY)
    publication.hidden(key, where=PAGE, low=1, high=7)

    result = publication.audit(exact=True)

    assert result.findings == []
    assert (result.ranges[key].low, result.ranges[key].high) == (1, 7)


def test_two_outputs_that_contradict_each_other_are_reported_as_inconsistent():
    publication = Publication()
    key = ("in_post", "trust", DAY)
    publication.shown(key, 10, where="page")
    publication.shown(key, 30, where="CSV")

    assert kinds(publication) == [INCONSISTENT]


def test_figures_that_break_a_documented_relation_are_reported_as_inconsistent():
    publication = Publication()
    publication.shown(("supervised", "trust", DAY), 30, where=PAGE)
    publication.shown(("in_post", "trust", DAY), 10, where=PAGE)
    publication.at_most(
        ("supervised", "trust", DAY), ("in_post", "trust", DAY), where="numerator <= denominator"
    )

    assert kinds(publication) == [INCONSISTENT]


# --- leak 1: course places divide back into people ----------------------------------------------


def places_publication(*, courses: int, places_shown: int | None, held_shown: int | None) -> Publication:
    """A directorate left out of 'peer workers in post', with its training row in course places."""
    publication = Publication()
    in_post, required, held = (
        ("in_post", "children", DAY),
        ("places", "children", DAY),
        ("held", "children", DAY),
    )
    publication.hidden(in_post, where="in post breakdown: directorate left out", low=0)
    publication.product(required, in_post, courses, where="places = people x mandatory courses")
    publication.at_most(held, required, where="numerator <= denominator")
    value = None
    if places_shown is not None and held_shown is not None:
        value = rounded_rate(held_shown, places_shown)
    publication.rate(held, held_shown, required, places_shown, value, where="training breakdown")
    return publication


def test_course_places_over_a_hidden_directorate_give_back_its_peer_workers():
    # The example: 10 of 20 places with 6 mandatory courses is exactly 3 peer workers.
    publication = places_publication(courses=6, places_shown=20, held_shown=10)

    found = narrowed(publication)

    assert list(found) == [("in_post", "children", DAY)]
    assert "only 1 value(s) possible: 3..3" in found[("in_post", "children", DAY)]


def test_course_places_hidden_with_the_people_keep_them_safe():
    publication = places_publication(courses=6, places_shown=None, held_shown=None)

    assert kinds(publication) == []


def test_with_one_course_places_are_people_and_rounding_protects_them():
    # 20 places of a single course: 18 to 22 people, five values, no narrower than the count itself.
    publication = places_publication(courses=1, places_shown=20, held_shown=10)

    assert narrowed(publication) == {}


# --- leak 2: differencing --------------------------------------------------------------------


def months_publication(quarter: int | None, months: list[int | None]) -> Publication:
    """A flow measure for the trust: the quarter is the sum of its months (None = suppressed)."""
    publication = Publication()
    for label, shown in zip(MONTHS, months, strict=True):
        key = ("promotions", "trust", label)
        if shown is None:
            publication.hidden(key, where=f"dashboard {label}", low=1)
        else:
            publication.shown(key, shown, where=f"dashboard {label}")
    q = ("promotions", "trust", QUARTER)
    if quarter is None:
        publication.hidden(q, where="dashboard quarter", low=1)
    else:
        publication.shown(q, quarter, where="dashboard quarter")
    publication.total(q, [("promotions", "trust", m) for m in MONTHS], where="quarter = sum of months")
    return publication


def test_a_quarter_minus_its_shown_months_pins_the_hidden_month():
    # 10 (8..12) - 10 (8..12) - 0 leaves November at 1 to 4.
    found = narrowed(months_publication(10, [10, None, 0]))

    assert list(found) == [("promotions", "trust", "2026-11")]
    detail = found[("promotions", "trust", "2026-11")]
    assert "1..4" in detail
    # The finding says why: the quarter, October and the relation between them cap November.
    why = detail.split("at most 4 because:")[1]
    assert "dashboard quarter" in why and "dashboard 2026-10" in why and "quarter = sum of months" in why


def test_two_hidden_months_under_a_shown_quarter_keep_each_other_safe():
    assert narrowed(months_publication(20, [10, None, None])) == {}


def test_a_hidden_quarter_protects_its_hidden_month():
    assert narrowed(months_publication(None, [10, None, 0])) == {}


def directorates_publication(total: int, shown: dict[str, int], hidden: list[str]) -> Publication:
    publication = Publication()
    t = ("in_post", "trust", DAY)
    publication.shown(t, total, where="trust figure")
    for name, value in shown.items():
        publication.shown(("in_post", name, DAY), value, where=f"breakdown: {name}")
    for name in hidden:
        publication.hidden(("in_post", name, DAY), where=f"breakdown: {name} suppressed", low=1)
    publication.total(
        t,
        [("in_post", name, DAY) for name in [*shown, *hidden]],
        remainder=("in_post", "rest", DAY),
        where="trust = directorates + teams kept against the trust",
    )
    return publication


def test_a_trust_total_minus_its_shown_directorates_pins_the_hidden_one():
    # Even with an unknown remainder kept against the trust itself, the hidden directorate is 1 to 4.
    found = narrowed(directorates_publication(10, {"adult": 10, "older": 0}, ["children"]))

    assert list(found) == [("in_post", "children", DAY)]


def test_two_hidden_directorates_and_room_in_the_total_are_safe():
    assert narrowed(directorates_publication(30, {"adult": 10}, ["children", "older"])) == {}


def test_a_stock_shown_on_the_quarter_and_its_last_month_is_one_variable():
    # "In post on 31 December" from the quarter and from December is the same count: no new facts.
    publication = Publication()
    key = ("in_post", "children", DAY)
    publication.hidden(key, where="quarter breakdown", low=1)
    publication.hidden(key, where="December breakdown", low=1)

    result = publication.audit(exact=True)

    assert result.findings == []
    assert result.variables == 1


# --- leak 3: a suppressed rate shows its other half ------------------------------------------------


def test_a_denominator_shown_beside_a_hidden_numerator_is_flagged():
    publication = Publication()
    publication.rate(
        ("supervised", "trust", DAY), None, ("in_post", "trust", DAY), 10, None, where="snapshots API"
    )

    found = publication.audit().findings

    assert [f.kind for f in found] == [HALF_SHOWN]
    assert found[0].key == ("supervised", "trust", DAY)


def test_total_days_shown_with_the_number_of_offers_hidden_is_flagged():
    publication = Publication()
    publication.rate(
        ("offer_days", "trust", QUARTER), 120, ("offers", "trust", QUARTER), None, None,
        where="snapshots API", scale=1,
    )  # fmt: skip

    assert kinds(publication) == [HALF_SHOWN]


def test_a_suppressed_rate_with_both_parts_hidden_passes():
    publication = Publication()
    publication.rate(("supervised", "trust", DAY), None, ("in_post", "trust", DAY), None, None, where="API")

    assert kinds(publication) == []


def test_a_rate_shown_beside_a_hidden_part_is_flagged():
    publication = Publication()
    publication.rate(
        ("supervised", "trust", DAY), None, ("in_post", "trust", DAY), 10, Decimal("50.0"), where="API"
    )

    assert RATE_WITH_HIDDEN_PART in kinds(publication)


def test_a_rate_that_is_not_the_one_its_shown_parts_give_is_flagged():
    publication = Publication()
    publication.rate(
        ("supervised", "trust", DAY), 10, ("in_post", "trust", DAY), 30, Decimal("33.4"), where="API"
    )

    assert kinds(publication) == [RATE_MISMATCH]


def test_a_rate_from_its_shown_parts_passes():
    publication = Publication()
    publication.rate(
        ("supervised", "trust", DAY), 10, ("in_post", "trust", DAY), 30, Decimal("33.3"), where="API"
    )
    publication.rate(
        ("sup", "t", "q"), 10, ("in", "t", "q"), 30, 1 / 3, where="equality report", scale=1, places=None
    )

    assert kinds(publication) == []


def test_a_rate_shown_without_its_parts_constrains_the_rounded_parts():
    # A trend point of 50.0% over a denominator shown as 20 elsewhere: the rounded numerator is 10.
    publication = Publication()
    top, bottom = ("supervised", "trust", DAY), ("in_post", "trust", DAY)
    publication.shown(bottom, 20, where="in post")
    publication.protect(top, where="not published")
    publication.rate(top, ABSENT, bottom, ABSENT, Decimal("50.0"), where="trend")

    result = publication.audit(exact=True)

    assert result.findings == []
    assert (result.ranges[top].low, result.ranges[top].high) == (8, 12)


def test_a_rate_of_zero_without_its_parts_pins_the_numerator_to_zero_which_is_no_leak():
    publication = Publication()
    top, bottom = ("supervised", "trust", DAY), ("in_post", "trust", DAY)
    publication.shown(bottom, 20, where="in post")
    publication.protect(top, where="not published")
    publication.rate(top, ABSENT, bottom, ABSENT, Decimal("0.0"), where="trend")

    result = publication.audit(exact=True)

    assert result.findings == []
    assert (result.ranges[top].low, result.ranges[top].high) == (0, 0)


# --- leak 4: one applicant's equality answers ---------------------------------------------------


GROUPS = ["female", "male", "prefer_not_to_say"]


def equality_publication(shown: dict[str, int | None], total: int | None, *, applicants: int) -> Publication:
    """One characteristic for one vacancy; HR knows how many applications the vacancy had."""
    publication = Publication()
    all_key = ("eq", "vacancy", "2026-11", "all", "applicants")
    publication.known(all_key, applicants, where="HR's applications list")
    if total is None:
        publication.hidden(all_key, where="report total", low=1)
    else:
        publication.shown(all_key, total, where="report total")
    everyone_hidden = total is None and all(v is None for v in shown.values())
    for group, value in shown.items():
        key = ("eq", "vacancy", "2026-11", group, "applicants")
        if value is None:
            publication.hidden(key, where=f"report: {group}", low=0 if everyone_hidden else 1)
        else:
            publication.shown(key, value, where=f"report: {group}")
    publication.total(
        all_key,
        [("eq", "vacancy", "2026-11", g, "applicants") for g in shown],
        where="every applicant answers each question",
    )
    return publication


def test_one_applicant_whose_answer_is_the_only_suppressed_group_is_read_off():
    publication = equality_publication(
        {"female": 0, "male": None, "prefer_not_to_say": 0}, None, applicants=1
    )

    found = narrowed(publication)

    assert list(found) == [("eq", "vacancy", "2026-11", "male", "applicants")]
    assert "1..1" in found[("eq", "vacancy", "2026-11", "male", "applicants")]


def test_one_applicant_with_every_cell_hidden_keeps_their_answer():
    # Each group is 0 or 1, which HR knew from the application alone: nothing was narrowed.
    publication = equality_publication(dict.fromkeys(GROUPS), None, applicants=1)

    assert kinds(publication) == []


def test_enough_applicants_with_one_suppressed_group_beside_shown_ones_pass():
    publication = equality_publication(
        {"female": 10, "male": None, "prefer_not_to_say": 10}, 25, applicants=24
    )

    assert narrowed(publication) == {}


# --- the solver against brute force ----------------------------------------------------------------


def test_a_distinct_count_over_months_gives_no_differencing():
    # Vacancies that interviewed: one vacancy may interview in two months, so the quarter is not the
    # sum of its months and a shown quarter says little about a hidden month.
    publication = Publication()
    q = ("interviewing", "trust", QUARTER)
    publication.shown(q, 10, where="quarter")
    publication.shown(("interviewing", "trust", MONTHS[0]), 10, where="October")
    publication.hidden(("interviewing", "trust", MONTHS[1]), where="November", low=1)
    publication.shown(("interviewing", "trust", MONTHS[2]), 0, where="December")
    publication.distinct_total(q, [("interviewing", "trust", m) for m in MONTHS], where="distinct")

    result = publication.audit(exact=True)

    assert result.findings == []
    assert str(result.ranges[("interviewing", "trust", MONTHS[1])]) == "1..12"


def test_a_contradiction_names_the_facts_behind_it():
    publication = Publication()
    publication.shown(("in_post", "a", DAY), 20, where="breakdown A")
    publication.shown(("in_post", "trust", DAY), 10, where="trust figure")
    publication.shown(("in_post", "b", DAY), 0, where="breakdown B")
    publication.total(
        ("in_post", "trust", DAY), [("in_post", "a", DAY), ("in_post", "b", DAY)], where="trust = parts"
    )

    [finding] = publication.audit().findings

    assert finding.kind == INCONSISTENT
    assert set(finding.where) == {"breakdown A", "trust figure"}
    assert "trust = parts" in finding.detail


CAP = 14  # every count in the brute-force models lies in 0..CAP


@st.composite
def small_publications(draw):
    """Three or four counts, each shown, hidden (1..CAP or 0..CAP) or unpublished, and a few relations."""
    n = draw(st.integers(min_value=3, max_value=4))
    facts = draw(
        st.lists(
            st.one_of(
                st.tuples(st.just("shown"), st.sampled_from([0, 10])),
                st.tuples(st.just("hidden"), st.integers(min_value=0, max_value=1)),
                st.tuples(st.just("free"), st.just(0)),
            ),
            min_size=n,
            max_size=n,
        )
    )
    relations = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["sum", "at_most", "product"]),
                st.permutations(range(n)),
                st.integers(min_value=2, max_value=3),
            ),
            min_size=1,
            max_size=3,
        )
    )
    return facts, relations


def build_small(facts, relations) -> tuple[Publication, list]:
    publication = Publication()
    keys = [("x", n) for n in range(len(facts))]
    for key, (kind, value) in zip(keys, facts, strict=True):
        if kind == "shown":
            publication.shown(key, value, where="shown")
        elif kind == "hidden":
            publication.hidden(key, where="hidden", low=value, high=CAP)
        else:
            publication.protect(key, where="free")
            publication.relate({key: 1}, high=CAP, where="cap")
        if kind == "shown":
            publication.relate({key: 1}, high=CAP, where="cap")
    checks = []
    for kind, order, factor in relations:
        a, b, *rest = (keys[i] for i in order)
        if kind == "sum":
            publication.total(a, [b, *rest[:1]], where="sum")
            checks.append(lambda v, a=a, b=b, c=rest[0]: v[a] == v[b] + v[c])
        elif kind == "at_most":
            publication.at_most(a, b, where="at most")
            checks.append(lambda v, a=a, b=b: v[a] <= v[b])
        else:
            publication.product(a, b, factor, where="product")
            checks.append(lambda v, a=a, b=b, f=factor: v[a] == f * v[b])
    return publication, keys, checks


@settings(max_examples=40, deadline=None, derandomize=True)
@given(small_publications())
def test_the_ranges_are_the_ones_brute_force_finds(case):
    facts, relations = case
    publication, keys, checks = build_small(facts, relations)
    boxes = []
    for kind, value in facts:
        if kind == "shown":
            boxes.append(range(0, 1) if value == 0 else range(value - 2, min(value + 2, CAP) + 1))
        elif kind == "hidden":
            boxes.append(range(value, CAP + 1))
        else:
            boxes.append(range(CAP + 1))
    solutions = [
        dict(zip(keys, values, strict=True))
        for values in itertools.product(*boxes)
        if all(check(dict(zip(keys, values, strict=True))) for check in checks)
    ]

    result = publication.audit(exact=True)
    screened = publication.audit()

    if not solutions:
        assert [f.kind for f in result.findings] == [INCONSISTENT]
        return
    for key, got in result.ranges.items():
        values = [s[key] for s in solutions]
        assert (got.low, got.high) == (min(values), max(values)), key
    narrow = {f.key for f in result.of_kind(NARROW)}
    assert narrow == {f.key for f in screened.of_kind(NARROW)}
    for key in result.ranges:
        values = {s[key] for s in solutions}
        assert (key in narrow) == (max(values) > 0 and max(values) - min(values) + 1 < 5), key
