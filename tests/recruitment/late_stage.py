"""Builders for the late stages of recruitment: interviews held, offers accepted, checks cleared."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from accounts.roles import Role
from involvement.models import ActivityKind, RateCardEntry
from recruitment import models as rm
from recruitment import services
from recruitment.services.interviews import PANEL_KIND_CODE
from tests.factories import RateCardEntryFactory, UserFactory
from tests.recruitment.factories import ApplicationFactory, move_to


def hr_user():
    return UserFactory(roles=[Role.HR])


def panel_rate(amount: Decimal = Decimal("75.00")) -> RateCardEntry:
    """The rate card's session rate for register members on an interview panel."""
    kind, _ = ActivityKind.objects.get_or_create(code=PANEL_KIND_CODE, defaults={"name": "Interview panel"})
    return RateCardEntryFactory(activity_kind=kind, role="panel_member", unit="session", amount=amount)


def interview(
    application: rm.Application | None = None,
    *,
    panel: list[dict] | None = None,
    starts_in: dt.timedelta = dt.timedelta(hours=-3),
    length: dt.timedelta = dt.timedelta(hours=2),
    by=None,
    **fields,
) -> rm.Interview:
    """An interview scheduled through the service; by default it started three hours ago."""
    application = application or move_to(ApplicationFactory(), "interview")
    starts = timezone.now() + starts_in
    if panel is None:
        panel = [{"user": application.vacancy.hiring_manager, "lived_experience": True}]
    return services.interview_schedule(
        application=application,
        starts_at=starts,
        ends_at=starts + length,
        panel=panel,
        by=by or hr_user(),
        location=fields.pop("location", "Room 4, Test House"),
        **fields,
    )


def offer(application: rm.Application | None = None, *, by=None, start_in_days: int = 30) -> rm.Offer:
    application = move_to(application or ApplicationFactory(), "offer")
    return services.offer_make(
        application=application,
        start_date=timezone.localdate() + dt.timedelta(days=start_in_days),
        salary_point="Band 3, step 1",
        by=by or hr_user(),
    )


def accepted(
    application: rm.Application | None = None, *, by=None, start_in_days: int = 30
) -> rm.Application:
    """An application whose offer was accepted (so its six checks are open), at the checks stage."""
    by = by or hr_user()
    made = offer(application, by=by, start_in_days=start_in_days)
    services.offer_respond(offer=made, accepted=True, by=by)  # which moves it on to the checks
    return rm.Application.objects.get(pk=made.application_id)


def clear_checks(application: rm.Application, *, by=None, leave: tuple[str, ...] = ()) -> None:
    by = by or hr_user()
    for check in application.checks.exclude(kind__in=leave):
        services.check_update(
            check=check,
            by=by,
            status="clear",
            dbs_certificate_date=timezone.localdate() if check.kind == rm.CheckKind.DBS else None,
        )
