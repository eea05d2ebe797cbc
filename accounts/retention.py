"""Retention of the access log and the change history: old rows deleted by beat, each run recorded.

The rules (docs/privacy.md):
- an access-log row is kept `ACCESS_LOG_RETENTION_DAYS` (default 730) and then deleted;
- a version in the change history is kept `HISTORY_RETENTION_DAYS` (default 2190) after a newer version
  replaced it; the newest version of a record that still exists is kept as long as the record, so the
  back office can always say who last changed it. The history of a deleted record goes once its
  deletion is older than the limit.

Both are idempotent: a second run on the same day finds nothing more to delete (and says so).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from simple_history.models import HistoricalChanges

from accounts.models import AccessLog, RetentionRun

BATCH = 500


def historical_models() -> list[type[models.Model]]:
    """Every history table django-simple-history keeps, whichever app it belongs to."""
    return [model for model in apps.get_models() if issubclass(model, HistoricalChanges)]


@transaction.atomic
def access_log_purge(*, now: datetime | None = None) -> RetentionRun:
    started = timezone.now()
    cutoff = (now or started) - timedelta(days=settings.ACCESS_LOG_RETENTION_DAYS)
    removed, _ = AccessLog.objects.filter(at__lt=cutoff).delete()
    return RetentionRun.objects.create(
        rule=RetentionRun.Rule.ACCESS_LOG,
        started_at=started,
        finished_at=timezone.now(),
        cutoff=cutoff,
        removed=removed,
        details={"accounts.accesslog": removed} if removed else {},
    )


def _expired_history(model: type[models.Model], cutoff: datetime) -> models.QuerySet:
    """Versions older than the cut-off that a newer version replaced, and deletions older than it."""
    pk = model.instance_type._meta.pk.attname  # type: ignore[attr-defined]
    newer = model.objects.filter(**{pk: OuterRef(pk)}).filter(
        Q(history_date__gt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__gt=OuterRef("history_id"))
    )
    return model.objects.filter(history_date__lt=cutoff).filter(Q(history_type="-") | Q(Exists(newer)))


@transaction.atomic
def history_purge(*, now: datetime | None = None) -> RetentionRun:
    started = timezone.now()
    cutoff = (now or started) - timedelta(days=settings.HISTORY_RETENTION_DAYS)
    details: dict[str, int] = {}
    for model in historical_models():
        # Ids first, then deletes by id in batches: some databases refuse a delete that reads its own
        # table, and a first run on an old database may find many rows.
        ids = list(_expired_history(model, cutoff).values_list("history_id", flat=True))
        deleted = 0
        for start in range(0, len(ids), BATCH):
            deleted += model.objects.filter(history_id__in=ids[start : start + BATCH]).delete()[0]
        if deleted:
            details[model._meta.label_lower] = deleted
    return RetentionRun.objects.create(
        rule=RetentionRun.Rule.HISTORY,
        started_at=started,
        finished_at=timezone.now(),
        cutoff=cutoff,
        removed=sum(details.values()),
        details=details,
    )


def retention_apply(*, now: datetime | None = None) -> list[RetentionRun]:
    """The nightly run: each rule in its own transaction, each recorded whatever it found."""
    return [access_log_purge(now=now), history_purge(now=now)]
