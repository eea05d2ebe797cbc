"""Computing snapshots: raw figures from the metrics, through disclosure control, stored per period."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from accounts.disclosure import SUPPRESS_UP_TO, disclose_count, disclose_rate, disclose_ratio
from accounts.errors import DomainError
from accounts.models import Team, User
from charter import registry
from charter.models import Indicator, Snapshot, SnapshotBreakdown, Unit
from charter.periods import Period, recent_months, recent_quarters

__all__ = [
    "INDICATOR_EDITABLE",
    "CharterError",
    "disclosed",
    "indicator_update",
    "rag_for",
    "snapshot_compute",
    "snapshots_compute_recent",
]

TENTH = Decimal("0.1")


class CharterError(DomainError):
    """A rule about the charter said no."""


def _decimal(value: float | None, scale: int = 1) -> Decimal | None:
    if value is None:
        return None
    return (Decimal(str(value)) * scale).quantize(TENTH, rounding=ROUND_HALF_UP)


def disclosed(unit: str, raw: registry.Raw) -> tuple[int | None, int | None, Decimal | None]:
    """(numerator, denominator, value) as they may be shown: the small-number rule applied."""
    if unit == Unit.COUNT:
        count = disclose_count(raw.numerator)
        return count, None, Decimal(count) if count is not None else None
    if unit == Unit.RATIO:
        if raw.groups is None:
            return None, None, None
        (a_top, a_bottom), (b_top, b_bottom) = raw.groups
        ratio = disclose_ratio(disclose_rate(a_top, a_bottom), disclose_rate(b_top, b_bottom))
        return None, None, None if ratio is None else Decimal(str(ratio)).quantize(Decimal("0.01"))
    top, bottom = disclose_count(raw.numerator), disclose_count(raw.denominator)
    rate = disclose_rate(raw.numerator, raw.denominator)
    return top, bottom, _decimal(rate, 100 if unit == Unit.PERCENT else 1)


def _hidden(raw: registry.Raw) -> bool:
    """Whether the small-number rule held something back (not merely: there was nothing to count)."""
    figures = [raw.numerator, raw.denominator]
    if raw.groups is not None:
        figures += [n for group in raw.groups for n in group]
    return any(n is not None and 1 <= n <= SUPPRESS_UP_TO for n in figures)


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


@transaction.atomic
def snapshot_compute(
    *, indicator: Indicator, period: Period, directorates: dict[int, Team] | None = None
) -> Snapshot:
    """Compute (or recompute: same result, same row) one indicator for one period."""
    try:
        metric = registry.get(indicator.key)
    except KeyError as exc:
        raise CharterError(f"No metric is registered as {indicator.key!r}.", field="key") from exc
    # A period still running is measured up to today: "in date at the end" means in date now.
    result = metric.compute(period.start, min(period.end, timezone.localdate()))
    numerator, denominator, value = disclosed(indicator.unit, result.total)
    snapshot, _ = Snapshot.objects.update_or_create(
        indicator=indicator,
        period_type=period.type,
        period=period.label,
        defaults={
            "period_start": period.start,
            "period_end": period.end,
            "numerator": numerator,
            "denominator": denominator,
            "value": value,
            "suppressed": value is None and _hidden(result.total),
            "rag": rag_for(indicator, value),
            "computed_at": timezone.now(),
        },
    )
    snapshot.breakdown.all().delete()
    rows = []
    for directorate_id, raw in result.by_directorate.items():
        top, bottom, shown = disclosed(indicator.unit, raw)
        if shown is None:
            continue  # a directorate's figure is shown only where it survives suppression
        rows.append(
            SnapshotBreakdown(
                snapshot=snapshot,
                directorate_id=directorate_id,
                numerator=top,
                denominator=bottom,
                value=shown,
            )
        )
    SnapshotBreakdown.objects.bulk_create(rows)
    return snapshot


def snapshots_compute_recent(*, today: date | None = None, quarters: int = 8, months: int = 3) -> int:
    """Recompute every active indicator for recent quarters and months (the nightly beat job)."""
    today = today or timezone.localdate()
    periods = [*recent_quarters(today=today, count=quarters), *recent_months(today=today, count=months)]
    count = 0
    for indicator in Indicator.objects.filter(is_active=True):
        for period in periods:
            snapshot_compute(indicator=indicator, period=period)
            count += 1
    return count


# What an admin may change on an indicator; the key, unit and direction define what it measures.
INDICATOR_EDITABLE = frozenset({"target", "amber_threshold", "owner", "name", "definition", "is_active"})


@transaction.atomic
def indicator_update(*, indicator: Indicator, by: User | None, **changes) -> Indicator:
    """Change an indicator's target, thresholds, owner or wording; stored snapshots are re-rated.

    Validated with the model's own rules (a target inside its unit's range, amber on the worse
    side) before anything is written. RAG depends on the target, so a new target re-rates the
    snapshots already stored rather than leaving the board looking at last night's colours.
    """
    unknown = sorted(set(changes) - INDICATOR_EDITABLE)
    if unknown:
        raise CharterError(f"{unknown[0]} cannot be changed here.", field=unknown[0])
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    for name, value in changes.items():
        setattr(indicator, name, value)
    indicator.full_clean()
    if changes:
        indicator.save(update_fields=list(changes))
    if {"target", "amber_threshold"} & set(changes):
        snapshots = list(indicator.snapshots.all())
        for snapshot in snapshots:
            snapshot.rag = rag_for(indicator, snapshot.value)
        Snapshot.objects.bulk_update(snapshots, ["rag"])
    return indicator
