"""Training records over the API, and the expiring, expired and compliance reports."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from peers.models import PeerWorker, TrainingCourse, TrainingRecord
from tests.api.battery import ResourceBattery
from tests.conftest import client_for_user
from tests.factories import TeamFactory, UserFactory
from tests.peers.factories import (
    PathwayLevelFactory,
    PeerWorkerFactory,
    TrainingCourseFactory,
    TrainingRecordFactory,
)

TODAY = timezone.localdate()
LIST = reverse("api:training-record-list")
EXPIRING = reverse("api:training-expiring")
EXPIRED = reverse("api:training-expired")
COMPLIANCE = reverse("api:training-compliance")
TEAM_COMPLIANCE = reverse("api:training-compliance-teams")


def _detail(record: TrainingRecord) -> str:
    return reverse("api:training-record-detail", kwargs={"pk": record.pk})


def _client(*roles: str, **kwargs):
    user = UserFactory(roles=list(roles), **kwargs)
    return client_for_user(user)


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def _payload(worker: PeerWorker, course: TrainingCourse | None = None, **overrides) -> dict:
    course = course or TrainingCourseFactory()
    payload = {
        "worker": worker.pk,
        "course": course.pk,
        "completed_on": (TODAY - dt.timedelta(days=10)).isoformat(),
        "evidence_reference": "CERT-001",
    }
    payload.update(overrides)
    return payload


class TestTrainingRecordBattery(ResourceBattery):
    basename = "training-record"
    reader_role = Role.HR
    writer_role = Role.HR
    forbidden_role = Role.SUPERVISOR  # supervisors see training but do not record it
    hidden_from_role = Role.LINE_MANAGER  # a manager of another team

    def make_object(self):
        return TrainingRecordFactory()

    def create_payload(self):
        return _payload(PeerWorkerFactory())

    def update_payload(self, obj):
        return {"evidence_reference": "CERT-UPDATED"}


@pytest.mark.django_db
class TestRecordingTraining:
    def test_a_line_manager_records_training_and_the_expiry_is_worked_out(self):
        manager = UserFactory(roles=[Role.LINE_MANAGER])
        worker = PeerWorkerFactory(line_manager=manager)
        course = TrainingCourseFactory(validity_months=24)
        completed = TODAY - dt.timedelta(days=10)
        payload = _payload(worker, course, expires_on="2099-01-01")  # read-only: ignored
        response = client_for_user(manager).post(LIST, payload, format="json")
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["expires_on"] == (completed + relativedelta(months=24)).isoformat()
        assert body["status"] == "in_date"
        assert body["recorded_by"]["id"] == manager.pk
        assert body["worker"]["id"] == worker.pk
        assert TrainingRecord.objects.get(pk=body["id"]).recorded_by == manager

    def test_training_before_the_worker_started_is_400_naming_completed_on(self):
        worker = PeerWorkerFactory(start_date=TODAY - dt.timedelta(days=20))
        payload = _payload(worker, completed_on=(TODAY - dt.timedelta(days=21)).isoformat())
        response = _client(Role.HR).post(LIST, payload, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["completed_on"]
        assert "before the worker started" in response.json()["detail"]
        assert TrainingRecord.objects.count() == 0

    def test_training_in_the_future_is_400_naming_completed_on(self):
        payload = _payload(PeerWorkerFactory(), completed_on=(TODAY + dt.timedelta(days=1)).isoformat())
        response = _client(Role.HR).post(LIST, payload, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["completed_on"]
        assert TrainingRecord.objects.count() == 0

    def test_a_peer_worker_adds_their_own_training(self):
        worker = PeerWorkerFactory()
        response = client_for_user(worker.user).post(LIST, _payload(worker), format="json")
        assert response.status_code == 201, response.content
        assert TrainingRecord.objects.get().recorded_by == worker.user

    def test_a_peer_worker_cannot_add_training_for_someone_else(self):
        worker = PeerWorkerFactory()
        response = client_for_user(worker.user).post(LIST, _payload(PeerWorkerFactory()), format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["worker"]
        assert TrainingRecord.objects.count() == 0

    def test_a_peer_worker_cannot_change_their_record_once_made(self):
        record = TrainingRecordFactory()
        client = client_for_user(record.worker.user)
        response = client.patch(_detail(record), {"evidence_reference": "MINE"}, format="json")
        assert response.status_code == 403
        assert client.delete(_detail(record)).status_code == 403
        assert TrainingRecord.objects.get(pk=record.pk).evidence_reference == ""

    def test_a_manager_cannot_record_for_a_worker_they_do_not_see(self):
        response = _client(Role.LINE_MANAGER).post(LIST, _payload(PeerWorkerFactory()), format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["worker"]
        assert TrainingRecord.objects.count() == 0

    def test_a_manager_who_only_supervises_the_worker_cannot_record_for_them(self):
        both = UserFactory(roles=[Role.LINE_MANAGER, Role.SUPERVISOR])
        worker = PeerWorkerFactory(supervisors=[both])
        response = client_for_user(both).post(LIST, _payload(worker), format="json")
        assert response.status_code == 403
        assert TrainingRecord.objects.count() == 0

    def test_a_manager_of_the_team_records_for_its_workers(self):
        team = TeamFactory()
        manager = UserFactory(roles=[Role.LINE_MANAGER], teams=[team])
        response = client_for_user(manager).post(LIST, _payload(PeerWorkerFactory(team=team)), format="json")
        assert response.status_code == 201, response.content

    def test_correcting_the_date_moves_the_expiry_but_not_the_worker(self):
        record = TrainingRecordFactory(course=TrainingCourseFactory(validity_months=12))
        new_date = TODAY - dt.timedelta(days=2)
        client = client_for_user(record.worker.line_manager)
        response = client.patch(
            _detail(record),
            {"completed_on": new_date.isoformat(), "worker": PeerWorkerFactory().pk},
            format="json",
        )
        assert response.status_code == 200, response.content
        assert response.json()["expires_on"] == (new_date + relativedelta(months=12)).isoformat()
        record.refresh_from_db()
        assert (record.completed_on, record.worker_id) == (new_date, record.worker.pk)

    def test_a_correction_before_the_start_is_400_and_nothing_changes(self):
        record = TrainingRecordFactory()
        before = record.completed_on
        response = client_for_user(record.worker.line_manager).patch(
            _detail(record), {"completed_on": "2000-01-01"}, format="json"
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["completed_on"]
        assert TrainingRecord.objects.get(pk=record.pk).completed_on == before

    def test_the_line_manager_deletes_a_record_made_in_error(self):
        record = TrainingRecordFactory()
        response = client_for_user(record.worker.line_manager).delete(_detail(record))
        assert response.status_code == 204
        assert not TrainingRecord.objects.filter(pk=record.pk).exists()


@pytest.mark.django_db
class TestWhoSeesTraining:
    def test_a_peer_worker_sees_only_their_own_records(self):
        mine = TrainingRecordFactory()
        theirs = TrainingRecordFactory()
        client = client_for_user(mine.worker.user)
        assert _ids(client.get(LIST)) == [mine.pk]
        assert client.get(_detail(theirs)).status_code == 404

    def test_a_supervisor_sees_their_supervisees_records_only(self):
        supervisor = UserFactory(roles=[Role.SUPERVISOR])
        supervised = TrainingRecordFactory(worker=PeerWorkerFactory(supervisors=[supervisor]))
        other = TrainingRecordFactory()
        client = client_for_user(supervisor)
        assert _ids(client.get(LIST)) == [supervised.pk]
        assert client.get(_detail(other)).status_code == 404

    @pytest.mark.parametrize(
        "role", [Role.INVOLVEMENT_LEAD, Role.BOARD_MEMBER, Role.PARTICIPANT, Role.FINANCE]
    )
    def test_nobody_else_sees_any(self, role):
        record = TrainingRecordFactory()
        client = _client(role)
        assert _ids(client.get(LIST)) == []
        assert client.get(_detail(record)).status_code == 404
        for url in (EXPIRING, EXPIRED, COMPLIANCE, TEAM_COMPLIANCE):
            assert client.get(url).json()["results"] == []


@pytest.mark.django_db
class TestTrainingRecordFilters:
    def test_status_splits_records_into_in_date_expiring_and_expired(self, settings):
        settings.PEERS_TRAINING_EXPIRING_DAYS = 30
        in_date = TrainingRecordFactory(expires_on=TODAY + dt.timedelta(days=31))
        forever = TrainingRecordFactory(course=TrainingCourseFactory(validity_months=None), expires_on=None)
        expiring = TrainingRecordFactory(expires_on=TODAY + dt.timedelta(days=30))
        today = TrainingRecordFactory(expires_on=TODAY)
        expired = TrainingRecordFactory(expires_on=TODAY - dt.timedelta(days=1))
        client = _client(Role.HR)
        assert sorted(_ids(client.get(LIST, {"status": "in_date"}))) == sorted([in_date.pk, forever.pk])
        assert sorted(_ids(client.get(LIST, {"status": "expiring"}))) == sorted([expiring.pk, today.pk])
        assert _ids(client.get(LIST, {"status": "expired"})) == [expired.pk]
        row = client.get(_detail(expired)).json()
        assert row["status"] == "expired"

    def test_filters_by_worker_course_team_category_mandatory_and_expiry(self):
        first = TrainingRecordFactory(
            course=TrainingCourseFactory(category="statutory", mandatory=True),
            expires_on=TODAY + dt.timedelta(days=100),
        )
        second = TrainingRecordFactory(
            course=TrainingCourseFactory(category="leadership", mandatory=False),
            expires_on=TODAY + dt.timedelta(days=200),
        )
        client = _client(Role.HR)
        assert _ids(client.get(LIST, {"worker": first.worker_id})) == [first.pk]
        assert _ids(client.get(LIST, {"course": second.course_id})) == [second.pk]
        assert _ids(client.get(LIST, {"team": second.worker.team_id})) == [second.pk]
        assert _ids(client.get(LIST, {"category": "statutory"})) == [first.pk]
        assert _ids(client.get(LIST, {"mandatory": "false"})) == [second.pk]
        before = (TODAY + dt.timedelta(days=150)).isoformat()
        assert _ids(client.get(LIST, {"expires_before": before})) == [first.pk]
        assert _ids(client.get(LIST, {"expires_after": before})) == [second.pk]

    def test_filters_by_the_workers_level(self):
        senior = TrainingRecordFactory(worker=PeerWorkerFactory(level=PathwayLevelFactory()))
        TrainingRecordFactory()
        assert _ids(_client(Role.HR).get(LIST, {"level": senior.worker.level_id})) == [senior.pk]

    def test_an_unknown_filter_or_status_is_400(self):
        client = _client(Role.HR)
        response = client.get(LIST, {"expires": "soon"})
        assert response.status_code == 400 and "expires" in response.json()["errors"]
        response = client.get(LIST, {"status": "stale"})
        assert response.status_code == 400 and "status" in response.json()["errors"]


def _query_count(client, url: str, params: dict | None = None) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page_size": 100, **(params or {})})
    assert response.status_code == 200, response.content
    return len(queries), response.json()


@pytest.mark.django_db
class TestExpiringAndExpired:
    def test_expiring_uses_the_setting_by_default_and_within_days_when_given(self, settings):
        settings.PEERS_TRAINING_EXPIRING_DAYS = 14
        soon = TrainingRecordFactory(expires_on=TODAY + dt.timedelta(days=10))
        later = TrainingRecordFactory(expires_on=TODAY + dt.timedelta(days=40))
        TrainingRecordFactory(expires_on=TODAY - dt.timedelta(days=1))
        client = _client(Role.HR)
        body = client.get(EXPIRING).json()
        assert [row["id"] for row in body["results"]] == [soon.pk]
        assert body["results"][0]["days_to_expiry"] == 10
        assert body["results"][0]["team"]["id"] == soon.worker.team_id
        assert _ids(client.get(EXPIRING, {"within_days": 45})) == [soon.pk, later.pk]  # soonest first

    @pytest.mark.parametrize("bad", ["-1", "soon", "400"])
    def test_a_bad_window_is_400_naming_within_days(self, bad):
        response = _client(Role.HR).get(EXPIRING, {"within_days": bad})
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["within_days"]

    def test_renewed_training_and_leavers_drop_off_the_lists(self):
        course = TrainingCourseFactory()
        renewed = TrainingRecordFactory(course=course, expires_on=TODAY - dt.timedelta(days=5))
        TrainingRecordFactory(worker=renewed.worker, course=course, completed_on=TODAY)
        leaver = PeerWorkerFactory(status=PeerWorker.Status.LEFT, leaving_date=TODAY, leaving_reason="other")
        TrainingRecordFactory(worker=leaver, course=course, expires_on=TODAY - dt.timedelta(days=5))
        lapsed = TrainingRecordFactory(course=course, expires_on=TODAY - dt.timedelta(days=5))
        body = _client(Role.HR).get(EXPIRED).json()
        assert [row["id"] for row in body["results"]] == [lapsed.pk]
        assert body["results"][0]["days_to_expiry"] == -5

    def test_a_manager_sees_only_their_teams_rows_and_can_filter_them(self):
        team = TeamFactory()
        manager = UserFactory(roles=[Role.LINE_MANAGER], teams=[team])
        ours = [
            TrainingRecordFactory(
                worker=PeerWorkerFactory(team=team), expires_on=TODAY + dt.timedelta(days=5)
            )
        ]
        ours.append(TrainingRecordFactory(worker=PeerWorkerFactory(line_manager=manager), expires_on=TODAY))
        TrainingRecordFactory(expires_on=TODAY + dt.timedelta(days=5))  # another team's
        expired_ours = TrainingRecordFactory(
            worker=PeerWorkerFactory(team=team), expires_on=TODAY - dt.timedelta(days=3)
        )
        TrainingRecordFactory(expires_on=TODAY - dt.timedelta(days=3))
        client = client_for_user(manager)
        assert sorted(_ids(client.get(EXPIRING))) == sorted(r.pk for r in ours)
        assert _ids(client.get(EXPIRING, {"team": team.pk})) == [ours[0].pk]
        assert _ids(client.get(EXPIRING, {"worker": ours[1].worker_id})) == [ours[1].pk]
        assert _ids(client.get(EXPIRED)) == [expired_ours.pk]

    def test_an_unknown_parameter_is_400(self):
        response = _client(Role.HR).get(EXPIRED, {"within_days": 5})
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["within_days"]

    @pytest.mark.parametrize("url", [EXPIRING, EXPIRED])
    def test_one_query_for_the_rows_whatever_their_number(self, url):
        team = TeamFactory()
        manager = UserFactory(roles=[Role.LINE_MANAGER], teams=[team])
        client = client_for_user(manager)
        expires_on = TODAY + dt.timedelta(days=3) if url == EXPIRING else TODAY - dt.timedelta(days=3)
        course = TrainingCourseFactory()

        def add(n: int) -> None:
            for _ in range(n):
                TrainingRecordFactory(
                    worker=PeerWorkerFactory(team=team), course=course, expires_on=expires_on
                )

        add(3)
        few, body = _query_count(client, url)
        assert body["count"] == 3
        add(27)
        many, body = _query_count(client, url)
        assert body["count"] == 30 and len(body["results"]) == 30
        assert many == few
        assert many <= 6  # auth (token, roles), the count, the rows; each row's joins come with it


@pytest.mark.django_db
class TestCompliance:
    @pytest.fixture(autouse=True)
    def _only_these_courses(self, db):
        # The data migration seeds mandatory courses; these figures are about the test's own.
        TrainingCourse.objects.update(mandatory=False)

    def _setup(self):
        first, second = TrainingCourseFactory(), TrainingCourseFactory()
        TrainingCourseFactory(mandatory=False)
        team = TeamFactory()
        full = PeerWorkerFactory(team=team)
        half = PeerWorkerFactory(team=team)
        elsewhere = PeerWorkerFactory()
        for course in (first, second):
            TrainingRecordFactory(worker=full, course=course)
        TrainingRecordFactory(worker=half, course=first)
        TrainingRecordFactory(worker=half, course=second, expires_on=TODAY - dt.timedelta(days=1))
        return team, full, half, elsewhere

    def test_per_worker_figures(self):
        team, full, half, elsewhere = self._setup()
        body = _client(Role.HR).get(COMPLIANCE, {"team": team.pk, "ordering": "-compliance"}).json()
        rows = [
            (r["worker"]["id"], r["mandatory_in_date"], r["mandatory_required"], r["compliance"])
            for r in body["results"]
        ]
        assert rows == [(full.pk, 2, 2, 1.0), (half.pk, 1, 2, 0.5)]
        assert body["results"][0]["team"]["id"] == team.pk
        worker_only = _client(Role.HR).get(COMPLIANCE, {"worker": elsewhere.pk}).json()["results"]
        assert [(r["worker"]["id"], r["compliance"]) for r in worker_only] == [(elsewhere.pk, 0.0)]

    def test_per_team_figures(self):
        team, _full, _half, elsewhere = self._setup()
        body = _client(Role.HR).get(TEAM_COMPLIANCE).json()
        rows = {r["team"]["id"]: r for r in body["results"]}
        assert body["count"] == 2
        ours = rows[team.pk]
        assert (ours["workers"], ours["in_date"], ours["required"], ours["compliance"]) == (2, 3, 4, 0.75)
        assert ours["team"]["display"] == team.name
        assert rows[elsewhere.team_id]["compliance"] == 0.0
        assert _client(Role.HR).get(TEAM_COMPLIANCE, {"team": team.pk}).json()["count"] == 1

    def test_a_manager_sees_only_the_workers_they_manage(self):
        team, _full, half, _elsewhere = self._setup()
        manager = UserFactory(roles=[Role.LINE_MANAGER])
        PeerWorker.objects.filter(pk=half.pk).update(line_manager=manager)
        client = client_for_user(manager)
        assert [r["worker"]["id"] for r in client.get(COMPLIANCE).json()["results"]] == [half.pk]
        teams = client.get(TEAM_COMPLIANCE).json()["results"]
        assert [(t["team"]["id"], t["workers"], t["in_date"]) for t in teams] == [(team.pk, 1, 1)]

    def test_an_unknown_parameter_is_400(self):
        for url in (COMPLIANCE, TEAM_COMPLIANCE):
            response = _client(Role.HR).get(url, {"course": 1})
            assert response.status_code == 400
            assert list(response.json()["errors"]) == ["course"]

    @pytest.mark.parametrize("url", [COMPLIANCE, TEAM_COMPLIANCE])
    def test_one_query_for_the_rows_whatever_their_number(self, url):
        TrainingCourseFactory()
        teams = [TeamFactory() for _ in range(3)]
        client = _client(Role.HR)

        def add(n: int) -> None:
            for i in range(n):
                worker = PeerWorkerFactory(team=teams[i % 3] if url == COMPLIANCE else TeamFactory())
                TrainingRecordFactory(worker=worker)

        add(3)
        few, body = _query_count(client, url)
        assert body["count"] == 3
        add(27)
        many, body = _query_count(client, url)
        assert body["count"] == 30
        assert many == few
        assert many <= 6  # auth, the mandatory course count, the count, the rows
