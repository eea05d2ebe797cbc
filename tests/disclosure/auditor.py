"""A disclosure audit: from everything published and the relations between the figures, how
narrowly can each hidden count be pinned down?

This is the check statistical offices run on a table before it goes out (tau-ARGUS, sdcTable):
write every published figure down as a fact about a true count, write down every relation the
documented formulas give between the true counts, and for each count that was hidden ask an
integer program for the smallest and the largest value still consistent with all of it.

The model, in one place:

- A *variable* is a true count: a non-negative integer named by a key, e.g.
  ``("in_post", directorate_id, "2026-12-31")``. The same key from two outputs is one variable.
- A shown count ``r`` says the true count lies in ``[r - 2, r + 2]`` (0 says exactly 0). It must
  itself obey the rule: never 1 to 7, always a multiple of 5.
- A hidden count says the true count lies in ``[low, high]`` (the caller says what the output
  lets a reader assume: at least 1 for a suppressed cell next to shown ones, at least 0 when a
  whole breakdown is hidden). Unless some other output shows it, it is *protected*: the audit
  reports it when fewer than ``min_values`` values (5) remain possible for it.
- A shown rate or mean must come from the parts shown beside it; a rate shown next to a hidden
  part, or (``paired``) a part shown next to a hidden one, is a finding in itself. A rate shown
  with neither part is modelled exactly: it constrains the rounded parts, which constrain the
  true counts.
- Relations are linear: parts and an unpublished remainder sum to a total, a quarter's events
  are the sum of its months', a numerator is at most its denominator, course places are people
  times the number of courses.
- What a reader knows before the publication (``known``, e.g. HR knows how many applications a
  vacancy had) is a prior fact. A hidden count is reported only when the publication narrowed
  it beyond what relations and prior facts already gave: publishing cannot hide what the reader
  knew, so a cell that could only ever be 0 or 1 is no leak when the report hides it.

A range is the integer hull ``[min, max]``, so "values left" is ``max - min + 1``: an upper bound
on the true number of possible values (a set like {18, 24} counts as 7). Pinned to 0 is never
reported: 0 is published freely under the rule.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_array, hstack, vstack

Key = Hashable

SUPPRESS_UP_TO = 7
ROUND_TO = 5
SPREAD = 2  # a count rounded to the nearest 5 lies within 2 of what is shown
MIN_VALUES = 5
# A stand-in for "no upper bound" that keeps every integer program bounded.
BIG = 10**5


class _Absent:
    """A part of a rate that this output does not show at all (e.g. a trend point or a CSV cell)."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT = _Absent()

# Kinds of finding.
SMALL = "small"  # a shown count from 1 to 7
UNROUNDED = "unrounded"  # a shown count that is not a multiple of 5 (or not a whole number)
NARROW = "narrow"  # a hidden count left with fewer than min_values possible values
HALF_SHOWN = "half-shown"  # one part of a rate shown, the other hidden
RATE_WITH_HIDDEN_PART = "rate-with-hidden-part"
RATE_MISMATCH = "rate-mismatch"  # a rate that is not the one its shown parts give
INCONSISTENT = "inconsistent"  # no true counts fit what was published and the formulas
ZERO_BESIDE_HIDDEN = "zero-beside-hidden"  # a zero shown where the output promises to hide them
LEAK_KINDS = frozenset(
    {SMALL, UNROUNDED, NARROW, HALF_SHOWN, RATE_WITH_HIDDEN_PART, RATE_MISMATCH, ZERO_BESIDE_HIDDEN}
)


@dataclass(frozen=True)
class Finding:
    kind: str
    key: Key
    detail: str
    where: tuple[str, ...] = ()

    def __str__(self) -> str:
        places = "; ".join(self.where[:3]) + (
            f" (+{len(self.where) - 3} more)" if len(self.where) > 3 else ""
        )
        return f"[{self.kind}] {self.key!r}: {self.detail}" + (f" — seen in {places}" if places else "")


@dataclass
class _Row:
    coeffs: dict[Key, float]
    low: float
    high: float
    where: str
    prior: bool  # a relation or prior knowledge, true before anything is published


@dataclass
class Range:
    low: int
    high: int  # BIG stands for "no upper bound"

    @property
    def values(self) -> int:
        return self.high - self.low + 1

    def __str__(self) -> str:
        return f"{self.low}..{'∞' if self.high >= BIG // 10 else self.high}"


@dataclass
class AuditResult:
    findings: list[Finding]
    ranges: dict[Key, Range] = field(default_factory=dict)  # every protected variable's range
    variables: int = 0
    hidden: int = 0

    @property
    def leaks(self) -> list[Finding]:
        return [f for f in self.findings if f.kind in LEAK_KINDS]

    def of_kind(self, kind: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind]

    def report(self, limit: int = 40) -> str:
        lines = [str(f) for f in self.findings[:limit]]
        if len(self.findings) > limit:
            lines.append(f"... and {len(self.findings) - limit} more")
        return "\n".join(lines)


def rounded_rate(numerator: int, denominator: int, *, scale: int = 100, places: int = 1) -> Decimal:
    """What a rate from two shown counts must read: scale * n / d, half up, to `places` decimals."""
    exact = Decimal(numerator) * scale / Decimal(denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


class Publication:
    """Everything one audience can read, as facts about true counts, and the relations between them."""

    def __init__(self, *, min_values: int = MIN_VALUES) -> None:
        self.min_values = min_values
        self._box: dict[Key, list[tuple[int, int, str, bool]]] = defaultdict(list)  # low, high, where, prior
        self._rows: list[_Row] = []
        self._protected: dict[Key, list[str]] = defaultdict(list)
        self._findings: list[Finding] = []
        self._rounded: set[Key] = set()
        self._shown: set[Key] = set()

    # --- facts ---------------------------------------------------------------------------

    def shown(self, key: Key, value: int | float | Decimal, *, where: str) -> None:
        """A count shown as `value`: checked against the rule, and the true count within 2 of it."""
        number = Decimal(str(value))
        if number != number.to_integral_value() or number < 0:
            self._findings.append(Finding(UNROUNDED, key, f"shown as {value}, not a whole count", (where,)))
            return
        count = int(number)
        if 1 <= count <= SUPPRESS_UP_TO:
            self._findings.append(Finding(SMALL, key, f"shown as {count}", (where,)))
        elif count % ROUND_TO:
            self._findings.append(Finding(UNROUNDED, key, f"shown as {count}", (where,)))
        self._shown.add(key)
        if count == 0:
            self._box[key].append((0, 0, where, False))
        else:
            self._box[key].append((max(count - SPREAD, 0), count + SPREAD, where, False))

    def hidden(self, key: Key, *, where: str, low: int = 1, high: int | None = None) -> None:
        """A count this output hides: the reader may assume only that it lies in [low, high]."""
        self._box[key].append((low, BIG if high is None else high, where, False))
        self._protected[key].append(where)

    def known(self, key: Key, value: int, *, where: str) -> None:
        """A count the reader knows exactly before anything is published (their own records)."""
        self._box[key].append((value, value, where, True))

    def breaks_its_rule(self, kind: str, key: Key, detail: str, *, where: str) -> None:
        """An output broke a rule of its own that the model of it relies on: a finding as it stands."""
        self._findings.append(Finding(kind, key, detail, (where,)))

    def protect(self, key: Key, *, where: str) -> None:
        """Audit a count that no output shows (say, a directorate's month when only quarters are split)."""
        self._protected[key].append(where)

    def rate(
        self,
        numerator: Key,
        shown_numerator: int | _Absent | None,
        denominator: Key,
        shown_denominator: int | _Absent | None,
        value: float | Decimal | None,
        *,
        where: str,
        scale: int = 100,
        places: int | None = 1,
        paired: bool = True,
        hidden_low: int | None = None,
    ) -> None:
        """A rate or mean and whatever of its two counts this output shows beside it.

        A part is an int (shown), None (hidden) or ABSENT (this output does not show it at all).
        `places=None` means the rate is an unrounded quotient (checked to 1e-9, not modelled).
        `hidden_low` overrides the lower bound of a hidden part (default: 1 when the other part is
        shown, since then this one is the small one; else 0).
        """
        parts = ((numerator, shown_numerator), (denominator, shown_denominator))
        for (key, shown), (_other, other) in zip(parts, reversed(parts), strict=True):
            if shown is ABSENT:
                continue
            if shown is None:
                low = hidden_low if hidden_low is not None else (1 if isinstance(other, int) else 0)
                self.hidden(key, where=where, low=low)
            else:
                self.shown(key, shown, where=where)
        if paired and {type(shown_numerator), type(shown_denominator)} == {int, type(None)}:
            hidden_part = numerator if shown_numerator is None else denominator
            self._findings.append(
                Finding(
                    HALF_SHOWN,
                    hidden_part,
                    f"hidden while the other part of its rate is shown "
                    f"({shown_numerator} of {shown_denominator})",
                    (where,),
                )
            )
        if value is None:
            return
        if shown_numerator is None or shown_denominator is None:
            self._findings.append(
                Finding(
                    RATE_WITH_HIDDEN_PART,
                    numerator if shown_numerator is None else denominator,
                    f"a rate {value} is shown beside a hidden part",
                    (where,),
                )
            )
            return
        if isinstance(shown_numerator, int) and isinstance(shown_denominator, int):
            self._check_rate(
                numerator, shown_numerator, shown_denominator, value, where=where, scale=scale, places=places
            )
            return
        if places is not None:
            self._model_rate(
                numerator, denominator, Decimal(str(value)), where=where, scale=scale, places=places
            )

    def _check_rate(self, key, top: int, bottom: int, value, *, where: str, scale: int, places: int | None):
        if bottom == 0:
            self._findings.append(Finding(RATE_MISMATCH, key, f"a rate {value} over a shown 0", (where,)))
            return
        if places is None:
            ok = math.isclose(float(value), top * scale / bottom, rel_tol=1e-9, abs_tol=1e-9)
            expected = f"{top * scale / bottom:.6g}"
        else:
            want = rounded_rate(top, bottom, scale=scale, places=places)
            ok = Decimal(str(value)) == want
            expected = str(want)
        if not ok:
            self._findings.append(
                Finding(RATE_MISMATCH, key, f"{value} is not {top}/{bottom} (= {expected})", (where,))
            )

    def _model_rate(self, numerator: Key, denominator: Key, value: Decimal, *, where: str, scale, places):
        """A rate shown without its parts: v = round(scale * R(n) / R(d)) of the rounded parts R(.)."""
        for key, may_be_zero in ((numerator, True), (denominator, False)):
            self._round(key, where=where)
            if may_be_zero:
                # Shown, so not 1 to 7: 0 or at least 8 (a switch z: 8z <= n <= BIG z).
                z = ("~nonzero", key)
                self._box[z].append((0, 1, where, False))
                self.relate({key: 1, z: -8}, low=0, where=where, prior=False)
                self.relate({key: 1, z: -BIG}, high=0, where=where, prior=False)
            else:
                self._box[key].append((SUPPRESS_UP_TO + 1, BIG, where, False))
        half = Decimal(1).scaleb(-places) / 2
        fives_n, fives_d = ("~fives", numerator), ("~fives", denominator)
        # scale * 5a / 5b in [v - half, v + half]  <=>  scale*a - (v +- half) * b  within [.., 0] / [0, ..]
        self.relate({fives_n: scale, fives_d: -float(value + half)}, high=0, where=where, prior=False)
        self.relate({fives_n: scale, fives_d: -float(value - half)}, low=0, where=where, prior=False)

    def _round(self, key: Key, *, where: str) -> None:
        """The rounded value of `key` as 5 * fives, fives within 2/5 of key/5 (fixed by the key itself)."""
        if key in self._rounded:
            return
        self._rounded.add(key)
        fives = ("~fives", key)
        self.relate({key: 1, fives: -ROUND_TO}, low=-SPREAD, high=SPREAD, where=where, prior=True)

    # --- relations -----------------------------------------------------------------------

    def relate(
        self,
        coeffs: Mapping[Key, float],
        *,
        where: str,
        low: float = -math.inf,
        high: float = math.inf,
        prior: bool = True,
    ) -> None:
        """low <= sum(c * x) <= high. Relations hold before anything is published (prior)."""
        clean = {k: c for k, c in coeffs.items() if c}
        if clean:
            self._rows.append(_Row(dict(clean), low, high, where, prior))

    def total(self, total: Key, parts: Iterable[Key], *, where: str, remainder: Key | None = None) -> None:
        """total = sum(parts) (+ an unpublished remainder, >= 0, when the parts may not cover it)."""
        coeffs: dict[Key, float] = defaultdict(float)
        coeffs[total] += 1
        for part in parts:
            coeffs[part] -= 1
        if remainder is not None:
            coeffs[remainder] -= 1
        self.relate(coeffs, low=0, high=0, where=where)

    def distinct_total(self, total: Key, parts: Iterable[Key], *, where: str) -> None:
        """A count of distinct things over parts that may share them: max(parts) <= total <= sum(parts)."""
        parts = list(parts)
        coeffs: dict[Key, float] = defaultdict(float)
        coeffs[total] += 1
        for part in parts:
            coeffs[part] -= 1
            self.at_most(part, total, where=where)
        self.relate(coeffs, high=0, where=where)

    def at_most(self, smaller: Key, larger: Key, *, where: str) -> None:
        self.relate({smaller: 1, larger: -1}, high=0, where=where)

    def product(self, total: Key, people: Key, factor: int, *, where: str) -> None:
        """total = factor * people (course places = people x courses, when the courses are public)."""
        self.relate({total: 1, people: -factor}, low=0, high=0, where=where)

    # --- the audit -----------------------------------------------------------------------

    def audit(self, *, exact: bool = False, explain: int = 3) -> AuditResult:
        """Every finding. `exact` works out every hidden count's full range (slower); otherwise a
        count is left as soon as two consistent solutions put it `min_values` apart. The first
        `explain` narrowed counts name the facts and relations that narrow them."""
        findings = list(self._findings)
        explained = 0
        keys = set(self._box) | set(self._protected) | {k for row in self._rows for k in row.coeffs}
        ranges: dict[Key, Range] = {}
        components = _components(keys, self._rows)
        home = {k: n for n, component in enumerate(components) for k in component}
        rows_of: dict[int, list[_Row]] = defaultdict(list)
        for row in self._rows:
            rows_of[home[next(iter(row.coeffs))]].append(row)
        for n, component in enumerate(components):
            # A count shown anywhere is published (rounded): hiding it elsewhere protects nothing.
            protected = sorted(
                (k for k in component if k in self._protected and k not in self._shown), key=repr
            )
            rows = rows_of[n]
            model = _Model(component, self._box, rows)
            if model.empty_box is not None or (rows and not model.feasible()):
                findings.append(_inconsistent(component, self._box, rows))
                continue
            if not protected:
                continue
            # What the reader could say before anything was published. Without prior knowledge in
            # the component the relations alone bound nothing, so every narrow count was narrowed.
            knew = any(p for k in component for *_, p in self._box.get(k, ()))
            prior = _Model(component, self._box, rows, prior_only=True) if knew else None
            found = model.ranges(
                protected,
                wide=None if exact else self.min_values,
                # A count seen across all it could be before publication needs no more solves.
                known=None if exact or prior is None else prior.box(protected),
            )
            ranges.update(found)
            narrow = {k: r for k, r in found.items() if r.high > 0 and r.values < self.min_values}
            if not narrow:
                continue
            before: dict[Key, Range | None] = dict.fromkeys(narrow)
            if prior is not None:
                before = prior.wider(narrow)
            for key, got in narrow.items():
                if before[key] is not None and (before[key].low, before[key].high) == (got.low, got.high):
                    continue  # the reader knew this much before anything was published
                said = f" (before publication: {before[key]})" if before[key] is not None else ""
                if explained < explain:
                    explained += 1
                    said += ". " + _why(component, self._box, rows, key, got, before[key])
                findings.append(
                    Finding(
                        NARROW,
                        key,
                        f"only {got.values} value(s) possible: {got}{said}",
                        tuple(self._protected[key]),
                    )
                )
        return AuditResult(findings=findings, ranges=ranges, variables=len(keys), hidden=len(self._protected))


def _components(keys: set[Key], rows: list[_Row]) -> list[list[Key]]:
    parent: dict[Key, Key] = {k: k for k in keys}

    def find(k: Key) -> Key:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for row in rows:
        first, *rest = row.coeffs
        for other in rest:
            a, b = find(first), find(other)
            if a != b:
                parent[a] = b
    groups: dict[Key, list[Key]] = defaultdict(list)
    for k in keys:
        groups[find(k)].append(k)
    return list(groups.values())


def _conflict(component: list[Key], box, rows: list[_Row], extra=None) -> list[str]:
    """A smallest set of facts and relations that cannot all hold (with `extra`, a supposed fact
    that is always kept): a deletion filter that drops halves, then quarters, and so on."""
    facts = [(k, lo, hi, w, p) for k in component for lo, hi, w, p in box.get(k, ())]
    items = [("fact", f) for f in facts] + [("row", r) for r in rows]

    def infeasible(chosen) -> bool:
        boxes: dict[Key, list] = defaultdict(list)
        for kind, item in [*chosen, *([("fact", extra)] if extra else [])]:
            if kind == "fact":
                k, lo, hi, w, p = item
                boxes[k].append((lo, hi, w, p))
        rows_ = [item for kind, item in chosen if kind == "row"]
        model = _Model(component, boxes, rows_)
        return model.empty_box is not None or (bool(rows_) and not model.feasible())

    keep = items
    chunk = max(len(keep) // 2, 1)
    while True:
        start = 0
        while start < len(keep):
            trial = keep[:start] + keep[start + chunk :]
            if (trial or extra) and infeasible(trial):
                keep = trial
            else:
                start += chunk
        if chunk == 1:
            break
        chunk = max(chunk // 2, 1)
    said = [
        f"{item[0]!r} in {item[1]}..{'∞' if item[2] >= BIG // 10 else item[2]} ({item[3]})"
        for kind, item in keep
        if kind == "fact"
    ]
    said += [f"{item.where}: {_row_text(item)}" for kind, item in keep if kind == "row"]
    return said


def _inconsistent(component: list[Key], box, rows: list[_Row]) -> Finding:
    said = _conflict(component, box, rows)
    return Finding(
        INCONSISTENT,
        component[0],
        "no true counts fit all of these together: "
        + "; ".join(said[:12])
        + (" ..." if len(said) > 12 else ""),
        tuple(dict.fromkeys(s.rsplit("(", 1)[-1].rstrip(")") for s in said if " in " in s)),
    )


def _why(component: list[Key], box, rows: list[_Row], key: Key, got: Range, before: Range | None) -> str:
    """The facts and relations that hold a narrowed count inside its range."""
    reasons = []
    if got.high < (before.high if before else BIG):
        said = _conflict(component, box, rows, extra=(key, got.high + 1, BIG, "supposing more", False))
        reasons.append(f"at most {got.high} because: " + "; ".join(said[:8]))
    if got.low > (before.low if before else 0):
        said = _conflict(component, box, rows, extra=(key, 0, got.low - 1, "supposing fewer", False))
        reasons.append(f"at least {got.low} because: " + "; ".join(said[:8]))
    return " | ".join(reasons)


def _row_text(row: _Row) -> str:
    terms = " ".join(
        f"{'+' if c > 0 else '-'}{'' if abs(c) == 1 else f'{abs(c):g}*'}{k!r}" for k, c in row.coeffs.items()
    )
    low = "" if row.low == -math.inf else f"{row.low:g} <= "
    high = "" if row.high == math.inf else f" <= {row.high:g}"
    return f"{low}{terms}{high}"


class _Model:
    """One connected component as an integer program over non-negative integers."""

    def __init__(self, keys: list[Key], box, rows: list[_Row], *, prior_only: bool = False) -> None:
        self.keys = keys
        self.index = {k: i for i, k in enumerate(keys)}
        n = len(keys)
        self.low = np.zeros(n)
        self.high = np.full(n, float(BIG))
        self.empty_box = None
        for key, i in self.index.items():
            facts = [f for f in box.get(key, ()) if f[3] or not prior_only]
            for lo, hi, _where, _prior in facts:
                self.low[i] = max(self.low[i], lo)
                self.high[i] = min(self.high[i], hi)
            if self.low[i] > self.high[i] and self.empty_box is None:
                self.empty_box = (key, [(lo, hi, w) for lo, hi, w, _p in facts])
        rows = [r for r in rows if r.prior or not prior_only]
        self.rows = rows
        self.constraint = None
        if rows:
            entries = [(r, self.index[key], c) for r, row in enumerate(rows) for key, c in row.coeffs.items()]
            at, where, coeff = zip(*entries, strict=True)
            matrix = csr_array((coeff, (at, where)), shape=(len(rows), n))
            self.constraint = LinearConstraint(
                matrix, np.array([row.low for row in rows]), np.array([row.high for row in rows])
            )
        if self.empty_box is None and rows:
            self._tighten()
        self.bounds = Bounds(self.low, self.high)
        self.integrality = np.ones(n)
        self._split: dict | None = None
        self._first = None  # the solution feasible() found, reused as the first seen

    def _tighten(self, passes: int = 8) -> None:
        """Bound propagation through the rows (each row bounds each of its terms by the others'
        extremes), rounded to integers. Valid outer bounds: it only spares solves, e.g. for the
        many counts that the relations force to 0."""
        low, high = self.low.copy(), self.high.copy()
        terms = [[(self.index[k], c) for k, c in row.coeffs.items()] for row in self.rows]
        for _ in range(passes):
            changed = False
            for row, row_terms in zip(self.rows, terms, strict=True):
                least = [min(c * low[j], c * high[j]) for j, c in row_terms]
                most = [max(c * low[j], c * high[j]) for j, c in row_terms]
                all_least, all_most = sum(least), sum(most)
                for (j, c), lo_term, hi_term in zip(row_terms, least, most, strict=True):
                    if row.high != math.inf:
                        room = row.high - (all_least - lo_term)  # c * x_j <= room
                        if c > 0:
                            bound = math.floor(room / c + 1e-9)
                            if bound < high[j]:
                                high[j], changed = bound, True
                        else:
                            bound = math.ceil(room / c - 1e-9)
                            if bound > low[j]:
                                low[j], changed = bound, True
                    if row.low != -math.inf:
                        need = row.low - (all_most - hi_term)  # c * x_j >= need
                        if c > 0:
                            bound = math.ceil(need / c - 1e-9)
                            if bound > low[j]:
                                low[j], changed = bound, True
                        else:
                            bound = math.floor(need / c + 1e-9)
                            if bound < high[j]:
                                high[j], changed = bound, True
                if np.any(low > high):
                    return  # infeasible: leave it to the solver to say so
            if not changed:
                break
        self.low, self.high = low, high

    def _solve(self, c: np.ndarray):
        """The integer optimum. The linear relaxation is tried first: most of these programs are
        sums and differences of counts, whose relaxed optimum is already whole, and an optimum
        that is whole is the integer optimum too."""
        if self._split is None and self.constraint is not None:
            matrix, low, high = self.constraint.A, self.constraint.lb, self.constraint.ub
            equal = low == high
            upper, lower = np.isfinite(high) & ~equal, np.isfinite(low) & ~equal
            self._split = {
                "A_ub": vstack([matrix[upper], -matrix[lower]]).tocsr(),
                "b_ub": np.concatenate([high[upper], -low[lower]]),
                "A_eq": matrix[equal] if equal.any() else None,
                "b_eq": low[equal] if equal.any() else None,
            }
        if self._split is not None:
            relaxed = linprog(c, **self._split, bounds=np.column_stack([self.low, self.high]), method="highs")
            if relaxed.status == 0 and np.all(np.abs(relaxed.x - np.round(relaxed.x)) < 1e-7):
                return relaxed
            if relaxed.status == 2:
                return relaxed  # no solution even when relaxed
        return milp(
            c,
            constraints=self.constraint,
            bounds=self.bounds,
            integrality=self.integrality,
            options={"time_limit": 10},
        )

    def _spread(self, columns: list[int], seen_low, seen_high, step: int, direction: int):
        """A solution that moves as many of `columns` as it can `step` above what was seen lowest
        (direction -1) or below what was seen highest (1): maximise the sum of y_j, each y_j at most
        `step` and at most how far x_j moved."""
        n, k = len(self.keys), len(columns)
        picks = csr_array((np.full(k, 1.0), (np.arange(k), columns)), shape=(k, n))
        eye = csr_array((np.ones(k), (np.arange(k), np.arange(k))), shape=(k, k))
        if direction == -1:  # y_j - x_j <= -seen_low_j
            extra = hstack([-picks, eye])
            high = -seen_low[columns]
        else:  # y_j + x_j <= seen_high_j
            extra = hstack([picks, eye])
            high = seen_high[columns]
        base = hstack([self.constraint.A, csr_array((self.constraint.A.shape[0], k))])
        model = _Model.__new__(_Model)
        model.keys = [*self.keys, *range(k)]
        model.low = np.concatenate([self.low, np.zeros(k)])
        model.high = np.concatenate([self.high, np.full(k, float(step))])
        model.constraint = LinearConstraint(
            vstack([base, extra]).tocsr(),
            np.concatenate([self.constraint.lb, np.full(k, -np.inf)]),
            np.concatenate([self.constraint.ub, high]),
        )
        model.bounds = Bounds(model.low, model.high)
        model.integrality = np.ones(n + k)
        model._split = None
        model._first = None
        c = np.concatenate([np.zeros(n), -np.ones(k)])
        result = model._solve(c)
        if result.status == 0:
            result.x = result.x[:n]
        return result

    def wider(self, narrow: dict[Key, Range]) -> dict[Key, Range | None]:
        """For each key, None if this model lets it leave its narrow range, else its range here.

        Sweeps first (every key pushed down, then up, at once); a key seen outside its range is
        settled as wider; the rest get their own two solves.
        """
        result: dict[Key, Range | None] = {}
        for key, got in narrow.items():
            i = self.index[key]
            if self.constraint is None or (self.low[i], self.high[i]) == (got.low, got.high):
                # The propagated bounds hold the range here, which holds the narrow one: all equal.
                result[key] = Range(int(self.low[i]), int(self.high[i]))
        narrow = {k: r for k, r in narrow.items() if k not in result}
        if not narrow:
            return result
        columns = [self.index[k] for k in narrow]
        outside = set()

        def observe(result) -> None:
            if result.status == 0:
                values = np.round(result.x)
                for key, i in zip(narrow, columns, strict=True):
                    if not narrow[key].low <= values[i] <= narrow[key].high:
                        outside.add(key)

        sweep = np.zeros(len(self.keys))
        sweep[columns] = 1
        observe(self._solve(sweep))
        observe(self._solve(-sweep))
        for key in narrow:
            if key in outside:
                result[key] = None
                continue
            result[key] = self.ranges([key], wide=None)[key]
        return result

    def feasible(self) -> bool:
        self._first = self._solve(np.zeros(len(self.keys)))
        return self._first.status == 0

    def box(self, keys: list[Key]) -> dict[Key, tuple[int, int]]:
        """Each key's propagated bounds: never narrower than its true range here."""
        return {k: (int(self.low[self.index[k]]), int(self.high[self.index[k]])) for k in keys}

    def ranges(
        self, keys: list[Key], *, wide: int | None, known: dict[Key, tuple[int, int]] | None = None
    ) -> dict[Key, Range]:
        """The integer hull of each key's possible values.

        A side of a range is proven when a solution reaches a bound known to hold (propagated, or
        in `known`, the range before publication, which holds this one). Weighted sweeps push many
        keys at once before any key gets solves of its own. With `wide`, a key is also settled
        once two solutions put it `wide` values apart; its range is then what was seen.
        """
        columns = [self.index[k] for k in keys]
        if self.constraint is None:
            return {k: Range(int(self.low[i]), int(self.high[i])) for k, i in zip(keys, columns, strict=True)}
        floor, ceiling = self.low.copy(), self.high.copy()
        for key, i in zip(keys, columns, strict=True):
            if known and key in known:
                floor[i], ceiling[i] = max(floor[i], known[key][0]), min(ceiling[i], known[key][1])
        seen_low = np.full(len(self.keys), np.inf)
        seen_high = np.full(len(self.keys), -np.inf)

        def observe(result) -> bool:
            if result.status != 0:
                return False
            values = np.round(result.x)
            np.minimum(seen_low, values, out=seen_low)
            np.maximum(seen_high, values, out=seen_high)
            return True

        proven = {1: set(), -1: set()}  # keys whose lowest (1) or highest (-1) value had its own solve

        def done(i: int, direction: int) -> bool:
            if i in proven[direction]:
                return True
            return seen_low[i] <= floor[i] if direction == 1 else seen_high[i] >= ceiling[i]

        def settled(i: int) -> bool:
            if wide is not None and seen_high[i] - seen_low[i] + 1 >= wide:
                return True
            return done(i, 1) and done(i, -1)

        if wide is not None:
            # A first solution, then one that moves every open key `wide - 1` away from it where
            # it can: most keys are settled by these two or three solves.
            observe(self._first if self._first is not None else self._solve(np.zeros(len(self.keys))))
            for direction in (-1, 1):
                open_ = [i for i in columns if not settled(i)]
                if open_ and np.isfinite(seen_low[open_]).all():
                    observe(self._spread(open_, seen_low, seen_high, wide - 1, direction))
        rng = np.random.default_rng(0)  # the same sweeps every run
        for direction in (-1, 1):  # push up, then down
            for _ in range(16):
                open_ = [i for i in columns if not settled(i) and not done(i, direction)]
                if not open_:
                    break
                c = np.zeros(len(self.keys))
                c[open_] = direction * rng.uniform(1, 2, len(open_))
                if not observe(self._solve(c)):
                    break
                if len([i for i in open_ if not settled(i) and not done(i, direction)]) > len(open_) - 2:
                    break  # little progress: the rest get solves of their own
        found = {}
        for key, i in zip(keys, columns, strict=True):
            c = np.zeros(len(self.keys))
            c[i] = 1
            for direction in (1, -1):
                if settled(i) or done(i, direction):
                    continue
                if not observe(self._solve(direction * c)):
                    # Out of time (or, in a prior-only model, contradicting knowledge): the box is
                    # never narrower than the truth.
                    seen_low[i], seen_high[i] = min(seen_low[i], self.low[i]), max(seen_high[i], self.high[i])
                    break
                proven[direction].add(i)
            if not np.isfinite(seen_low[i]):
                seen_low[i], seen_high[i] = self.low[i], self.high[i]
            found[key] = Range(int(seen_low[i]), int(seen_high[i]))
        return found
