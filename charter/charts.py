"""Where the points of a trend chart go: one layout, drawn as SVG on the page and by reportlab in the pack.

Coordinates are in a fixed box (y grows downwards, as in SVG); the page scales the SVG to fit,
and the PDF flips y. A quarter without a figure breaks the line, so a gap never looks like a fall.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from charter.board import SUPPRESSED, BoardIndicator, axis_period, format_value
from charter.models import Unit

__all__ = ["ChartLayout", "ChartPoint", "layout"]

WIDTH = 600
HEIGHT = 230
LEFT, RIGHT, TOP, BOTTOM = 64, 516, 22, 180  # the right margin holds the target's label


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float | None  # None where there is no figure to plot
    axis_label: str
    text: str  # the figure as shown, or "" in a gap
    suppressed: bool

    @property
    def marker_y(self) -> float:
        """Where a gap's marker sits: just above the axis."""
        return BOTTOM - 8


@dataclass(frozen=True)
class ChartLayout:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    points: list[ChartPoint]
    runs: list[list[tuple[float, float]]]  # consecutive plotted points, each drawn as one line
    ticks: list[tuple[float, str]]  # (y, label) for the value axis
    target_y: float | None
    target_label: str
    target_value: str

    @property
    def run_paths(self) -> list[str]:
        return ["M " + " L ".join(f"{x:.1f} {y:.1f}" for x, y in run) for run in self.runs]

    @property
    def axis_path(self) -> str:
        return f"M {self.left} {self.top} L {self.left} {self.bottom} L {self.right} {self.bottom}"

    @property
    def grid_paths(self) -> list[str]:
        return [f"M {self.left} {y:.1f} L {self.right} {y:.1f}" for y, _ in self.ticks if y < self.bottom]

    @property
    def target_path(self) -> str:
        if self.target_y is None:
            return ""
        return f"M {self.left} {self.target_y:.1f} L {self.right} {self.target_y:.1f}"


def _nice_top(highest: Decimal) -> tuple[Decimal, Decimal]:
    """A round top for the value axis and its step (1, 2 or 5 times a power of ten, at most five steps)."""
    if highest <= 0:
        return Decimal(1), Decimal("0.5")
    for power in range(-2, 9):
        for multiple in (1, 2, 5):
            step = Decimal(multiple) * Decimal(10) ** power
            steps = (highest / step).to_integral_value(rounding=ROUND_CEILING)
            if steps <= 5:
                return steps * step, step
    return highest, highest / 5


def layout(item: BoardIndicator) -> ChartLayout:
    unit = item.indicator.unit
    target = item.indicator.target
    values = [f.value for f in item.trend if f.value is not None]
    if unit == Unit.PERCENT:
        top, step = Decimal(100), Decimal(25)
    else:
        top, step = _nice_top(max([*values, target, Decimal(0)]) * Decimal("1.1"))

    def y_of(value: Decimal) -> float:
        return BOTTOM - float(value / top) * (BOTTOM - TOP)

    count = len(item.trend) or 1
    slot = (RIGHT - LEFT) / count
    points: list[ChartPoint] = []
    runs: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for index, figure in enumerate(item.trend):
        x = LEFT + slot * (index + 0.5)
        if figure.value is None:
            if current:
                runs.append(current)
                current = []
            points.append(
                ChartPoint(
                    x=x,
                    y=None,
                    axis_label=axis_period(figure.period),
                    text="",
                    suppressed=figure.state == SUPPRESSED,
                )
            )
            continue
        y = y_of(figure.value)
        current.append((x, y))
        points.append(
            ChartPoint(x=x, y=y, axis_label=axis_period(figure.period), text=figure.text, suppressed=False)
        )
    if current:
        runs.append(current)
    # Axis labels stay short: the unit is in the chart's name, so days show as plain numbers.
    tick_unit = unit if unit in (Unit.PERCENT, Unit.RATIO) else Unit.COUNT
    ticks = []
    tick = Decimal(0)
    while tick <= top:
        ticks.append((y_of(tick), format_value(tick, tick_unit)))
        tick += step
    return ChartLayout(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=RIGHT,
        top=TOP,
        bottom=BOTTOM,
        points=points,
        runs=runs,
        ticks=ticks,
        target_y=y_of(target) if target <= top else None,
        target_label=f"Target {format_value(target, unit)}",
        target_value=format_value(target, unit),
    )
