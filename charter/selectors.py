"""What the board sees: every commitment with its indicators, figures, RAG and trend for a period.

Everything here is already disclosed (snapshots store only disclosed figures). Missing
snapshots are computed on demand, so a fresh install shows figures before the first night.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch

from charter import services
from charter.models import Charter, Commitment, Indicator, Snapshot, SnapshotBreakdown
from charter.periods import QUARTER, Period, quarter_of, recent_quarters

__all__ = ["CommitmentView", "Dashboard", "IndicatorView", "dashboard", "snapshot_list"]


@dataclass
class IndicatorView:
    indicator: Indicator
    current: Snapshot | None
    trend: list[Snapshot] = field(default_factory=list)  # oldest first, one per quarter
    breakdown: list[SnapshotBreakdown] = field(default_factory=list)


@dataclass
class CommitmentView:
    commitment: Commitment
    indicators: list[IndicatorView]


@dataclass
class Dashboard:
    charter: Charter | None
    period: Period
    commitments: list[CommitmentView]


def snapshot_list():
    return Snapshot.objects.select_related("indicator__commitment")


def _ensure(indicators: list[Indicator], periods: list[Period], *, today: date) -> None:
    """Compute the quarters (each with its months, all indicators together) that have figures missing."""
    have = set(
        Snapshot.objects.filter(indicator__in=indicators, period__in=[p.label for p in periods]).values_list(
            "indicator_id", "period"
        )
    )
    missing = {
        quarter_of(period.start)
        for indicator in indicators
        for period in periods
        if (indicator.pk, period.label) not in have
    }
    for quarter in sorted(missing):
        services.block_compute(quarter=quarter, today=today)


def dashboard(*, period: Period, today: date, trend_quarters: int = 8) -> Dashboard:
    """The whole board view in a fixed number of queries once snapshots exist (about five)."""
    charter = Charter.objects.filter(is_current=True).order_by("-adopted_on").first()
    if charter is None:
        return Dashboard(charter=None, period=period, commitments=[])
    indicators = list(
        Indicator.objects.filter(commitment__charter=charter, is_active=True).select_related(
            "commitment", "owner"
        )
    )
    quarters = recent_quarters(today=min(today, period.end), count=trend_quarters)
    _ensure(indicators, [period, *[q for q in quarters if q.label != period.label]], today=today)
    labels = {period.label, *(q.label for q in quarters)}
    snapshots = Snapshot.objects.filter(indicator__in=indicators, period__in=labels).prefetch_related(
        Prefetch("breakdown", queryset=SnapshotBreakdown.objects.select_related("directorate"))
    )
    by_key: dict[tuple[int, str], Snapshot] = {(s.indicator_id, s.period): s for s in snapshots}
    commitments: dict[int, CommitmentView] = {}
    for commitment in Commitment.objects.filter(charter=charter).order_by("number"):
        commitments[commitment.pk] = CommitmentView(commitment=commitment, indicators=[])
    for indicator in indicators:
        current = by_key.get((indicator.pk, period.label))
        trend = [by_key[(indicator.pk, q.label)] for q in quarters if (indicator.pk, q.label) in by_key]
        trend = [s for s in trend if s.period_type == QUARTER]
        commitments[indicator.commitment_id].indicators.append(
            IndicatorView(
                indicator=indicator,
                current=current,
                trend=trend,
                breakdown=list(current.breakdown.all()) if current else [],
            )
        )
    return Dashboard(charter=charter, period=period, commitments=list(commitments.values()))
