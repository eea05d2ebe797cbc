"""The whole road, advert to hire, through the services: panel pay, offer, checks, the new peer worker."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from involvement.models import ActivityKind, PaymentClaim, RateCardEntry
from recruitment import services
from tests.factories import ParticipantFactory, UserFactory
from tests.recruitment.factories import ApplicationFactory, move_to


@pytest.mark.django_db
def test_flow():
    hr = UserFactory(roles=[Role.HR])
    app = move_to(ApplicationFactory(), "interview")
    kind, _ = ActivityKind.objects.get_or_create(code="interview-panel", defaults={"name": "Interview panel"})
    RateCardEntry.objects.create(
        activity_kind=kind, role="panel_member", unit="session", amount=Decimal("75.00")
    )
    person = ParticipantFactory()
    start = timezone.now() - dt.timedelta(hours=3)
    interview = services.interview_schedule(
        application=app,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        panel=[{"user": app.vacancy.hiring_manager}, {"participant": person}],
        by=hr,
    )
    services.interview_record_outcome(interview=interview, outcome="appointable", by=hr)
    claim = PaymentClaim.objects.get(participant=person)
    assert claim.involvement_amount == Decimal("75.00")
    app = move_to(app, "offer", by=hr)
    offer = services.offer_make(
        application=app, start_date=timezone.localdate() + dt.timedelta(days=30), salary_point="Band 3", by=hr
    )
    services.offer_respond(offer=offer, accepted=True, by=hr)
    # Accepting moved the application on to the checks: nobody advances it by hand.
    app.refresh_from_db()
    assert app.stage.code == "checks"
    assert app.moves.order_by("-id").values_list("reason", "by", "from_stage__code").first() == (
        "Offer accepted",
        hr.pk,
        "offer",
    )
    for check in app.checks.all():
        services.check_update(
            check=check,
            by=hr,
            status="clear",
            dbs_certificate_date=timezone.localdate() if check.kind == "dbs" else None,
        )
    worker = services.application_hire(application=app, employee_number="E1", by=hr)
    assert worker.status == "pre_start"
    app.refresh_from_db()
    app.vacancy.refresh_from_db()
    assert app.stage.code == "hired" and app.vacancy.status == "filled"
    assert claim.participation.status == "accepted"
