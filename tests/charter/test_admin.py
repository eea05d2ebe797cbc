"""The back office for the charter: pages open, indicators are validated, snapshots cannot be typed in."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from charter import services
from charter.models import Charter, Indicator, Snapshot
from tests.charter import builders as b
from tests.charter.builders import Q
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def snapshot() -> Snapshot:
    t = b.trust()
    for _ in range(12):
        b.activity(t.north_team, Q.start, kind="training-delivery")
    return services.snapshot_compute(indicator=Indicator.objects.get(key="le_training_delivered"), period=Q)


def _form(indicator: Indicator, **changes) -> dict:
    data = {
        "commitment": indicator.commitment_id,
        "name": indicator.name,
        "definition": indicator.definition,
        "direction": indicator.direction,
        "target": str(indicator.target),
        "amber_threshold": str(indicator.amber_threshold),
        "owner": "",
        "order": indicator.order,
        "is_active": "on",
    }
    data.update(changes)
    return data


def test_changelists_and_change_pages_open(admin_client, snapshot):
    charter = Charter.objects.get()
    indicator = snapshot.indicator
    pages = [
        reverse("admin:charter_charter_changelist"),
        reverse("admin:charter_charter_change", args=[charter.pk]),
        reverse("admin:charter_indicator_changelist"),
        reverse("admin:charter_indicator_changelist")
        + f"?unit__exact=count&commitment__id__exact={indicator.commitment_id}",
        reverse("admin:charter_indicator_change", args=[indicator.pk]),
        reverse("admin:charter_indicator_add"),
        reverse("admin:charter_snapshot_changelist"),
        reverse("admin:charter_snapshot_changelist")
        + f"?period_type__exact=quarter&rag__exact=green&period={Q.label}",
        reverse("admin:charter_snapshot_change", args=[snapshot.pk]),
    ]
    for url in pages:
        response = admin_client.get(url)
        assert response.status_code == 200, url
    charter_page = admin_client.get(
        reverse("admin:charter_charter_change", args=[charter.pk])
    ).content.decode()
    assert "Clear progression pathways" in charter_page  # the commitments are edited with their charter
    listing = admin_client.get(reverse("admin:charter_snapshot_changelist")).content.decode()
    assert "Staff training delivered with lived experience" in listing


def test_snapshots_are_read_only(admin_client, snapshot):
    assert admin_client.get(reverse("admin:charter_snapshot_add")).status_code == 403
    page = admin_client.get(reverse("admin:charter_snapshot_change", args=[snapshot.pk])).content.decode()
    assert 'name="_save"' not in page  # nothing to save: a figure is never typed in
    response = admin_client.post(
        reverse("admin:charter_snapshot_change", args=[snapshot.pk]), {"numerator": "3", "value": "3"}
    )
    assert response.status_code == 403
    snapshot.refresh_from_db()
    assert snapshot.numerator == 10
    assert (
        admin_client.post(
            reverse("admin:charter_snapshot_delete", args=[snapshot.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert Snapshot.objects.filter(pk=snapshot.pk).exists()


def test_a_target_outside_the_units_range_is_refused_in_the_admin(admin_client):
    indicator = Indicator.objects.get(key="coproduction_share")
    url = reverse("admin:charter_indicator_change", args=[indicator.pk])
    response = admin_client.post(url, _form(indicator, target="150"))
    assert response.status_code == 200  # the form again, with the error
    assert "For a percent, give 0 to 100." in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.target == Decimal("60")


def test_a_new_target_saved_in_the_admin_re_rates_stored_snapshots(admin_client, snapshot):
    indicator = snapshot.indicator  # 10 sessions against a target of 6: green
    assert snapshot.rag == "green"
    url = reverse("admin:charter_indicator_change", args=[indicator.pk])
    response = admin_client.post(url, _form(indicator, target="20", amber_threshold="15", order="3"))
    assert response.status_code == 302, response.content.decode()
    indicator.refresh_from_db()
    snapshot.refresh_from_db()
    assert (indicator.target, indicator.amber_threshold, indicator.order) == (Decimal("20"), Decimal("15"), 3)
    assert snapshot.rag == "red"


def test_a_new_indicator_must_name_a_registered_metric_in_its_unit(admin_client):
    commitment = Indicator.objects.get(key="promotions").commitment
    url = reverse("admin:charter_indicator_add")
    base = {
        "commitment": commitment.pk,
        "name": "Test indicator",
        "definition": "Test definition.",
        "direction": "higher",
        "target": "5",
        "amber_threshold": "2",
        "order": "9",
        "is_active": "on",
    }
    unknown = admin_client.post(url, {**base, "key": "made_up_metric", "unit": "count"})
    assert "Select a valid choice" in unknown.content.decode()
    wrong_unit = admin_client.post(url, {**base, "key": "promotions", "unit": "percent"})
    assert "The metric promotions measures in count; choose that." in wrong_unit.content.decode()
    taken = admin_client.post(url, {**base, "key": "promotions", "unit": "count"})
    assert "already exists" in taken.content.decode()
    assert Indicator.objects.count() == 18
