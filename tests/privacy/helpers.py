"""What the data-rights tests look at: every text column in the database, and every figure the board sees."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils import timezone

import charter.metrics  # noqa: F401 - registers every metric
from charter import registry
from recruitment.models import EqualityMonitoring
from recruitment.selectors import equality_report
from recruitment.selectors.equality import _raw_counts

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def where_text_appears(*needles: str) -> list[str]:
    """ "app.model.field" for every row in every table (history included) whose text holds a needle."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, TEXT_FIELDS):
                continue
            match = Q()
            for needle in needles:
                match |= Q(**{f"{field.attname}__icontains": needle})
            if model._base_manager.filter(match).exists():
                found.append(f"{model._meta.label_lower}.{field.attname}")
    return found


def board_figures(start: dt.date | None = None, end: dt.date | None = None) -> dict[str, Any]:
    """Every charter metric's raw figures (numerators, denominators, directorate rows) for the period."""
    today = timezone.localdate()
    start = start or today - dt.timedelta(days=800)
    end = end or today + dt.timedelta(days=30)
    keys = registry.keys()  # the registry's own list, not a dict
    return {key: registry.get(key).compute(start, end) for key in keys}


def equality_figures() -> dict[str, Any]:
    """The equality report as published, and the raw counts behind it (rounding could hide a change)."""
    today = timezone.localdate()
    # Reports cover whole months: from the first of a month two years back to the end of this one.
    start = (today - dt.timedelta(days=800)).replace(day=1)
    end = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    report = equality_report(date_from=start, date_to=end)
    return {"report": report, "raw": _raw_counts(EqualityMonitoring.objects.all())}
