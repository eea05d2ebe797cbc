"""A line manager's and supervisor's team pages: the team page's sections and their order, one worker's
record, recording a session, signing off evidence, recording training and a progression review. Who
may open what (403 for the wrong role, 404 for someone else's worker), what is never shown (the
wellness plan, session notes to those not in the session), mistakes shown beside their field with
nothing written, and a fixed number of queries however big the team."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLog
from accounts.roles import Role
from peers.models import (
    CompetenceEvidence,
    PeerWorker,
    ProgressionReview,
    SupervisionKind,
    SupervisionSession,
    TrainingRecord,
)
from tests.factories import TeamFactory, UserFactory
from tests.peers.factories import (
    CompetenceEvidenceFactory,
    PathwayLevelFactory,
    PeerWorkerFactory,
    ProgressionReviewFactory,
    ReasonableAdjustmentFactory,
    SupervisionPolicyFactory,
    SupervisionSessionFactory,
    TrainingCourseFactory,
    TrainingRecordFactory,
    WellnessActionPlanFactory,
)
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
SECTIONS = [
    "Supervision overdue",
    "Supervision due in the next 14 days",
    "Training out of date",
    "Training running out in the next 60 days",
    "Competences waiting for sign-off",
    "Progression reviews due",
    "Probation reviews due",
    "Peer-led supervision",
]


def text(response) -> str:
    return response.content.decode()


def main(response) -> str:
    """The page's main content as plain words."""
    body = text(response).split('id="maincontent"', 1)[1].split("</main>", 1)[0]
    body = re.sub(r'<span class="nhsuk-table__heading" aria-hidden="true">[^<]*</span>', "", body)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def section(response, heading: str) -> str:
    """The words of one section of the team page, from its heading to the next."""
    words = main(response)
    start = words.index(f" {heading} ")
    ends = [words.find(f" {other} ", start + 1) for other in SECTIONS if other != heading]
    end = min([e for e in ends if e > start] or [len(words)])
    return words[start:end]


def summary(response) -> str:
    body = text(response)
    assert "nhsuk-error-summary" in body, "no error summary"
    return html.unescape(body.split('class="nhsuk-error-summary"', 1)[1].split("</div>\n</div>", 1)[0])


def date_fields(name: str, day: dt.date | None) -> dict:
    if day is None:
        return {f"{name}_day": "", f"{name}_month": "", f"{name}_year": ""}
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def person(first: str, *roles: str, **kwargs):
    return UserFactory(first_name=first, last_name="Test", roles=list(roles), **kwargs)


@pytest.fixture
def level():
    """A level with one kind of supervision every 28 days, and nothing else."""
    level = PathwayLevelFactory()
    SupervisionPolicyFactory(level=level, kind=SupervisionKind.LINE_MANAGEMENT, frequency_days=28)
    return level


@pytest.fixture
def manager():
    return person("Marlo", Role.LINE_MANAGER)


@pytest.fixture
def supervisor():
    return person("Sasha", Role.SUPERVISOR)


@pytest.fixture
def worker(level, manager, supervisor) -> PeerWorker:
    return PeerWorkerFactory(
        user=person("Perry", Role.PEER_WORKER), level=level, line_manager=manager, supervisors=[supervisor]
    )


# --- who may open these pages ---------------------------------------------------------------------


def worker_paths(worker: PeerWorker, evidence: CompetenceEvidence) -> list[str]:
    base = f"/team/{worker.pk}/"
    return [
        base,
        f"{base}supervision/new/",
        f"{base}training/new/",
        f"{base}progression/new/",
        f"{base}competences/{evidence.pk}/sign-off/",
    ]


@pytest.mark.parametrize("role", [Role.PEER_WORKER, Role.PARTICIPANT, Role.FINANCE, Role.BOARD_MEMBER])
def test_other_roles_get_the_403_page(page_for, worker, role):
    evidence = CompetenceEvidenceFactory(worker=worker)
    client = page_for(role)
    for path in ["/team/", *worker_paths(worker, evidence)]:
        response = client.get(path)
        assert response.status_code == 403, path
        assert "line managers and supervisors of peer workers" in text(response)
    assert signed_in(worker.user).get("/team/").status_code == 403  # the worker themselves


def test_someone_elses_worker_is_the_404_page(worker):
    evidence = CompetenceEvidenceFactory(worker=worker)
    for other in (person("Other", Role.LINE_MANAGER), person("Another", Role.SUPERVISOR)):
        client = signed_in(other)
        assert worker.user.first_name not in main(client.get("/team/"))
        for path in worker_paths(worker, evidence):
            assert client.get(path).status_code == 404, path
            assert client.post(path, {}).status_code == 404, path
    assert not SupervisionSession.objects.exists() and not TrainingRecord.objects.exists()
    assert signed_in(worker.line_manager).get("/team/999999/").status_code == 404


def test_evidence_of_another_worker_is_the_404_page(worker, supervisor):
    other = CompetenceEvidenceFactory()
    response = signed_in(supervisor).get(f"/team/{worker.pk}/competences/{other.pk}/sign-off/")
    assert response.status_code == 404


def test_hr_opens_a_worker_page_but_has_no_team_page(page_for, worker):
    hr = page_for(Role.HR)
    assert hr.get("/team/").status_code == 403
    response = hr.get(f"/team/{worker.pk}/")
    assert response.status_code == 200
    assert "Perry Test" in main(response) and "Back to my team" not in main(response)
    assert "Record a supervision session" in main(response)
    assert "Record a progression review" in main(response)


def test_signed_out_people_go_to_sign_in(worker):
    from django.test import Client

    response = Client().get(f"/team/{worker.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_their_own_record_is_not_a_team_page():
    both = person("Pat", Role.PEER_WORKER, Role.SUPERVISOR, Role.LINE_MANAGER)
    own = PeerWorkerFactory(user=both, line_manager=both)
    client = signed_in(both)
    assert "Pat Test" not in main(client.get("/team/"))
    assert client.get(f"/team/{own.pk}/").status_code == 404


# --- the team page --------------------------------------------------------------------------------


def test_the_manager_and_the_supervisor_each_see_the_worker(worker, manager, supervisor):
    for user, relation in ((manager, "Line manager"), (supervisor, "Supervisor")):
        response = signed_in(user).get("/team/")
        assert response.status_code == 200
        assert f'href="/team/{worker.pk}/"' in text(response)
        assert f"Perry Test {worker.team.name}" in main(response)
        assert relation in main(response).split("Everyone in your team", 1)[1]


def test_someone_both_manager_and_supervisor_gets_one_page_with_each_worker_once(level):
    team = TeamFactory()
    both = person("Bo", Role.LINE_MANAGER, Role.SUPERVISOR, teams=[team])
    worker = PeerWorkerFactory(
        user=person("Perry", Role.PEER_WORKER), level=level, team=team, line_manager=both, supervisors=[both]
    )
    supervised = PeerWorkerFactory(user=person("Sam", Role.PEER_WORKER), level=level, supervisors=[both])
    body = text(signed_in(both).get("/team/"))
    everyone = body.split("Everyone in your team", 1)[1]
    assert everyone.count(f'href="/team/{worker.pk}/"') == 1
    assert everyone.count(f'href="/team/{supervised.pk}/"') == 1
    assert "Line manager and supervisor" in everyone
    assert "for the 2 peer workers you manage or supervise" in main(signed_in(both).get("/team/"))


def build_team(manager, supervisor, level, count: int, *, start: int = 0) -> list[PeerWorker]:
    """`count` workers with something in every section of the team page."""
    today = timezone.localdate()
    course = TrainingCourseFactory(mandatory=True)
    made = []
    for index in range(start, start + count):
        worker = PeerWorkerFactory(
            user=person(f"Worker{index:02d}", Role.PEER_WORKER),
            level=level,
            line_manager=manager,
            supervisors=[supervisor],
            status=PeerWorker.Status.PROBATION,
            probation_review_date=today + 10 * DAY,
        )
        SupervisionSessionFactory(worker=worker, supervisor=supervisor, held_on=today - (30 + index) * DAY)
        TrainingRecordFactory(worker=worker, course=course, expires_on=today - DAY)
        TrainingRecordFactory(worker=worker, expires_on=today + 20 * DAY)
        CompetenceEvidenceFactory(worker=worker)
        ProgressionReviewFactory(worker=worker, reviewed_on=today - 100 * DAY, next_review_on=today + 5 * DAY)
        made.append(worker)
    return made


def test_the_team_page_asks_the_same_number_of_queries_for_3_workers_and_30(
    manager, supervisor, level, django_assert_max_num_queries
):
    build_team(manager, supervisor, level, 3)
    counts = {}
    for user in (manager, supervisor):
        client = signed_in(user)
        client.get("/team/")  # the session and the roles, read once
        with django_assert_max_num_queries(20) as few:
            response = client.get("/team/")
        counts[user.pk] = len(few.captured_queries)  # now: the log it reads from is of limited length
        assert response.status_code == 200
        assert main(response).count("Worker0") >= 3 * 5
    build_team(manager, supervisor, level, 27, start=3)
    for user in (manager, supervisor):
        client = signed_in(user)
        client.get("/team/")
        with django_assert_max_num_queries(counts[user.pk]):
            response = client.get("/team/")
        assert response.status_code == 200
        assert "Worker29" in section(response, "Supervision overdue")
        assert "Worker29" in section(response, "Probation reviews due")


def test_the_worker_page_asks_the_same_number_of_queries_for_more_records(
    worker, supervisor, django_assert_max_num_queries
):
    def records(count: int) -> None:
        for _ in range(count):
            SupervisionSessionFactory(worker=worker, supervisor=supervisor)
            TrainingRecordFactory(worker=worker)
            CompetenceEvidenceFactory(worker=worker)
            ProgressionReviewFactory(worker=worker)

    records(2)
    client = signed_in(supervisor)
    client.get(f"/team/{worker.pk}/")
    with django_assert_max_num_queries(40) as few:
        assert client.get(f"/team/{worker.pk}/").status_code == 200
    count = len(few.captured_queries)
    records(12)
    with django_assert_max_num_queries(count):
        assert client.get(f"/team/{worker.pk}/").status_code == 200


def test_the_team_page_sections_come_in_order_each_in_its_own_order(manager, supervisor, level):
    today = timezone.localdate()

    def worker(name: str, **fields) -> PeerWorker:
        return PeerWorkerFactory(
            user=person(name, Role.PEER_WORKER),
            level=level,
            line_manager=manager,
            supervisors=[supervisor],
            **fields,
        )

    slightly, very, soon = worker("Slightly"), worker("Very"), worker("Soonest")
    SupervisionSessionFactory(worker=slightly, held_on=today - 30 * DAY)
    SupervisionSessionFactory(worker=very, held_on=today - 60 * DAY)
    SupervisionSessionFactory(worker=soon, held_on=today - 20 * DAY)  # due in 8 days
    optional, mandatory = (
        TrainingCourseFactory(mandatory=False, name="Optional course"),
        TrainingCourseFactory(mandatory=True, name="Mandatory course"),
    )
    TrainingRecordFactory(worker=slightly, course=optional, expires_on=today - 40 * DAY)
    TrainingRecordFactory(worker=very, course=mandatory, expires_on=today - 2 * DAY)
    TrainingRecordFactory(worker=soon, course=optional, expires_on=today + 3 * DAY)
    TrainingRecordFactory(worker=slightly, course=mandatory, expires_on=today + 50 * DAY)
    CompetenceEvidenceFactory(worker=very, competence__name="Sharing lived experience")
    ProgressionReviewFactory(worker=very, reviewed_on=today - 100 * DAY, next_review_on=today + 10 * DAY)
    PeerWorker.objects.filter(pk=soon.pk).update(
        status=PeerWorker.Status.PROBATION, probation_review_date=today - 3 * DAY
    )
    response = signed_in(supervisor).get("/team/")
    words = main(response)
    positions = [words.index(f" {heading} ") for heading in SECTIONS]
    assert positions == sorted(positions)
    assert positions[-1] < words.index("Everyone in your team")
    overdue = section(response, "Supervision overdue")
    assert overdue.index("Very Test") < overdue.index("Slightly Test")
    assert "Soonest" not in overdue
    assert "Soonest Test Line management: due" in section(response, "Supervision due in the next 14 days")
    expired = section(response, "Training out of date")
    assert expired.index("Mandatory course") < expired.index("Optional course")  # mandatory first
    expiring = section(response, "Training running out in the next 60 days")
    assert expiring.index("Mandatory course") < expiring.index("Optional course")  # though it runs out later
    assert "Sharing lived experience" in section(response, "Competences waiting for sign-off")
    reviews = section(response, "Progression reviews due")
    assert "Very Test" in reviews and "Slightly Test" in reviews  # never reviewed in 400 days
    assert "Overdue" in section(response, "Probation reviews due") and "Soonest Test" in section(
        response, "Probation reviews due"
    )


def test_the_team_page_reports_the_share_of_peer_led_supervision(worker, supervisor):
    today = timezone.localdate()
    SupervisionSessionFactory(worker=worker, peer_led=True, held_on=today - 10 * DAY)
    SupervisionSessionFactory(worker=worker, peer_led=False, held_on=today - 40 * DAY)
    SupervisionSessionFactory(worker=worker, peer_led=False, held_on=today - 80 * DAY)
    SupervisionSessionFactory(worker=worker, peer_led=True, held_on=today - 500 * DAY)  # over a year ago
    SupervisionSessionFactory(peer_led=True, held_on=today - 5 * DAY)  # not their team
    words = section(signed_in(supervisor).get("/team/"), "Peer-led supervision")
    assert "1 of 3 supervision sessions held with your team were peer-led (33%)" in words


def test_an_empty_team_says_so(supervisor):
    words = main(signed_in(supervisor).get("/team/"))
    assert "There is no peer worker you manage or supervise yet" in words
    assert "No supervision is overdue." in words
    assert "No supervision sessions with your team were held in the last 12 months." in words


# --- a worker's page ------------------------------------------------------------------------------


def test_the_worker_page_shows_their_records(worker, manager, supervisor):
    today = timezone.localdate()
    SupervisionSessionFactory(worker=worker, supervisor=supervisor, held_on=today - 10 * DAY, peer_led=True)
    TrainingRecordFactory(worker=worker, course__name="Safeguarding adults", expires_on=today - DAY)
    CompetenceEvidenceFactory(worker=worker, competence__name="Sharing lived experience")
    ProgressionReviewFactory(
        worker=worker, outcome="development_plan", next_review_on=today + 90 * DAY, notes="Agreed a plan."
    )
    PeerWorker.objects.filter(pk=worker.pk).update(
        status=PeerWorker.Status.PROBATION, probation_review_date=today + 20 * DAY
    )
    response = signed_in(supervisor).get(f"/team/{worker.pk}/")
    words = main(response)
    assert "Line management Next due" in words and "every 28 days" in words
    assert "Sasha Test Held (60 minutes) Yes" in words
    assert re.search(r"Safeguarding adults Mandatory \d+ \w+ \d{4} Out of date", words)
    assert "Sharing lived experience" in words and "Read the evidence and sign it off" in words
    assert "Development plan agreed" in words and "Agreed a plan." in words
    assert f"Probation review Due {today + 20 * DAY:%-d %B %Y}" in words
    assert "Record a supervision session" in words
    # A supervisor who does not manage them records sessions but not training or reviews.
    assert "Record training" not in words and "Record a progression review" not in words
    managing = main(signed_in(manager).get(f"/team/{worker.pk}/"))
    assert "Record training" in managing and "Record a progression review" in managing


def test_the_onboarding_checklist_is_linked(worker, manager):
    body = text(signed_in(manager).get(f"/team/{worker.pk}/"))
    checklist = reverse("web:onboarding:checklist", kwargs={"worker": worker.pk})
    assert f'href="{checklist}"' in body


def test_the_wellness_plan_and_adjustments_are_never_shown(worker, manager, supervisor, page_for):
    WellnessActionPlanFactory(worker=worker, triggers="Rota changes at short notice")
    ReasonableAdjustmentFactory(worker=worker, description="Later start on Mondays")
    hr = page_for(Role.HR)
    for client in (signed_in(manager), signed_in(supervisor), hr):
        for path in ("/team/", f"/team/{worker.pk}/"):
            if client is hr and path == "/team/":
                continue
            body = text(client.get(path))
            assert "Rota changes at short notice" not in body and "Later start on Mondays" not in body
            assert "wellness" not in body.lower()
    assert not AccessLog.objects.exists()  # nothing special-category was read


def test_session_notes_only_for_the_two_people_in_it_and_hr(worker, manager, supervisor, page_for):
    SupervisionSessionFactory(worker=worker, supervisor=supervisor, notes="Talked about a hard week.")
    other_supervisor = person("Otto", Role.SUPERVISOR)
    worker.supervisors.add(other_supervisor)
    for client, shown in (
        (signed_in(supervisor), True),
        (page_for(Role.HR), True),
        (signed_in(manager), False),
        (signed_in(other_supervisor), False),
    ):
        body = text(client.get(f"/team/{worker.pk}/"))
        assert ("Talked about a hard week." in body) is shown
        assert ("Only for the two people in the session and HR" in body) is not shown


# --- recording a session --------------------------------------------------------------------------


def session_data(**changes) -> dict:
    data = {
        "kind": SupervisionKind.LINE_MANAGEMENT,
        **date_fields("held_on", timezone.localdate() - 2 * DAY),
        "status": "held",
        "duration_minutes": "50",
        "peer_led": "yes",
        "notes": "Went over the new rota.",
    }
    data.update(changes)
    return data


def test_the_peer_led_question_is_preset_from_whether_the_supervisor_is_a_peer_worker(worker, supervisor):
    path = f"/team/{worker.pk}/supervision/new/"
    response = signed_in(supervisor).get(path)
    assert response.status_code == 200
    assert re.search(r'id="id_peer_led_1" name="peer_led" type="radio" value="no" checked', text(response))
    assert "because you are not employed here as a peer worker" in main(response)
    PeerWorkerFactory(user=supervisor)  # a senior peer worker, in post
    response = signed_in(supervisor).get(path)
    assert re.search(r'id="id_peer_led_0" name="peer_led" type="radio" value="yes" checked', text(response))
    assert "because you work here as a peer worker" in main(response)


def test_a_supervisor_records_a_peer_led_session(worker, supervisor):
    client = signed_in(supervisor)
    response = client.post(f"/team/{worker.pk}/supervision/new/", session_data())
    assert response.status_code == 302 and response["Location"] == f"/team/{worker.pk}/"
    session = SupervisionSession.objects.get()
    assert (session.supervisor, session.recorded_by, session.peer_led) == (supervisor, supervisor, True)
    assert (session.duration_minutes, session.notes) == (50, "Went over the new rota.")
    assert "The session with Perry Test is recorded." in main(client.get(response["Location"]))


def test_a_manager_records_a_cancelled_session_not_peer_led(worker, manager):
    data = session_data(status="cancelled", peer_led="no", notes="", kind=SupervisionKind.CLINICAL)
    data.update(date_fields("held_on", timezone.localdate() + 3 * DAY))  # cancelled ahead: allowed
    assert signed_in(manager).post(f"/team/{worker.pk}/supervision/new/", data).status_code == 302
    session = SupervisionSession.objects.get()
    assert (session.status, session.peer_led, session.supervisor, session.kind) == (
        "cancelled",
        False,
        manager,
        "clinical",
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"kind": ""}, "id_kind_0", "Select the kind of supervision"),
        (date_fields("held_on", None), "id_held_on", "Enter the date of the session"),
        ({"held_on_month": "13"}, "id_held_on", "The date must be a real date"),
        ({"duration_minutes": "2"}, "id_duration_minutes", "A session must be at least 5 minutes"),
        ({"peer_led": ""}, "id_peer_led_0", "Select yes if the session was peer-led"),
        (
            date_fields("held_on", timezone.localdate() + 3 * DAY),
            "id_held_on",
            "A session in the future cannot be recorded as held.",
        ),
    ],
)
def test_a_session_with_a_mistake_says_where_and_writes_nothing(worker, supervisor, changes, field, message):
    response = signed_in(supervisor).post(f"/team/{worker.pk}/supervision/new/", session_data(**changes))
    assert response.status_code == 400
    assert f'href="#{field}">{message}' in summary(response)
    assert text(response).count(message) >= 2  # in the summary and beside the field
    assert "<title>Error: " in text(response)
    assert 'value="Went over the new rota.' in text(response) or "Went over the new rota." in text(response)
    assert not SupervisionSession.objects.exists()


# --- signing off evidence -------------------------------------------------------------------------


def test_the_supervisor_reads_the_evidence_and_signs_it_off(worker, supervisor):
    evidence = CompetenceEvidenceFactory(
        worker=worker, competence__name="Sharing lived experience", description="Spoke at the team day."
    )
    path = f"/team/{worker.pk}/competences/{evidence.pk}/sign-off/"
    page = signed_in(supervisor).get(path)
    assert "Spoke at the team day." in main(page)
    signed_day = timezone.localdate() - DAY
    response = signed_in(supervisor).post(path, date_fields("signed_off_on", signed_day))
    assert response.status_code == 302
    evidence.refresh_from_db()
    assert (evidence.signed_off_by, evidence.signed_off_on) == (supervisor, signed_day)
    # Signed: the page goes back to the worker; a second sign-off is refused and changes nothing.
    assert signed_in(supervisor).get(path).status_code == 302
    again = signed_in(supervisor).post(path, date_fields("signed_off_on", timezone.localdate()))
    assert again.status_code == 409 and "This evidence is already signed off." in summary(again)
    evidence.refresh_from_db()
    assert evidence.signed_off_on == signed_day


def test_a_sign_off_in_the_future_is_refused_beside_the_date(worker, manager):
    evidence = CompetenceEvidenceFactory(worker=worker)
    response = signed_in(manager).post(
        f"/team/{worker.pk}/competences/{evidence.pk}/sign-off/",
        date_fields("signed_off_on", timezone.localdate() + DAY),
    )
    assert response.status_code == 400
    assert 'href="#id_signed_off_on">Sign-off cannot be dated in the future.' in summary(response)
    evidence.refresh_from_db()
    assert evidence.signed_off_by is None


def test_only_their_own_supervisor_or_line_manager_signs_off(worker, level):
    """A manager of the worker's team who is not their line manager sees them but may not sign off."""
    team_manager = person("Tam", Role.LINE_MANAGER, teams=[worker.team])
    evidence = CompetenceEvidenceFactory(worker=worker)
    client = signed_in(team_manager)
    page = client.get(f"/team/{worker.pk}/")
    assert page.status_code == 200 and "sign it off" not in main(page)
    path = f"/team/{worker.pk}/competences/{evidence.pk}/sign-off/"
    assert client.get(path).status_code == 403
    assert client.post(path, date_fields("signed_off_on", timezone.localdate())).status_code == 403
    evidence.refresh_from_db()
    assert evidence.signed_off_by is None


# --- recording training ---------------------------------------------------------------------------


def test_the_line_manager_records_training_and_the_service_works_out_the_expiry(worker, manager):
    course = TrainingCourseFactory(name="Information governance", validity_months=12)
    done = timezone.localdate() - 10 * DAY
    path = f"/team/{worker.pk}/training/new/"
    client = signed_in(manager)
    assert "Information governance (mandatory)" in text(client.get(path))
    response = client.post(
        path, {"course": course.pk, **date_fields("completed_on", done), "evidence_reference": "IG-123"}
    )
    assert response.status_code == 302
    record = TrainingRecord.objects.get()
    assert (record.course, record.completed_on, record.recorded_by) == (course, done, manager)
    assert record.expires_on == done.replace(year=done.year + 1)
    banner = main(client.get(response["Location"]))
    assert "Information governance is recorded for Perry Test. It runs out on" in banner


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"course": ""}, "id_course", "Choose the course"),
        ({"course": "999999"}, "id_course", "Choose a course from the list"),
        (date_fields("completed_on", None), "id_completed_on", "Enter the date they completed it"),
        ({"completed_on_year": "26"}, "id_completed_on", "Enter the completion date as numbers"),
        (
            date_fields("completed_on", timezone.localdate() - 1000 * DAY),
            "id_completed_on",
            "This is before the worker started",
        ),
    ],
)
def test_training_with_a_mistake_says_where_and_writes_nothing(worker, manager, changes, field, message):
    course = TrainingCourseFactory()
    data = {
        "course": course.pk,
        **date_fields("completed_on", timezone.localdate()),
        "evidence_reference": "",
    }
    data.update(changes)
    response = signed_in(manager).post(f"/team/{worker.pk}/training/new/", data)
    assert response.status_code == 400
    assert f'href="#{field}">{message}' in summary(response)
    assert not TrainingRecord.objects.exists()


def test_a_supervisor_who_does_not_manage_them_cannot_record_training(worker, supervisor):
    path = f"/team/{worker.pk}/training/new/"
    assert signed_in(supervisor).get(path).status_code == 403
    course = TrainingCourseFactory()
    data = {"course": course.pk, **date_fields("completed_on", timezone.localdate())}
    assert signed_in(supervisor).post(path, data).status_code == 403
    assert not TrainingRecord.objects.exists()


# --- recording a progression review ---------------------------------------------------------------


def test_the_line_manager_records_a_progression_review(worker, manager):
    today = timezone.localdate()
    response = signed_in(manager).post(
        f"/team/{worker.pk}/progression/new/",
        {
            **date_fields("reviewed_on", today),
            "outcome": "not_yet",
            "notes": "Two competences to go.",
            **date_fields("next_review_on", today + 90 * DAY),
        },
    )
    assert response.status_code == 302
    review = ProgressionReview.objects.get()
    assert (review.reviewer, review.outcome, review.notes, review.next_review_on) == (
        manager,
        "not_yet",
        "Two competences to go.",
        today + 90 * DAY,
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"outcome": ""}, "id_outcome_0", "Select the outcome"),
        (date_fields("reviewed_on", None), "id_reviewed_on", "Enter the date of the review"),
        (
            date_fields("next_review_on", timezone.localdate() - 5 * DAY),
            "id_next_review_on",
            "The next review must come after this one.",
        ),
        (
            date_fields("reviewed_on", timezone.localdate() + 5 * DAY),
            "id_reviewed_on",
            "A review cannot be dated in the future.",
        ),
    ],
)
def test_a_review_with_a_mistake_says_where_and_writes_nothing(worker, manager, changes, field, message):
    data = {
        **date_fields("reviewed_on", timezone.localdate()),
        "outcome": "ready",
        "notes": "",
        **date_fields("next_review_on", None),
    }
    data.update(changes)
    response = signed_in(manager).post(f"/team/{worker.pk}/progression/new/", data)
    assert response.status_code == 400
    assert f'href="#{field}">{message}' in summary(response)
    assert not ProgressionReview.objects.exists()


def test_a_supervisor_who_does_not_manage_them_cannot_record_a_review(worker, supervisor, page_for):
    path = f"/team/{worker.pk}/progression/new/"
    assert signed_in(supervisor).get(path).status_code == 403
    data = {**date_fields("reviewed_on", timezone.localdate()), "outcome": "ready"}
    assert signed_in(supervisor).post(path, data).status_code == 403
    assert not ProgressionReview.objects.exists()
    assert page_for(Role.HR).post(path, data).status_code == 302  # HR records reviews for anyone


# --- menu and home --------------------------------------------------------------------------------


def test_my_team_is_in_the_menu_and_the_home_cards_link_to_it(worker, manager, supervisor, page_for):
    for user in (manager, supervisor):
        home = text(signed_in(user).get("/"))
        assert 'href="/team/">My team</a>' in home
        assert home.count('href="/team/"') >= 3  # the menu, a figure, the card's link
    PeerWorker.objects.filter(pk=worker.pk).update(start_date=timezone.localdate() - 400 * DAY)
    home = text(signed_in(supervisor).get("/"))
    assert f'href="/team/{worker.pk}/">Perry Test</a>' in home  # supervision overdue: to their page
    assert "/team/" not in text(page_for(Role.PEER_WORKER).get("/"))
    assert "/team/" not in text(page_for(Role.HR).get("/"))
