"""What HR's workforce pages need from the peers app: a change of level that is not a promotion
(regrading, correction), the leaving rules checked before asking, the list's search and filters,
who may start, and the leavers of a period by reason (the two reasons the charter asks about too)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Team
from accounts.roles import Role
from peers import selectors, services
from peers.errors import PeersConflict, PeersError
from peers.models import LeavingReason, LevelChange, PeerWorker
from tests.factories import DirectorateFactory, TeamFactory, UserFactory
from tests.peers.factories import PathwayLevelFactory, PeerWorkerFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def hr():
    return UserFactory(roles=[Role.HR])


def _levels():
    return [PathwayLevelFactory(order=n, band=b) for n, b in ((80, "3"), (81, "4"), (82, "5"))]


# --- changes of level -----------------------------------------------------------------------------------


def test_a_regrading_keeps_the_level_changes_the_band_and_is_not_a_promotion(hr):
    one, _two, _three = _levels()
    worker = PeerWorkerFactory(level=one, band="3")
    services.peer_worker_level_change(
        worker=worker, to_level=one, band="4", effective_date=TODAY, reason="regrading", by=hr
    )
    worker.refresh_from_db()
    assert (worker.level, worker.band) == (one, "4")
    change = LevelChange.objects.get(worker=worker)
    assert (change.reason, change.from_band, change.to_band, change.recorded_by) == (
        "regrading",
        "3",
        "4",
        hr,
    )


def test_a_regrading_to_the_same_band_is_refused_beside_the_band(hr):
    one, _two, _three = _levels()
    worker = PeerWorkerFactory(level=one, band="3")
    with pytest.raises(PeersError) as caught:
        services.peer_worker_level_change(
            worker=worker, to_level=one, effective_date=TODAY, reason="regrading", by=hr
        )
    assert caught.value.field == "band"
    assert not LevelChange.objects.filter(worker=worker).exists()


def test_a_correction_may_go_down_but_must_change_something(hr):
    one, two, _three = _levels()
    worker = PeerWorkerFactory(level=two, band="4")
    with pytest.raises(PeersError) as caught:
        services.peer_worker_level_change(
            worker=worker, to_level=two, effective_date=TODAY, reason="correction", by=hr
        )
    assert caught.value.field == "to_level" and "Nothing would change" in caught.value.message
    services.peer_worker_level_change(
        worker=worker, to_level=one, effective_date=TODAY, reason="correction", by=hr
    )
    worker.refresh_from_db()
    assert (worker.level, worker.band) == (one, "3")


def test_a_start_cannot_be_recorded_by_hand_and_a_leaver_cannot_change_level(hr):
    one, two, _three = _levels()
    worker = PeerWorkerFactory(level=one)
    with pytest.raises(PeersError) as caught:
        services.peer_worker_level_change(
            worker=worker, to_level=two, effective_date=TODAY, reason="start", by=hr
        )
    assert caught.value.field == "reason"
    leaver = PeerWorkerFactory(level=one, status="left", leaving_date=TODAY, leaving_reason="other")
    with pytest.raises(PeersConflict):
        services.peer_worker_level_change(
            worker=leaver, to_level=two, effective_date=TODAY, reason="correction", by=hr
        )
    assert not LevelChange.objects.exists()


def test_a_change_cannot_take_effect_before_the_start_or_the_last_change(hr):
    one, two, three = _levels()
    worker = PeerWorkerFactory(level=one, start_date=TODAY - dt.timedelta(days=100))
    for reason in ("promotion", "correction"):
        with pytest.raises(PeersError) as caught:
            services.peer_worker_level_change(
                worker=worker,
                to_level=two,
                effective_date=TODAY - dt.timedelta(days=101),
                reason=reason,
                by=hr,
            )
        assert caught.value.field == "effective_date"
    services.peer_worker_promote(worker=worker, to_level=two, effective_date=TODAY, by=hr)
    with pytest.raises(PeersError) as caught:
        services.peer_worker_level_change(
            worker=worker,
            to_level=three,
            effective_date=TODAY - dt.timedelta(days=1),
            reason="regrading",
            by=hr,
        )
    assert caught.value.field == "effective_date" and "last change of level" in caught.value.message


# --- leaving ---------------------------------------------------------------------------------------------


def test_the_leaving_check_says_what_leaving_would_say_and_writes_nothing():
    worker = PeerWorkerFactory(start_date=TODAY - dt.timedelta(days=10))
    with pytest.raises(PeersError) as caught:
        services.peer_worker_leave_check(
            worker=worker, leaving_date=TODAY - dt.timedelta(days=11), reason="discrimination"
        )
    assert caught.value.field == "leaving_date"
    with pytest.raises(PeersError) as caught:
        services.peer_worker_leave_check(worker=worker, leaving_date=TODAY, reason="bored")
    assert caught.value.field == "reason"
    services.peer_worker_leave_check(worker=worker, leaving_date=TODAY, reason="workplace_culture")
    worker.refresh_from_db()
    assert (worker.status, worker.leaving_date) == ("active", None)


def test_the_two_reasons_the_charter_asks_about_can_be_recorded(hr):
    for reason in (LeavingReason.DISCRIMINATION, LeavingReason.WORKPLACE_CULTURE):
        worker = PeerWorkerFactory()
        services.peer_worker_leave(worker=worker, by=hr, leaving_date=TODAY, reason=reason)
        worker.refresh_from_db()
        assert (worker.status, worker.leaving_reason) == ("left", reason)


# --- reads -----------------------------------------------------------------------------------------------


def test_workers_matching_searches_names_and_numbers_and_filters_by_directorate_level_and_status():
    directorate = DirectorateFactory(name="Test Adult Services")
    inside, outside = TeamFactory(parent=directorate), TeamFactory()
    one, two, _three = _levels()
    ada = PeerWorkerFactory(
        user=UserFactory(first_name="Ada", last_name="Quill", roles=[Role.PEER_WORKER]),
        employee_number="N-4711",
        team=inside,
        level=one,
    )
    bo = PeerWorkerFactory(
        user=UserFactory(first_name="Bo", last_name="Reed", roles=[Role.PEER_WORKER]),
        team=outside,
        level=two,
        status="probation",
    )
    gone = PeerWorkerFactory(team=inside, status="left", leaving_date=TODAY, leaving_reason="other")
    every = selectors.worker_list()

    def found(**filters):
        return set(selectors.workers_matching(every, **filters))

    assert found(text="ada quill") == {ada}
    assert found(text="4711") == {ada}
    assert found(text="ada reed") == set()
    assert found(team=directorate) == {ada, gone}
    assert found(team=inside, status=selectors.STILL_EMPLOYED) == {ada}
    assert found(level=two) == {bo}
    assert found(status="left") == {gone}
    assert found(status="probation") == {bo}
    trust = Team.objects.get(kind=Team.Kind.TRUST)
    assert found(team=trust) == {ada, bo, gone}


def test_people_who_may_start_are_those_with_no_current_employment():
    working = PeerWorkerFactory()
    left = PeerWorkerFactory(status="left", leaving_date=TODAY, leaving_reason="other")
    new = UserFactory(roles=[Role.PEER_WORKER])
    people = selectors.people_without_current_employment(
        type(new).objects.filter(pk__in=[working.user_id, left.user_id, new.pk])
    )
    assert set(people) == {left.user, new}


def test_leavers_by_reason_counts_every_reason_in_the_period_both_days_included():
    start, end = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
    for on, reason in (
        (start, "discrimination"),
        (end, "workplace_culture"),
        (dt.date(2026, 2, 1), "workplace_culture"),
        (dt.date(2025, 12, 31), "discrimination"),
        (dt.date(2026, 4, 1), "new_job"),
    ):
        PeerWorkerFactory(
            start_date=dt.date(2024, 1, 1),
            status=PeerWorker.Status.LEFT,
            leaving_date=on,
            leaving_reason=reason,
        )
    counts = selectors.leavers_by_reason(start=start, end=end)
    assert list(counts) == LeavingReason.values
    assert counts["discrimination"] == 1 and counts["workplace_culture"] == 2
    assert sum(counts.values()) == 3
