"""Disclosure control for small numbers: the one place it is applied before figures leave.

NHS Digital's rule for published statistics (primary suppression): 0 stays 0; a count from 1
to 7 is suppressed; any other count is rounded to the nearest 5. A rate or mean is worked out
from the rounded figures and is suppressed when its numerator or denominator is. Suppressed
shows as None.

A figure at a time is not enough: where a table also shows its total, subtracting the shown
parts from the total pins down a hidden part. `protect()` therefore takes every count that
will be published together with the relations between them ("these parts add up to that
total") and adds secondary suppression until no hidden count can be narrowed to fewer than
`MIN_POSSIBLE_VALUES` values by arithmetic on what is shown. The test suite checks the result
with an independent auditor (tests/disclosure/) that solves the linear programme an attacker
would.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

__all__ = [
    "MIN_POSSIBLE_VALUES",
    "ROUND_TO",
    "SUPPRESS_UP_TO",
    "Relation",
    "both_or_neither",
    "disclose_count",
    "disclose_rate",
    "disclose_ratio",
    "protect",
]

SUPPRESS_UP_TO = 7
ROUND_TO = 5
# However a person combines the published figures, a hidden count must still have at least
# this many possible values.
MIN_POSSIBLE_VALUES = 5


def disclose_count(count: int | None) -> int | None:
    """A count safe to show on its own: 0, None for 1 to 7, otherwise the nearest multiple of 5."""
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
    return _rate(top, bottom)


def _rate(top: int | None, bottom: int | None) -> float | None:
    if top is None or bottom is None or bottom == 0:
        return None
    return top / bottom


def disclose_ratio(rate_a: float | None, rate_b: float | None) -> float | None:
    """A ratio of two disclosed rates (e.g. relative likelihood); None when either is missing or 0."""
    if rate_a is None or rate_b is None or rate_b == 0:
        return None
    return rate_a / rate_b


def both_or_neither(top: int | None, bottom: int | None) -> tuple[int | None, int | None]:
    """A rate's two published parts: both when both survived, otherwise neither.

    A rate that is held back must not show its other half: with the half that is shown and
    the relations between figures, the hidden half could be worked back.
    """
    if top is None or bottom is None:
        return None, None
    return top, bottom


@dataclass(frozen=True)
class Relation:
    """`total` = the sum of `parts` (and, unless `exhaustive`, of records published in no part).

    Parts of a trust (directorates, with records kept against the trust as a whole in no part),
    months of a quarter (exhaustive), groups of a characteristic (exhaustive). A count of
    distinct things over months (a vacancy interviewing in two months counts once in the
    quarter) is protected as if its months added up exactly: the real relation (the quarter is
    at most the sum, at least the largest month) lets a person deduce no more than that.
    """

    total: Hashable
    parts: tuple[Hashable, ...]
    exhaustive: bool = False


def protect(counts: Mapping[Hashable, int], relations: Iterable[Relation]) -> dict[Hashable, int | None]:
    """Every count as it may be published together with the others: primary, then secondary suppression.

    Rules, applied until nothing changes:
    - a total that is itself suppressed for being small takes all its parts with it, zeros
      included: a breakdown of a very small population is not published at all;
    - where a shown total has hidden parts, the hidden parts (with any unpublished remainder)
      must hold enough between them that subtracting the shown parts from the total leaves every
      hidden part at least `MIN_POSSIBLE_VALUES` possible values. Otherwise the smallest shown
      part that is not zero is hidden too; with no such part left, the total is hidden. An
      exhaustive relation never has a single hidden part.

    Why that is enough: with the total and k shown parts each rounded to the nearest 5, the
    hidden parts' sum S is known to lie in a range whose top is at least S. A hidden part is at
    least 1 (zeros are never hidden next to shown parts) and, with another hidden part beside it,
    can be anything from 1 to S minus one for each other hidden part; so S >= hidden parts + 4
    leaves it at least five values. A cell that is the same count in two tables is one key, so
    it is hidden in both or in neither.
    """
    relations = list(relations)
    for relation in relations:
        for key in (relation.total, *relation.parts):
            if key not in counts:
                raise KeyError(f"A relation names {key!r}, which has no count.")
    shown: dict[Hashable, int | None] = {key: disclose_count(value) for key, value in counts.items()}
    changed = True
    while changed:
        changed = False
        for relation in relations:
            if _secure(relation, counts, shown):
                continue
            changed = True
    return shown


def _secure(relation: Relation, counts: Mapping[Hashable, int], shown: dict[Hashable, int | None]) -> bool:
    """True when the relation needs nothing more hidden; otherwise hide one more count and say False."""
    total = relation.total
    if shown[total] is None:
        if 1 <= counts[total] <= SUPPRESS_UP_TO:
            visible = [part for part in relation.parts if shown[part] is not None]
            for part in visible:
                shown[part] = None
            return not visible
        return True  # a large total hidden to protect something else ties its parts to nothing shown
    hidden = [part for part in relation.parts if shown[part] is None]
    if not hidden:
        return True
    held = sum(counts[part] for part in hidden)
    if not relation.exhaustive:
        remainder = counts[total] - sum(counts[part] for part in relation.parts)
        if remainder < 0:
            raise ValueError(f"The parts of {total!r} add up to more than it.")
        held += remainder
    # A lone hidden part of an exhaustive relation is never enough, however large: the total
    # minus the shown parts would be its value, give or take the rounding.
    alone = relation.exhaustive and len(hidden) < 2
    if not alone and held >= len(hidden) + MIN_POSSIBLE_VALUES - 1:
        return True
    candidates = [part for part in relation.parts if shown[part] not in (None, 0)]
    if candidates:
        smallest = min(candidates, key=lambda part: (counts[part], repr(part)))
        shown[smallest] = None
    else:
        shown[total] = None
    return False
