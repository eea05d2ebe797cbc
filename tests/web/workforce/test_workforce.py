"""HR's peer workforce pages: the list with its search and filters, a worker's employment record and
level history, adding a worker and changing the employment, a promotion or other change of level,
recording a leaver (asked first), and the leavers summary. What HR sees and what the forms write;
who may not open the pages; mistakes shown beside their fields with nothing written."""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import AccessLog
from accounts.roles import Role
from peers.models import LevelChange, PeerWorker
from tests.factories import DirectorateFactory, TeamFactory, UserFactory
from tests.peers.factories import (
    LevelChangeFactory,
    PathwayLevelFactory,
    PeerWorkerFactory,
    WellnessActionPlanFactory,
)
from web.workforce import views

pytestmark = pytest.mark.django_db

BASE = "/workforce/"
TODAY = timezone.localdate()


def text(response) -> str:
    return response.content.decode()


def main(response) -> str:
    """The page's main content as plain words, tags and repeated spaces gone."""
    body = text(response).split('id="maincontent"', 1)[1].split("</main>", 1)[0]
    body = re.sub(r'<span class="nhsuk-table__heading" aria-hidden="true">[^<]*</span>', "", body)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def names(response) -> list[str]:
    """The workers linked in the list's table, in order."""
    body = text(response)
    table = body.split("<tbody", 1)[1].split("</tbody>", 1)[0] if "<tbody" in body else ""
    return [html.unescape(name) for name in re.findall(r'href="/workforce/\d+/">([^<]+)</a>', table)]


def summary(response) -> str:
    body = text(response)
    assert response.status_code == 400, response.status_code
    return html.unescape(body.split('class="nhsuk-error-summary"', 1)[1].split("</ul>", 1)[0])


def date_fields(name: str, value: dt.date | None) -> dict:
    if value is None:
        return {f"{name}_day": "", f"{name}_month": "", f"{name}_year": ""}
    return {f"{name}_day": value.day, f"{name}_month": value.month, f"{name}_year": value.year}


def person(first: str, last: str, *roles: str):
    return UserFactory(first_name=first, last_name=last, roles=list(roles) or [Role.PEER_WORKER])


@pytest.fixture
def hr(page_for):
    return page_for(Role.HR, first_name="Hari", last_name="Resources-Test")


@pytest.fixture
def levels():
    return [
        PathwayLevelFactory(order=71, name="Test Peer Support Worker", band="3"),
        PathwayLevelFactory(order=72, name="Test Senior Peer Support Worker", band="4"),
        PathwayLevelFactory(order=73, name="Test Peer Lead", band="5"),
    ]


@pytest.fixture
def worker(levels):
    return PeerWorkerFactory(
        user=person("Ada", "Quill-Test"),
        employee_number="E-4711",
        level=levels[0],
        start_date=TODAY - dt.timedelta(days=300),
        team=TeamFactory(name="Test Crisis Team"),
        line_manager=person("Lina", "Manager-Test", Role.LINE_MANAGER),
        probation_review_date=TODAY + dt.timedelta(days=20),
    )


# --- who may open these pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.LINE_MANAGER, Role.SUPERVISOR, Role.PEER_WORKER, Role.PARTICIPANT])
def test_everyone_but_hr_gets_the_403_page(page_for, role, worker):
    client = page_for(role)
    # Even the worker's own line manager: employment records are HR's.
    if role == Role.LINE_MANAGER:
        worker.line_manager = client.user
        worker.save()
    for path in ("", "new/", "leavers/", f"{worker.pk}/", f"{worker.pk}/edit/", f"{worker.pk}/level/"):
        response = client.get(f"{BASE}{path}")
        assert response.status_code == 403, path
        assert "These pages are for HR." in text(response)
    response = client.post(f"{BASE}{worker.pk}/leave/", {"step": "record", "reason": "other"})
    assert response.status_code == 403
    worker.refresh_from_db()
    assert worker.status == "active"


def test_a_worker_that_does_not_exist_is_the_404_page(hr):
    for path in ("999999/", "999999/edit/", "999999/level/", "999999/leave/"):
        assert hr.get(f"{BASE}{path}").status_code == 404, path


def test_the_menu_offers_the_peer_workforce_to_hr_only(hr, page_for):
    assert f'href="{BASE}">Peer workforce<' in text(hr.get("/"))
    assert f'href="{BASE}"' not in text(page_for(Role.LINE_MANAGER).get("/"))


# --- the list -------------------------------------------------------------------------------------------


def test_the_list_shows_people_still_employed_and_each_filter_narrows_it(hr, levels):
    adult = DirectorateFactory(name="Test Adult Directorate")
    crisis, recovery = (
        TeamFactory(name="Test Crisis", parent=adult),
        TeamFactory(name="Test Recovery College"),
    )
    PeerWorkerFactory(user=person("Ada", "Quill"), employee_number="N-1001", team=crisis, level=levels[0])
    PeerWorkerFactory(user=person("Bo", "Reed"), team=recovery, level=levels[1], status="probation")
    PeerWorkerFactory(user=person("Cy", "Stone"), team=recovery, level=levels[0], status="pre_start")
    PeerWorkerFactory(
        user=person("Di", "Tarn"), team=crisis, status="left", leaving_date=TODAY, leaving_reason="other"
    )
    response = hr.get(BASE)
    assert names(response) == ["Ada Quill", "Bo Reed", "Cy Stone"]
    assert "3 peer workers" in main(response)
    assert "Test Crisis Test Adult Directorate" in main(response)
    assert names(hr.get(BASE, {"status": ""})) == ["Ada Quill", "Bo Reed", "Cy Stone", "Di Tarn"]
    assert names(hr.get(BASE, {"status": "left"})) == ["Di Tarn"]
    assert names(hr.get(BASE, {"status": "probation"})) == ["Bo Reed"]
    assert names(hr.get(BASE, {"team": recovery.pk})) == ["Bo Reed", "Cy Stone"]
    assert names(hr.get(BASE, {"team": adult.pk, "status": ""})) == ["Ada Quill", "Di Tarn"]
    assert names(hr.get(BASE, {"level": levels[1].pk})) == ["Bo Reed"]
    assert names(hr.get(BASE, {"q": "quill"})) == ["Ada Quill"]
    assert names(hr.get(BASE, {"q": "N-1001"})) == ["Ada Quill"]
    assert "No peer workers match." in main(hr.get(BASE, {"q": "nobody-like-this"}))


def test_a_mistyped_filter_or_an_overlong_search_is_named_and_kept(hr, worker):
    response = hr.get(BASE, {"team": "999999", "q": "x" * 101})
    errors = summary(response)
    assert '<a href="#id_q">Keep the search to 100 characters</a>' in errors
    assert '<a href="#id_team">Choose a team or directorate from the list</a>' in errors
    assert 'value="' + "x" * 101 + '"' in text(response)
    assert names(response) == ["Ada Quill-Test"]  # the mistakes are left out, the rest still lists


def test_the_list_is_in_pages_that_keep_the_filters(hr, levels):
    team = TeamFactory()
    for index in range(30):
        PeerWorkerFactory(user=person("Test", f"Paged{index:02d}"), team=team)
    first = hr.get(BASE, {"team": team.pk})
    assert len(names(first)) == 25 and "30 peer workers" in main(first)
    assert f"team={team.pk}&amp;page=2" in text(first)
    assert len(names(hr.get(BASE, {"team": team.pk, "page": 2}))) == 5


def test_the_list_asks_as_many_queries_for_30_workers_as_for_3(hr, levels, django_assert_max_num_queries):
    def fill(count: int) -> None:
        for _ in range(count):
            PeerWorkerFactory(level=levels[0], supervisors=[UserFactory(roles=[Role.SUPERVISOR])])

    fill(3)
    with django_assert_max_num_queries(20) as few:
        assert hr.get(BASE, {"q": "Testperson"}).status_code == 200
    fill(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert hr.get(BASE, {"q": "Testperson"}).status_code == 200


# --- one worker -----------------------------------------------------------------------------------------


def test_a_workers_page_shows_the_employment_and_the_level_history_never_the_wellness_plan(
    hr, worker, levels
):
    supervisor = person("Sam", "Supervisor-Test", Role.SUPERVISOR)
    worker.supervisors.set([supervisor])
    LevelChangeFactory(
        worker=worker,
        from_level=levels[0],
        to_level=levels[1],
        from_band="3",
        to_band="4",
        recorded_by=hr.user,
    )
    WellnessActionPlanFactory(worker=worker, triggers="Test secret trigger")
    response = hr.get(f"{BASE}{worker.pk}/")
    words = main(response)
    assert response.status_code == 200
    for expected in (
        "Employee number E-4711",
        "Team Test Crisis Team",
        "Level Test Peer Support Worker",
        "Pay band Band 3",
        f"Start date {TODAY - dt.timedelta(days=300):%-d %B %Y}",
        "Contracted hours 30 hours a week",
        "Line manager Lina Manager-Test",
        "Supervisors Sam Supervisor-Test",
        "Status Active",
        f"Probation review date {TODAY + dt.timedelta(days=20):%-d %B %Y}",
        "Promotion Test Senior Peer Support Worker, band 4 Was Test Peer Support Worker, band 3 Hari",
    ):
        assert expected in words, expected
    assert "Test secret trigger" not in text(response) and "wellness" not in words.lower()
    assert "Exit interview" not in words  # not a leaver


def test_the_links_to_other_parts_pages_appear_only_when_those_pages_exist(hr, worker, monkeypatch):
    assert views._link("web:workforce:worker", pk=worker.pk) == f"{BASE}{worker.pk}/"
    assert views._link("web:no-such-part:page", pk=1) == ""
    pages = {"web:team:worker": f"/team/workers/{worker.pk}/", "web:onboarding:checklist": "/onboarding/x/"}
    monkeypatch.setattr(views, "_link", lambda name, **kwargs: pages[name])
    body = text(hr.get(f"{BASE}{worker.pk}/"))
    assert (
        f'href="/team/workers/{worker.pk}/"' in body and 'href="/onboarding/x/">Onboarding checklist<' in body
    )
    monkeypatch.setattr(views, "_link", lambda name, **kwargs: "")
    body = text(hr.get(f"{BASE}{worker.pk}/"))
    assert "/team/workers/" not in body and "Onboarding checklist" not in body


def test_a_leavers_page_shows_the_exit_interview_notes_with_care_and_logs_the_read(hr, worker):
    worker.status, worker.leaving_date, worker.leaving_reason = "left", TODAY, "discrimination"
    worker.exit_interview_notes = "Test notes: comments about my background in team meetings."
    worker.save()
    response = hr.get(f"{BASE}{worker.pk}/")
    words = main(response)
    assert "Reason Left because of discrimination" in words
    assert "Test notes: comments about my background" in words
    assert "Only HR can read these notes; the worker's line manager, supervisors and colleagues" in words
    assert "a workplace free from discrimination" in words
    assert "Change the employment details" not in words and "Record a leaver" not in words
    logged = AccessLog.objects.get()
    assert (logged.user, logged.record_type, logged.record_id) == (
        hr.user,
        "peers.peerworker",
        str(worker.pk),
    )


# --- adding a worker -------------------------------------------------------------------------------------


def new_worker_data(user, level, team, manager, **changes) -> dict:
    data = {
        "user": user.pk,
        "employee_number": "E-9001",
        "level": level.pk,
        "band": "",
        "team": team.pk,
        "line_manager": manager.pk,
        "contracted_hours": "22.5",
        **date_fields("start_date", TODAY + dt.timedelta(days=14)),
        **date_fields("probation_review_date", None),
    }
    data.update(changes)
    return data


def test_hr_adds_a_worker_as_pre_start_with_supervisors_and_the_first_level(hr, levels):
    newcomer = person("Nia", "Newstart-Test")
    busy = PeerWorkerFactory().user  # already employed: not offered
    manager = person("Lina", "Manager-Test", Role.LINE_MANAGER)
    supervisor = person("Sam", "Supervisor-Test", Role.SUPERVISOR)
    person("Fin", "Finance-Test", Role.FINANCE)
    team = TeamFactory(name="Test Crisis Team")
    page = hr.get(f"{BASE}new/")
    body = text(page)
    assert "Nia Newstart-Test" in body and busy.display_name not in body
    assert "Sam Supervisor-Test" in body and "Fin Finance-Test" not in body
    data = new_worker_data(newcomer, levels[1], team, manager, supervisors=[supervisor.pk])
    response = hr.post(f"{BASE}new/", data)
    made = PeerWorker.objects.get(user=newcomer)
    assert response.status_code == 302 and response.url == f"{BASE}{made.pk}/"
    assert (made.status, made.band, made.contracted_hours, made.line_manager) == (
        "pre_start",
        "4",
        Decimal("22.50"),
        manager,
    )
    assert list(made.supervisors.all()) == [supervisor]
    assert LevelChange.objects.get(worker=made).reason == "start"
    assert "is added as a peer worker" in main(hr.get(response.url))


def test_adding_with_mistakes_names_each_field_keeps_what_was_typed_and_writes_nothing(hr, levels):
    newcomer = person("Nia", "Newstart-Test")
    data = new_worker_data(
        newcomer,
        levels[0],
        TeamFactory(),
        person("Lina", "Manager-Test", Role.LINE_MANAGER),
        employee_number="E-KEEP-ME",
        contracted_hours="60",
        **{"start_date_day": "31", "start_date_month": "2", "start_date_year": "2026"},
    )
    del data["line_manager"]
    response = hr.post(f"{BASE}new/", data)
    errors = summary(response)
    assert '<a href="#id_line_manager">Choose a line manager</a>' in errors
    assert '<a href="#id_start_date">The start date must be a real date</a>' in errors
    assert '<a href="#id_contracted_hours">Contracted hours cannot be more than 48 a week</a>' in errors
    assert "<title>Error: Add a peer worker" in text(response)
    assert 'value="E-KEEP-ME"' in text(response) and 'value="31"' in text(response)
    assert not PeerWorker.objects.exists()


def test_the_services_refusal_shows_beside_its_field(hr, levels):
    both = person("Lee", "Both-Test", Role.PEER_WORKER, Role.LINE_MANAGER)
    response = hr.post(f"{BASE}new/", new_worker_data(both, levels[0], TeamFactory(), both))
    assert '<a href="#id_line_manager">A worker cannot be their own line manager.</a>' in summary(response)
    assert (
        "A worker cannot be their own line manager." in text(response).split('id="id_line_manager_error"')[1]
    )
    assert not PeerWorker.objects.exists()


# --- changing the employment -----------------------------------------------------------------------------


def edit_data(worker, **changes) -> dict:
    data = {
        "employee_number": worker.employee_number,
        "team": worker.team_id,
        "line_manager": worker.line_manager_id,
        "supervisors": [s.pk for s in worker.supervisors.all()],
        "contracted_hours": str(worker.contracted_hours),
        "status": worker.status,
        **date_fields("start_date", worker.start_date),
        **date_fields("probation_review_date", worker.probation_review_date),
    }
    data.update(changes)
    return data


def test_hr_changes_the_line_manager_supervisors_and_probation_review(hr, worker):
    manager = person("Nel", "Newmanager-Test", Role.LINE_MANAGER)
    first, second = (person(n, "Supervisor-Test", Role.SUPERVISOR) for n in ("Sam", "Sky"))
    review = TODAY + dt.timedelta(days=60)
    assert 'value="E-4711"' in text(hr.get(f"{BASE}{worker.pk}/edit/"))
    response = hr.post(
        f"{BASE}{worker.pk}/edit/",
        edit_data(
            worker,
            line_manager=manager.pk,
            supervisors=[first.pk, second.pk],
            status="probation",
            **date_fields("probation_review_date", review),
        ),
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert (worker.line_manager, worker.probation_review_date, worker.status) == (
        manager,
        review,
        "probation",
    )
    assert set(worker.supervisors.all()) == {first, second}


def test_a_supervisor_who_lost_the_role_stays_through_other_changes_but_is_not_offered_to_others(hr, worker):
    kept = person("Kit", "Former-Test", Role.SUPERVISOR)
    worker.supervisors.set([kept])
    kept.groups.clear()
    response = hr.post(f"{BASE}{worker.pk}/edit/", edit_data(worker, contracted_hours="20"))
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.contracted_hours == Decimal("20.00") and list(worker.supervisors.all()) == [kept]
    other = PeerWorkerFactory()
    response = hr.post(f"{BASE}{other.pk}/edit/", edit_data(other, supervisors=[kept.pk]))
    assert '<a href="#id_supervisors_0">Choose supervisors from the list</a>' in summary(response)
    assert not other.supervisors.exists()


def test_a_bad_date_in_the_employment_is_named_and_nothing_is_written(hr, worker):
    data = edit_data(worker, contracted_hours="25")
    data.update({"probation_review_date_day": "40", "probation_review_date_month": "1"})
    response = hr.post(f"{BASE}{worker.pk}/edit/", data)
    assert '<a href="#id_probation_review_date">The probation review date must be a real date</a>' in summary(
        response
    )
    assert 'value="40"' in text(response)
    worker.refresh_from_db()
    assert worker.contracted_hours == Decimal("30.00")


def test_an_employee_number_someone_else_has_is_refused_beside_it(hr, worker):
    PeerWorkerFactory(employee_number="E-TAKEN")
    response = hr.post(f"{BASE}{worker.pk}/edit/", edit_data(worker, employee_number="E-TAKEN"))
    assert '<a href="#id_employee_number">' in summary(response) and "already exists" in summary(response)
    worker.refresh_from_db()
    assert worker.employee_number == "E-4711"


def test_an_ended_employment_cannot_be_changed_or_left_again(hr, worker):
    worker.status, worker.leaving_date, worker.leaving_reason = "left", TODAY, "other"
    worker.save()
    for path in ("edit/", "level/", "leave/"):
        response = hr.get(f"{BASE}{worker.pk}/{path}")
        assert response.status_code == 302 and response.url == f"{BASE}{worker.pk}/", path
    response = hr.post(f"{BASE}{worker.pk}/edit/", edit_data(worker, status="active", contracted_hours="10"))
    assert response.status_code == 409
    assert "This employment has ended; it cannot change." in text(response)
    worker.refresh_from_db()
    assert worker.contracted_hours == Decimal("30.00")


# --- changes of level ------------------------------------------------------------------------------------


def level_data(level, when: dt.date | None, reason: str = "promotion", band: str = "") -> dict:
    return {"reason": reason, "to_level": level.pk, "band": band, **date_fields("effective_date", when)}


def test_hr_records_a_promotion_and_it_joins_the_level_history(hr, worker, levels):
    page = hr.get(f"{BASE}{worker.pk}/level/")
    assert "Counts as a promotion on the charter dashboard." in main(page)
    response = hr.post(f"{BASE}{worker.pk}/level/", level_data(levels[1], TODAY))
    assert response.status_code == 302
    worker.refresh_from_db()
    assert (worker.level, worker.band) == (levels[1], "4")
    change = LevelChange.objects.get(worker=worker)
    assert (change.reason, change.effective_date, change.recorded_by) == ("promotion", TODAY, hr.user)
    assert f"is on Test Senior Peer Support Worker, band 4, from {TODAY:%-d %B %Y}" in main(
        hr.get(response.url)
    )


def test_a_level_change_without_a_date_is_named_keeps_the_rest_and_writes_nothing(hr, worker, levels):
    response = hr.post(f"{BASE}{worker.pk}/level/", level_data(levels[2], None, reason="regrading", band="6"))
    assert '<a href="#id_effective_date">Enter the date it takes effect</a>' in summary(response)
    body = text(response)
    assert 'value="regrading" aria-describedby="id_reason_1-hint" checked' in body
    assert f'<option value="{levels[2].pk}" selected>' in body and '<option value="6" selected>' in body
    assert not LevelChange.objects.exists()


@pytest.mark.parametrize(
    ("reason", "level", "band", "field", "words"),
    [
        (
            "promotion",
            0,
            "",
            "to_level",
            "A promotion must be to a higher level than Test Peer Support Worker.",
        ),
        ("regrading", 0, "", "band", "A regrading changes the band: they are already on band 3."),
    ],
)
def test_the_progression_services_refusal_shows_beside_its_field(
    hr, worker, levels, reason, level, band, field, words
):
    response = hr.post(
        f"{BASE}{worker.pk}/level/", level_data(levels[level], TODAY, reason=reason, band=band)
    )
    assert f'<a href="#id_{field}">{words}</a>' in summary(response)
    assert not LevelChange.objects.exists()


def test_a_change_before_the_start_is_refused_beside_the_date(hr, worker, levels):
    before = worker.start_date - dt.timedelta(days=1)
    response = hr.post(f"{BASE}{worker.pk}/level/", level_data(levels[1], before))
    assert (
        '<a href="#id_effective_date">A promotion cannot take effect before the worker started.</a>'
        in summary(response)
    )
    worker.refresh_from_db()
    assert worker.level == levels[0]


# --- leavers ---------------------------------------------------------------------------------------------


def leave_data(when: dt.date | None, reason: str = "workplace_culture", notes: str = "", step: str = "check"):
    return {
        "step": step,
        "reason": reason,
        "exit_interview_notes": notes,
        **date_fields("leaving_date", when),
    }


def test_recording_a_leaver_asks_first_then_records(hr, worker):
    form = main(hr.get(f"{BASE}{worker.pk}/leave/"))
    assert "Left because of discrimination" in form and "Left because of the workplace culture" in form
    assert "Exit interview notes need special care" in form
    notes = "Test: the team's jokes made me feel I did not belong."
    check = hr.post(f"{BASE}{worker.pk}/leave/", leave_data(TODAY, notes=notes))
    assert check.status_code == 200
    words = main(check)
    assert "Record them as a leaver?" in words and "Left because of the workplace culture" in words
    assert notes in words and "a workplace free from discrimination" in words
    worker.refresh_from_db()
    assert worker.status == "active"
    back = hr.post(f"{BASE}{worker.pk}/leave/", leave_data(TODAY, notes=notes, step="change"))
    assert back.status_code == 200 and "There is a problem" not in text(back)
    assert 'value="workplace_culture" checked' in text(back) and notes in html.unescape(text(back))
    done = hr.post(f"{BASE}{worker.pk}/leave/", leave_data(TODAY, notes=notes, step="record"))
    assert done.status_code == 302 and done.url == f"{BASE}{worker.pk}/"
    worker.refresh_from_db()
    assert (worker.status, worker.leaving_date, worker.leaving_reason, worker.exit_interview_notes) == (
        "left",
        TODAY,
        "workplace_culture",
        notes,
    )


def test_a_leaving_date_before_the_start_is_refused_at_once_beside_the_date(hr, worker):
    before = worker.start_date - dt.timedelta(days=1)
    for step in ("check", "record"):
        response = hr.post(f"{BASE}{worker.pk}/leave/", leave_data(before, notes="Test kept", step=step))
        errors = summary(response)
        assert '<a href="#id_leaving_date">The leaving date cannot be before the start date.</a>' in errors
        assert f'value="{before.day}"' in text(response) and "Test kept" in text(response)
    worker.refresh_from_db()
    assert (worker.status, worker.leaving_date) == ("active", None)


def test_a_leaver_without_a_date_or_reason_is_named(hr, worker):
    response = hr.post(f"{BASE}{worker.pk}/leave/", leave_data(None, reason=""))
    errors = summary(response)
    assert '<a href="#id_leaving_date">Enter the leaving date</a>' in errors
    assert '<a href="#id_reason_0">Choose why they are leaving</a>' in errors
    worker.refresh_from_db()
    assert worker.status == "active"


def test_the_leavers_summary_counts_each_reason_in_the_period(hr):
    for days, reason in (
        (10, "discrimination"),
        (20, "workplace_culture"),
        (30, "workplace_culture"),
        (400, "new_job"),
    ):
        PeerWorkerFactory(
            start_date=TODAY - dt.timedelta(days=900),
            status="left",
            leaving_date=TODAY - dt.timedelta(days=days),
            leaving_reason=reason,
        )
    response = hr.get(f"{BASE}leavers/")
    words = main(response)
    assert (
        "Left because of discrimination Charter commitment 5: a workplace free from discrimination 1" in words
    )
    assert (
        "Left because of the workplace culture Charter commitment 5: a workplace free from discrimination 2"
        in (words)
    )
    assert "Resigned: new job 0" in words and "All leavers 3" in words
    assert "3 people left because of discrimination or the workplace culture" in words
    assert "For HR only" in words
    earlier = TODAY - dt.timedelta(days=500)
    wider = hr.get(f"{BASE}leavers/", {**date_fields("date_from", earlier), **date_fields("date_to", TODAY)})
    assert "Resigned: new job 1" in main(wider) and "All leavers 4" in main(wider)


def test_a_period_that_ends_before_it_starts_is_named(hr):
    data = {**date_fields("date_from", TODAY), **date_fields("date_to", TODAY - dt.timedelta(days=5))}
    response = hr.get(f"{BASE}leavers/", data)
    assert '<a href="#id_date_to">The last day must be the same as or after the first day</a>' in summary(
        response
    )
    assert "All leavers 0" in main(response)
