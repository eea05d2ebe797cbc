"""The charter over the API: the dashboard for a period, and read-only commitments, indicators, snapshots."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from charter import services
from charter.models import Charter, Commitment, Indicator, Snapshot, SnapshotBreakdown
from charter.periods import quarter_of, recent_quarters
from involvement.models import Rung
from tests.api.battery import ReadBattery, RefusesWrites, ResourceBattery, _client, assert_writes_refused
from tests.charter import builders as b
from tests.charter.builders import Q
from tests.conftest import client_for_user
from tests.factories import ParticipantFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/api/v1/charter/dashboard"
READERS = [Role.BOARD_MEMBER, Role.HR, Role.INVOLVEMENT_LEAD, Role.ADMIN]
OUTSIDERS = [Role.PEER_WORKER, Role.PARTICIPANT, Role.LINE_MANAGER, Role.SUPERVISOR, Role.FINANCE]
_numbers = itertools.count(100)


def _charter() -> Charter:
    return Charter.objects.get(is_current=True)


class TestCommitmentResource(ReadBattery, RefusesWrites):
    """Commitments are the charter's words: read here, edited in the admin."""

    basename = "commitment"
    reader_role = Role.BOARD_MEMBER
    hidden_from_role = Role.PEER_WORKER
    refused_roles = (Role.ADMIN, Role.PEER_WORKER, Role.BOARD_MEMBER)

    def make_object(self) -> Commitment:
        number = next(_numbers)
        return Commitment.objects.create(charter=_charter(), number=number, title=f"Test commitment {number}")

    def create_payload(self) -> dict:
        return {"charter": _charter().pk, "number": next(_numbers), "title": "Test commitment"}

    def update_payload(self, obj) -> dict:
        return {"title": "Test commitment, reworded"}

    def test_the_six_commitments_are_listed_in_order_with_their_indicators(self):
        body = _client(Role.BOARD_MEMBER).get(self.list_url()).json()
        assert [row["number"] for row in body["results"]] == [1, 2, 3, 4, 5, 6]
        assert body["results"][0]["charter"] == "Lived Experience Charter (version 1)"
        counts = [len(row["indicators"]) for row in body["results"]]
        assert counts == [4, 2, 5, 2, 2, 3]


class TestIndicatorResource(ResourceBattery):
    """Read by the charter's readers; only admins change targets and wording; nobody adds or deletes."""

    basename = "indicator"
    reader_role = Role.BOARD_MEMBER
    writer_role = Role.ADMIN
    forbidden_role = Role.PEER_WORKER
    hidden_from_role = Role.PEER_WORKER

    def make_object(self) -> Indicator:
        number = next(_numbers)
        return Indicator.objects.create(
            commitment=Commitment.objects.get(charter=_charter(), number=1),
            key=f"test-indicator-{number}",
            name=f"Test indicator {number}",
            definition="Test definition.",
            unit="percent",
            direction="higher",
            target=Decimal("90"),
            amber_threshold=Decimal("75"),
        )

    def create_payload(self) -> dict:
        return {"key": "promotions", "name": "Test", "unit": "count", "target": "2", "amber_threshold": "1"}

    def update_payload(self, obj) -> dict:
        return {"target": "80.00", "amber_threshold": "70.00", "name": "Test indicator, renamed"}

    def test_create(self):
        assert_writes_refused(self, self.writer_role, methods=("post",))

    def test_delete(self):
        assert_writes_refused(self, self.writer_role, methods=("delete", "put"))

    def test_create_forbidden_for_wrong_role(self):
        assert_writes_refused(self, self.forbidden_role, methods=("post",))

    def test_change_forbidden_for_wrong_role(self):
        obj = self.make_object()
        payload = self.update_payload(obj)
        # Someone who cannot see indicators at all: 404; a reader who may not change them: 403.
        assert (
            _client(Role.PEER_WORKER).patch(self.detail_url(obj), payload, format="json").status_code == 404
        )
        for role in (Role.BOARD_MEMBER, Role.HR, Role.INVOLVEMENT_LEAD):
            response = _client(role).patch(self.detail_url(obj), payload, format="json")
            assert response.status_code == 403, role
        obj.refresh_from_db()
        assert obj.target == Decimal("90")

    @pytest.mark.parametrize(
        ("key", "target", "message"),
        [
            ("coproduction_share", "120", "For a percent, give 0 to 100."),
            ("coproduction_share", "-1", "For a percent, give 0 to 100."),
            ("advert_to_offer_days", "4000", "For a days, give 0 to 3650."),
            ("promotions", "-2", "For a count, give 0 or more."),
        ],
    )
    def test_a_target_outside_the_units_range_is_400_naming_target(self, key, target, message):
        indicator = Indicator.objects.get(key=key)
        before = (indicator.target, indicator.amber_threshold, indicator.name)
        response = _client(Role.ADMIN).patch(
            self.detail_url(indicator), {"target": target, "name": "Changed"}, format="json"
        )
        assert response.status_code == 400, response.content
        assert response.json()["errors"] == {"target": [message]}
        indicator.refresh_from_db()
        assert (indicator.target, indicator.amber_threshold, indicator.name) == before

    def test_amber_on_the_wrong_side_is_400_naming_amber_threshold(self):
        indicator = Indicator.objects.get(key="advert_to_offer_days")  # lower is better
        response = _client(Role.ADMIN).patch(
            self.detail_url(indicator), {"amber_threshold": "30"}, format="json"
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["amber_threshold"]
        indicator.refresh_from_db()
        assert indicator.amber_threshold == Decimal("56")

    @pytest.mark.parametrize("field", ["key", "unit", "direction", "commitment"])
    def test_what_defines_the_measure_cannot_be_patched(self, field):
        indicator = Indicator.objects.get(key="coproduction_share")
        response = _client(Role.ADMIN).patch(
            self.detail_url(indicator), {field: "count", "name": "Changed"}, format="json"
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == [field]
        indicator.refresh_from_db()
        assert (indicator.key, indicator.unit, indicator.name) == (
            "coproduction_share",
            "percent",
            "Co-design and co-production",
        )

    def test_admin_names_an_owner_and_retires_an_indicator(self):
        indicator = Indicator.objects.get(key="promotions")
        owner = UserFactory(roles=[Role.HR])
        client = _client(Role.ADMIN)
        response = client.patch(
            self.detail_url(indicator), {"owner": owner.pk, "is_active": False}, format="json"
        )
        assert response.status_code == 200, response.content
        assert response.json()["owner"]["id"] == owner.pk
        assert response.json()["is_active"] is False
        keys = [i["key"] for c in client.get(DASHBOARD).json()["commitments"] for i in c["indicators"]]
        assert "promotions" not in keys and len(keys) == 17

    def test_a_new_target_changes_the_colour_the_board_sees(self):
        t = b.trust()
        for i in range(22):
            b.activity(
                t.north_team, date(2025, 11, 14), rung=Rung.CO_PRODUCTION if i < 12 else Rung.INFORMING
            )
        board = _client(Role.BOARD_MEMBER)

        def colour():
            body = board.get(DASHBOARD, {"period": Q.label}).json()
            return next(
                i for c in body["commitments"] for i in c["indicators"] if i["key"] == "coproduction_share"
            )["current"]["rag"]

        assert colour() == "amber"  # 50% against 60
        indicator = Indicator.objects.get(key="coproduction_share")
        response = _client(Role.ADMIN).patch(
            self.detail_url(indicator), {"target": "50", "amber_threshold": "40"}, format="json"
        )
        assert response.status_code == 200
        assert colour() == "green"

    def test_filters(self):
        client = _client(Role.BOARD_MEMBER)
        counts = client.get(self.list_url(), {"unit": "count"}).json()
        assert sorted(row["key"] for row in counts["results"]) == [
            "le_training_delivered",
            "peer_workers_in_post",
            "promotions",
            "register_applications",
        ]
        five = Commitment.objects.get(number=5)
        rows = client.get(self.list_url(), {"commitment": five.pk}).json()["results"]
        assert {row["key"] for row in rows} == {
            "appointment_likelihood_ethnicity",
            "appointment_likelihood_disability",
        }
        assert client.get(self.list_url(), {"colour": "red"}).status_code == 400


def _snapshot(**fields) -> Snapshot:
    indicator = fields.pop("indicator", None) or Indicator.objects.get(key="coproduction_share")
    month = 1 + next(_numbers) % 12
    year = 2000 + next(_numbers) % 20
    return Snapshot.objects.create(
        indicator=indicator,
        period_type="month",
        period=f"{year}-{month:02d}",
        period_start=date(year, month, 1),
        period_end=date(year, month, 28),
        numerator=fields.pop("numerator", 10),
        denominator=fields.pop("denominator", 20),
        value=fields.pop("value", Decimal("50.0")),
        rag="amber",
        computed_at=timezone.now(),
        **fields,
    )


class TestSnapshotResource(ReadBattery, RefusesWrites):
    """Snapshots are computed from live data, never typed in: read-only for everyone."""

    basename = "snapshot"
    reader_role = Role.BOARD_MEMBER
    hidden_from_role = Role.PEER_WORKER
    refused_roles = (Role.ADMIN, Role.PEER_WORKER, Role.BOARD_MEMBER)

    def make_object(self) -> Snapshot:
        snapshot = _snapshot()
        SnapshotBreakdown.objects.create(
            snapshot=snapshot,
            directorate=TeamFactory(kind="directorate"),
            numerator=10,
            denominator=20,
            value=50,
        )
        return snapshot

    def create_payload(self) -> dict:
        indicator = Indicator.objects.get(key="promotions")
        return {"indicator": indicator.pk, "period": "2025-11", "period_type": "month", "numerator": 3}

    def update_payload(self, obj) -> dict:
        return {"numerator": 3, "value": "3.00"}

    def test_detail_carries_the_breakdown(self):
        snapshot = self.make_object()
        body = _client(Role.HR).get(self.detail_url(snapshot)).json()
        assert body["breakdown"][0]["numerator"] == 10
        assert body["breakdown"][0]["value"] == "50.00"
        assert body["indicator"]["display"] == "Co-design and co-production"

    def test_filters(self):
        share = Indicator.objects.get(key="coproduction_share")
        training = Indicator.objects.get(key="le_training_delivered")
        for indicator in (share, training):
            services.snapshot_compute(indicator=indicator, period=Q)
            services.snapshot_compute(indicator=indicator, period=quarter_of(date(2025, 7, 1)))
        client = _client(Role.BOARD_MEMBER)

        def periods(**query):
            response = client.get(self.list_url(), query)
            assert response.status_code == 200, response.content
            return sorted((row["indicator"]["id"], row["period"]) for row in response.json()["results"])

        # Co-facilitation is worked out with co-production: they share the count of activities held.
        cofacilitated = Indicator.objects.get(key="cofacilitated_share")
        assert periods(period=Q.label) == sorted(
            [(share.pk, Q.label), (training.pk, Q.label), (cofacilitated.pk, Q.label)]
        )
        assert periods(indicator=share.pk, period_type="quarter") == [
            (share.pk, "2025-26-Q2"),
            (share.pk, Q.label),
        ]
        two = Commitment.objects.get(number=2)
        assert {i for i, _ in periods(commitment=two.pk)} == {training.pk, cofacilitated.pk}
        # A quarter's months are worked out with it.
        assert periods(period="2025-11") == sorted(
            [(share.pk, "2025-11"), (training.pk, "2025-11"), (cofacilitated.pk, "2025-11")]
        )
        assert periods(period="2024-11") == []

    @pytest.mark.parametrize(
        ("period", "message"),
        [
            ("2025-26-Q9", "Give a quarter like 2026-27-Q3 or a month like 2026-11."),
            ("2025-13", "2025-13 has no month 13."),
            ("2099-00-Q1", "2099-00-Q1 has not started yet"),
        ],
    )
    def test_a_bad_period_filter_is_400_naming_period(self, period, message):
        response = _client(Role.BOARD_MEMBER).get(self.list_url(), {"period": period})
        assert response.status_code == 400
        assert message in response.json()["errors"]["period"][0]


# --- the dashboard -----------------------------------------------------------------------------


def _indicators(body: dict) -> dict[str, dict]:
    return {i["key"]: i for c in body["commitments"] for i in c["indicators"]}


def test_the_dashboard_shows_every_commitment_with_figures_trend_and_breakdown():
    t = b.trust()
    for i in range(22):  # north: 12 of 22 at the top of the ladder
        b.activity(t.north_team, date(2025, 11, 14), rung=Rung.CO_PRODUCTION if i < 12 else Rung.INFORMING)
    # South: 5 of 10, too few to show. North can still be shown: the trust's 17 less north's 12 (shown
    # as 15 and 10) leaves anything from 1 to 7 for south.
    for i in range(10):
        b.activity(t.south_team, date(2025, 11, 14), rung=Rung.CO_DESIGN if i < 5 else Rung.INFORMING)
    response = _client(Role.BOARD_MEMBER).get(DASHBOARD, {"period": "2025-26-Q3"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["charter"]["name"] == "Lived Experience Charter"
    assert body["period"] == {
        "label": "2025-26-Q3",
        "name": "Q3 2025-26 (Oct to Dec 2025)",
        "type": "quarter",
        "start": "2025-10-01",
        "end": "2025-12-31",
    }
    assert [c["number"] for c in body["commitments"]] == [1, 2, 3, 4, 5, 6]
    indicators = _indicators(body)
    assert len(indicators) == 18
    share = indicators["coproduction_share"]
    assert share["current"] == {
        "value": "50.00",  # 17 of 32, shown as 15 of 30
        "numerator": 15,
        "denominator": 30,
        "suppressed": False,
        "rag": "amber",
    }
    assert (share["target"], share["amber_threshold"], share["unit"], share["direction"]) == (
        "60.00",
        "40.00",
        "percent",
        "higher",
    )
    assert share["definition"].startswith("Of involvement activities that took place")
    assert [p["period"] for p in share["trend"]] == [q.label for q in recent_quarters(today=Q.end)]
    assert share["trend"][-1] == {
        "period": "2025-26-Q3",
        "value": "50.00",
        "suppressed": False,
        "rag": "amber",
    }
    # Nothing happened that quarter: no figure, which is not the same as a figure held back.
    assert share["trend"][0] == {"period": "2023-24-Q4", "value": None, "suppressed": False, "rag": "none"}
    assert share["breakdown"] == [
        {
            "directorate_id": t.north.pk,
            "directorate": "Test North Directorate",
            "numerator": 10,
            "denominator": 20,
            "value": "50.00",
        }
    ]
    for indicator in indicators.values():
        assert len(indicator["trend"]) == 8


def test_a_month_shows_its_figure_and_the_quarters_up_to_it():
    body = _client(Role.BOARD_MEMBER).get(DASHBOARD, {"period": "2025-11"}).json()
    assert body["period"]["type"] == "month"
    assert (body["period"]["start"], body["period"]["end"]) == ("2025-11-01", "2025-11-30")
    trend = _indicators(body)["peer_workers_in_post"]["trend"]
    assert [p["period"] for p in trend][-1] == "2025-26-Q3"
    assert Snapshot.objects.filter(period="2025-11").count() == 18


def test_the_default_period_is_this_quarter():
    body = _client(Role.HR).get(DASHBOARD).json()
    assert body["period"]["label"] == quarter_of(timezone.localdate()).label


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("next quarter", "Give a quarter like 2026-27-Q3 or a month like 2026-11."),
        ("2025-26-Q5", "Give a quarter like 2026-27-Q3 or a month like 2026-11."),
        ("2025-27-Q1", "2025-27-Q1 is not a financial year: write it like 2025-26-Q1."),
        ("2025-13", "2025-13 has no month 13."),
        ("2099-00-Q1", "2099-00-Q1 has not started yet; the latest is "),
        ("2099-01", "2099-01 has not started yet; the latest is "),
    ],
)
def test_a_bad_or_future_period_is_400_naming_period_and_computes_nothing(period, message):
    response = _client(Role.BOARD_MEMBER).get(DASHBOARD, {"period": period})
    assert response.status_code == 400
    body = response.json()
    assert list(body["errors"]) == ["period"]
    assert body["errors"]["period"][0].startswith(message)
    assert not Snapshot.objects.exists()


def test_an_unknown_query_parameter_is_400():
    response = _client(Role.BOARD_MEMBER).get(DASHBOARD, {"directorate": "north"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["directorate"]


@pytest.mark.parametrize("role", READERS)
def test_board_members_hr_involvement_leads_and_admins_read_the_dashboard(role):
    assert _client(role).get(DASHBOARD, {"period": "2025-26-Q3"}).status_code == 200


@pytest.mark.parametrize("role", OUTSIDERS)
def test_everyone_else_is_refused_the_dashboard(role):
    response = _client(role).get(DASHBOARD, {"period": "2025-26-Q3"})
    assert response.status_code == 403
    assert "board members" in response.json()["detail"]
    assert not Snapshot.objects.exists()


@pytest.mark.parametrize("role", OUTSIDERS)
def test_everyone_else_sees_no_charter_resources(role):
    services.snapshot_compute(indicator=Indicator.objects.get(key="promotions"), period=Q)
    client = _client(role)
    for resource in ("commitments", "indicators", "snapshots"):
        assert client.get(f"/api/v1/charter/{resource}/").json()["results"] == []


def test_anonymous_is_401_on_the_dashboard():
    from rest_framework.test import APIClient

    assert APIClient().get(DASHBOARD).status_code == 401


def test_the_dashboard_names_no_one():
    """Aggregates only: no participant, applicant or peer worker appears, however many there are."""
    t = b.trust()
    people = [ParticipantFactory(name=f"Test Participant Zed{i}") for i in range(10)]
    activity = b.activity(t.north_team, date(2025, 11, 14))
    for person in people:
        b.cofacilitator(activity, participant=person)
    workers = [b.worker(t.north_team, start=date(2024, 1, 1), manager=t.staff) for _ in range(9)]
    body = client_for_user(UserFactory(roles=[Role.BOARD_MEMBER])).get(DASHBOARD, {"period": Q.label})
    text = body.content.decode()
    for name in (
        [p.name for p in people] + [w.user.last_name for w in workers] + [w.employee_number for w in workers]
    ):
        assert name not in text
    assert "Test North Team" not in text  # teams are summed into directorates
