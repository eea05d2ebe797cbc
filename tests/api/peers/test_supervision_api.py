"""Supervision sessions over the API: who records and sees them, whose notes, and who is overdue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from peers.models import PeerWorker, SupervisionKind, SupervisionSession
from tests.api.battery import ResourceBattery
from tests.conftest import client_for_user
from tests.factories import TeamFactory, UserFactory
from tests.peers.factories import (
    PathwayLevelFactory,
    PeerWorkerFactory,
    SupervisionPolicyFactory,
    SupervisionSessionFactory,
)

TODAY = timezone.localdate()
LIST = reverse("api:supervision-session-list")
DUE = reverse("api:supervision-due")
OVERDUE = reverse("api:supervision-overdue")
NOTES = "Talked through a difficult week; agreed a plan."


def _detail(session: SupervisionSession) -> str:
    return reverse("api:supervision-session-detail", kwargs={"pk": session.pk})


def _client(*roles: str, **kwargs):
    return client_for_user(UserFactory(roles=list(roles), **kwargs))


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def _payload(worker: PeerWorker, **overrides) -> dict:
    payload = {
        "worker": worker.pk,
        "kind": SupervisionKind.PEER,
        "held_on": (TODAY - dt.timedelta(days=1)).isoformat(),
        "duration_minutes": 60,
        "notes": "Reflected on a hard conversation.",
    }
    payload.update(overrides)
    return payload


class TestSupervisionSessionBattery(ResourceBattery):
    basename = "supervision-session"
    reader_role = Role.HR
    writer_role = Role.HR
    forbidden_role = Role.PEER_WORKER  # a worker does not record their own supervision
    hidden_from_role = Role.LINE_MANAGER  # a manager of another team

    def make_object(self):
        return SupervisionSessionFactory()

    def create_payload(self):
        return _payload(PeerWorkerFactory(), supervisor=UserFactory(roles=[Role.SUPERVISOR]).pk)

    def update_payload(self, obj):
        return {"duration_minutes": 45, "notes": "Corrected notes."}


@pytest.mark.django_db
class TestRecordingSessions:
    def test_the_supervisor_defaults_to_whoever_records_it(self):
        manager = UserFactory(roles=[Role.LINE_MANAGER])
        worker = PeerWorkerFactory(line_manager=manager)
        response = client_for_user(manager).post(
            LIST, _payload(worker, kind="line_management"), format="json"
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["supervisor"]["id"] == manager.pk
        assert body["recorded_by"]["id"] == manager.pk
        assert body["notes"] == "Reflected on a hard conversation."  # they were in it
        session = SupervisionSession.objects.get(pk=body["id"])
        assert (session.supervisor, session.status, session.kind) == (manager, "held", "line_management")

    def test_a_supervisor_records_sessions_for_their_supervisees(self):
        supervisor = UserFactory(roles=[Role.SUPERVISOR])
        worker = PeerWorkerFactory(supervisors=[supervisor])
        response = client_for_user(supervisor).post(LIST, _payload(worker), format="json")
        assert response.status_code == 201, response.content
        assert SupervisionSession.objects.get().supervisor == supervisor

    def test_whether_a_session_was_peer_led_is_recorded_and_shown(self):
        supervisor = UserFactory(roles=[Role.SUPERVISOR])
        worker = PeerWorkerFactory(supervisors=[supervisor])
        client = client_for_user(supervisor)
        unsaid = client.post(LIST, _payload(worker), format="json")
        said = client.post(LIST, _payload(worker, peer_led=True), format="json")
        assert (unsaid.status_code, said.status_code) == (201, 201), said.content
        # Left out, it follows the supervisor: staff here, so not peer-led.
        assert (unsaid.json()["peer_led"], said.json()["peer_led"]) == (False, True)
        assert list(SupervisionSession.objects.order_by("pk").values_list("peer_led", flat=True)) == [
            False,
            True,
        ]
        changed = client.patch(
            _detail(SupervisionSession.objects.get(pk=said.json()["id"])), {"peer_led": False}, format="json"
        )
        assert changed.status_code == 200 and changed.json()["peer_led"] is False

    def test_a_supervisor_cannot_record_a_session_someone_else_held(self):
        supervisor = UserFactory(roles=[Role.SUPERVISOR])
        worker = PeerWorkerFactory(supervisors=[supervisor])
        other = UserFactory(roles=[Role.SUPERVISOR])
        response = client_for_user(supervisor).post(
            LIST, _payload(worker, supervisor=other.pk), format="json"
        )
        assert response.status_code == 403
        assert list(response.json()["errors"]) == ["supervisor"]
        assert SupervisionSession.objects.count() == 0

    def test_a_supervisor_cannot_record_for_someone_they_do_not_supervise(self):
        response = _client(Role.SUPERVISOR).post(LIST, _payload(PeerWorkerFactory()), format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["worker"]
        assert SupervisionSession.objects.count() == 0

    def test_hr_records_for_anyone_naming_the_supervisor(self):
        supervisor = UserFactory(roles=[Role.SUPERVISOR])
        response = _client(Role.HR).post(
            LIST, _payload(PeerWorkerFactory(), supervisor=supervisor.pk), format="json"
        )
        assert response.status_code == 201, response.content
        assert response.json()["supervisor"]["id"] == supervisor.pk

    def test_a_held_session_in_the_future_is_400_naming_held_on(self):
        payload = _payload(PeerWorkerFactory(), held_on=(TODAY + dt.timedelta(days=1)).isoformat())
        response = _client(Role.HR).post(LIST, payload, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["held_on"]
        assert SupervisionSession.objects.count() == 0

    def test_a_future_session_may_be_recorded_as_cancelled(self):
        payload = _payload(
            PeerWorkerFactory(), held_on=(TODAY + dt.timedelta(days=1)).isoformat(), status="cancelled"
        )
        assert _client(Role.HR).post(LIST, payload, format="json").status_code == 201

    def test_a_supervisor_who_is_the_worker_is_400_naming_supervisor(self):
        worker = PeerWorkerFactory()
        response = _client(Role.HR).post(LIST, _payload(worker, supervisor=worker.user.pk), format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["supervisor"]
        assert SupervisionSession.objects.count() == 0

    def test_a_manager_cannot_write_notes_for_a_session_they_were_not_in(self):
        manager = UserFactory(roles=[Role.LINE_MANAGER])
        worker = PeerWorkerFactory(line_manager=manager)
        payload = _payload(worker, supervisor=UserFactory().pk)
        response = client_for_user(manager).post(LIST, payload, format="json")
        assert response.status_code == 403
        assert list(response.json()["errors"]) == ["notes"]
        assert SupervisionSession.objects.count() == 0
        payload["notes"] = ""
        assert client_for_user(manager).post(LIST, payload, format="json").status_code == 201

    def test_a_peer_worker_cannot_record_supervision(self):
        worker = PeerWorkerFactory()
        response = client_for_user(worker.user).post(
            LIST, _payload(worker, supervisor=UserFactory().pk), format="json"
        )
        assert response.status_code == 403
        assert SupervisionSession.objects.count() == 0

    def test_the_supervisor_corrects_their_session_but_not_who_was_in_it(self):
        session = SupervisionSessionFactory()
        response = client_for_user(session.supervisor).patch(
            _detail(session), {"duration_minutes": 30, "supervisor": UserFactory().pk}, format="json"
        )
        assert response.status_code == 200, response.content
        session.refresh_from_db()
        assert session.duration_minutes == 30
        assert response.json()["supervisor"]["id"] == session.supervisor_id

    def test_moving_a_held_session_into_the_future_is_400_and_nothing_changes(self):
        session = SupervisionSessionFactory()
        before = session.held_on
        response = _client(Role.HR).patch(
            _detail(session), {"held_on": (TODAY + dt.timedelta(days=2)).isoformat()}, format="json"
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["held_on"]
        assert SupervisionSession.objects.get(pk=session.pk).held_on == before

    def test_a_manager_not_in_the_session_may_correct_it_but_not_its_notes(self):
        session = SupervisionSessionFactory()
        client = client_for_user(session.worker.line_manager)
        response = client.patch(_detail(session), {"notes": "Overwritten."}, format="json")
        assert response.status_code == 403
        assert list(response.json()["errors"]) == ["notes"]
        assert SupervisionSession.objects.get(pk=session.pk).notes == NOTES
        response = client.patch(_detail(session), {"status": "cancelled"}, format="json")
        assert response.status_code == 200
        assert response.json()["notes"] is None

    def test_another_supervisor_of_the_worker_may_see_but_not_change_the_session(self):
        colleague = UserFactory(roles=[Role.SUPERVISOR])
        session = SupervisionSessionFactory(worker=PeerWorkerFactory(supervisors=[colleague]))
        client = client_for_user(colleague)
        assert client.get(_detail(session)).status_code == 200
        assert client.patch(_detail(session), {"duration_minutes": 5}, format="json").status_code == 403
        assert client.delete(_detail(session)).status_code == 403
        assert SupervisionSession.objects.get(pk=session.pk).duration_minutes == 60


@pytest.mark.django_db
class TestWhoSeesSessions:
    def test_a_supervisor_sees_their_supervisees_sessions_only(self):
        supervisor = UserFactory(roles=[Role.SUPERVISOR])
        supervisee = PeerWorkerFactory(supervisors=[supervisor])
        theirs = SupervisionSessionFactory(worker=supervisee)  # held by someone else
        other = SupervisionSessionFactory()
        client = client_for_user(supervisor)
        assert _ids(client.get(LIST)) == [theirs.pk]
        assert client.get(_detail(other)).status_code == 404

    def test_a_peer_worker_sees_their_own_sessions_only(self):
        mine = SupervisionSessionFactory()
        other = SupervisionSessionFactory()
        client = client_for_user(mine.worker.user)
        assert _ids(client.get(LIST)) == [mine.pk]
        assert client.get(_detail(other)).status_code == 404

    def test_a_line_manager_sees_their_teams_sessions(self):
        team = TeamFactory()
        manager = UserFactory(roles=[Role.LINE_MANAGER], teams=[team])
        ours = SupervisionSessionFactory(worker=PeerWorkerFactory(team=team))
        SupervisionSessionFactory()
        assert _ids(client_for_user(manager).get(LIST)) == [ours.pk]

    @pytest.mark.parametrize("role", [Role.INVOLVEMENT_LEAD, Role.BOARD_MEMBER, Role.PARTICIPANT])
    def test_nobody_else_sees_any(self, role):
        session = SupervisionSessionFactory()
        SupervisionPolicyFactory(level=session.worker.level)
        client = _client(role)
        assert _ids(client.get(LIST)) == []
        assert client.get(_detail(session)).status_code == 404
        assert client.get(DUE).json()["results"] == []
        assert client.get(OVERDUE).json()["results"] == []


@pytest.mark.django_db
class TestNotes:
    def _notes_seen_by(self, user, session) -> tuple:
        client = client_for_user(user)
        detail = client.get(_detail(session)).json()["notes"]
        listed = [row["notes"] for row in client.get(LIST).json()["results"] if row["id"] == session.pk]
        return detail, listed

    def test_the_worker_the_supervisor_and_hr_read_the_notes(self):
        session = SupervisionSessionFactory()
        for user in (session.worker.user, session.supervisor, UserFactory(roles=[Role.HR])):
            assert self._notes_seen_by(user, session) == (NOTES, [NOTES])

    def test_a_line_manager_who_was_not_in_it_sees_no_notes(self):
        session = SupervisionSessionFactory()
        assert self._notes_seen_by(session.worker.line_manager, session) == (None, [None])

    def test_a_line_manager_who_held_it_reads_the_notes(self):
        worker = PeerWorkerFactory()
        session = SupervisionSessionFactory(worker=worker, supervisor=worker.line_manager)
        assert self._notes_seen_by(worker.line_manager, session) == (NOTES, [NOTES])

    def test_another_supervisor_of_the_worker_sees_no_notes(self):
        colleague = UserFactory(roles=[Role.SUPERVISOR])
        session = SupervisionSessionFactory(worker=PeerWorkerFactory(supervisors=[colleague]))
        assert self._notes_seen_by(colleague, session) == (None, [None])


@pytest.mark.django_db
class TestSessionFilters:
    def test_filters_by_worker_supervisor_kind_status_team_and_dates(self):
        first = SupervisionSessionFactory(kind="clinical", held_on=TODAY - dt.timedelta(days=40))
        second = SupervisionSessionFactory(status="cancelled", held_on=TODAY - dt.timedelta(days=3))
        client = _client(Role.HR)
        assert _ids(client.get(LIST, {"worker": first.worker_id})) == [first.pk]
        assert _ids(client.get(LIST, {"supervisor": second.supervisor_id})) == [second.pk]
        assert _ids(client.get(LIST, {"kind": "clinical"})) == [first.pk]
        assert _ids(client.get(LIST, {"status": "cancelled"})) == [second.pk]
        assert _ids(client.get(LIST, {"team": second.worker.team_id})) == [second.pk]
        cutoff = (TODAY - dt.timedelta(days=10)).isoformat()
        assert _ids(client.get(LIST, {"held_after": cutoff})) == [second.pk]
        assert _ids(client.get(LIST, {"held_before": cutoff})) == [first.pk]

    def test_filters_by_the_workers_level(self):
        senior = SupervisionSessionFactory(worker=PeerWorkerFactory(level=PathwayLevelFactory()))
        SupervisionSessionFactory()
        assert _ids(_client(Role.HR).get(LIST, {"level": senior.worker.level_id})) == [senior.pk]

    def test_an_unknown_filter_is_400(self):
        response = _client(Role.HR).get(LIST, {"overdue": "true"})
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["overdue"]


def _due_ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["worker"]["id"] for row in response.json()["results"]]


@pytest.mark.django_db
class TestDueAndOverdue:
    @pytest.fixture
    def level(self):
        level = PathwayLevelFactory()
        SupervisionPolicyFactory(level=level, kind=SupervisionKind.LINE_MANAGEMENT, frequency_days=28)
        SupervisionPolicyFactory(level=level, kind=SupervisionKind.CLINICAL, frequency_days=90)
        return level

    def test_due_shows_each_kind_the_level_requires(self, level):
        worker = PeerWorkerFactory(level=level, start_date=TODAY - dt.timedelta(days=400))
        SupervisionSessionFactory(
            worker=worker, kind="line_management", held_on=TODAY - dt.timedelta(days=10)
        )
        SupervisionSessionFactory(worker=worker, kind="clinical", held_on=TODAY - dt.timedelta(days=100))
        SupervisionSessionFactory(
            worker=worker, kind="clinical", held_on=TODAY - dt.timedelta(days=5), status="cancelled"
        )
        row = _client(Role.HR).get(DUE).json()["results"][0]
        assert row["worker"]["id"] == worker.pk
        kinds = {k["kind"]: k for k in row["kinds"]}
        assert set(kinds) == {"line_management", "clinical"}  # no policy for the other kinds
        assert kinds["line_management"] == {
            "kind": "line_management",
            "label": "Line management",
            "every_days": 28,
            "last_held": (TODAY - dt.timedelta(days=10)).isoformat(),
            "next_due": (TODAY + dt.timedelta(days=18)).isoformat(),
            "overdue": False,
            "days_overdue": 0,
        }
        assert kinds["clinical"]["last_held"] == (TODAY - dt.timedelta(days=100)).isoformat()  # cancelled: no
        assert (kinds["clinical"]["overdue"], kinds["clinical"]["days_overdue"]) == (True, 10)
        assert row["overdue"] is True
        assert row["next_due"] == (TODAY - dt.timedelta(days=10)).isoformat()

    def test_never_supervised_counts_from_the_start_date(self, level):
        worker = PeerWorkerFactory(level=level, start_date=TODAY - dt.timedelta(days=7))
        row = _client(Role.HR).get(DUE, {"worker": worker.pk}).json()["results"][0]
        kinds = {k["kind"]: k for k in row["kinds"]}
        assert kinds["line_management"]["last_held"] is None
        assert kinds["line_management"]["next_due"] == (TODAY + dt.timedelta(days=21)).isoformat()
        assert row["overdue"] is False

    def test_leavers_are_not_due(self, level):
        PeerWorkerFactory(
            level=level, status=PeerWorker.Status.LEFT, leaving_date=TODAY, leaving_reason="other"
        )
        client = _client(Role.HR)
        assert _due_ids(client.get(DUE)) == []
        assert _due_ids(client.get(OVERDUE)) == []

    def test_overdue_lists_only_the_overdue_most_overdue_first(self, level):
        slightly = PeerWorkerFactory(level=level)
        SupervisionSessionFactory(worker=slightly, held_on=TODAY - dt.timedelta(days=30))
        SupervisionSessionFactory(worker=slightly, kind="clinical", held_on=TODAY - dt.timedelta(days=1))
        badly = PeerWorkerFactory(level=level)
        SupervisionSessionFactory(worker=badly, held_on=TODAY - dt.timedelta(days=60))
        SupervisionSessionFactory(worker=badly, kind="clinical", held_on=TODAY - dt.timedelta(days=1))
        on_time = PeerWorkerFactory(level=level)
        SupervisionSessionFactory(worker=on_time, held_on=TODAY - dt.timedelta(days=1))
        SupervisionSessionFactory(worker=on_time, kind="clinical", held_on=TODAY - dt.timedelta(days=1))
        client = _client(Role.HR)
        body = client.get(OVERDUE).json()
        assert _due_ids(client.get(OVERDUE)) == [badly.pk, slightly.pk]
        assert body["results"][0]["kinds"][0]["days_overdue"] == 32
        assert _due_ids(client.get(DUE, {"overdue": "true"})) == sorted(
            [badly.pk, slightly.pk], key=lambda pk: PeerWorker.objects.get(pk=pk).user.last_name
        )
        assert _due_ids(client.get(DUE, {"overdue": "false"})) == [on_time.pk]

    def test_the_overdue_list_per_supervisor_and_per_team(self, level):
        supervisor = UserFactory(roles=[Role.SUPERVISOR])
        team = TeamFactory()
        theirs = PeerWorkerFactory(level=level, supervisors=[supervisor, UserFactory()])
        in_team = PeerWorkerFactory(level=level, team=team)
        PeerWorkerFactory(level=level)
        client = _client(Role.HR)
        assert _due_ids(client.get(OVERDUE, {"supervisor": supervisor.pk})) == [theirs.pk]
        assert _due_ids(client.get(OVERDUE, {"team": team.pk})) == [in_team.pk]
        # The supervisor's own view: only their supervisees.
        assert _due_ids(client_for_user(supervisor).get(OVERDUE)) == [theirs.pk]
        assert _due_ids(client_for_user(supervisor).get(DUE)) == [theirs.pk]

    def test_a_line_manager_sees_only_their_team(self, level):
        team = TeamFactory()
        manager = UserFactory(roles=[Role.LINE_MANAGER], teams=[team])
        ours = PeerWorkerFactory(level=level, team=team)
        PeerWorkerFactory(level=level)
        assert _due_ids(client_for_user(manager).get(OVERDUE)) == [ours.pk]
        assert _due_ids(client_for_user(manager).get(DUE)) == [ours.pk]

    def test_an_unknown_parameter_is_400(self):
        for url in (DUE, OVERDUE):
            response = _client(Role.HR).get(url, {"kind": "clinical"})
            assert response.status_code == 400
            assert list(response.json()["errors"]) == ["kind"]

    @pytest.mark.parametrize("url", [DUE, OVERDUE])
    def test_one_query_for_the_rows_whatever_their_number(self, url, level):
        team = TeamFactory()
        manager = UserFactory(roles=[Role.LINE_MANAGER], teams=[team])
        client = client_for_user(manager)

        def add(n: int) -> None:
            for _ in range(n):
                worker = PeerWorkerFactory(level=level, team=team, supervisors=[UserFactory()])
                SupervisionSessionFactory(worker=worker, held_on=TODAY - dt.timedelta(days=40))

        add(3)
        with CaptureQueriesContext(connection) as few:
            response = client.get(url, {"page_size": 100})
        assert response.json()["count"] == 3
        add(27)
        with CaptureQueriesContext(connection) as many:
            response = client.get(url, {"page_size": 100})
        assert response.json()["count"] == 30 and len(response.json()["results"]) == 30
        assert len(many) == len(few)
        assert len(many) <= 5  # auth (token, roles), the count, the rows
