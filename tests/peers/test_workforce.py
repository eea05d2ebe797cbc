"""Leavers feed the retention figures: in post, starters, leavers and 12-month retention."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from peers import selectors
from peers.models import PeerWorker
from tests.peers.factories import PeerWorkerFactory

END = dt.date(2026, 9, 30)
START = dt.date(2026, 7, 1)


def left(on: dt.date, **kwargs) -> PeerWorker:
    return PeerWorkerFactory(
        status=PeerWorker.Status.LEFT, leaving_date=on, leaving_reason="new_job", **kwargs
    )


@pytest.mark.django_db
def test_figures_for_a_quarter():
    PeerWorkerFactory(start_date=dt.date(2024, 1, 1))  # in post throughout
    PeerWorkerFactory(start_date=dt.date(2025, 6, 1))  # in the cohort, still here
    left(dt.date(2026, 8, 15), start_date=dt.date(2025, 1, 1))  # cohort, left this quarter
    left(dt.date(2025, 5, 1), start_date=dt.date(2024, 1, 1))  # left before the cohort date
    PeerWorkerFactory(start_date=dt.date(2026, 7, 10))  # starter this quarter, not in the cohort
    PeerWorkerFactory(start_date=dt.date(2026, 10, 5), status=PeerWorker.Status.PRE_START)  # not yet

    with CaptureQueriesContext(connection) as queries:
        figures = selectors.workforce_figures(start=START, end=END)
    assert len(queries) == 1
    assert (figures.in_post_at_end, figures.starters, figures.leavers) == (3, 1, 1)
    assert (figures.cohort_a_year_before, figures.cohort_still_in_post) == (3, 2)
    assert figures.retention_12_months == pytest.approx(2 / 3)


@pytest.mark.django_db
def test_retention_is_none_without_a_cohort():
    PeerWorkerFactory(start_date=dt.date(2026, 8, 1))
    assert selectors.workforce_figures(start=START, end=END).retention_12_months is None


@pytest.mark.django_db
def test_leaving_through_the_api_moves_the_figures(client_for):
    from accounts.roles import Role

    worker = PeerWorkerFactory(start_date=dt.date(2024, 1, 1))
    before = selectors.workforce_figures(start=START, end=END)
    response = client_for(Role.HR).post(
        f"/api/v1/peers/workers/{worker.pk}/leave/",
        {"leaving_date": "2026-08-01", "reason": "health", "exit_interview_notes": "Needed a break."},
        format="json",
    )
    assert response.status_code == 200, response.content
    after = selectors.workforce_figures(start=START, end=END)
    assert (after.leavers, after.in_post_at_end) == (before.leavers + 1, before.in_post_at_end - 1)
