"""Property: whatever the data and whatever the filters, no count the board can read is 1 to 7 or off a 5.

Hypothesis draws how many records each directorate has (activities at each rung, training
sessions, co-facilitated activities, peer workers and promotions, "you said, we did" actions,
applications from the register) and a filter combination, then reads the dashboard and the
snapshots as a board member. Every count shown must be 0, null (suppressed) or a multiple of 5
above 7, and every rate must be the one worked out from the shown (rounded) figures.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.roles import Role
from charter import registry
from charter.models import Indicator, Unit
from charter.periods import quarter_of, recent_months, recent_quarters
from involvement.models import Rung
from tests.charter import builders as b
from tests.conftest import client_for_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
# The records sit in the middle of last quarter; the filters range over recent quarters and months.
DATA_DAY = quarter_of(TODAY).start - dt.timedelta(days=45)
PERIODS = [p.label for p in recent_quarters(today=TODAY, count=3)] + [
    p.label for p in recent_months(today=TODAY, count=6)
]
COUNT_UNITS = {Unit.COUNT}
SHARE_UNITS = {Unit.PERCENT, Unit.DAYS}

small = st.integers(min_value=0, max_value=14)
sizes = st.builds(
    b.Sizes,
    rungs=st.tuples(*[st.integers(min_value=0, max_value=9)] * len(Rung.values)),
    training=small,
    cofacilitated=small,
    workers=st.integers(min_value=0, max_value=24),
    promotions=small,
    actions_on_time=small,
    actions_late=small,
    register_applications=small,
)
snapshot_filters = st.fixed_dictionaries(
    {},
    optional={
        "indicator": st.sampled_from(sorted(registry.keys())),
        "period_type": st.sampled_from(["quarter", "month"]),
        "commitment": st.integers(min_value=1, max_value=6),
        "rag": st.sampled_from(["green", "amber", "red", "none"]),
    },
)


def assert_count(value, where: str) -> None:
    """A count as shown: suppressed (None), 0, or a multiple of 5 that is at least 10."""
    if value is None:
        return
    value = Decimal(value)
    assert value == value.to_integral_value(), f"{where}: {value} is not a whole count"
    assert not 1 <= value <= 7, f"{where}: {value} is a small number that should be suppressed"
    assert value % 5 == 0, f"{where}: {value} is not rounded to a multiple of 5"


def assert_figure(unit: str, numerator, denominator, value, where: str) -> None:
    """Counts are disclosed, and any rate or mean comes from exactly the counts shown beside it."""
    if unit == Unit.RATIO:
        # A relative likelihood shows no counts at all; its rates come from rounded counts upstream.
        assert numerator is None and denominator is None, where
        return
    assert_count(numerator, f"{where} numerator")
    assert_count(denominator, f"{where} denominator")
    if unit in COUNT_UNITS:
        assert denominator is None, where
        assert_count(value, f"{where} value")
        assert (value is None) == (numerator is None), where
        if value is not None:
            assert Decimal(value) == Decimal(numerator), where
        return
    if value is None:
        # Suppressed, or nothing to divide by: never a rate from hidden figures.
        assert numerator is None or denominator is None or denominator == 0, where
        return
    assert numerator is not None and denominator, f"{where}: a rate shown without the counts it came from"
    scale = 100 if unit == Unit.PERCENT else 1
    expected = (Decimal(numerator) / Decimal(denominator) * scale).quantize(Decimal("0.1"), ROUND_HALF_UP)
    assert Decimal(value) == expected, (
        f"{where}: {value} is not {numerator}/{denominator} of the shown figures"
    )


def check_dashboard(body: dict, units: dict[str, str]) -> None:
    for commitment in body["commitments"]:
        for indicator in commitment["indicators"]:
            unit, key = units[indicator["key"]], indicator["key"]
            current = indicator["current"]
            if current is not None:
                assert_figure(unit, current["numerator"], current["denominator"], current["value"], key)
                assert not current["suppressed"] or current["value"] is None, key
            for point in indicator["trend"]:
                assert not point["suppressed"] or point["value"] is None, key
                if unit in COUNT_UNITS:
                    assert_count(point["value"], f"{key} trend {point['period']}")
            for row in indicator["breakdown"]:
                where = f"{key} in {row['directorate']}"
                assert row["value"] is not None, f"{where}: a suppressed breakdown row is shown"
                assert_figure(unit, row["numerator"], row["denominator"], row["value"], where)


def check_snapshots(rows: list[dict], units: dict[str, str]) -> None:
    for row in rows:
        unit, where = units[row["indicator"]["display"]], f"snapshot {row['display']}"
        assert_figure(unit, row["numerator"], row["denominator"], row["value"], where)
        assert not row["suppressed"] or row["value"] is None, where
        for part in row["breakdown"]:
            assert_figure(unit, part["numerator"], part["denominator"], part["value"], f"{where} breakdown")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    north=sizes,
    south=sizes,
    trustwide=sizes,
    period=st.sampled_from(PERIODS),
    filters=snapshot_filters,
)
def test_no_count_the_board_sees_is_small_or_unrounded(north, south, trustwide, period, filters):
    # Each example builds its own data in a savepoint and rolls it back, so examples never mix.
    with transaction.atomic():
        t = b.trust()
        b.populate(t.north_team, north, DATA_DAY, staff=t.staff, tag="n")
        b.populate(t.south_team, south, DATA_DAY, staff=t.staff, tag="s")
        b.populate(t.trust, trustwide, DATA_DAY, staff=t.staff, tag="t")  # counted in the total only
        # The dashboard names indicators by key, snapshots by display name: look up either.
        units = dict(Indicator.objects.values_list("key", "unit"))
        units |= dict(Indicator.objects.values_list("name", "unit"))
        board = client_for_user(UserFactory(roles=[Role.BOARD_MEMBER]))

        response = board.get("/api/v1/charter/dashboard", {"period": period})
        assert response.status_code == 200, response.content
        check_dashboard(response.json(), units)

        query = dict(filters)
        if "indicator" in query:
            query["indicator"] = Indicator.objects.get(key=query["indicator"]).pk
        if "commitment" in query:
            query["commitment"] = Indicator.objects.filter(commitment__number=query["commitment"])[
                0
            ].commitment_id
        for extra in ({}, {"period": period}):
            response = board.get("/api/v1/charter/snapshots/", {**query, **extra, "page_size": 500})
            assert response.status_code == 200, response.content
            check_snapshots(response.json()["results"], units)
        transaction.set_rollback(True)
