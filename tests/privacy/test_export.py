"""Subject access export: one ZIP with the person's records as JSON and CSV, a README, and nobody else."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse

from accounts.models import AccessLog
from accounts.roles import Role
from privacy import services
from privacy.selectors import person_from_participant, person_from_worker
from tests.conftest import client_for_user
from tests.factories import ParticipantFactory, UserFactory
from tests.peers.factories import PeerWorkerFactory
from tests.privacy import world as w

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> w.World:
    return w.build()


def _open(content: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(content))


def _export(world, by=None):
    person = person_from_participant(world.participant)
    return services.subject_access_export(person=person, subject="participant-1", by=by or world.lead)


def _csv(archive: zipfile.ZipFile, kind: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read(f"csv/{kind}.csv").decode())))


def test_the_zip_holds_a_readme_the_json_and_a_csv_per_kind_held(world):
    archive = _open(_export(world).content)
    names = set(archive.namelist())
    assert {"README.txt", "data.json"} <= names
    expected_csvs = {
        "account",
        "register_entry",
        "participations",
        "consultation_responses",
        "payment_claims",
        "expenses",
        "panel_seats",
        "applications",
        "application_stage_moves",
        "recruitment_adjustments",
        "interviews",
        "interview_scores",
        "equality_monitoring",
        "employments",
        "level_history",
        "training_records",
        "supervision_sessions",
        "competence_evidence",
        "progression_reviews",
        "wellness_action_plans",
        "work_adjustments",
        "access_log",
        "reminders",
        "history",
    }
    assert {f"csv/{kind}.csv" for kind in expected_csvs} <= names
    # Kinds with nothing held have no file; the README says so rather than leaving a gap.
    assert "csv/offers.csv" not in names
    readme = archive.read("README.txt").decode()
    assert "offers (none held)" in readme
    assert "csv/supervision_sessions.csv (1 row)" in readme
    assert "csv/application_stage_moves.csv (4 rows)" in readme


def test_the_json_and_the_csv_carry_the_same_rows(world):
    archive = _open(_export(world).content)
    data = json.loads(archive.read("data.json"))["records"]
    assert len(data) == 28
    for name, rows in data.items():
        if rows:
            assert len(_csv(archive, name)) == len(rows), name
    register = data["register_entry"][0]
    assert register["name"] == w.SUBJECT_NAME
    assert register["email"] == w.SUBJECT_EMAIL
    assert register["accessibility_needs"] == "Step-free access and a quiet room, please."
    assert data["expenses"][0]["amount"] == "12.50"


def test_it_holds_the_persons_own_sensitive_records(world):
    archive = _open(_export(world).content)
    data = json.loads(archive.read("data.json"))["records"]
    # Their own equality answers are their data (shown to nobody else, ever).
    assert data["equality_monitoring"] == [
        {
            "application_id": world.application.pk,
            "age_band": "35 to 44",
            "ethnic_group": "Black, Black British, Caribbean or African",
            "disabled": "Yes",
            "sex": "Female",
            "gender_same_as_at_birth": "Yes",
            "lgb_plus": "No",
            "recorded_at": data["equality_monitoring"][0]["recorded_at"],
        }
    ]
    assert data["supervision_sessions"][0]["notes"] == f"{w.SUBJECT_NAME} talked through a hard week."
    assert data["wellness_action_plans"][0]["keeps_me_well"] == "Walking, and a quiet lunch."
    assert data["interview_scores"][0]["comment"] == f"{w.SUBJECT_NAME} gave clear examples."
    assert "panel_member" not in data["interview_scores"][0]
    # The old email address, changed since, is in the history they are given.
    assert any(w.SUBJECT_OLD_EMAIL in row["values"] for row in data["history"])


def test_it_holds_no_other_persons_data(world):
    content = _export(world).content
    archive = _open(content)
    everything = "\n".join(archive.read(name).decode() for name in archive.namelist())
    for other in (
        w.OTHER_NAME,
        w.OTHER_EMAIL,
        w.OTHER_APPLICANT,
        w.OTHER_WORKER_EMAIL,
        "Lee Panelcandidate",  # the candidate the subject interviewed as a panel member
        "Another person's",  # another worker's supervision notes and wellness plan
        world.other_application.email,
    ):
        assert other not in everything, other
    assert w.SUBJECT_NAME in everything


def test_each_export_is_logged_for_every_sensitive_record(world):
    AccessLog.objects.all().delete()
    _export(world, by=world.hr)
    logged = set(
        AccessLog.objects.filter(action="export", user=world.hr).values_list("record_type", flat=True)
    )
    assert logged == {
        "accounts.user",
        "involvement.participant",
        "peers.peerworker",
        "peers.wellnessactionplan",
        "peers.reasonableadjustment",
        "recruitment.application",
        "recruitment.adjustmentrequest",
        "recruitment.equalitymonitoring",
    }
    assert not AccessLog.objects.exclude(action="export").exists()


def test_the_access_log_in_the_export_says_who_read_their_records(world):
    data = json.loads(_open(_export(world).content).read("data.json"))["records"]
    readers = {(row["by"], row["record_type"]) for row in data["access_log"]}
    assert (world.lead.display_name, "involvement.participant") in readers
    assert (world.hr.display_name, "peers.wellnessactionplan") in readers


def test_export_from_the_employment_finds_the_same_person(world):
    from_worker = person_from_worker(world.worker)
    from_entry = person_from_participant(world.participant)
    assert from_worker.participant_ids == from_entry.participant_ids == [world.participant.pk]
    assert from_worker.worker_ids == from_entry.worker_ids == [world.worker.pk]
    assert from_worker.application_ids == from_entry.application_ids == [world.application.pk]


def test_a_person_with_only_a_register_entry_gets_only_that():
    participant = ParticipantFactory(name="Morgan Onlyentry")
    person = person_from_participant(participant)
    archive = _open(services.subject_access_export(person=person, subject="participant-9", by=None).content)
    data = json.loads(archive.read("data.json"))["records"]
    assert [row["name"] for row in data["register_entry"]] == ["Morgan Onlyentry"]
    assert data["account"] == [] and data["applications"] == [] and data["employments"] == []


# --- the API --------------------------------------------------------------------------------------


def _url(kind: str, pk: int) -> str:
    return reverse(f"api:privacy-{kind}-export", kwargs={"pk": pk})


def test_api_admin_downloads_a_zip(world):
    admin = UserFactory(roles=[Role.ADMIN])
    response = client_for_user(admin).get(_url("participant", world.participant.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="subject-access-participant-{world.participant.pk}-'
    )
    assert response["Cache-Control"] == "no-store"
    assert "data.json" in _open(response.content).namelist()
    assert AccessLog.objects.filter(
        user=admin, action="export", path=_url("participant", world.participant.pk)
    )


def test_api_a_person_downloads_their_own(world):
    client = client_for_user(world.user)
    assert client.get(_url("participant", world.participant.pk)).status_code == 200
    assert client.get(_url("peer-worker", world.worker.pk)).status_code == 200


def test_api_peer_worker_downloads_their_own_and_not_a_colleagues(world):
    worker = PeerWorkerFactory()
    client = client_for_user(worker.user)
    assert client.get(_url("peer-worker", worker.pk)).status_code == 200
    assert client.get(_url("peer-worker", world.worker.pk)).status_code == 404


@pytest.mark.parametrize(
    ("role", "kind", "status"),
    [
        (Role.INVOLVEMENT_LEAD, "participant", 403),
        (Role.HR, "peer-worker", 403),
        (Role.BOARD_MEMBER, "participant", 404),
        (Role.PARTICIPANT, "participant", 404),
    ],
)
def test_api_others_may_not_export(world, role, kind, status):
    pk = world.participant.pk if kind == "participant" else world.worker.pk
    response = client_for_user(UserFactory(roles=[role])).get(_url(kind, pk))
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert not AccessLog.objects.filter(action="export").exists()


def test_api_needs_a_login(client, world):
    assert client.get(_url("participant", world.participant.pk)).status_code == 401


def test_api_errors_are_json_even_when_a_zip_is_asked_for(world):
    client = client_for_user(UserFactory(roles=[Role.HR]))
    response = client.get(_url("peer-worker", world.worker.pk), HTTP_ACCEPT="application/zip")
    assert response.status_code == 403
    assert response.json()["detail"]


def test_a_cell_a_spreadsheet_would_run_is_defused_in_the_csv_only(world):
    from involvement.models import ConsultationResponse

    ConsultationResponse.objects.filter(participant=world.participant).update(body='=HYPERLINK("x","y")')
    archive = _open(_export(world).content)
    assert _csv(archive, "consultation_responses")[0]["body"] == '\'=HYPERLINK("x","y")'
    data = json.loads(archive.read("data.json"))["records"]
    assert data["consultation_responses"][0]["body"] == '=HYPERLINK("x","y")'


def test_the_readme_names_the_record_asked_about(world):
    person = person_from_worker(world.worker)
    export = services.subject_access_export(person=person, subject=f"peer-worker-{world.worker.pk}", by=None)
    readme = _open(export.content).read("README.txt").decode()
    assert f"about the person behind peer worker #{world.worker.pk}." in readme
    assert export.filename.startswith(f"subject-access-peer-worker-{world.worker.pk}-")


# --- history and sign-ins ---------------------------------------------------------------------------


def _versions(data: dict, record_type: str) -> list[tuple[str, dict]]:
    return [
        (row["change"], json.loads(row["values"]))
        for row in data["history"]
        if row["record_type"] == record_type
    ]


def test_it_holds_every_version_of_the_wellness_plan(world):
    data = json.loads(_open(_export(world).content).read("data.json"))["records"]
    versions = _versions(data, "peers.wellnessactionplan")
    assert [change for change, _ in versions] == ["created", "changed"]
    first, now = versions[0][1], versions[1][1]
    assert first["keeps_me_well"] == "Walking before work; regular breaks."
    assert first["triggers"] == f"Things {w.SUBJECT_NAME} finds hard."
    assert now["keeps_me_well"] == "Walking, and a quiet lunch."


def test_it_holds_the_versions_of_a_record_deleted_since(world):
    from peers.models import ReasonableAdjustment

    ReasonableAdjustment.objects.get(worker=world.worker).delete()
    data = json.loads(_open(_export(world).content).read("data.json"))["records"]
    assert data["work_adjustments"] == []
    versions = _versions(data, "peers.reasonableadjustment")
    assert [change for change, _ in versions] == ["created", "deleted"]
    assert versions[-1][1]["description"] == "Later start on Mondays."


def test_the_history_of_scores_says_what_was_scored_not_who_scored_it(world):
    data = json.loads(_open(_export(world).content).read("data.json"))["records"]
    versions = _versions(data, "recruitment.score")
    assert versions and versions[0][1]["comment"] == f"{w.SUBJECT_NAME} gave clear examples."
    assert all("panel_member_id" not in values for _, values in versions)
    kinds = {row["record_type"] for row in data["history"]}
    assert {
        "involvement.participation",
        "involvement.paymentclaim",
        "involvement.expenseline",
        "peers.supervisionsession",
        "recruitment.adjustmentrequest",
        "recruitment.interview",
        "recruitment.panelmember",
    } <= kinds


def test_their_sign_ins_are_in_it_with_time_address_and_browser(world):
    from rest_framework.test import APIClient

    from tests.factories import TEST_PASSWORD

    browser = APIClient(REMOTE_ADDR="198.51.100.23", HTTP_USER_AGENT="Testfox/2.0")
    signed_in = browser.post(
        "/api/v1/auth/login", {"email": w.SUBJECT_EMAIL, "password": TEST_PASSWORD}, format="json"
    )
    assert signed_in.status_code == 200

    archive = _open(_export(world).content)
    rows = json.loads(archive.read("data.json"))["records"]["sign_ins"]
    seen = [(row["signed_in_as"], row["network_address"], row["browser"]) for row in rows]
    # Both addresses the login has had; not the world's failed attempt, which could have been anyone's.
    assert seen == [
        (w.SUBJECT_OLD_EMAIL, w.SUBJECT_SIGN_IN_ADDRESS, w.SUBJECT_BROWSER),
        (w.SUBJECT_EMAIL, "198.51.100.23", "Testfox/2.0"),
    ]
    assert all(row["signed_in_at"] for row in rows)
    assert _csv(archive, "sign_ins")[1]["browser"] == "Testfox/2.0"
