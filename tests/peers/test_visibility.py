"""Peers rules the API and the pages both ask: who records supervision and training, who reads notes."""

from __future__ import annotations

import pytest

from accounts.errors import NotPermitted
from accounts.roles import Role
from peers.models import SupervisionSession
from peers.visibility import (
    check_may_record_session,
    check_may_record_training,
    check_may_write_session_notes,
    may_read_session_notes,
)
from tests.factories import UserFactory
from tests.peers.factories import PeerWorkerFactory, SupervisionSessionFactory

pytestmark = pytest.mark.django_db


class TestSessionNotes:
    def test_the_two_people_in_the_session_hr_and_admins_read_them(self):
        session = SupervisionSessionFactory()
        readers = [
            session.worker.user,
            session.supervisor,
            UserFactory(roles=[Role.HR]),
            UserFactory(roles=[Role.ADMIN]),
        ]
        assert all(may_read_session_notes(user, session) for user in readers)

    def test_the_line_manager_who_was_not_there_neither_reads_nor_writes_them(self):
        session = SupervisionSessionFactory()
        manager = session.worker.line_manager
        assert not may_read_session_notes(manager, session)
        with pytest.raises(NotPermitted) as refused:
            check_may_write_session_notes(manager, session)
        assert refused.value.field == "notes"

    def test_a_session_not_yet_saved_is_judged_by_who_will_be_in_it(self):
        worker = PeerWorkerFactory()
        planned = SupervisionSession(worker=worker, supervisor=worker.line_manager)
        check_may_write_session_notes(worker.line_manager, planned)  # they held it: no refusal


class TestRecordingSessions:
    def test_hr_and_the_workers_manager_record_any_session(self):
        worker = PeerWorkerFactory()
        someone = UserFactory(roles=[Role.SUPERVISOR])
        for user in (UserFactory(roles=[Role.HR]), worker.line_manager):
            check_may_record_session(user=user, worker=worker, supervisor=someone)

    def test_a_supervisor_records_only_the_sessions_they_held(self):
        supervisor = UserFactory(roles=[Role.SUPERVISOR])
        worker = PeerWorkerFactory(supervisors=[supervisor])
        check_may_record_session(user=supervisor, worker=worker, supervisor=supervisor)
        with pytest.raises(NotPermitted) as refused:
            check_may_record_session(user=supervisor, worker=worker, supervisor=UserFactory())
        assert refused.value.field == "supervisor"

    @pytest.mark.parametrize("who", ["another supervisor", "the worker"])
    def test_nobody_else_records_one(self, who):
        worker = PeerWorkerFactory()
        user = UserFactory(roles=[Role.SUPERVISOR]) if who == "another supervisor" else worker.user
        with pytest.raises(NotPermitted) as refused:
            check_may_record_session(user=user, worker=worker, supervisor=user)
        assert refused.value.message == "You can record sessions only for workers you supervise or manage."
        assert refused.value.field is None


class TestRecordingTraining:
    def test_the_worker_and_their_managers_record_it(self):
        worker = PeerWorkerFactory()
        for user in (worker.user, worker.line_manager, UserFactory(roles=[Role.HR])):
            check_may_record_training(user=user, worker=worker)

    def test_a_supervisor_who_sees_the_worker_does_not(self):
        supervisor = UserFactory(roles=[Role.SUPERVISOR])
        worker = PeerWorkerFactory(supervisors=[supervisor])
        with pytest.raises(NotPermitted):
            check_may_record_training(user=supervisor, worker=worker)
