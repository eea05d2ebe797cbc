"""What the board page, the PDF pack and the CSV show: the dashboard turned into words and rows.

The page, the pack and the CSV all read from here, so a figure, its status word and its trend
are written the same way everywhere. Everything here comes from `charter.selectors.dashboard`,
which holds only disclosed figures: nothing in this module can show a number the rule hid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from charter.models import Indicator, Snapshot, Unit
from charter.periods import QUARTER, Period, recent_months, recent_quarters
from charter.selectors import Dashboard, IndicatorView

__all__ = [
    "BoardFigure",
    "BoardIndicator",
    "board_view",
    "format_value",
    "period_choices",
    "short_period",
    "target_text",
]

# The status word comes first; colour only repeats it (WCAG: colour is never the only signal).
STATUS = {
    "green": ("On target", "green"),
    "amber": ("Close to target", "yellow"),
    "red": ("Off target", "red"),
    "suppressed": ("Suppressed", "grey"),
    "none": ("No figure", "white"),
}

SUPPRESSED = "suppressed"
NO_FIGURE = "none"


def format_value(value: Decimal | None, unit: str) -> str:
    """A figure as a person reads it: 20, 88.5%, 42 days, 1.25."""
    if value is None:
        return ""
    if unit == Unit.RATIO:
        return f"{value:.2f}"
    if value == value.to_integral_value():
        number = f"{int(value):,}"
    else:
        number = f"{value:,.2f}".rstrip("0").rstrip(".")
    if unit == Unit.PERCENT:
        return f"{number}%"
    if unit == Unit.DAYS:
        return f"{number} day" if value == 1 else f"{number} days"
    return number


def target_text(indicator: Indicator) -> str:
    """The target in words, with the side that counts as good."""
    value = format_value(indicator.target, indicator.unit)
    if indicator.direction == Indicator.Direction.HIGHER:
        return f"{value} or more"
    return f"{value} or fewer" if indicator.unit in (Unit.COUNT, Unit.DAYS) else f"{value} or lower"


def short_period(label: str) -> str:
    """'2026-27-Q3' -> 'Q3 2026-27'; a month label is returned as it is."""
    if len(label) == 10 and label[8] == "Q":
        return f"{label[8:]} {label[:7]}"
    return label


def axis_period(label: str) -> str:
    """The shortest readable name for a chart axis: '2026-27-Q3' -> 'Q3 26-27'."""
    if len(label) == 10 and label[8] == "Q":
        return f"{label[8:]} {label[2:7]}"
    return label


@dataclass(frozen=True)
class BoardFigure:
    """One indicator's figure for one period, as it may be shown."""

    period: str  # the label, e.g. 2026-27-Q3
    period_name: str  # Q3 2026-27
    value: Decimal | None
    text: str  # "88.5%", "Suppressed" or "No figure"
    state: str  # green, amber, red, suppressed or none
    numerator: int | None = None
    denominator: int | None = None

    @property
    def shown(self) -> bool:
        return self.value is not None

    @property
    def status(self) -> str:
        return STATUS[self.state][0]

    @property
    def tag_colour(self) -> str:
        return STATUS[self.state][1]

    @property
    def counts(self) -> str:
        """'115 of 130' for a rate whose disclosed counts are both known; otherwise ''."""
        if self.value is None or self.numerator is None or not self.denominator:
            return ""
        return f"{self.numerator:,} of {self.denominator:,}"


def figure_for(snapshot: Snapshot | None, unit: str, label: str) -> BoardFigure:
    name = short_period(label)
    if snapshot is None or snapshot.value is None:
        # A rate or average over nothing (denominator 0) is "no figure", not a hidden small number.
        nothing = snapshot is None or snapshot.denominator == 0
        state = NO_FIGURE if nothing or not snapshot.suppressed else SUPPRESSED
        return BoardFigure(period=label, period_name=name, value=None, text=STATUS[state][0], state=state)
    state = snapshot.rag if snapshot.rag in STATUS else NO_FIGURE
    return BoardFigure(
        period=label,
        period_name=name,
        value=snapshot.value,
        text=format_value(snapshot.value, unit),
        state=state,
        numerator=snapshot.numerator,
        denominator=snapshot.denominator,
    )


@dataclass(frozen=True)
class BreakdownRow:
    directorate: str
    figure: BoardFigure


BREAKDOWN_MONTH = (
    "Directorate figures are given for quarters only, so that months cannot be subtracted from them."
)
BREAKDOWN_PARTIAL = (
    "Directorates are left out where their figure is small, or where showing it would let a small "
    "one be worked out by subtraction."
)
BREAKDOWN_NONE = (
    "No directorate breakdown can be shown: the directorates' figures are too small to publish, "
    "would let a small one be worked out by subtraction, or there were none."
)


@dataclass(frozen=True)
class BoardIndicator:
    indicator: Indicator
    current: BoardFigure
    trend: list[BoardFigure]  # one per quarter, oldest first, gaps included
    breakdown: list[BreakdownRow]
    period_type: str = QUARTER

    @property
    def breakdown_note(self) -> str:
        if self.period_type != QUARTER:
            return BREAKDOWN_MONTH
        return BREAKDOWN_PARTIAL if self.breakdown else BREAKDOWN_NONE

    @property
    def target(self) -> str:
        return target_text(self.indicator)

    @property
    def direction(self) -> str:
        return self.indicator.get_direction_display()

    @property
    def anchor(self) -> str:
        return f"indicator-{self.indicator.key}"

    @property
    def trend_summary(self) -> str:
        """One paragraph that says what the chart shows, for people who cannot see it."""
        if not self.trend:
            return f"{self.indicator.name}: no trend to show."
        first, last = self.trend[0], self.trend[-1]
        shown = [f for f in self.trend if f.shown]
        hidden = [f.period_name for f in self.trend if f.state == SUPPRESSED]
        span = f"{len(self.trend)} quarters from {first.period_name} to {last.period_name}"
        parts = [f"{self.indicator.name}, {span}."]
        if shown:
            high = max(shown, key=lambda f: f.value or 0)
            low = min(shown, key=lambda f: f.value or 0)
            parts.append(
                f"First figure shown {shown[0].text} in {shown[0].period_name}; "
                f"latest {shown[-1].text} in {shown[-1].period_name}; "
                f"highest {high.text} in {high.period_name}; lowest {low.text} in {low.period_name}."
            )
        else:
            parts.append("No quarter has a figure that can be shown.")
        if hidden:
            parts.append(f"Suppressed: {', '.join(hidden)}.")
        parts.append(f"Target {self.target}.")
        return " ".join(parts)


@dataclass(frozen=True)
class BoardCommitment:
    number: int
    title: str
    description: str
    indicators: list[BoardIndicator]

    @property
    def anchor(self) -> str:
        return f"commitment-{self.number}"


@dataclass(frozen=True)
class BoardView:
    charter_name: str
    period: Period
    quarters: list[Period]
    commitments: list[BoardCommitment]

    @property
    def period_name(self) -> str:
        return short_period(self.period.label) if self.period.type == QUARTER else self.period.name


def _indicator(view: IndicatorView, quarters: list[Period], period: Period) -> BoardIndicator:
    unit = view.indicator.unit
    by_label = {s.period: s for s in view.trend}
    return BoardIndicator(
        indicator=view.indicator,
        period_type=period.type,
        current=figure_for(view.current, unit, period.label),
        trend=[figure_for(by_label.get(q.label), unit, q.label) for q in quarters],
        breakdown=[
            BreakdownRow(
                directorate=row.directorate.name,
                figure=BoardFigure(
                    period=period.label,
                    period_name=short_period(period.label),
                    value=row.value,
                    text=format_value(row.value, unit),
                    state="none",
                    numerator=row.numerator,
                    denominator=row.denominator,
                ),
            )
            for row in view.breakdown
        ],
    )


def board_view(dashboard: Dashboard, *, today: date) -> BoardView:
    # The same quarters the selector used for the trend, so a missing one shows as a gap.
    quarters = recent_quarters(today=min(today, dashboard.period.end), count=8)
    return BoardView(
        charter_name=str(dashboard.charter.name) if dashboard.charter else "Lived Experience Charter",
        period=dashboard.period,
        quarters=quarters,
        commitments=[
            BoardCommitment(
                number=c.commitment.number,
                title=c.commitment.title,
                description=c.commitment.description,
                indicators=[_indicator(v, quarters, dashboard.period) for v in c.indicators],
            )
            for c in dashboard.commitments
        ],
    )


def period_choices(*, today: date, selected: Period) -> list[tuple[str, str]]:
    """(label, name) for the period chooser: recent quarters then recent months, newest first."""
    choices = [(q.label, short_period(q.label)) for q in reversed(recent_quarters(today=today, count=8))]
    choices += [(m.label, m.name) for m in reversed(recent_months(today=today, count=12))]
    if selected.label not in {label for label, _ in choices}:
        name = short_period(selected.label) if selected.type == QUARTER else selected.name
        choices.append((selected.label, name))
    return choices
