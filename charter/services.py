"""Computing snapshots: raw figures from the metrics, through disclosure control, stored per period."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TypedDict, Unpack

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from accounts.disclosure import Relation, both_or_neither, protect
from accounts.errors import DomainError
from accounts.models import Team, User
from accounts.updates import apply_changes, field_names
from charter import registry
from charter.models import Indicator, Snapshot, SnapshotBreakdown, Unit
from charter.periods import Period, month_of, quarter_of, recent_quarters

__all__ = [
    "INDICATOR_EDITABLE",
    "CharterError",
    "block_compute",
    "indicator_update",
    "rag_for",
    "shown_figure",
    "snapshot_compute",
    "snapshots_compute_recent",
]

TENTH = Decimal("0.1")
TRUST = "trust"


class CharterError(DomainError):
    """A rule about the charter said no."""


def _decimal(value: float | None, scale: int = 1) -> Decimal | None:
    if value is None:
        return None
    return (Decimal(str(value)) * scale).quantize(TENTH, rounding=ROUND_HALF_UP)


def rag_for(indicator: Indicator, value: Decimal | None) -> str:
    if value is None:
        return Snapshot.Rag.NONE
    if indicator.direction == Indicator.Direction.HIGHER:
        if value >= indicator.target:
            return Snapshot.Rag.GREEN
        return Snapshot.Rag.AMBER if value >= indicator.amber_threshold else Snapshot.Rag.RED
    if value <= indicator.target:
        return Snapshot.Rag.GREEN
    return Snapshot.Rag.AMBER if value <= indicator.amber_threshold else Snapshot.Rag.RED


def months_of(quarter: Period, *, today: date) -> list[Period]:
    """The months of a quarter that have begun by `today`."""
    months = [month_of(quarter.start + relativedelta(months=n)) for n in range(3)]
    return [month for month in months if month.start <= today]


def _when(measure: registry.Measure, start: date, end: date) -> date | tuple[date, date]:
    """What a count is of: a day for a stock, the run of days for a flow."""
    if measure.kind == registry.STOCK:
        return end - relativedelta(months=measure.months_before)
    return (start, end)


@dataclass
class _Block:
    """Every count the board is shown for one quarter and its months, and how they relate."""

    counts: dict[Hashable, int] = field(default_factory=dict)
    by_directorate: set[tuple[str, object]] = field(default_factory=set)  # (measure, when) broken down
    flows: dict[str, list[object]] = field(default_factory=dict)  # measure -> [quarter's when, months'...]

    def put(self, key: Hashable, value: int) -> None:
        # Two indicators counting the same thing must agree, or one of them is wrong.
        if self.counts.setdefault(key, value) != value:
            raise RuntimeError(f"Two metrics disagree about {key!r}: {self.counts[key]} and {value}.")

    def relations(self, directorates: list[int]) -> list[Relation]:
        found = [
            Relation((name, TRUST, when), tuple((name, d, when) for d in directorates))
            for name, when in sorted(self.by_directorate, key=repr)
        ]
        for name, (quarter, *months) in sorted(self.flows.items()):
            if months:
                parts = tuple((name, TRUST, when) for when in months)
                found.append(Relation((name, TRUST, quarter), parts, exhaustive=True))
        return found


Figure = tuple[int | None, int | None, Decimal | None]


def shown_figure(unit: str, top: int | None, bottom: int | None) -> Figure:
    """(numerator, denominator, value) to show from two protected counts: both parts, or neither."""
    if unit == Unit.COUNT:
        return top, None, None if top is None else Decimal(top)
    top, bottom = both_or_neither(top, bottom)
    if top is None or bottom is None or bottom == 0:
        return top, bottom, None
    return top, bottom, _decimal(top / bottom, 100 if unit == Unit.PERCENT else 1)


def _measures(indicator: Indicator) -> set[str]:
    metric = registry.get(indicator.key)
    return {m.name for m in (metric.numerator, metric.denominator) if m is not None} or {indicator.key}


def _sharing_counts(indicator: Indicator, among: list[Indicator]) -> list[Indicator]:
    """The indicator and every other that shares a count with it, directly or through another.

    Counts are protected per measure, so indicators that share none are independent: working
    out this group alone gives exactly the figures the whole charter would.
    """
    group, names = [indicator], _measures(indicator)
    rest = [other for other in among if other.pk != indicator.pk]
    grew = True
    while grew:
        grew = False
        for other in list(rest):
            if _measures(other) & names:
                group.append(other)
                names |= _measures(other)
                rest.remove(other)
                grew = True
    return group


@transaction.atomic
def block_compute(
    *, quarter: Period, today: date | None = None, only: Indicator | None = None
) -> dict[tuple[int, str], Snapshot]:
    """Compute (or recompute: same result, same rows) every indicator for a quarter and its months.

    All the counts are protected together: the trust's figure against its directorates (for the
    quarter; months are shown for the trust only), a quarter against its months for counts of
    events, and a count that two indicators share (peer workers in post, activities held) is one
    count. Only what survives is stored.
    """
    today = today or timezone.localdate()
    periods = [quarter, *months_of(quarter, today=today)]
    indicators = list(Indicator.objects.filter(is_active=True))
    if only is not None:
        # One indicator asked for (even a retired one): it and those it shares a count with.
        indicators = _sharing_counts(only, indicators)
    directorates = sorted(Team.objects.filter(kind=Team.Kind.DIRECTORATE).values_list("pk", flat=True))
    block = _Block()
    planned: list[tuple[Indicator, Period, object]] = []
    for period in periods:
        end = min(period.end, today)
        for indicator in indicators:
            try:
                metric = registry.get(indicator.key)
            except KeyError as exc:
                raise CharterError(f"No metric is registered as {indicator.key!r}.", field="key") from exc
            result = metric.compute(period.start, end)
            if isinstance(result, registry.Disclosed):
                planned.append((indicator, period, result))
                continue
            keys = []
            for measure, pick in ((metric.numerator, "numerator"), (metric.denominator, "denominator")):
                if measure is None:
                    keys.append(None)
                    continue
                when = _when(measure, period.start, end)
                keys.append((measure.name, when))
                block.put((measure.name, TRUST, when), getattr(result.total, pick) or 0)
                if period is quarter:
                    block.by_directorate.add((measure.name, when))
                    for directorate in directorates:
                        raw = result.by_directorate.get(directorate)
                        block.put((measure.name, directorate, when), (getattr(raw, pick) or 0) if raw else 0)
                if measure.kind == registry.FLOW:
                    whens = block.flows.setdefault(measure.name, [])
                    if when not in whens:
                        whens.append(when)
            planned.append((indicator, period, tuple(keys)))
    shown = protect(block.counts, block.relations(directorates))

    def looked_up(key, scope) -> tuple[int | None, int]:
        if key is None:
            return None, 0
        name, when = key
        return shown[(name, scope, when)], block.counts[(name, scope, when)]

    rows = []
    for indicator, period, keys in planned:
        if isinstance(keys, registry.Disclosed):
            value = None if keys.value is None else Decimal(str(keys.value)).quantize(Decimal("0.01"))
            figure, suppressed, breakdown = (None, None, value), keys.suppressed, []
        else:
            (top, raw_top), (bottom, raw_bottom) = looked_up(keys[0], TRUST), looked_up(keys[1], TRUST)
            figure = shown_figure(indicator.unit, top, bottom)
            nothing = raw_top == 0 if indicator.unit == Unit.COUNT else raw_bottom == 0
            suppressed = figure[2] is None and not nothing
            breakdown = []
            if period is quarter:
                for directorate in directorates:
                    part = shown_figure(
                        indicator.unit, looked_up(keys[0], directorate)[0], looked_up(keys[1], directorate)[0]
                    )
                    if part[2] is not None:
                        breakdown.append((directorate, part))
        rows.append((indicator, period, figure, suppressed, breakdown))
    return _store(rows)


def _store(rows: list[tuple[Indicator, Period, Figure, bool, list]]) -> dict[tuple[int, str], Snapshot]:
    """Write a block's snapshots and breakdowns in a handful of queries: update what exists, add the rest."""
    now = timezone.now()
    existing = {
        (s.indicator_id, s.period_type, s.period): s
        for s in Snapshot.objects.select_for_update().filter(
            indicator__in={indicator.pk for indicator, *_ in rows},
            period__in={period.label for _, period, *_ in rows},
        )
    }
    fields = [
        "period_start",
        "period_end",
        "numerator",
        "denominator",
        "value",
        "suppressed",
        "rag",
        "computed_at",
    ]
    to_update, to_create, stored = [], [], {}
    for indicator, period, (numerator, denominator, value), suppressed, _ in rows:
        snapshot = existing.get((indicator.pk, period.type, period.label)) or Snapshot(
            indicator=indicator, period_type=period.type, period=period.label
        )
        snapshot.period_start, snapshot.period_end = period.start, period.end
        snapshot.numerator, snapshot.denominator, snapshot.value = numerator, denominator, value
        snapshot.suppressed, snapshot.rag, snapshot.computed_at = suppressed, rag_for(indicator, value), now
        (to_update if snapshot.pk else to_create).append(snapshot)
        stored[(indicator.pk, period.label)] = snapshot
    Snapshot.objects.bulk_update(to_update, fields)
    Snapshot.objects.bulk_create(to_create)
    SnapshotBreakdown.objects.filter(snapshot__in=to_update).delete()
    SnapshotBreakdown.objects.bulk_create(
        SnapshotBreakdown(
            snapshot=stored[(indicator.pk, period.label)],
            directorate_id=directorate,
            numerator=top,
            denominator=bottom,
            value=shown,
        )
        for indicator, period, _, _, breakdown in rows
        for directorate, (top, bottom, shown) in breakdown
    )
    return stored


def snapshot_compute(
    *, indicator: Indicator, period: Period, directorates: dict[int, Team] | None = None
) -> Snapshot:
    """One indicator's figure for one period: its whole quarter is computed, so its figures agree."""
    try:
        registry.get(indicator.key)
    except KeyError as exc:
        raise CharterError(f"No metric is registered as {indicator.key!r}.", field="key") from exc
    return block_compute(quarter=quarter_of(period.start), only=indicator)[(indicator.pk, period.label)]


def snapshots_compute_recent(*, today: date | None = None, quarters: int = 8, months: int = 3) -> int:
    """Recompute every active indicator for recent quarters and their months (the nightly beat job)."""
    today = today or timezone.localdate()
    count = 0
    for quarter in recent_quarters(today=today, count=quarters):
        count += len(block_compute(quarter=quarter, today=today))
    return count


class IndicatorChanges(TypedDict, total=False):
    """What an admin may change on an indicator; the key, unit and direction define what it measures."""

    target: Decimal
    amber_threshold: Decimal
    owner: User | None
    name: str
    definition: str
    is_active: bool


INDICATOR_EDITABLE = field_names(IndicatorChanges)


@transaction.atomic
def indicator_update(
    *, indicator: Indicator, by: User | None, **changes: Unpack[IndicatorChanges]
) -> Indicator:
    """Change an indicator's target, thresholds, owner or wording; stored snapshots are re-rated.

    Validated with the model's own rules (a target inside its unit's range, amber on the worse
    side) before anything is written. RAG depends on the target, so a new target re-rates the
    snapshots already stored rather than leaving the board looking at last night's colours.
    """
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    apply_changes(indicator, changes, IndicatorChanges, error=CharterError)
    if {"target", "amber_threshold"} & set(changes):
        snapshots = list(indicator.snapshots.all())
        for snapshot in snapshots:
            snapshot.rag = rag_for(indicator, snapshot.value)
        Snapshot.objects.bulk_update(snapshots, ["rag"])
    return indicator
