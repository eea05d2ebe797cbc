"""Hiring pages for HR, hiring managers and interview panels: scheduling an interview with its panel
(register members found by their contact details, the register's refusal beside the person), changing,
cancelling and deciding it; each panel member's scores (their own, or HR from a paper sheet); the
interviews a person sits on; the offer (two HR officers making the last one at once), its answer and
withdrawal; the six checks with the DBS dates; and the hire. Who may open what; bad input shown
beside its field with nothing written; lists that ask the same queries for 3 rows as for 30."""

from __future__ import annotations

import datetime as dt
import html
import re
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from accounts.models import AccessLog
from accounts.roles import Role
from involvement.models import Activity, PaymentClaim
from peers.models import PeerWorker
from recruitment import models as rm
from recruitment import services
from tests.factories import ParticipantFactory, UserFactory
from tests.recruitment.factories import ApplicationFactory, VacancyFactory, move_to
from tests.recruitment.late_stage import accepted, clear_checks, hr_user, interview, offer, panel_rate
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db

BASE = "/recruitment/hiring/"


def text(response) -> str:
    return response.content.decode()


def main(response) -> str:
    """The page's main content as plain words, tags and repeated spaces gone."""
    body = text(response).split('id="maincontent"', 1)[1].split("</main>", 1)[0]
    body = re.sub(r'<span class="nhsuk-table__heading" aria-hidden="true">[^<]*</span>', "", body)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def summary(response) -> list[tuple[str, str]]:
    """The error summary's links: (the input it points at, the message)."""
    box = text(response).split('class="nhsuk-error-summary"', 1)
    assert len(box) == 2, "no error summary"
    return [
        (href, html.unescape(message))
        for href, message in re.findall(r'<a href="(#[^"]+)">([^<]+)</a>', box[1].split("</ul>")[0])
    ]


def field_error(response, field: str) -> str:
    """The message shown beside the input `field`."""
    found = re.search(rf'id="id_{field}_error">(.*?)</span>\s*(?:<|$)', text(response), re.S)
    assert found, f"no message beside {field}"
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1)).replace("Error:", "").strip())


def day_after(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def with_criteria(vacancy: rm.Vacancy) -> list[rm.Criterion]:
    hr = hr_user()
    return [
        services.criterion_create(vacancy=vacancy, name=name, max_score=5, order=order, by=hr)
        for order, name in enumerate(["Test values and compassion", "Test using lived experience"])
    ]


@pytest.fixture
def hr(page_for) -> Client:
    return page_for(Role.HR, first_name="Hana", last_name="Recruiter-Test")


@pytest.fixture
def application() -> rm.Application:
    """An application at the interview stage, for a lived-experience role with two criteria."""
    app = move_to(ApplicationFactory(applicant_name="Test Candidate Ash"), "interview")
    with_criteria(app.vacancy)
    return app


@pytest.fixture
def manager(application) -> Client:
    return signed_in(application.vacancy.hiring_manager)


def schedule_data(**changes) -> dict:
    data = {
        "date": day_after(7).isoformat(),
        "start_time": "10:00",
        "end_time": "11:00",
        "location": "Room 4, Test House",
        "online_link": "",
        "register_1": "",
        "register_2": "",
        "staff_1": "",
        "staff_2": "",
        "staff_3": "",
        "panel_override_reason": "",
    }
    data.update(changes)
    return data


def written() -> tuple[int, ...]:
    return (
        rm.Interview.objects.count(),
        rm.PanelMember.objects.count(),
        Activity.objects.count(),
        rm.Score.objects.count(),
        rm.Offer.objects.count(),
        PeerWorker.objects.count(),
    )


# --- who may open these pages --------------------------------------------------------------------


def test_people_without_a_hiring_role_get_the_403_page(page_for, application):
    made = interview(application)
    board = page_for(Role.BOARD_MEMBER)
    for path in (
        f"applications/{application.pk}/",
        f"applications/{application.pk}/interviews/new/",
        f"applications/{application.pk}/offer/",
        f"applications/{application.pk}/checks/",
        f"applications/{application.pk}/hire/",
        "interviews/mine/",
        f"interviews/{made.pk}/",
        f"interviews/{made.pk}/scores/",
    ):
        assert board.get(BASE + path).status_code == 403, path
    peer = page_for(Role.PEER_WORKER)
    assert peer.get(f"{BASE}applications/{application.pk}/interviews/new/").status_code == 403
    assert "for HR and the vacancy's hiring manager" in main(
        peer.get(f"{BASE}applications/{application.pk}/")
    )


def test_a_line_manager_who_is_not_hiring_sees_nothing_of_it(page_for, application):
    made = interview(application)
    other = page_for(Role.LINE_MANAGER)
    for path in (
        f"applications/{application.pk}/",
        f"applications/{application.pk}/interviews/new/",
        f"applications/{application.pk}/checks/",
        f"interviews/{made.pk}/",
        f"interviews/{made.pk}/edit/",
        f"interviews/{made.pk}/outcome/",
    ):
        assert other.get(BASE + path).status_code == 404, path
    assert other.get(f"{BASE}applications/999999/").status_code == 404


def test_the_hiring_manager_schedules_and_follows_but_offers_checks_and_hire_are_hrs(manager, application):
    made = accepted(application)
    assert manager.get(f"{BASE}applications/{made.pk}/interviews/new/").status_code == 200
    checks = manager.get(f"{BASE}applications/{made.pk}/checks/")
    assert checks.status_code == 200 and "Criminal record check (DBS)" in main(checks)
    assert f'href="{BASE}checks/' not in text(checks)  # no update links
    live = made.offers.get()
    for path in (
        f"applications/{made.pk}/offer/",
        f"applications/{made.pk}/hire/",
        f"offers/{live.pk}/answer/",
        f"offers/{live.pk}/withdraw/",
        f"checks/{made.checks.first().pk}/",
    ):
        response = manager.get(BASE + path)
        assert response.status_code == 403, path
        assert "Only HR makes offers, works the pre-employment checks and hires." in main(response)


def test_the_menu_offers_interviews_i_sit_on_to_managers_supervisors_and_hr(page_for):
    link = f'href="{BASE}interviews/mine/"'
    for role in (Role.HR, Role.LINE_MANAGER, Role.SUPERVISOR):
        assert link in text(page_for(role).get("/")), role
    assert link not in text(page_for(Role.FINANCE).get("/"))


# --- scheduling ----------------------------------------------------------------------------------


def test_hr_schedules_an_interview_with_a_register_member_found_by_email_and_staff(hr, application):
    person = ParticipantFactory(name="Test Rowan Register", email="rowan.register@test.example")
    chair = UserFactory(roles=[Role.LINE_MANAGER], first_name="Chair", last_name="Testperson")
    page = hr.get(f"{BASE}applications/{application.pk}/interviews/new/")
    assert page.status_code == 200 and "This role asks for lived experience" in main(page)
    assert f'<option value="{chair.pk}">Chair Testperson</option>' in text(page)
    response = hr.post(
        f"{BASE}applications/{application.pk}/interviews/new/",
        schedule_data(
            register_1="ROWAN.register@test.example", staff_1=chair.pk, online_link="https://meet.test/abc"
        ),
    )
    made = rm.Interview.objects.get()
    assert response.status_code == 302 and response.url == f"{BASE}interviews/{made.pk}/"
    assert timezone.localtime(made.starts_at).date() == day_after(7)
    seats = {(m.user_id, m.participant_id, m.lived_experience) for m in made.panel.all()}
    assert seats == {(None, person.pk, True), (chair.pk, None, False)}
    assert made.activity.participations.get().participant == person  # invited through the register
    assert AccessLog.objects.filter(record_type="involvement.participant", record_id=str(person.pk)).exists()
    detail = hr.get(response.url)
    words = main(detail)
    assert "The interview is scheduled for Test Candidate Ash." in words
    assert "Test Rowan Register Register member With lived experience" in words
    assert "Chair Testperson Member of staff" in words


def test_a_register_member_is_found_by_phone_however_it_is_written(hr, application):
    person = ParticipantFactory(phone="07700 900123")
    response = hr.post(
        f"{BASE}applications/{application.pk}/interviews/new/", schedule_data(register_1="+44 7700-900123")
    )
    assert response.status_code == 302
    assert rm.PanelMember.objects.get().participant == person


def test_scheduling_without_a_date_names_the_field_keeps_what_was_typed_and_writes_nothing(hr, application):
    before = written()
    response = hr.post(
        f"{BASE}applications/{application.pk}/interviews/new/",
        schedule_data(date="", location="Room 9, Kept House", end_time="half ten"),
    )
    assert response.status_code == 400
    assert summary(response)[:2] == [
        ("#id_date", "Enter the date of the interview"),
        ("#id_end_time", "Enter the end time as a real time, like 14:00"),
    ]
    assert "<title>Error: " in text(response)
    assert 'value="Room 9, Kept House"' in text(response)
    assert written() == before


def test_the_registers_refusal_is_shown_beside_the_person_it_is_about(hr, application):
    ParticipantFactory(email="willing@test.example")
    ParticipantFactory(email="withdrawn@test.example", consent_withdrawn_at=timezone.now())
    before = written()
    response = hr.post(
        f"{BASE}applications/{application.pk}/interviews/new/",
        schedule_data(register_1="willing@test.example", register_2="withdrawn@test.example"),
    )
    assert response.status_code == 400
    message = "This person has not given consent to be contacted, or has withdrawn it."
    assert summary(response) == [("#id_register_2", message)]
    assert field_error(response, "register_2") == message
    assert 'value="withdrawn@test.example"' in text(response)
    assert written() == before  # not the interview, nor the panel's involvement activity


def test_a_contact_no_one_on_the_register_has_is_said_so(hr, application):
    ParticipantFactory(email="someone.else@test.example")
    response = hr.post(
        f"{BASE}applications/{application.pk}/interviews/new/",
        schedule_data(register_1="else@test.example"),  # part of an address finds no one
    )
    assert response.status_code == 400
    assert field_error(response, "register_1").startswith(
        "No one on the involvement register has this email address or phone number."
    )


def test_a_lived_experience_role_needs_someone_with_lived_experience_or_a_reason(hr, application):
    staff = UserFactory(roles=[Role.SUPERVISOR])
    url = f"{BASE}applications/{application.pk}/interviews/new/"
    response = hr.post(url, schedule_data(staff_1=staff.pk))
    assert response.status_code == 400
    assert field_error(response, "register_1").startswith(
        "A lived-experience role needs at least one panel member"
    )
    assert not rm.Interview.objects.exists()
    response = hr.post(url, schedule_data(staff_1=staff.pk, staff_2=staff.pk))
    assert field_error(response, "staff_2") == "Choose a different member of staff for each seat"
    response = hr.post(url, schedule_data(staff_1=staff.pk, staff_1_lived="on"))
    assert response.status_code == 302
    assert rm.PanelMember.objects.get().lived_experience is True


# --- changing, cancelling, the outcome -----------------------------------------------------------


def test_moving_the_interview_moves_the_panels_activity(hr, application):
    made = interview(
        application, panel=[{"participant": ParticipantFactory()}], starts_in=dt.timedelta(days=3)
    )
    page = hr.get(f"{BASE}interviews/{made.pk}/edit/")
    assert page.status_code == 200 and 'value="Room 4, Test House"' in text(page)
    response = hr.post(
        f"{BASE}interviews/{made.pk}/edit/",
        {"date": day_after(10).isoformat(), "start_time": "14:00", "end_time": "15:30", "location": "Room 5"},
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert timezone.localtime(made.starts_at).date() == day_after(10)
    assert made.activity.starts_at == made.starts_at and made.activity.venue == "Room 5"


def test_an_interview_that_ends_before_it_starts_is_refused_beside_the_end_time(manager, application):
    made = interview(application, starts_in=dt.timedelta(days=3))
    response = manager.post(
        f"{BASE}interviews/{made.pk}/edit/",
        {"date": day_after(10).isoformat(), "start_time": "14:00", "end_time": "13:00"},
    )
    assert response.status_code == 400
    assert summary(response) == [("#id_end_time", "An interview must end after it starts.")]
    assert field_error(response, "end_time") == "An interview must end after it starts."
    assert rm.Interview.objects.get().starts_at == made.starts_at


def test_cancelling_asks_first_then_cancels_the_panels_activity_with_the_reason(hr, application):
    person = ParticipantFactory(name="Test Panel Person")
    made = interview(application, panel=[{"participant": person}], starts_in=dt.timedelta(days=3))
    page = hr.get(f"{BASE}interviews/{made.pk}/cancel/")
    assert "Cancel the interview?" in main(page) and "Test Panel Person" in main(page)
    assert rm.Interview.objects.exists()
    response = hr.post(f"{BASE}interviews/{made.pk}/cancel/", {"reason": "The candidate is unwell."})
    assert response.status_code == 302
    assert not rm.Interview.objects.exists()
    activity = Activity.objects.get()
    assert (activity.status, activity.cancelled_reason) == ("cancelled", "The candidate is unwell.")


def test_the_outcome_waits_for_the_interview_and_then_pays_the_register_member(hr, application):
    panel_rate(Decimal("75.00"))
    person = ParticipantFactory()
    later = interview(application, panel=[{"participant": person}], starts_in=dt.timedelta(days=2))
    response = hr.post(f"{BASE}interviews/{later.pk}/outcome/", {"outcome": "appointable"})
    assert response.status_code == 400
    assert (
        field_error(response, "outcome") == "The outcome can be recorded once the interview has taken place."
    )
    response = hr.post(f"{BASE}interviews/{later.pk}/outcome/", {})
    assert summary(response) == [("#id_outcome_0", "Select what the panel decided")]
    held = interview(application, panel=[{"participant": ParticipantFactory()}])
    page = hr.get(f"{BASE}interviews/{held.pk}/outcome/")
    assert "a claim for the panel is made" in main(page)
    response = hr.post(f"{BASE}interviews/{held.pk}/outcome/", {"outcome": "appointable", "notes": "Strong."})
    assert response.status_code == 302
    held.refresh_from_db()
    assert (held.outcome, held.outcome_notes) == ("appointable", "Strong.")
    assert PaymentClaim.objects.get().involvement_amount == Decimal("75.00")
    assert not PaymentClaim.objects.filter(participant=person).exists()
    # Decided: the outcome, the edit and the cancel pages go back to the interview.
    for path in ("outcome/", "edit/", "cancel/"):
        assert hr.get(f"{BASE}interviews/{held.pk}/{path}").url == f"{BASE}interviews/{held.pk}/"


# --- scores --------------------------------------------------------------------------------------


def scores_data(criteria, *values, comments=("", "")) -> dict:
    data = {}
    for criterion, value, comment in zip(criteria, values, comments, strict=True):
        data[f"c{criterion.pk}-score"] = value
        data[f"c{criterion.pk}-comment"] = comment
    return data


def test_a_staff_panel_member_records_their_own_scores_and_sees_only_them(page_for, application):
    criteria = list(application.vacancy.criteria.all())
    panellist = page_for(Role.SUPERVISOR, first_name="Sam", last_name="Panel-Test")
    colleague = UserFactory(roles=[Role.LINE_MANAGER], first_name="Cole", last_name="Other-Test")
    made = interview(
        application, panel=[{"user": panellist.user, "lived_experience": True}, {"user": colleague}]
    )
    theirs = made.panel.get(user=colleague)
    services.score_record(
        interview=made,
        panel_member=theirs,
        criterion=criteria[0],
        score=2,
        comment="Their note",
        by=colleague,
    )
    page = panellist.get(f"{BASE}interviews/{made.pk}/scores/")
    assert page.status_code == 200
    assert "Score for Test values and compassion" in main(page) and "A whole number from 1 to 5." in main(
        page
    )
    response = panellist.post(
        f"{BASE}interviews/{made.pk}/scores/", scores_data(criteria, "4", "5", comments=("Warm.", ""))
    )
    assert response.status_code == 302 and response.url == f"{BASE}interviews/{made.pk}/"
    mine = made.panel.get(user=panellist.user)
    assert sorted(mine.scores.values_list("score", "comment")) == [(4, "Warm."), (5, "")]
    detail = panellist.get(response.url)
    words = main(detail)
    assert "Your scores are saved." in words and "Total 9 of 10" in words
    assert "Their note" not in words and "2 of 5" not in words
    assert "You see your own scores only." in words
    # Changing one score changes that score only.
    panellist.post(
        f"{BASE}interviews/{made.pk}/scores/", scores_data(criteria, "3", "5", comments=("Warm.", ""))
    )
    assert sorted(mine.scores.values_list("score", flat=True)) == [3, 5]
    # Someone else's seat is not theirs to score.
    assert panellist.get(f"{BASE}interviews/{made.pk}/scores/{theirs.pk}/").status_code == 403


def test_a_score_out_of_range_is_refused_beside_it_and_no_score_is_saved(page_for, application):
    criteria = list(application.vacancy.criteria.all())
    panellist = page_for(Role.LINE_MANAGER)
    made = interview(application, panel=[{"user": panellist.user, "lived_experience": True}])
    response = panellist.post(f"{BASE}interviews/{made.pk}/scores/", scores_data(criteria, "4", "9"))
    assert response.status_code == 400
    assert summary(response) == [
        (f"#id_c{criteria[1].pk}-score", "Score Test using lived experience from 1 to 5.")
    ]
    assert 'value="9"' in text(response)
    assert not rm.Score.objects.exists()  # not even the good one: the sheet is saved whole or not at all
    response = panellist.post(f"{BASE}interviews/{made.pk}/scores/", scores_data(criteria, "four", ""))
    assert [message for _, message in summary(response)] == [
        "Enter the score for Test values and compassion as a whole number, like 3",
        "Enter a score for Test using lived experience",
    ]
    assert not rm.Score.objects.exists()


def test_hr_types_in_a_register_members_paper_sheet_but_not_a_staff_members(hr, application):
    criteria = list(application.vacancy.criteria.all())
    person = ParticipantFactory(name="Test Paper Sheet")
    staff = UserFactory(roles=[Role.LINE_MANAGER])
    made = interview(application, panel=[{"participant": person}, {"user": staff}])
    seat = made.panel.get(participant=person)
    detail = main(hr.get(f"{BASE}interviews/{made.pk}/"))
    assert "Record Test Paper Sheet's scores from their paper sheet" in detail
    page = hr.get(f"{BASE}interviews/{made.pk}/scores/{seat.pk}/")
    assert "Test Paper Sheet's scores" in main(page) and "paper sheet" in main(page)
    response = hr.post(f"{BASE}interviews/{made.pk}/scores/{seat.pk}/", scores_data(criteria, "5", "4"))
    assert response.status_code == 302
    assert sorted(seat.scores.values_list("score", flat=True)) == [4, 5]
    assert "Test Paper Sheet's scores are saved." in main(hr.get(response.url))
    refused = hr.get(f"{BASE}interviews/{made.pk}/scores/{made.panel.get(user=staff).pk}/")
    assert refused.status_code == 403 and "record their own scores" in main(refused)
    assert hr.get(f"{BASE}interviews/{made.pk}/scores/999999/").status_code == 404


def test_a_panel_member_sees_only_the_interviews_they_sit_on(page_for, application):
    panellist = page_for(Role.LINE_MANAGER)
    mine = interview(application, panel=[{"user": panellist.user, "lived_experience": True}])
    other = interview(move_to(ApplicationFactory(), "interview"))
    assert panellist.get(f"{BASE}interviews/{mine.pk}/").status_code == 200
    assert panellist.get(f"{BASE}interviews/{other.pk}/").status_code == 404
    assert panellist.get(f"{BASE}interviews/{other.pk}/scores/").status_code == 404
    # They see the interview, not the application's hiring: its offer and checks are not theirs.
    hub = panellist.get(f"{BASE}applications/{application.pk}/")
    assert hub.status_code == 200 and "Pre-employment checks" not in main(hub)
    assert panellist.get(f"{BASE}applications/{application.pk}/checks/").status_code == 403
    page = panellist.get(f"{BASE}interviews/mine/")
    assert f'href="{BASE}interviews/{mine.pk}/"' in text(page)
    assert f'href="{BASE}interviews/{other.pk}/"' not in text(page)
    assert "Not scored yet" in main(page)


def test_the_hiring_manager_not_on_the_panel_reads_every_score_but_records_none(manager, application):
    criteria = list(application.vacancy.criteria.all())
    staff = UserFactory(roles=[Role.LINE_MANAGER], first_name="Pat", last_name="Scorer-Test")
    made = interview(application, panel=[{"user": staff, "lived_experience": True}])
    services.score_record(
        interview=made, panel_member=made.panel.get(), criterion=criteria[0], score=3, by=staff
    )
    words = main(manager.get(f"{BASE}interviews/{made.pk}/"))
    assert "1 of 2 criteria scored" in words and "3 of 5" in words
    refused = manager.get(f"{BASE}interviews/{made.pk}/scores/")
    assert refused.status_code == 403 and "You are not on this interview's panel." in main(refused)


def test_once_decided_the_scores_are_shown_but_cannot_change(page_for, application):
    criteria = list(application.vacancy.criteria.all())
    panellist = page_for(Role.LINE_MANAGER)
    made = interview(application, panel=[{"user": panellist.user, "lived_experience": True}])
    services.interview_record_outcome(interview=made, outcome="not_appointable", by=hr_user())
    page = panellist.get(f"{BASE}interviews/{made.pk}/scores/")
    assert "can no longer change" in main(page) and "<form" not in text(page).split('id="maincontent"')[1]
    response = panellist.post(f"{BASE}interviews/{made.pk}/scores/", scores_data(criteria, "3", "3"))
    assert response.status_code == 400
    assert "The outcome is recorded; scores can no longer change." in [m for _, m in summary(response)]
    assert not rm.Score.objects.exists()


def test_interviews_i_sit_on_asks_as_many_queries_for_30_as_for_3(page_for, django_assert_max_num_queries):
    panellist = page_for(Role.LINE_MANAGER)
    app = move_to(ApplicationFactory(), "interview")
    criteria = with_criteria(app.vacancy)

    def sit(count: int) -> None:
        for index in range(count):
            made = interview(
                app,
                panel=[{"user": panellist.user, "lived_experience": True}],
                starts_in=dt.timedelta(days=index + 1),
            )
            services.score_record(
                interview=made,
                panel_member=made.panel.get(),
                criterion=criteria[0],
                score=3,
                by=panellist.user,
            )

    sit(3)
    with django_assert_max_num_queries(15) as few:
        page = panellist.get(f"{BASE}interviews/mine/")
    assert page.status_code == 200 and main(page).count("1 of 2 scored") == 3
    sit(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = panellist.get(f"{BASE}interviews/mine/")
    assert main(page).count("1 of 2 scored") == 25


def test_an_applications_hiring_asks_as_many_queries_for_many_interviews_as_for_one(
    hr, application, django_assert_max_num_queries
):
    criteria = list(application.vacancy.criteria.all())

    def more(count: int) -> None:
        for _ in range(count):
            staff = UserFactory(roles=[Role.LINE_MANAGER])
            made = interview(
                application,
                panel=[{"participant": ParticipantFactory()}, {"user": staff}],
                starts_in=dt.timedelta(days=2),
            )
            services.score_record(
                interview=made,
                panel_member=made.panel.get(user=staff),
                criterion=criteria[0],
                score=4,
                by=staff,
            )

    more(1)
    paths = [f"{BASE}applications/{application.pk}/", f"{BASE}interviews/{rm.Interview.objects.get().pk}/"]
    counts = []
    for path in paths:
        with django_assert_max_num_queries(30) as few:
            assert hr.get(path).status_code == 200
        counts.append(len(few.captured_queries))
    more(9)
    for path, count in zip(paths, counts, strict=True):
        with django_assert_max_num_queries(count):
            assert hr.get(path).status_code == 200


# --- the offer ----------------------------------------------------------------------------------


def offer_data(**changes) -> dict:
    start = day_after(40)
    data = {
        "start_date_day": str(start.day),
        "start_date_month": str(start.month),
        "start_date_year": str(start.year),
        "salary_point": "Band 3, step 1",
        "annual_salary": "24071.00",
    }
    data.update(changes)
    return data


def test_hr_makes_an_offer(hr, application):
    app = move_to(application, "offer")
    page = hr.get(f"{BASE}applications/{app.pk}/offer/")
    assert "1 post for this vacancy; 0 already offered or filled." in main(page)
    response = hr.post(f"{BASE}applications/{app.pk}/offer/", offer_data())
    assert response.status_code == 302
    made = rm.Offer.objects.get()
    assert (made.start_date, made.salary_point, made.annual_salary, made.status) == (
        day_after(40),
        "Band 3, step 1",
        Decimal("24071.00"),
        "made",
    )
    hub = main(hr.get(f"{BASE}applications/{app.pk}/"))
    assert "The offer to Test Candidate Ash is made." in hub
    assert "Made, waiting for an answer" in hub and "£24,071.00 a year" in hub
    assert "Record their answer to the offer" in hub and "Make an offer" not in hub


def test_an_offer_with_mistakes_names_each_field_and_writes_nothing(hr, application):
    past = day_after(-1)
    response = hr.post(
        f"{BASE}applications/{application.pk}/offer/",
        offer_data(
            start_date_day=str(past.day),
            start_date_month=str(past.month),
            start_date_year=str(past.year),
            annual_salary="0",
        ),
    )
    assert response.status_code == 400
    assert summary(response) == [("#id_annual_salary", "The salary must be more than 0.")]
    response = hr.post(
        f"{BASE}applications/{application.pk}/offer/",
        offer_data(
            start_date_day=str(past.day), start_date_month=str(past.month), start_date_year=str(past.year)
        ),
    )
    assert summary(response) == [("#id_start_date", "The start date cannot be in the past.")]
    assert f'value="{past.year}"' in text(response)
    response = hr.post(
        f"{BASE}applications/{application.pk}/offer/",
        offer_data(start_date_day="31", start_date_month="2", salary_point=""),
    )
    assert summary(response) == [
        ("#id_start_date", "The start date must be a real date"),
        ("#id_salary_point", "Enter the salary point"),
    ]
    assert not rm.Offer.objects.exists()


def test_when_the_posts_are_filled_the_offer_is_refused_and_nothing_is_written(hr, application):
    offer(ApplicationFactory(vacancy=application.vacancy))  # the only post
    response = hr.post(f"{BASE}applications/{application.pk}/offer/", offer_data())
    assert response.status_code == 400
    assert [message for _, message in summary(response)] == [
        "All 1 post(s) for this vacancy are already offered or filled."
    ]
    assert rm.Offer.objects.count() == 1


def _race(clients: list[Client], applications: list[rm.Application]) -> list[tuple[int, str]]:
    """Two HR officers make an offer at the same moment, each from their own browser (thread, connection)."""
    barrier = threading.Barrier(len(clients))
    said: list[tuple[int, str]] = []

    def make(client: Client, app: rm.Application) -> None:
        try:
            barrier.wait()
            response = client.post(f"{BASE}applications/{app.pk}/offer/", offer_data())
            said.append((response.status_code, text(response)))
        finally:
            connection.close()

    threads = [threading.Thread(target=make, args=pair) for pair in zip(clients, applications, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return said


@pytest.mark.django_db(transaction=True)
def test_two_hr_officers_making_the_last_offer_at_once_one_succeeds_the_other_is_told_the_posts_are_filled():
    """On PostgreSQL the vacancy's row lock in offer_make queues the second offer behind the first."""
    officers = [signed_in(UserFactory(roles=[Role.HR])) for _ in range(2)]
    for _round in range(4):
        vacancy = VacancyFactory(posts=2)
        offer(ApplicationFactory(vacancy=vacancy))  # one of the two posts is offered: one left
        contenders = [move_to(ApplicationFactory(vacancy=vacancy), "offer") for _ in range(2)]
        said = _race(officers, contenders)
        assert sorted(code for code, _ in said) == [302, 400], [code for code, _ in said]
        refused = next(body for code, body in said if code == 400)
        assert "There is a problem" in refused
        assert "All 2 post(s) for this vacancy are already offered or filled." in refused
        live = rm.Offer.objects.filter(application__vacancy=vacancy, status__in=["made", "accepted"])
        assert live.count() == 2
        assert live.filter(application__in=contenders).count() == 1


def test_recording_a_yes_opens_the_six_checks(hr, application):
    made = offer(application)
    response = hr.post(f"{BASE}offers/{made.pk}/answer/", {})
    assert summary(response) == [("#id_answer_0", "Select what they said")]
    response = hr.post(f"{BASE}offers/{made.pk}/answer/", {"answer": "accepted"})
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.status == "accepted"
    application.refresh_from_db()
    assert application.stage.code == "checks" and application.checks.count() == 6
    words = main(hr.get(f"{BASE}applications/{application.pk}/"))
    assert "Test Candidate Ash accepted the offer. The six pre-employment checks are open." in words
    assert "Not clear yet: Identity, Right to work" in words
    # Answered: the page goes back to the application.
    assert hr.get(f"{BASE}offers/{made.pk}/answer/").status_code == 302


def test_recording_a_no_ends_the_application_and_frees_the_post(hr, application):
    made = offer(application)
    response = hr.post(f"{BASE}offers/{made.pk}/answer/", {"answer": "declined"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage.code == "withdrawn" and not application.checks.exists()
    assert services.posts_taken(vacancy=application.vacancy) == 0


def test_withdrawing_asks_first_and_a_hired_persons_offer_cannot_be_withdrawn(hr, application):
    made = offer(application)
    page = hr.get(f"{BASE}offers/{made.pk}/withdraw/")
    assert "Withdraw the offer?" in main(page)
    assert hr.post(f"{BASE}offers/{made.pk}/withdraw/").status_code == 302
    made.refresh_from_db()
    assert made.status == "withdrawn"
    hired = accepted()
    clear_checks(hired)
    services.application_hire(application=hired, employee_number="E-TEST-1", by=hr_user())
    live = hired.offers.get()
    response = hr.post(f"{BASE}offers/{live.pk}/withdraw/")
    assert response.status_code == 409
    assert "This person has been hired; the offer cannot be withdrawn." in main(response)
    live.refresh_from_db()
    assert live.status == "accepted"


# --- checks and hire -----------------------------------------------------------------------------


def dbs_data(status: str, when: dt.date | None = None, **changes) -> dict:
    data = {
        "status": status,
        "dbs_certificate_date_day": str(when.day) if when else "",
        "dbs_certificate_date_month": str(when.month) if when else "",
        "dbs_certificate_date_year": str(when.year) if when else "",
        "notes": "",
    }
    data.update(changes)
    return data


def test_the_checklist_shows_the_six_checks_in_order_with_the_dbs_dates(hr, application):
    app = accepted(application)
    dbs = app.checks.get(kind="dbs")
    certificate = day_after(-30)
    services.check_update(check=dbs, by=hr_user(), status="clear", dbs_certificate_date=certificate)
    page = hr.get(f"{BASE}applications/{app.pk}/checks/")
    words = main(page)
    table = text(page).split("<tbody", 1)[1]
    kinds = [html.escape(label) for _, label in rm.CheckKind.choices]
    assert [table.index(label) for label in kinds] == sorted(table.index(label) for label in kinds)
    due = services.dbs_recheck_due(certificate)
    assert f"Certificate {certificate.day} {certificate:%B %Y} Recheck due {due.day} {due:%B %Y}" in words
    assert text(page).count(f'href="{BASE}checks/') == 6
    assert "Not clear yet: Identity, Right to work, Professional registration" in words


def test_a_check_is_updated_and_the_dbs_needs_its_certificate_date_to_clear(hr, application):
    app = accepted(application)
    dbs = app.checks.get(kind="dbs")
    url = f"{BASE}checks/{dbs.pk}/"
    assert "The recheck falls due 3 years after it" in main(hr.get(url))
    response = hr.post(url, dbs_data("clear"))
    assert response.status_code == 400
    assert summary(response) == [
        ("#id_dbs_certificate_date", "Record the DBS certificate date to clear this check.")
    ]
    response = hr.post(url, dbs_data("clear", day_after(5)))
    assert field_error(response, "dbs_certificate_date") == "The certificate date cannot be in the future."
    response = hr.post(
        url,
        dbs_data(
            "clear",
            dbs_certificate_date_day="30",
            dbs_certificate_date_month="2",
            dbs_certificate_date_year="2026",
        ),
    )
    assert summary(response) == [("#id_dbs_certificate_date", "The certificate date must be a real date")]
    assert 'value="30"' in text(response)
    dbs.refresh_from_db()
    assert (dbs.status, dbs.dbs_certificate_date) == ("not_started", None)
    certificate = day_after(-10)
    response = hr.post(url, dbs_data("clear", certificate, notes="Seen by Hana."))
    assert response.status_code == 302 and response.url == f"{BASE}applications/{app.pk}/checks/"
    dbs.refresh_from_db()
    assert (dbs.status, dbs.dbs_certificate_date, dbs.recheck_due, dbs.notes) == (
        "clear",
        certificate,
        services.dbs_recheck_due(certificate),
        "Seen by Hana.",
    )
    registration = app.checks.get(kind="registration")
    page = hr.get(f"{BASE}checks/{registration.pk}/")
    assert "dbs_certificate_date" not in text(page)
    hr.post(f"{BASE}checks/{registration.pk}/", {"status": "not_required", "notes": ""})
    registration.refresh_from_db()
    assert (registration.status, registration.required) == ("not_required", False)
    hr.post(f"{BASE}checks/{registration.pk}/", {"status": "in_progress", "notes": ""})
    registration.refresh_from_db()
    assert (registration.status, registration.required) == ("in_progress", True)
    response = hr.post(f"{BASE}checks/{registration.pk}/", {"status": "", "notes": ""})
    assert summary(response) == [("#id_status_0", "Select where the check stands")]


def test_hire_shows_the_services_refusal_until_the_checks_are_clear(hr, application):
    app = accepted(application)
    clear_checks(app, leave=("work_health", "identity"))
    page = hr.get(f"{BASE}applications/{app.pk}/hire/")
    assert "Not clear yet: Identity, Work health assessment." in main(page)
    before = written()
    response = hr.post(f"{BASE}applications/{app.pk}/hire/", {"employee_number": "E-TEST-7"})
    assert response.status_code == 400
    assert [message for _, message in summary(response)] == [
        "Hiring needs every required check clear. Not clear yet: Identity, Work health assessment."
    ]
    assert 'value="E-TEST-7"' in text(response)
    assert written() == before
    hub = main(hr.get(f"{BASE}applications/{app.pk}/"))
    assert "Not clear yet: Identity, Work health assessment." in hub and "Hire Test Candidate Ash" not in hub


def test_hr_hires_once_every_check_is_clear(hr, application):
    app = accepted(application)
    clear_checks(app)
    assert "Hire Test Candidate Ash" in main(hr.get(f"{BASE}applications/{app.pk}/"))
    response = hr.post(f"{BASE}applications/{app.pk}/hire/", {"employee_number": ""})
    assert summary(response) == [("#id_employee_number", "Enter the new starter's employee number")]
    response = hr.post(f"{BASE}applications/{app.pk}/hire/", {"employee_number": "E-TEST-8"})
    assert response.status_code == 302
    worker = PeerWorker.objects.get()
    app.refresh_from_db()
    assert app.hired_worker == worker and worker.employee_number == "E-TEST-8"
    assert worker.user.email == app.email and worker.line_manager == app.vacancy.hiring_manager
    words = main(hr.get(f"{BASE}applications/{app.pk}/"))
    assert "Test Candidate Ash is hired." in words and "Hired Their peer worker record is made" in words
    assert hr.get(f"{BASE}applications/{app.pk}/hire/").status_code == 302


def test_an_address_that_already_has_an_account_is_named_by_hr_before_hiring(hr, application):
    app = accepted(application)
    clear_checks(app)
    existing = UserFactory(email=app.email)
    response = hr.post(f"{BASE}applications/{app.pk}/hire/", {"employee_number": "E-TEST-9"})
    assert response.status_code == 400
    assert field_error(response, "account").startswith(
        "The application's email address already belongs to an account"
    )
    response = hr.post(
        f"{BASE}applications/{app.pk}/hire/",
        {"employee_number": "E-TEST-9", "account": "nobody@test.example"},
    )
    assert field_error(response, "account") == "No account you can see has this email address"
    assert not PeerWorker.objects.exists()
    response = hr.post(
        f"{BASE}applications/{app.pk}/hire/", {"employee_number": "E-TEST-9", "account": app.email.upper()}
    )
    assert response.status_code == 302
    assert PeerWorker.objects.get().user == existing


def test_the_applications_own_page_shows_the_hiring_section(hr, application):
    made = interview(application)
    response = hr.get(f"/recruitment/vacancies/{application.vacancy_id}/applications/{application.pk}/")
    assert response.status_code == 200
    words = main(response)
    assert "Interviews" in words and "Schedule an interview" in words
    assert f'href="{BASE}interviews/{made.pk}/"' in text(response)
    assert "The six checks open when the candidate accepts an offer." in words
