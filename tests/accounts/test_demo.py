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
