"""Competence evidence over the API: who records it, who signs it off, and what sign-off locks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from peers.models import CompetenceEvidence
from tests.api.battery import ResourceBattery
from tests.conftest import client_for_user
from tests.factories import UserFactory
from tests.peers.factories import CompetenceEvidenceFactory, CompetenceFactory, PeerWorkerFactory

TODAY = timezone.localdate()


class TestCompetenceEvidenceResource(ResourceBattery):
    basename = "competence-evidence"
    reader_role = Role.HR
    writer_role = Role.HR
    forbidden_role = Role.FINANCE
    hidden_from_role = Role.SUPERVISOR

    def make_object(self) -> CompetenceEvidence:
        supervisor = UserFactory(roles=[Role.SUPERVISOR])
        worker = PeerWorkerFactory(supervisors=[supervisor])
        CompetenceEvidenceFactory(worker=worker, signed_off_by=supervisor, signed_off_on=TODAY)
        return CompetenceEvidenceFactory(worker=worker)

    def create_payload(self) -> dict:
        return {
            "worker": PeerWorkerFactory().pk,
            "competence": CompetenceFactory().pk,
            "description": "Co-facilitated a recovery group and reflected on it in supervision.",
            "evidence_reference": "Reflective log 2",
        }

    def update_payload(self, obj: CompetenceEvidence) -> dict:
        return {"description": "Reworded after talking it through.", "evidence_reference": "Log 3"}


@pytest.fixture
def people(db):
    supervisor = UserFactory(roles=[Role.SUPERVISOR])
    worker = PeerWorkerFactory(supervisors=[supervisor])
    return worker, supervisor


def url(name: str, pk: int | None = None) -> str:
    return reverse(f"api:{name}", kwargs={"pk": pk} if pk else None)


def _record(client, worker, competence=None, **extra):
    payload = {
        "worker": worker.pk,
        "competence": (competence or CompetenceFactory()).pk,
        "description": "Supported someone to prepare for a ward round.",
    }
    payload.update(extra)
    return client.post(url("competence-evidence-list"), payload, format="json")


@pytest.mark.django_db
class TestRecording:
    def test_the_worker_records_their_own_evidence(self, people):
        worker, _ = people
        response = _record(client_for_user(worker.user), worker)
        assert response.status_code == 201, response.content
        assert response.json()["signed_off"] is False
        assert response.json()["domain"]["id"]
        assert CompetenceEvidence.objects.filter(worker=worker).count() == 1

    def test_the_supervisor_and_the_line_manager_record_evidence(self, people):
        worker, supervisor = people
        assert _record(client_for_user(supervisor), worker).status_code == 201
        assert _record(client_for_user(worker.line_manager), worker).status_code == 201
        assert CompetenceEvidence.objects.filter(worker=worker).count() == 2

    def test_a_worker_cannot_record_for_a_colleague(self, people):
        worker, _ = people
        colleague = PeerWorkerFactory(team=worker.team)
        response = _record(client_for_user(worker.user), colleague)
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["worker"]
        assert not CompetenceEvidence.objects.exists()

    def test_a_supervisor_cannot_record_for_someone_they_do_not_supervise(self, people):
        _, supervisor = people
        response = _record(client_for_user(supervisor), PeerWorkerFactory())
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["worker"]
        assert not CompetenceEvidence.objects.exists()

    def test_a_retired_competence_names_competence(self, people):
        worker, _ = people
        response = _record(client_for_user(worker.user), worker, CompetenceFactory(is_active=False))
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["competence"]
        assert not CompetenceEvidence.objects.exists()

    def test_blank_description_names_description(self, people):
        worker, _ = people
        response = _record(client_for_user(worker.user), worker, description="   ")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["description"]
        assert not CompetenceEvidence.objects.exists()

    def test_evidence_past_ten_thousand_characters_is_refused_in_plain_words(self, people):
        worker, supervisor = people
        client = client_for_user(supervisor)
        response = _record(client, worker, description="x" * 110_000)
        assert response.status_code == 400
        assert response.json()["errors"] == {"description": ["Keep evidence to 10,000 characters or fewer."]}
        assert not CompetenceEvidence.objects.exists()
        assert _record(client, worker, description="x" * 10_001).status_code == 400
        recorded = _record(client, worker, description="x" * 10_000)
        assert recorded.status_code == 201, recorded.content[:300]
        # Rewording it is held to the same limit, and leaves it as it was.
        changed = client.patch(
            url("competence-evidence-detail", recorded.json()["id"]),
            {"description": "y" * 10_001},
            format="json",
        )
        assert changed.status_code == 400, changed.content[:300]
        assert changed.json()["errors"] == {"description": ["Keep evidence to 10,000 characters or fewer."]}
        assert CompetenceEvidence.objects.get().description == "x" * 10_000

    def test_sign_off_cannot_be_set_by_recording(self, people):
        worker, supervisor = people
        response = _record(
            client_for_user(worker.user), worker, signed_off_on=str(TODAY), signed_off_by=supervisor.pk
        )
        assert response.status_code == 201
        evidence = CompetenceEvidence.objects.get()
        assert (evidence.signed_off_by, evidence.signed_off_on) == (None, None)


@pytest.mark.django_db
class TestSignOff:
    def _sign(self, user, evidence, **body):
        return client_for_user(user).post(
            url("competence-evidence-sign-off", evidence.pk), body, format="json"
        )

    def test_the_supervisor_signs_off_dated_today(self, people):
        worker, supervisor = people
        evidence = CompetenceEvidenceFactory(worker=worker)
        response = self._sign(supervisor, evidence)
        assert response.status_code == 200, response.content
        body = response.json()
        assert (body["signed_off"], body["signed_off_by"]["id"], body["signed_off_on"]) == (
            True,
            supervisor.pk,
            str(TODAY),
        )

    def test_the_line_manager_signs_off_with_an_earlier_date(self, people):
        worker, _ = people
        evidence = CompetenceEvidenceFactory(worker=worker)
        when = TODAY - dt.timedelta(days=14)
        response = self._sign(worker.line_manager, evidence, signed_off_on=str(when))
        assert response.status_code == 200
        evidence.refresh_from_db()
        assert (evidence.signed_off_by, evidence.signed_off_on) == (worker.line_manager, when)

    def test_the_worker_cannot_sign_off_their_own_evidence(self, people):
        worker, _ = people
        evidence = CompetenceEvidenceFactory(worker=worker)
        response = self._sign(worker.user, evidence)
        assert response.status_code == 403
        assert "supervisor or line manager" in response.json()["detail"]
        evidence.refresh_from_db()
        assert evidence.signed_off_by is None

    def test_hr_cannot_sign_off_practice_they_did_not_supervise(self, people):
        worker, _ = people
        evidence = CompetenceEvidenceFactory(worker=worker)
        response = self._sign(UserFactory(roles=[Role.HR]), evidence)
        assert response.status_code == 403
        assert "supervisor or line manager" in response.json()["detail"]
        evidence.refresh_from_db()
        assert evidence.signed_off_by is None

    def test_another_manager_of_the_team_cannot_sign_off(self, people):
        # Seeing the team's records is not the same as having watched this person's practice.
        worker, _ = people
        team_manager = UserFactory(roles=[Role.LINE_MANAGER], teams=[worker.team])
        evidence = CompetenceEvidenceFactory(worker=worker)
        assert self._sign(team_manager, evidence).status_code == 403
        evidence.refresh_from_db()
        assert evidence.signed_off_by is None

    def test_a_stranger_gets_404(self, people):
        worker, _ = people
        evidence = CompetenceEvidenceFactory(worker=worker)
        assert self._sign(UserFactory(roles=[Role.SUPERVISOR]), evidence).status_code == 404

    def test_signing_twice_is_a_conflict(self, people):
        worker, supervisor = people
        evidence = CompetenceEvidenceFactory(worker=worker)
        self._sign(supervisor, evidence, signed_off_on=str(TODAY - dt.timedelta(days=2)))
        response = self._sign(worker.line_manager, evidence)
        assert response.status_code == 409
        evidence.refresh_from_db()
        assert (evidence.signed_off_by, evidence.signed_off_on) == (supervisor, TODAY - dt.timedelta(days=2))

    def test_a_future_date_names_signed_off_on(self, people):
        worker, supervisor = people
        evidence = CompetenceEvidenceFactory(worker=worker)
        response = self._sign(supervisor, evidence, signed_off_on=str(TODAY + dt.timedelta(days=1)))
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["signed_off_on"]
        evidence.refresh_from_db()
        assert evidence.signed_off_by is None

    def test_signed_evidence_is_locked(self, people):
        worker, supervisor = people
        evidence = CompetenceEvidenceFactory(worker=worker, signed_off_by=supervisor, signed_off_on=TODAY)
        client = client_for_user(supervisor)
        response = client.patch(
            url("competence-evidence-detail", evidence.pk), {"description": "x"}, format="json"
        )
        assert response.status_code == 409
        assert client.delete(url("competence-evidence-detail", evidence.pk)).status_code == 409
        evidence.refresh_from_db()
        assert evidence.description != "x"


@pytest.mark.django_db
class TestWhoSees:
    def test_each_sees_the_evidence_of_whom_they_see(self, people):
        worker, supervisor = people
        mine = CompetenceEvidenceFactory(worker=worker)
        other = CompetenceEvidenceFactory()
        for user in (worker.user, supervisor, worker.line_manager):
            client = client_for_user(user)
            ids = {row["id"] for row in client.get(url("competence-evidence-list")).json()["results"]}
            assert ids == {mine.pk}
            assert client.get(url("competence-evidence-detail", other.pk)).status_code == 404

    @pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.INVOLVEMENT_LEAD, Role.PARTICIPANT])
    def test_nobody_else_sees_any(self, role):
        evidence = CompetenceEvidenceFactory()
        client = client_for_user(UserFactory(roles=[role]))
        assert client.get(url("competence-evidence-list")).json()["results"] == []
        assert client.get(url("competence-evidence-detail", evidence.pk)).status_code == 404


@pytest.mark.django_db
class TestFilters:
    def _ids(self, client, **params) -> set[int]:
        response = client.get(url("competence-evidence-list"), params)
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    def test_by_worker_competence_domain_and_signed_off(self, people):
        worker, supervisor = people
        hr = client_for_user(UserFactory(roles=[Role.HR]))
        competence = CompetenceFactory()
        signed = CompetenceEvidenceFactory(
            worker=worker, competence=competence, signed_off_by=supervisor, signed_off_on=TODAY
        )
        unsigned = CompetenceEvidenceFactory(worker=worker)
        elsewhere = CompetenceEvidenceFactory(competence=competence)
        assert self._ids(hr, worker=worker.pk) == {signed.pk, unsigned.pk}
        assert self._ids(hr, competence=competence.pk) == {signed.pk, elsewhere.pk}
        assert self._ids(hr, domain=competence.domain_id) == {signed.pk, elsewhere.pk}
        assert self._ids(hr, worker=worker.pk, signed_off="true") == {signed.pk}
        assert self._ids(hr, worker=worker.pk, signed_off="false") == {unsigned.pk}

    def test_an_unknown_filter_is_refused(self, people):
        response = client_for_user(UserFactory(roles=[Role.HR])).get(
            url("competence-evidence-list"), {"signed": 1}
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["signed"]
