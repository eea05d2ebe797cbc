"""The metric registry: each indicator's key names a function registered here.

A metric returns raw figures for a period, for the trust and for each directorate, in at
most two queries. Raw figures never leave `charter/`: services put them through disclosure
control before anything is stored, shown or exported.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Raw:
    """A metric's raw figure: a count (numerator only), a share, or a mean (total / how many)."""

    numerator: int | None
    denominator: int | None = None


@dataclass(frozen=True)
class Result:
    total: Raw
    by_directorate: dict[int, Raw] = field(default_factory=dict)


@dataclass(frozen=True)
class Disclosed:
    """A figure another module has already put through disclosure control (a relative likelihood)."""

    value: float | None
    suppressed: bool


# What a count counts, for disclosure control: two indicators that count the same thing (peer
# workers in post is also the base of supervision in date) name the same measure, so the count
# is one figure, hidden everywhere or nowhere.
STOCK = "stock"  # taken on a day (the period's last day, or a day `offset` before it)
FLOW = "flow"  # events in the period: a quarter's count is the sum of its months'


@dataclass(frozen=True)
class Measure:
    name: str
    kind: str
    # A stock taken this long before the period's last day (a year, for retention's cohort).
    months_before: int = 0


@dataclass(frozen=True)
class Metric:
    key: str
    unit: str
    compute: Callable[[date, date], Result]
    default_target: Decimal
    default_amber: Decimal
    numerator: Measure | None = None
    denominator: Measure | None = None


_metrics: dict[str, Metric] = {}


def metric(
    key: str,
    *,
    unit: str,
    target: str,
    amber: str,
    numerator: Measure | None = None,
    denominator: Measure | None = None,
) -> Callable:
    def decorator(compute: Callable[[date, date], Result]) -> Callable[[date, date], Result]:
        _metrics[key] = Metric(
            key=key,
            unit=unit,
            compute=compute,
            default_target=Decimal(target),
            default_amber=Decimal(amber),
            numerator=numerator,
            denominator=denominator,
        )
        return compute

    return decorator


def get(key: str) -> Metric:
    return _metrics[key]


def keys() -> list[str]:
    return sorted(_metrics)
