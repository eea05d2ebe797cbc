"""Recording supervision: no held sessions in the future, nobody supervising themselves."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.roles import Role
from peers import services
from peers.errors import PeersError
from peers.models import PeerWorker, SupervisionKind, SupervisionSession
from tests.factories import UserFactory
from tests.peers.factories import PeerWorkerFactory, SupervisionSessionFactory

TODAY = timezone.localdate()


@pytest.fixture
def supervisor(db):
    return UserFactory(roles=[Role.SUPERVISOR])


def _record(**overrides):
    values = {
        "kind": SupervisionKind.PEER,
        "held_on": TODAY - dt.timedelta(days=2),
        "duration_minutes": 50,
        "notes": "Reflected on boundaries.",
    }
    values.update(overrides)
    if "worker" not in values:
        values["worker"] = PeerWorkerFactory()
    values.setdefault("by", values["supervisor"])
    return services.supervision_session_record(**values)


@pytest.mark.django_db
class TestSupervisionSessionRecord:
    def test_records_a_held_session_with_who_recorded_it(self, supervisor):
        manager = UserFactory(roles=[Role.LINE_MANAGER])
        session = _record(supervisor=supervisor, by=manager)
        session.refresh_from_db()
        assert (session.status, session.supervisor, session.recorded_by) == ("held", supervisor, manager)
        assert session.notes == "Reflected on boundaries."

    def test_a_held_session_in_the_future_is_refused_and_nothing_written(self, supervisor):
        with pytest.raises(PeersError) as refused:
            _record(supervisor=supervisor, held_on=TODAY + dt.timedelta(days=1))
        assert refused.value.field == "held_on"
        assert SupervisionSession.objects.count() == 0

    def test_a_session_today_may_be_held(self, supervisor):
        assert _record(supervisor=supervisor, held_on=TODAY).pk

    def test_a_future_session_may_be_recorded_as_cancelled(self, supervisor):
        session = _record(supervisor=supervisor, held_on=TODAY + dt.timedelta(days=5), status="cancelled")
        assert SupervisionSession.objects.get(pk=session.pk).status == "cancelled"

    def test_a_worker_cannot_supervise_themselves(self):
        worker = PeerWorkerFactory()
        with pytest.raises(PeersError) as refused:
            _record(worker=worker, supervisor=worker.user)
        assert refused.value.field == "supervisor"
        assert SupervisionSession.objects.count() == 0

    def test_an_unknown_kind_is_refused(self, supervisor):
        with pytest.raises(PeersError) as refused:
            _record(supervisor=supervisor, kind="coaching")
        assert refused.value.field == "kind"
        assert SupervisionSession.objects.count() == 0

    def test_a_duration_outside_five_minutes_to_ten_hours_is_refused(self, supervisor):
        with pytest.raises(ValidationError) as refused:
            _record(supervisor=supervisor, duration_minutes=601)
        assert "duration_minutes" in refused.value.message_dict
        assert SupervisionSession.objects.count() == 0


@pytest.mark.django_db
class TestSupervisionSessionUpdate:
    def test_changes_the_allowed_fields(self, supervisor):
        session = SupervisionSessionFactory(supervisor=supervisor)
        services.supervision_session_update(
            session=session, by=supervisor, duration_minutes=30, status="cancelled", notes=""
        )
        session.refresh_from_db()
        assert (session.duration_minutes, session.status, session.notes) == (30, "cancelled", "")

    def test_who_was_in_it_cannot_be_changed(self, supervisor):
        session = SupervisionSessionFactory(supervisor=supervisor)
        with pytest.raises(PeersError) as refused:
            services.supervision_session_update(session=session, by=supervisor, supervisor=UserFactory())
        assert refused.value.field == "supervisor"
        assert SupervisionSession.objects.get(pk=session.pk).supervisor == supervisor

    def test_moving_a_held_session_into_the_future_is_refused_and_nothing_written(self, supervisor):
        session = SupervisionSessionFactory(supervisor=supervisor)
        before = session.held_on
        with pytest.raises(PeersError) as refused:
            services.supervision_session_update(
                session=session, by=supervisor, held_on=TODAY + dt.timedelta(days=3)
            )
        assert refused.value.field == "held_on"
        assert SupervisionSession.objects.get(pk=session.pk).held_on == before

    def test_marking_a_future_cancelled_session_as_held_is_refused(self, supervisor):
        session = SupervisionSessionFactory(
            supervisor=supervisor, held_on=TODAY + dt.timedelta(days=3), status="cancelled"
        )
        with pytest.raises(PeersError) as refused:
            services.supervision_session_update(session=session, by=supervisor, status="held")
        assert refused.value.field == "held_on"
        assert SupervisionSession.objects.get(pk=session.pk).status == "cancelled"


@pytest.mark.django_db
def test_a_session_is_peer_led_by_default_when_the_supervisor_is_a_peer_worker_in_post(supervisor):
    senior = PeerWorkerFactory(status=PeerWorker.Status.ACTIVE)
    by_peer = _record(supervisor=senior.user, by=supervisor)
    by_staff = _record(supervisor=supervisor)
    assert (by_peer.peer_led, by_staff.peer_led) == (True, False)
    # Whoever records it may say otherwise: a supervisor with lived experience in a peer role
    # elsewhere, or a peer worker supervising in another capacity.
    assert _record(supervisor=supervisor, peer_led=True).peer_led is True
    assert _record(supervisor=senior.user, by=supervisor, peer_led=False).peer_led is False


@pytest.mark.django_db
def test_a_supervisor_who_has_left_their_peer_role_does_not_make_a_session_peer_led(supervisor):
    former = PeerWorkerFactory(status=PeerWorker.Status.LEFT, leaving_date=TODAY - dt.timedelta(days=40))
    assert _record(supervisor=former.user, by=supervisor).peer_led is False
