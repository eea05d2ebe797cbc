"""The team selectors: who is in a manager's or supervisor's team, and what is due for them."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from accounts.roles import Role
from peers.models import PeerWorker, SupervisionKind
from peers.selectors import team as t
from tests.factories import TeamFactory, UserFactory
from tests.peers.factories import (
    CompetenceEvidenceFactory,
    PathwayLevelFactory,
    PeerWorkerFactory,
    ProgressionReviewFactory,
    SupervisionPolicyFactory,
    SupervisionSessionFactory,
    TrainingCourseFactory,
    TrainingRecordFactory,
)

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def names(rows) -> list[str]:
    return [row.user.first_name for row in rows]


def test_the_team_is_who_they_manage_or_supervise_once_each_never_themselves():
    team = TeamFactory()
    both = UserFactory(roles=[Role.LINE_MANAGER, Role.SUPERVISOR], teams=[team])
    managed = PeerWorkerFactory(line_manager=both, user=UserFactory(first_name="Managed"))
    supervised_and_managed = PeerWorkerFactory(
        line_manager=both, supervisors=[both, UserFactory()], user=UserFactory(first_name="Both")
    )
    in_their_team = PeerWorkerFactory(team=team, user=UserFactory(first_name="Teamed"))
    supervised = PeerWorkerFactory(supervisors=[both], user=UserFactory(first_name="Supervised"))
    PeerWorkerFactory(user=UserFactory(first_name="Stranger"))
    PeerWorkerFactory(
        line_manager=both,
        status=PeerWorker.Status.LEFT,
        leaving_date=timezone.localdate(),
        leaving_reason="other",
        user=UserFactory(first_name="Left"),
    )
    PeerWorkerFactory(user=both, team=team)  # their own employment as a peer worker
    rows = list(t.team_workers(both))
    assert sorted(names(rows)) == ["Both", "Managed", "Supervised", "Teamed"]
    supervises = {row.pk: row.you_supervise for row in rows}
    assert supervises == {
        managed.pk: False,
        supervised_and_managed.pk: True,
        in_their_team.pk: False,
        supervised.pk: True,
    }


def test_a_supervisor_without_the_role_or_hr_alone_has_no_team():
    hr = UserFactory(roles=[Role.HR])
    not_a_supervisor = UserFactory(roles=[Role.PEER_WORKER])
    PeerWorkerFactory(supervisors=[hr, not_a_supervisor])
    assert not t.team_workers(hr).exists()
    assert not t.team_workers(not_a_supervisor).exists()


def test_supervision_lines_per_kind_most_overdue_first_and_due_soon_soonest_first():
    today = timezone.localdate()
    supervisor = UserFactory(roles=[Role.SUPERVISOR])
    level = PathwayLevelFactory()  # a level with only the two policies below
    late, later, soon = (
        PeerWorkerFactory(supervisors=[supervisor], level=level, user=UserFactory(first_name=name))
        for name in ("Late", "Later", "Soon")
    )
    SupervisionPolicyFactory(level=late.level, kind=SupervisionKind.LINE_MANAGEMENT, frequency_days=28)
    SupervisionPolicyFactory(level=late.level, kind=SupervisionKind.PEER, frequency_days=60)
    held = SupervisionSessionFactory
    held(worker=late, kind=SupervisionKind.LINE_MANAGEMENT, held_on=today - 30 * DAY)  # 2 days over
    held(worker=late, kind=SupervisionKind.PEER, held_on=today - 50 * DAY)  # due in 10 days
    held(worker=later, kind=SupervisionKind.LINE_MANAGEMENT, held_on=today - 40 * DAY)  # 12 days over
    held(worker=later, kind=SupervisionKind.PEER, held_on=today - 10 * DAY)  # due in 50 days
    held(worker=soon, kind=SupervisionKind.LINE_MANAGEMENT, held_on=today - 25 * DAY)  # due in 3 days
    held(worker=soon, kind=SupervisionKind.PEER, held_on=today - 58 * DAY)  # due in 2 days
    workers, overdue, due_soon = t.team_supervision(t.team_workers(supervisor), today=today)
    assert len(workers) == 3
    assert [(line.worker.user.first_name, line.due.days_overdue) for line in overdue] == [
        ("Later", 12),
        ("Late", 2),
    ]
    assert [(line.worker.user.first_name, line.due.kind) for line in due_soon] == [
        ("Soon", SupervisionKind.PEER),
        ("Soon", SupervisionKind.LINE_MANAGEMENT),
        ("Late", SupervisionKind.PEER),
    ]


def test_training_mandatory_first_then_by_date():
    today = timezone.localdate()
    manager = UserFactory(roles=[Role.LINE_MANAGER])
    worker = PeerWorkerFactory(line_manager=manager)
    optional, mandatory = TrainingCourseFactory(mandatory=False), TrainingCourseFactory(mandatory=True)
    TrainingRecordFactory(worker=worker, course=optional, expires_on=today - 30 * DAY)
    TrainingRecordFactory(worker=worker, course=mandatory, expires_on=today - 2 * DAY)
    soon_optional, soon_mandatory, far = (TrainingCourseFactory(mandatory=m) for m in (False, True, True))
    TrainingRecordFactory(worker=worker, course=soon_optional, expires_on=today + 5 * DAY)
    TrainingRecordFactory(worker=worker, course=soon_mandatory, expires_on=today + 55 * DAY)
    TrainingRecordFactory(worker=worker, course=far, expires_on=today + 61 * DAY)
    team = t.team_workers(manager)
    assert [r.course for r in t.team_training_expired(team, today=today)] == [mandatory, optional]
    assert [r.course for r in t.team_training_expiring(team, today=today)] == [soon_mandatory, soon_optional]


def test_evidence_waiting_is_only_what_is_not_signed_off():
    manager = UserFactory(roles=[Role.LINE_MANAGER])
    worker = PeerWorkerFactory(line_manager=manager)
    waiting = CompetenceEvidenceFactory(worker=worker)
    CompetenceEvidenceFactory(worker=worker, signed_off_by=manager, signed_off_on=timezone.localdate())
    CompetenceEvidenceFactory()  # someone else's worker
    assert list(t.team_evidence_waiting(t.team_workers(manager))) == [waiting]


def test_progression_reviews_due_by_the_date_set_or_a_year_without_one():
    today = timezone.localdate()
    manager = UserFactory(roles=[Role.LINE_MANAGER])

    def worker(name: str, started_days_ago: int = 800) -> PeerWorker:
        return PeerWorkerFactory(
            line_manager=manager,
            user=UserFactory(first_name=name),
            start_date=today - started_days_ago * DAY,
        )

    review = ProgressionReviewFactory
    set_passed = worker("SetPassed")
    review(worker=set_passed, reviewed_on=today - 100 * DAY, next_review_on=today - 5 * DAY)
    set_soon = worker("SetSoon")
    review(worker=set_soon, reviewed_on=today - 100 * DAY, next_review_on=today + 20 * DAY)
    set_later = worker("SetLater")
    review(worker=set_later, reviewed_on=today - 100 * DAY, next_review_on=today + 90 * DAY)
    a_year = worker("AYear")
    review(worker=a_year, reviewed_on=today - relativedelta(months=13), next_review_on=None)
    # The latest review counts, not an older one that set a date long gone.
    renewed = worker("Renewed")
    review(worker=renewed, reviewed_on=today - 400 * DAY, next_review_on=today - 300 * DAY)
    review(worker=renewed, reviewed_on=today - 10 * DAY, next_review_on=today + 180 * DAY)
    worker("NeverOld")  # started over two years ago, never reviewed
    worker("NeverNew", started_days_ago=60)  # started two months ago: not due yet
    worker("NeverAlmost", started_days_ago=350)  # a year since starting within 30 days
    due = t.progression_reviews_due(t.team_workers(manager), today=today)
    assert [row.worker.user.first_name for row in due] == [
        "NeverOld",
        "AYear",
        "SetPassed",
        "NeverAlmost",
        "SetSoon",
    ]
    by_name = {row.worker.user.first_name: row for row in due}
    assert by_name["SetPassed"].from_date_set and not by_name["AYear"].from_date_set
    assert by_name["NeverOld"].last_reviewed_on is None


def test_probation_reviews_due_within_30_days_or_passed():
    today = timezone.localdate()
    manager = UserFactory(roles=[Role.LINE_MANAGER])

    def worker(name: str, days: int | None, status=PeerWorker.Status.PROBATION) -> None:
        PeerWorkerFactory(
            line_manager=manager,
            user=UserFactory(first_name=name),
            status=status,
            probation_review_date=None if days is None else today + days * DAY,
        )

    worker("Soon", 20)
    worker("Passed", -3)
    worker("Later", 45)
    worker("Active", -3, status=PeerWorker.Status.ACTIVE)
    worker("NoDate", None)
    assert names(t.probation_reviews_due(t.team_workers(manager), today=today)) == ["Passed", "Soon"]


def test_peer_led_counts_are_of_held_sessions_in_the_period():
    today = timezone.localdate()
    supervisor = UserFactory(roles=[Role.SUPERVISOR])
    worker = PeerWorkerFactory(supervisors=[supervisor])
    SupervisionSessionFactory(worker=worker, peer_led=True, held_on=today - 10 * DAY)
    SupervisionSessionFactory(worker=worker, peer_led=False, held_on=today - 20 * DAY)
    SupervisionSessionFactory(worker=worker, peer_led=True, held_on=today - 20 * DAY, status="cancelled")
    SupervisionSessionFactory(worker=worker, peer_led=True, held_on=today - 400 * DAY)
    SupervisionSessionFactory(peer_led=True, held_on=today - 5 * DAY)  # not their team
    from peers.models import SupervisionSession

    sessions = SupervisionSession.objects.filter(worker__in=t.team_workers(supervisor).values("pk"))
    counts = t.peer_led_counts(sessions, start=today - 365 * DAY, end=today)
    assert (counts.peer_led, counts.held, counts.percent) == (1, 2, 50)
    assert t.peer_led_counts(sessions.none(), start=today, end=today).percent is None
