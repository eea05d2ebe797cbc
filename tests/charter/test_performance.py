"""The dashboard's cost: bounded by the number of indicators, never by the amount of data behind them."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from charter.models import Indicator, Snapshot
from charter.periods import recent_quarters
from tests.charter import builders as b
from tests.charter.builders import Q
from tests.conftest import client_for_user
from tests.factories import DirectorateFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/api/v1/charter/dashboard"
MID = date(2025, 11, 14)
BASE = b.Sizes(
    rungs=(1, 1, 2, 3, 2, 3, 4),
    training=9,
    cofacilitated=6,
    workers=12,
    promotions=3,
    actions_on_time=8,
    actions_late=3,
    register_applications=9,
)
DOMAIN_TABLE = re.compile(r'"(involvement|peers|recruitment)_')


def _grow(t, times: int, tag: str) -> None:
    """`times` the base data in each of the two directorates, and in as many new ones."""
    big = replace(
        BASE,
        **{
            name: getattr(BASE, name) * times
            for name in ("training", "cofacilitated", "workers", "promotions")
        },
        rungs=tuple(n * times for n in BASE.rungs),
    )
    b.populate(t.north_team, big, MID, staff=t.staff, tag=f"{tag}n")
    b.populate(t.south_team, big, MID, staff=t.staff, tag=f"{tag}s")
    for i in range(times - 1):
        directorate = DirectorateFactory(parent=t.trust)
        b.populate(TeamFactory(parent=directorate), BASE, MID, staff=t.staff, tag=f"{tag}{i}")


def _queries(client, period: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(DASHBOARD, {"period": period})
    assert response.status_code == 200, response.content
    return [q["sql"] for q in captured.captured_queries]


def test_with_snapshots_present_the_dashboard_costs_at_most_two_queries_per_indicator_whatever_the_data():
    indicators = Indicator.objects.filter(is_active=True).count()
    board = client_for_user(UserFactory(roles=[Role.BOARD_MEMBER]))
    t = b.trust()
    _grow(t, 1, "a")
    _queries(board, Q.label)  # the first read computes the snapshots
    small = _queries(board, Q.label)
    assert len(small) <= 2 * indicators, small

    Snapshot.objects.all().delete()
    _grow(t, 10, "b")  # now eleven times the data, in ten directorates
    _queries(board, Q.label)
    large = _queries(board, Q.label)
    assert len(large) == len(small), (
        f"{len(small)} queries before, {len(large)} with ten times the data: a query per row has crept in"
    )
    # The figures did change, so the second read really showed the bigger data.
    breakdown = Snapshot.objects.get(indicator__key="peer_workers_in_post", period=Q.label).breakdown.count()
    assert breakdown == 11


def test_from_nothing_each_indicator_costs_at_most_two_domain_queries_per_period():
    """With no snapshots yet, the dashboard computes them: the metric reads stay within two each.

    Each quarter is worked out with its months (their figures are protected together), so eight
    quarters mean 32 periods.
    """
    t = b.trust()
    _grow(t, 3, "c")
    indicators = Indicator.objects.filter(is_active=True).count()
    periods = len(recent_quarters(today=Q.end)) * 4  # Q itself is the last of its eight quarters
    board = client_for_user(UserFactory(roles=[Role.BOARD_MEMBER]))
    queries = _queries(board, Q.label)
    domain_reads = [
        sql for sql in queries if sql.lstrip().upper().startswith("SELECT") and DOMAIN_TABLE.search(sql)
    ]
    assert Snapshot.objects.filter(period__in=[q.label for q in recent_quarters(today=Q.end)]).count() == (
        indicators * periods // 4
    )
    assert len(domain_reads) <= 2 * indicators * periods, len(domain_reads)

    # And a month of those quarters was worked out with its quarter: reading it computes nothing.
    month = _queries(board, "2025-11")
    month_reads = [
        sql for sql in month if sql.lstrip().upper().startswith("SELECT") and DOMAIN_TABLE.search(sql)
    ]
    assert month_reads == []
