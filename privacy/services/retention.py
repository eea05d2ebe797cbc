"""The recruitment retention rule: applicants whose application ended unsuccessfully long ago are erased.

An application that ended rejected or withdrawn more than `RECRUITMENT_RETENTION_MONTHS` (default 12)
ago loses the applicant's identity the same way an erasure does; its stages, outcome and equality
answers stay, so recruitment figures and the equality report do not change. Each run is recorded as a
`RetentionRun`, whatever it found. Running it twice erases nothing more: an erased application carries
the `@erased.invalid` address and is skipped.
"""

from __future__ import annotations

import calendar
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import RetentionRun
from privacy.services.erasure import ERASED_DOMAIN, applications_erase
from recruitment.models import Application, StageKind

BATCH = 100


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` earlier (the month's last day when the day does not exist)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def unsuccessful_applications_due(*, cutoff: datetime):
    """Applications that ended rejected or withdrawn before `cutoff` and still name the applicant."""
    return (
        Application.objects.filter(
            stage__kind__in=[StageKind.REJECTED, StageKind.WITHDRAWN],
            stage_entered_at__lt=cutoff,
            hired_worker__isnull=True,
        )
        .exclude(email__iendswith=f"@{ERASED_DOMAIN}")
        .select_related("stage")
        .order_by("id")
    )


def unsuccessful_applicants_erase(*, now: datetime | None = None) -> RetentionRun:
    """Erase every application due, in batches (each its own transaction), and record the run."""
    started = timezone.now()
    cutoff = months_before(now or started, settings.RECRUITMENT_RETENTION_MONTHS)
    details: dict[str, int] = {}
    erased = 0
    while True:
        with transaction.atomic():
            batch = list(unsuccessful_applications_due(cutoff=cutoff).select_for_update(of=("self",))[:BATCH])
            if not batch:
                break
            for label, count in applications_erase(applications=batch).items():
                details[label] = details.get(label, 0) + count
            erased += len(batch)
    return RetentionRun.objects.create(
        rule=RetentionRun.Rule.UNSUCCESSFUL_APPLICANTS,
        started_at=started,
        finished_at=timezone.now(),
        cutoff=cutoff,
        removed=erased,
        details=details,
    )
