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
    # For ratios of two rates (relative likelihood): the two groups' appointed and shortlisted.
    groups: tuple[tuple[int, int], tuple[int, int]] | None = None


@dataclass(frozen=True)
class Result:
    total: Raw
    by_directorate: dict[int, Raw] = field(default_factory=dict)


@dataclass(frozen=True)
class Metric:
    key: str
    unit: str
    compute: Callable[[date, date], Result]
    default_target: Decimal
    default_amber: Decimal


_metrics: dict[str, Metric] = {}


def metric(key: str, *, unit: str, target: str, amber: str) -> Callable:
    def decorator(compute: Callable[[date, date], Result]) -> Callable[[date, date], Result]:
        _metrics[key] = Metric(
            key=key, unit=unit, compute=compute, default_target=Decimal(target), default_amber=Decimal(amber)
        )
        return compute

    return decorator


def get(key: str) -> Metric:
    return _metrics[key]


def keys() -> list[str]:
    return sorted(_metrics)
