"""Due, overdue, expiring and compliance figures, computed by the database in one query each."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from peers import selectors
from peers.models import PeerWorker, SupervisionKind, SupervisionPolicy, TrainingCourse
from tests.peers.factories import (
    PeerWorkerFactory,
    SupervisionPolicyFactory,
    SupervisionSessionFactory,
    TrainingCourseFactory,
    TrainingRecordFactory,
)

TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _no_seeded_frameworks(db):
    """Start from an empty framework: the data migration's courses and policies would count too."""
    SupervisionPolicy.objects.all().delete()
    TrainingCourse.objects.update(mandatory=False)


@pytest.mark.django_db
class TestSupervisionDue:
    def test_due_counts_from_the_last_held_session_or_the_start(self):
        fresh = PeerWorkerFactory(start_date=TODAY - dt.timedelta(days=10))
        SupervisionPolicyFactory(level=fresh.level, kind=SupervisionKind.LINE_MANAGEMENT, frequency_days=28)
        seen = PeerWorkerFactory(level=fresh.level)
        SupervisionSessionFactory(worker=seen, held_on=TODAY - dt.timedelta(days=40))
        SupervisionSessionFactory(worker=seen, held_on=TODAY - dt.timedelta(days=5), status="cancelled")
        rows = {w.pk: w for w in selectors.supervision_due()}
        assert rows[fresh.pk].due_line_management == TODAY + dt.timedelta(days=18)
        assert rows[seen.pk].due_line_management == TODAY - dt.timedelta(
            days=12
        )  # a cancelled one doesn't count
        assert rows[seen.pk].due_clinical is None  # no clinical policy for this level

    def test_overdue_list_is_one_query_and_excludes_leavers(self):
        level_worker = PeerWorkerFactory()
        SupervisionPolicyFactory(level=level_worker.level, frequency_days=14)
        for _ in range(5):
            worker = PeerWorkerFactory(level=level_worker.level)
            SupervisionSessionFactory(worker=worker, held_on=TODAY - dt.timedelta(days=30))
        on_time = PeerWorkerFactory(level=level_worker.level)
        SupervisionSessionFactory(worker=on_time, held_on=TODAY - dt.timedelta(days=1))
        PeerWorkerFactory(
            level=level_worker.level,
            status=PeerWorker.Status.LEFT,
            leaving_date=TODAY,
            leaving_reason="other",
        )
        with CaptureQueriesContext(connection) as queries:
            overdue = list(selectors.supervision_overdue(today=TODAY))
        assert len(queries) == 2  # the workers, and their supervisors prefetched
        assert on_time.pk not in {w.pk for w in overdue}
        assert len(overdue) == 6  # five seen 30 days ago, and the first worker never seen in 400 days
        assert overdue[0].pk == level_worker.pk  # most overdue first


@pytest.mark.django_db
class TestTraining:
    def test_expired_and_expiring_ignore_superseded_records(self):
        course = TrainingCourseFactory(validity_months=12)
        worker = PeerWorkerFactory()
        TrainingRecordFactory(
            worker=worker,
            course=course,
            completed_on=TODAY - dt.timedelta(days=380),
            expires_on=TODAY - dt.timedelta(days=15),
        )
        renewed = PeerWorkerFactory()
        TrainingRecordFactory(
            worker=renewed,
            course=course,
            completed_on=TODAY - dt.timedelta(days=380),
            expires_on=TODAY - dt.timedelta(days=15),
        )
        TrainingRecordFactory(
            worker=renewed,
            course=course,
            completed_on=TODAY - dt.timedelta(days=3),
            expires_on=TODAY + dt.timedelta(days=362),
        )
        soon = TrainingRecordFactory(course=course, expires_on=TODAY + dt.timedelta(days=10))
        assert [r.worker_id for r in selectors.training_expired(today=TODAY)] == [worker.pk]
        assert [r.pk for r in selectors.training_expiring(today=TODAY, within_days=30)] == [soon.pk]

    def test_compliance_per_worker_and_team(self):
        a, b = TrainingCourseFactory(), TrainingCourseFactory()
        TrainingCourseFactory(mandatory=False)
        full = PeerWorkerFactory()
        half = PeerWorkerFactory(team=full.team)
        for course in (a, b):
            TrainingRecordFactory(worker=full, course=course)
        TrainingRecordFactory(worker=half, course=a)
        TrainingRecordFactory(worker=half, course=b, expires_on=TODAY - dt.timedelta(days=1))
        rows = {w.pk: w for w in selectors.training_compliance_by_worker(today=TODAY)}
        assert (rows[full.pk].mandatory_in_date, rows[full.pk].compliance) == (2, 1.0)
        assert (rows[half.pk].mandatory_in_date, rows[half.pk].compliance) == (1, 0.5)
        team = next(
            t for t in selectors.training_compliance_by_team(today=TODAY) if t["team_id"] == full.team_id
        )
        assert (team["workers"], team["in_date"], team["required"], team["compliance"]) == (2, 3, 4, 0.75)
