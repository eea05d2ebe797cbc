"""Pre-employment checks, one per NHS Employers standard, with the DBS recheck date."""

from __future__ import annotations

from datetime import date
from typing import NoReturn

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from recruitment.errors import RecruitmentConflict, RecruitmentError
from recruitment.models import Application, CheckKind, PreEmploymentCheck

__all__ = ["check_delete", "check_update", "checks_open", "dbs_recheck_due"]


def dbs_recheck_due(certificate_date: date) -> date:
    return certificate_date + relativedelta(years=settings.RECRUITMENT_DBS_RECHECK_YEARS)


@transaction.atomic
def checks_open(*, application: Application, by: User | None) -> list[PreEmploymentCheck]:
    """One check per standard, created once (an accepted offer opens them)."""
    existing = set(application.checks.values_list("kind", flat=True))
    rows = [
        PreEmploymentCheck(application=application, kind=kind, updated_by=by)
        for kind in CheckKind.values
        if kind not in existing
    ]
    return PreEmploymentCheck.objects.bulk_create(rows)


@transaction.atomic
def check_update(
    *,
    check: PreEmploymentCheck,
    by: User,
    status: str | None = None,
    required: bool | None = None,
    dbs_certificate_date: date | None = None,
    notes: str | None = None,
) -> PreEmploymentCheck:
    check = PreEmploymentCheck.objects.select_for_update().get(pk=check.pk)
    if status is not None:
        if status not in PreEmploymentCheck.Status.values:
            raise RecruitmentError("Choose a status from the list.", field="status")
        check.status = status
    if required is not None:
        check.required = required
        if not required:
            check.status = PreEmploymentCheck.Status.NOT_REQUIRED
        elif check.status == PreEmploymentCheck.Status.NOT_REQUIRED:
            # Required again: back to the start, or the not-required status would undo the change below.
            check.status = PreEmploymentCheck.Status.NOT_STARTED
    if notes is not None:
        check.notes = notes
    if dbs_certificate_date is not None:
        if check.kind != CheckKind.DBS:
            raise RecruitmentError("Only the DBS check has a certificate date.", field="dbs_certificate_date")
        if dbs_certificate_date > timezone.localdate():
            raise RecruitmentError(
                "The certificate date cannot be in the future.", field="dbs_certificate_date"
            )
        check.dbs_certificate_date = dbs_certificate_date
        check.recheck_due = dbs_recheck_due(dbs_certificate_date)
    if (
        check.kind == CheckKind.DBS
        and check.status == PreEmploymentCheck.Status.CLEAR
        and not check.dbs_certificate_date
    ):
        raise RecruitmentError(
            "Record the DBS certificate date to clear this check.", field="dbs_certificate_date"
        )
    if check.status == PreEmploymentCheck.Status.NOT_REQUIRED:
        check.required = False
    check.updated_by = by
    check.save()
    return check


def check_delete(*, check: PreEmploymentCheck, by: User) -> NoReturn:
    """Refused always: checks are kept on record; one the role does not need is marked not required."""
    raise RecruitmentConflict(
        "Checks are kept on record; mark one not required if the role does not need it."
    )
