"""The demo seed: synthetic, one login per role, and safe to run twice."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from accounts import demo
from accounts.models import Team, User
from accounts.roles import Role


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_seed_twice_gives_the_same_data():
    call_command("seed_demo", "--quiet-logins")
    counts = (User.objects.count(), Team.objects.count())
    call_command("seed_demo", "--quiet-logins")
    assert (User.objects.count(), Team.objects.count()) == counts
    holders = {role: User.objects.filter(groups__name=role).count() for role in Role}
    assert all(n >= 1 for n in holders.values()), holders
    assert all(u.email.endswith("@demo.example") for u in User.objects.all())
    assert User.objects.get(email=f"admin@{demo.DEMO_DOMAIN}").is_superuser


@pytest.mark.django_db
def test_demo_logins_work(client):
    demo.seed_accounts()
    response = client.post(
        "/api/v1/auth/login",
        {"email": f"board@{demo.DEMO_DOMAIN}", "password": demo.DEMO_PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["user"]["roles"] == ["board_member"]


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_seed_refuses_without_debug():
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo")
    assert not User.objects.exists()


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_demo_year_of_involvement_and_workforce_is_believable_and_idempotent():
    from django.utils import timezone

    from involvement import models as inv
    from peers import selectors
    from peers.models import PeerWorker

    call_command("seed_demo", "--quiet-logins")
    counts = (inv.Participant.objects.count(), inv.Activity.objects.count(), PeerWorker.objects.count())
    call_command("seed_demo", "--quiet-logins")
    assert (
        inv.Participant.objects.count(),
        inv.Activity.objects.count(),
        PeerWorker.objects.count(),
    ) == counts

    # a year of activity across the ladder, with closing reports, claims and published changes
    assert inv.Activity.objects.values("rung").distinct().count() >= 5
    assert inv.Activity.objects.filter(status="closed").exclude(report_changes_agreed="").exists()
    assert set(inv.PaymentClaim.objects.values_list("status", flat=True)) >= {"submitted", "approved", "paid"}
    assert inv.FeedbackItem.objects.filter(published=True).exists()
    assert set(inv.Consultation.objects.values_list("status", flat=True)) >= {"draft", "open", "closed"}
    # synthetic people only: reserved domain, reserved drama phone numbers
    assert not inv.Participant.objects.exclude(email__endswith="@demo.example").exists()
    assert not inv.Participant.objects.exclude(phone__startswith="07700 900").exists()
    # a workforce with a mix of in-date and overdue supervision and training
    today = timezone.localdate()
    current = selectors.current_workers().count()
    overdue = selectors.supervision_overdue(today=today).count()
    assert 0 < overdue < current
    assert selectors.training_expired(today=today).exists()
    assert selectors.training_expiring(today=today).exists()
