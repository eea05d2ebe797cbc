"""The charter a trust adopts, what it commits to, how each commitment is measured, and snapshots."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from accounts.models import Team


class Charter(models.Model):
    name = models.CharField(max_length=200)
    version = models.CharField(max_length=20)
    adopted_on = models.DateField()
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["-adopted_on"]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"


class Commitment(models.Model):
    charter = models.ForeignKey(Charter, on_delete=models.CASCADE, related_name="commitments")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["charter", "number"]
        constraints = [models.UniqueConstraint(fields=["charter", "number"], name="commitment_number_once")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Unit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENT = "percent", "Percent"
    DAYS = "days", "Days"
    RATIO = "ratio", "Ratio"


# What a value (and so a target) may be for each unit.
UNIT_RANGE = {
    Unit.COUNT: (Decimal("0"), None),
    Unit.PERCENT: (Decimal("0"), Decimal("100")),
    Unit.DAYS: (Decimal("0"), Decimal("3650")),
    Unit.RATIO: (Decimal("0"), Decimal("100")),
}


class Indicator(models.Model):
    """A measure of one commitment, computed by a registered metric from live data."""

    class Direction(models.TextChoices):
        HIGHER = "higher", "Higher is better"
        LOWER = "lower", "Lower is better"

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="indicators")
    key = models.SlugField(max_length=80, unique=True, help_text="The registered metric that computes it.")
    name = models.CharField(max_length=200)
    definition = models.TextField(help_text="In plain language: what is counted and how.")
    unit = models.CharField(max_length=10, choices=Unit.choices)
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    target = models.DecimalField(max_digits=10, decimal_places=2)
    amber_threshold = models.DecimalField(
        max_digits=10, decimal_places=2, help_text="Between this and the target is amber; beyond it, red."
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["commitment__number", "order", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        low, high = UNIT_RANGE.get(self.unit, (None, None))
        for field in ("target", "amber_threshold"):
            value = getattr(self, field)
            if value is None or low is None:
                continue
            if value < low or (high is not None and value > high):
                top = f" to {high}" if high is not None else " or more"
                raise ValidationError({field: f"For a {self.get_unit_display().lower()}, give {low}{top}."})
        if self.target is not None and self.amber_threshold is not None:
            wrong_side = (
                self.amber_threshold > self.target
                if self.direction == self.Direction.HIGHER
                else self.amber_threshold < self.target
            )
            if wrong_side:
                raise ValidationError(
                    {"amber_threshold": "The amber threshold must sit on the worse side of the target."}
                )


class Snapshot(models.Model):
    """An indicator's figure for one period, already through disclosure control.

    Only disclosed figures are stored: a snapshot is a cache the board reads, and nothing
    unsuppressed may sit in a cache.
    """

    class PeriodType(models.TextChoices):
        QUARTER = "quarter", "Quarter"
        MONTH = "month", "Month"

    class Rag(models.TextChoices):
        GREEN = "green", "On target"
        AMBER = "amber", "Close to target"
        RED = "red", "Off target"
        NONE = "none", "No figure"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="snapshots")
    period_type = models.CharField(max_length=10, choices=PeriodType.choices)
    period = models.CharField(max_length=12, help_text="2026-27-Q3 or 2026-11.")
    period_start = models.DateField()
    period_end = models.DateField()
    numerator = models.IntegerField(null=True, blank=True)
    denominator = models.IntegerField(null=True, blank=True)
    value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    suppressed = models.BooleanField(default=False)
    rag = models.CharField(max_length=5, choices=Rag.choices, default=Rag.NONE)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["indicator", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_type", "period"], name="snapshot_once_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period}: {self.value}"


class SnapshotBreakdown(models.Model):
    """The same figure for one directorate; only kept where it survives suppression."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="breakdown")
    directorate = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    numerator = models.IntegerField(null=True, blank=True)
    denominator = models.IntegerField(null=True, blank=True)
    value = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["directorate__name"]
        constraints = [models.UniqueConstraint(fields=["snapshot", "directorate"], name="breakdown_once")]

    def __str__(self) -> str:
        return f"{self.snapshot} / {self.directorate}"
