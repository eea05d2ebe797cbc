"""Peer worker services: starting (with the level history), changing and leaving."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from peers import services
from peers.errors import PeersConflict, PeersError
from peers.models import LevelChange, PeerWorker
from tests.factories import TeamFactory, UserFactory
from tests.peers.factories import PathwayLevelFactory, PeerWorkerFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _start(**overrides) -> PeerWorker:
    fields = {
        "by": UserFactory(roles=[Role.HR]),
        "user": UserFactory(roles=[Role.PEER_WORKER]),
        "employee_number": "S0001",
        "level": PathwayLevelFactory(band="3"),
        "team": TeamFactory(),
        "line_manager": UserFactory(roles=[Role.LINE_MANAGER]),
        "start_date": TODAY,
        "contracted_hours": Decimal("30"),
    }
    fields.update(overrides)
    return services.peer_worker_create(**fields)


def test_starting_writes_the_first_entry_of_the_level_history():
    worker = _start()
    change = LevelChange.objects.get(worker=worker)
    assert (change.reason, change.from_level, change.to_level, change.to_band) == (
        "start",
        None,
        worker.level,
        "3",
    )
    assert worker.status == "pre_start"


def test_a_second_current_employment_is_refused_and_nothing_written():
    current = PeerWorkerFactory(status="long_term_leave")
    with pytest.raises(PeersError) as caught:
        _start(user=current.user)
    assert caught.value.field == "user"
    assert PeerWorker.objects.count() == 1
    assert not LevelChange.objects.exists()


@pytest.mark.parametrize(
    ("role", "field", "as_supervisor"),
    [(Role.FINANCE, "line_manager", False), (Role.LINE_MANAGER, "supervisors", True)],
)
def test_people_without_the_role_they_are_given_are_refused(role, field, as_supervisor):
    person = UserFactory(roles=[role])
    kwargs = {"supervisors": [person]} if as_supervisor else {"line_manager": person}
    with pytest.raises(PeersError) as caught:
        _start(**kwargs)
    assert caught.value.field == field
    assert not PeerWorker.objects.exists()


def test_an_unchanged_line_manager_who_lost_the_role_does_not_block_other_edits():
    worker = PeerWorkerFactory()
    worker.line_manager.groups.clear()
    worker.line_manager.__dict__.pop("role_names", None)
    updated = services.peer_worker_update(worker=worker, by=UserFactory(), contracted_hours=Decimal("20"))
    assert updated.contracted_hours == Decimal("20")


def test_fields_outside_the_list_cannot_be_changed():
    worker = PeerWorkerFactory()
    with pytest.raises(PeersError) as caught:
        services.peer_worker_update(worker=worker, by=UserFactory(), band="7")
    assert caught.value.field == "band"
    worker.refresh_from_db()
    assert worker.band != "7"


def test_leaving_records_date_reason_and_notes_once():
    worker = PeerWorkerFactory()
    services.peer_worker_leave(
        worker=worker,
        by=UserFactory(),
        leaving_date=TODAY,
        reason="end_of_contract",
        exit_interview_notes="Contract funding ended.",
    )
    worker.refresh_from_db()
    assert (worker.status, worker.leaving_reason, worker.exit_interview_notes) == (
        "left",
        "end_of_contract",
        "Contract funding ended.",
    )
    with pytest.raises(PeersConflict):
        services.peer_worker_leave(worker=worker, by=UserFactory(), leaving_date=TODAY, reason="other")


def test_leaving_before_starting_is_refused():
    worker = PeerWorkerFactory(start_date=TODAY)
    with pytest.raises(PeersError) as caught:
        services.peer_worker_leave(
            worker=worker, by=UserFactory(), leaving_date=TODAY - dt.timedelta(days=1), reason="other"
        )
    assert caught.value.field == "leaving_date"
    worker.refresh_from_db()
    assert worker.status == "active"


def test_an_employment_is_never_deleted():
    worker = PeerWorkerFactory()
    with pytest.raises(PeersConflict) as refused:
        services.peer_worker_delete(worker=worker, by=UserFactory(roles=[Role.HR]))
    assert "record a leaver with the leave action" in refused.value.message
    assert PeerWorker.objects.filter(pk=worker.pk).exists()
