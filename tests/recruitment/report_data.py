"""Synthetic applicants for the report tests, taken along the pipeline through the services."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from recruitment import services
from recruitment.models import Application
from tests.recruitment.factories import ApplicationFactory, move_to

_numbers = itertools.count(1)


def hire(application: Application, by) -> Application:
    """Offer, acceptance, six clear checks and the hire: the road in test_hiring_flow, minus the panel."""
    application = move_to(application, "offer", by=by)
    offer = services.offer_make(
        application=application,
        start_date=timezone.localdate() + dt.timedelta(days=30),
        salary_point="Band 3",
        by=by,
    )
    services.offer_respond(offer=offer, accepted=True, by=by)  # which moves it on to the checks
    application.refresh_from_db()
    for check in application.checks.all():
        services.check_update(
            check=check,
            by=by,
            status="clear",
            dbs_certificate_date=timezone.localdate() if check.kind == "dbs" else None,
        )
    services.application_hire(application=application, employee_number=f"T-{next(_numbers):05d}", by=by)
    application.refresh_from_db()
    return application


def reject(application: Application, by) -> Application:
    rejected = application.vacancy.stages.get(code="rejected")
    return services.application_advance(
        application=application, to_stage=rejected, by=by, reason="Others met the criteria better"
    )


def applicants(
    vacancy,
    by,
    *,
    count: int,
    equality: dict,
    shortlisted: int = 0,
    hired: int = 0,
    rejected_after_shortlisting: int = 0,
    source: str = Application.Source.OPEN_ADVERT,
    **extra,
) -> list[Application]:
    """`count` applicants with these answers: the first `hired` hired, then the rest of `shortlisted`
    shortlisted (the last `rejected_after_shortlisting` of those then rejected), the others left at applied.
    """
    assert hired <= shortlisted <= count
    made = []
    for index in range(count):
        application = ApplicationFactory(vacancy=vacancy, equality=equality, source=source, **extra)
        if index < hired:
            application = hire(application, by)
        elif index < shortlisted:
            application = move_to(application, "shortlisted", by=by)
            if index >= shortlisted - rejected_after_shortlisting:
                application = reject(application, by)
        made.append(application)
    return made
