"""Peer workers over the API: starting, changing, leaving, who sees whom, and the gap to the next level."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from peers.models import LevelChange, PeerWorker
from tests.api.battery import ResourceBattery
from tests.conftest import client_for_user
from tests.factories import TeamFactory, UserFactory
from tests.peers.factories import (
    CompetenceEvidenceFactory,
    CompetenceFactory,
    PathwayLevelFactory,
    PeerWorkerFactory,
    TrainingCourseFactory,
    TrainingRecordFactory,
)

TODAY = timezone.localdate()


def _supervisor():
    return UserFactory(roles=[Role.SUPERVISOR])


def _manager(**kwargs):
    return UserFactory(roles=[Role.LINE_MANAGER], **kwargs)


def _payload(**overrides) -> dict:
    payload = {
        "user": UserFactory(roles=[Role.PEER_WORKER]).pk,
        "employee_number": "T100200",
        "level": PathwayLevelFactory(band="3").pk,
        "team": TeamFactory().pk,
        "line_manager": _manager().pk,
        "supervisors": [_supervisor().pk],
        "start_date": str(TODAY - dt.timedelta(days=3)),
        "contracted_hours": "30.00",
        "status": "probation",
        "probation_review_date": str(TODAY + dt.timedelta(days=180)),
    }
    payload.update(overrides)
    return payload


class TestPeerWorkerResource(ResourceBattery):
    basename = "peer-worker"
    reader_role = Role.HR
    writer_role = Role.HR
    forbidden_role = Role.LINE_MANAGER
    hidden_from_role = Role.SUPERVISOR

    def make_object(self) -> PeerWorker:
        return PeerWorkerFactory(supervisors=[_supervisor(), _supervisor()])

    def create_payload(self) -> dict:
        return _payload()

    def update_payload(self, obj: PeerWorker) -> dict:
        return {"contracted_hours": "22.50", "status": "long_term_leave"}

    def test_delete(self):
        # Employment records are kept: a leaver is recorded with the leave action instead.
        worker = self.make_object()
        response = client_for_user(UserFactory(roles=[Role.HR])).delete(self.detail_url(worker))
        assert response.status_code == 409
        assert "leave action" in response.json()["detail"]
        assert PeerWorker.objects.filter(pk=worker.pk).exists()


@pytest.fixture
def hr(db):
    return client_for_user(UserFactory(roles=[Role.HR]))


def url(name: str, pk: int | None = None) -> str:
    return reverse(f"api:{name}", kwargs={"pk": pk} if pk else None)


def _ids(client, **params) -> set[int]:
    response = client.get(url("peer-worker-list"), params)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.django_db
class TestStarting:
    def test_hr_starts_a_worker_and_the_level_history_begins(self, hr):
        payload = _payload()
        response = hr.post(url("peer-worker-list"), payload, format="json")
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["band"] == "3"  # from the level
        assert [s["id"] for s in body["supervisors"]] == payload["supervisors"]
        change = LevelChange.objects.get(worker_id=body["id"])
        assert (change.reason, change.from_level, change.to_level_id) == ("start", None, payload["level"])
        assert (change.to_band, str(change.effective_date)) == ("3", payload["start_date"])
        assert change.recorded_by == hr.user

    def test_a_band_other_than_the_levels_is_kept(self, hr):
        response = hr.post(url("peer-worker-list"), _payload(band="4"), format="json")
        assert response.status_code == 201
        assert response.json()["band"] == "4"
        assert LevelChange.objects.get().to_band == "4"

    def test_someone_who_left_can_be_taken_on_again(self, hr):
        old = PeerWorkerFactory(
            status="left", leaving_date=TODAY - dt.timedelta(days=10), leaving_reason="other"
        )
        response = hr.post(url("peer-worker-list"), _payload(user=old.user_id), format="json")
        assert response.status_code == 201, response.content
        assert PeerWorker.objects.filter(user=old.user).count() == 2


@pytest.mark.django_db
class TestStartingBadInput:
    def _refused(self, client, payload: dict, field: str) -> None:
        workers, history = PeerWorker.objects.count(), LevelChange.objects.count()
        response = client.post(url("peer-worker-list"), payload, format="json")
        assert response.status_code == 400, response.content
        assert list(response.json()["errors"]) == [field]
        assert (PeerWorker.objects.count(), LevelChange.objects.count()) == (workers, history)

    @pytest.mark.parametrize("status", ["pre_start", "probation", "active", "long_term_leave"])
    def test_a_second_current_employment_names_user(self, hr, status):
        current = PeerWorkerFactory(status=status)
        self._refused(hr, _payload(user=current.user_id), "user")

    def test_the_worker_as_their_own_line_manager_names_line_manager(self, hr):
        person = _manager()
        self._refused(hr, _payload(user=person.pk, line_manager=person.pk), "line_manager")

    def test_the_worker_among_their_supervisors_names_supervisors(self, hr):
        person = _supervisor()
        self._refused(hr, _payload(user=person.pk, supervisors=[_supervisor().pk, person.pk]), "supervisors")

    def test_a_line_manager_without_the_role_names_line_manager(self, hr):
        # They would never see the worker they are meant to manage.
        self._refused(hr, _payload(line_manager=UserFactory(roles=[Role.FINANCE]).pk), "line_manager")

    def test_a_supervisor_without_the_role_names_supervisors(self, hr):
        self._refused(hr, _payload(supervisors=[UserFactory().pk]), "supervisors")

    def test_a_taken_employee_number_names_employee_number(self, hr):
        self._refused(hr, _payload(employee_number=PeerWorkerFactory().employee_number), "employee_number")

    def test_starting_as_left_names_status(self, hr):
        self._refused(hr, _payload(status="left"), "status")

    @pytest.mark.parametrize("hours", ["0.00", "60.00"])
    def test_contracted_hours_out_of_range_name_contracted_hours(self, hr, hours):
        self._refused(hr, _payload(contracted_hours=hours), "contracted_hours")

    def test_an_unknown_band_names_band(self, hr):
        self._refused(hr, _payload(band="12"), "band")

    def test_a_retired_level_names_level(self, hr):
        self._refused(hr, _payload(level=PathwayLevelFactory(is_active=False).pk), "level")


@pytest.mark.django_db
class TestChanging:
    def test_the_line_manager_updates_hours_and_supervisors(self):
        worker = PeerWorkerFactory()
        manager = client_for_user(worker.line_manager)
        new_supervisor = _supervisor()
        response = manager.patch(
            url("peer-worker-detail", worker.pk),
            {"contracted_hours": "18.75", "supervisors": [new_supervisor.pk]},
            format="json",
        )
        assert response.status_code == 200, response.content
        assert list(worker.supervisors.all()) == [new_supervisor]

    def test_level_and_band_are_not_changed_by_an_edit(self, hr):
        worker = PeerWorkerFactory()
        other = PathwayLevelFactory(band="6")
        response = hr.patch(
            url("peer-worker-detail", worker.pk), {"level": other.pk, "band": "6"}, format="json"
        )
        assert response.status_code == 200
        worker.refresh_from_db()
        assert (worker.level_id, worker.band) != (other.pk, "6")

    def test_making_the_worker_their_own_supervisor_names_supervisors(self):
        worker = PeerWorkerFactory()
        worker.user.groups.add(*_supervisor().groups.all())
        manager = client_for_user(worker.line_manager)
        response = manager.patch(
            url("peer-worker-detail", worker.pk), {"supervisors": [worker.user_id]}, format="json"
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["supervisors"]
        assert not worker.supervisors.exists()

    def test_making_the_worker_their_own_line_manager_names_line_manager(self, hr):
        worker = PeerWorkerFactory()
        manager = worker.line_manager
        response = hr.patch(
            url("peer-worker-detail", worker.pk), {"line_manager": worker.user_id}, format="json"
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["line_manager"]
        worker.refresh_from_db()
        assert worker.line_manager == manager

    def test_setting_status_to_left_points_to_the_leave_action(self, hr):
        worker = PeerWorkerFactory()
        response = hr.patch(url("peer-worker-detail", worker.pk), {"status": "left"}, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["status"]
        worker.refresh_from_db()
        assert worker.status == "active"

    def test_a_leaver_record_no_longer_changes(self, hr):
        worker = PeerWorkerFactory(status="left", leaving_date=TODAY, leaving_reason="other")
        response = hr.patch(
            url("peer-worker-detail", worker.pk), {"contracted_hours": "10.00"}, format="json"
        )
        assert response.status_code == 409
        worker.refresh_from_db()
        assert str(worker.contracted_hours) == "30.00"

    def test_a_supervisor_sees_but_cannot_change_the_record(self):
        supervisor = _supervisor()
        worker = PeerWorkerFactory(supervisors=[supervisor])
        response = client_for_user(supervisor).patch(
            url("peer-worker-detail", worker.pk), {"contracted_hours": "10.00"}, format="json"
        )
        assert response.status_code == 403
        worker.refresh_from_db()
        assert str(worker.contracted_hours) == "30.00"


@pytest.mark.django_db
class TestLeaving:
    def _leave(self, client, worker, **body):
        payload = {
            "leaving_date": str(TODAY),
            "reason": "new_job",
            "exit_interview_notes": "Enjoyed the team.",
        }
        payload.update(body)
        return client.post(url("peer-worker-leave", worker.pk), payload, format="json")

    def test_hr_records_a_leaver(self, hr):
        worker = PeerWorkerFactory()
        response = self._leave(hr, worker)
        assert response.status_code == 200, response.content
        body = response.json()
        assert (body["status"], body["leaving_date"], body["leaving_reason"]) == (
            "left",
            str(TODAY),
            "new_job",
        )
        assert body["exit_interview_notes"] == "Enjoyed the team."

    def test_the_line_manager_records_a_leaver(self):
        worker = PeerWorkerFactory()
        response = self._leave(client_for_user(worker.line_manager), worker, reason="retirement")
        assert response.status_code == 200
        worker.refresh_from_db()
        assert (worker.status, worker.leaving_reason) == ("left", "retirement")

    def test_leaving_before_starting_names_leaving_date(self, hr):
        worker = PeerWorkerFactory()
        response = self._leave(hr, worker, leaving_date=str(worker.start_date - dt.timedelta(days=1)))
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["leaving_date"]
        worker.refresh_from_db()
        assert (worker.status, worker.leaving_date) == ("active", None)

    def test_a_reason_not_on_the_list_names_reason(self, hr):
        worker = PeerWorkerFactory()
        response = self._leave(hr, worker, reason="fed_up")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["reason"]
        worker.refresh_from_db()
        assert worker.status == "active"

    def test_leaving_twice_is_a_conflict(self, hr):
        worker = PeerWorkerFactory()
        assert self._leave(hr, worker).status_code == 200
        response = self._leave(hr, worker, leaving_date=str(TODAY - dt.timedelta(days=3)), reason="other")
        assert response.status_code == 409
        worker.refresh_from_db()
        assert (worker.leaving_date, worker.leaving_reason) == (TODAY, "new_job")

    @pytest.mark.parametrize("who", ["supervisor", "self"])
    def test_the_supervisor_and_the_worker_cannot_record_leaving(self, who):
        supervisor = _supervisor()
        worker = PeerWorkerFactory(supervisors=[supervisor])
        client = client_for_user(supervisor if who == "supervisor" else worker.user)
        assert self._leave(client, worker).status_code == 403
        worker.refresh_from_db()
        assert worker.status == "active"

    def test_a_left_worker_can_then_be_taken_on_again(self, hr):
        worker = PeerWorkerFactory()
        self._leave(hr, worker)
        response = hr.post(url("peer-worker-list"), _payload(user=worker.user_id), format="json")
        assert response.status_code == 201, response.content


@pytest.mark.django_db
class TestExitInterviewNotes:
    """Exit notes are for HR and the worker's own line manager; not supervisors, not the worker."""

    @pytest.fixture
    def leaver(self):
        supervisor = _supervisor()
        team_manager = _manager()
        worker = PeerWorkerFactory(
            supervisors=[supervisor],
            status="left",
            leaving_date=TODAY,
            leaving_reason="health",
            exit_interview_notes="Would come back with a later start.",
        )
        team_manager.teams.add(worker.team)
        return worker, supervisor, team_manager

    def _notes(self, user, worker):
        response = client_for_user(user).get(url("peer-worker-detail", worker.pk))
        assert response.status_code == 200
        return response.json()["exit_interview_notes"]

    def test_hr_reads_them_and_the_line_manager_does_not(self, leaver):
        # A leaver may have left because of their manager (discrimination, the workplace culture).
        worker, _, _ = leaver
        assert self._notes(UserFactory(roles=[Role.HR]), worker) == "Would come back with a later start."
        assert self._notes(worker.line_manager, worker) is None

    def test_supervisors_the_worker_and_other_managers_of_the_team_do_not(self, leaver):
        worker, supervisor, team_manager = leaver
        assert self._notes(supervisor, worker) is None
        assert self._notes(worker.user, worker) is None
        assert self._notes(team_manager, worker) is None

    def test_hidden_in_the_list_too(self, leaver):
        _worker, supervisor, _ = leaver
        rows = client_for_user(supervisor).get(url("peer-worker-list")).json()["results"]
        assert [r["exit_interview_notes"] for r in rows] == [None]


@pytest.mark.django_db
class TestWhoSeesWhom:
    @pytest.fixture
    def workforce(self):
        manager = _manager()
        team = TeamFactory()
        manager.teams.add(team)
        supervisor = _supervisor()
        managed = PeerWorkerFactory(line_manager=manager)
        in_team = PeerWorkerFactory(team=team)
        supervised = PeerWorkerFactory(supervisors=[supervisor])
        other = PeerWorkerFactory()
        return {
            "manager": manager,
            "supervisor": supervisor,
            "managed": managed,
            "in_team": in_team,
            "supervised": supervised,
            "other": other,
        }

    def test_hr_sees_everyone(self, hr, workforce):
        wanted = {workforce[k].pk for k in ("managed", "in_team", "supervised", "other")}
        assert wanted <= _ids(hr)

    def test_a_line_manager_sees_who_they_manage_and_their_team(self, workforce):
        client = client_for_user(workforce["manager"])
        assert _ids(client) == {workforce["managed"].pk, workforce["in_team"].pk}
        assert client.get(url("peer-worker-detail", workforce["other"].pk)).status_code == 404
        assert client.get(url("peer-worker-detail", workforce["in_team"].pk)).status_code == 200

    def test_a_supervisor_sees_only_supervisees(self, workforce):
        client = client_for_user(workforce["supervisor"])
        assert _ids(client) == {workforce["supervised"].pk}
        assert client.get(url("peer-worker-detail", workforce["managed"].pk)).status_code == 404

    def test_a_peer_worker_sees_only_themselves(self, workforce):
        worker = workforce["managed"]
        client = client_for_user(worker.user)
        assert _ids(client) == {worker.pk}
        assert client.get(url("peer-worker-detail", workforce["other"].pk)).status_code == 404
        assert client.get(url("peer-worker-next-level", workforce["other"].pk)).status_code == 404

    @pytest.mark.parametrize(
        "role", [Role.INVOLVEMENT_LEAD, Role.FINANCE, Role.BOARD_MEMBER, Role.PARTICIPANT]
    )
    def test_everyone_else_sees_nothing(self, workforce, role):
        client = client_for_user(UserFactory(roles=[role]))
        assert _ids(client) == set()
        for key in ("managed", "in_team", "supervised", "other"):
            assert client.get(url("peer-worker-detail", workforce[key].pk)).status_code == 404
        response = client.post(url("peer-worker-leave", workforce["other"].pk), {}, format="json")
        assert response.status_code == 404

    def test_a_line_manager_cannot_start_a_worker(self, workforce):
        response = client_for_user(workforce["manager"]).post(
            url("peer-worker-list"), _payload(), format="json"
        )
        assert response.status_code == 403
        assert not PeerWorker.objects.filter(employee_number="T100200").exists()


@pytest.mark.django_db
class TestFilters:
    def test_by_team_level_status_supervisor_and_line_manager(self, hr):
        supervisor, manager = _supervisor(), _manager()
        level = PathwayLevelFactory()
        a = PeerWorkerFactory(supervisors=[supervisor], level=level)
        b = PeerWorkerFactory(team=a.team, line_manager=manager, status="probation")
        c = PeerWorkerFactory(
            supervisors=[supervisor], status="left", leaving_date=TODAY, leaving_reason="other"
        )
        assert _ids(hr, team=a.team_id) == {a.pk, b.pk}
        assert _ids(hr, level=level.pk) == {a.pk}
        assert _ids(hr, status="probation") & {a.pk, b.pk, c.pk} == {b.pk}
        assert _ids(hr, supervisor=supervisor.pk) == {a.pk, c.pk}
        assert _ids(hr, line_manager=manager.pk) == {b.pk}
        assert _ids(hr, supervisor=supervisor.pk, status="active") == {a.pk}
        assert _ids(hr, leaving_reason="other") & {a.pk, b.pk, c.pk} == {c.pk}

    def test_filters_only_pick_within_what_you_see(self):
        supervisor = _supervisor()
        mine = PeerWorkerFactory(supervisors=[supervisor])
        PeerWorkerFactory(team=mine.team)
        assert _ids(client_for_user(supervisor), team=mine.team_id) == {mine.pk}

    def test_an_unknown_filter_is_refused(self, hr):
        response = hr.get(url("peer-worker-list"), {"grade": "3"})
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["grade"]


@pytest.mark.django_db
class TestNextLevel:
    @pytest.fixture
    def pathway(self):
        here = PathwayLevelFactory(order=60, band="3")
        there = PathwayLevelFactory(order=61, band="4")
        PathwayLevelFactory(order=62, band="5")  # further on: not what is asked for yet
        competences = [CompetenceFactory(), CompetenceFactory()]
        courses = [TrainingCourseFactory(), TrainingCourseFactory()]
        there.required_competences.set(competences)
        there.required_courses.set(courses)
        supervisor = _supervisor()
        worker = PeerWorkerFactory(level=here, supervisors=[supervisor])
        return worker, there, competences, courses, supervisor

    def _gaps(self, worker):
        response = client_for_user(worker.user).get(url("peer-worker-next-level", worker.pk))
        assert response.status_code == 200, response.content
        body = response.json()
        return (
            body,
            {c["id"] for c in body["missing_competences"]},
            {c["id"] for c in body["missing_courses"]},
        )

    def test_lists_competences_without_sign_off_and_courses_not_in_date(self, pathway):
        worker, there, (signed, unsigned), (held, lapsed), supervisor = pathway
        CompetenceEvidenceFactory(
            worker=worker, competence=signed, signed_off_by=supervisor, signed_off_on=TODAY
        )
        CompetenceEvidenceFactory(worker=worker, competence=unsigned)
        TrainingRecordFactory(worker=worker, course=held)
        TrainingRecordFactory(worker=worker, course=lapsed, expires_on=TODAY - dt.timedelta(days=1))
        body, competences, courses = self._gaps(worker)
        assert body["next_level"]["id"] == there.pk
        assert (competences, courses, body["ready"]) == ({unsigned.pk}, {lapsed.pk}, False)

    def test_someone_elses_signed_evidence_does_not_count(self, pathway):
        worker, _, (competence, _), _, supervisor = pathway
        CompetenceEvidenceFactory(worker=worker, competence=competence)  # this worker's: not signed
        CompetenceEvidenceFactory(competence=competence, signed_off_by=supervisor, signed_off_on=TODAY)
        _, competences, _ = self._gaps(worker)
        assert competence.pk in competences

    def test_ready_when_everything_is_met(self, pathway):
        worker, _there, competences, courses, supervisor = pathway
        for competence in competences:
            CompetenceEvidenceFactory(
                worker=worker, competence=competence, signed_off_by=supervisor, signed_off_on=TODAY
            )
        for course in courses:
            TrainingRecordFactory(worker=worker, course=course)
        body, missing_competences, missing_courses = self._gaps(worker)
        assert (body["ready"], missing_competences, missing_courses) == (True, set(), set())

    def test_a_retired_requirement_no_longer_counts(self, pathway):
        worker, _, competences, courses, _ = pathway
        for item in (*competences, *courses):
            item.is_active = False
            item.save()
        body, _, _ = self._gaps(worker)
        assert body["ready"] is True

    def test_at_the_top_of_the_pathway_there_is_no_next_level(self):
        worker = PeerWorkerFactory(level=PathwayLevelFactory(order=999))
        body, competences, courses = self._gaps(worker)
        assert (body["next_level"], body["ready"], competences, courses) == (None, False, set(), set())

    def test_the_supervisor_and_line_manager_can_see_it(self, pathway):
        worker, _, _, _, supervisor = pathway
        for user in (supervisor, worker.line_manager):
            assert client_for_user(user).get(url("peer-worker-next-level", worker.pk)).status_code == 200
