"""Recruitment's reminder rules: DBS rechecks, vacancies closing, interviews tomorrow; fixed query cost."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from involvement import services as involvement_services
from involvement.models import Participant, Participation
from peers.models import PeerWorker, SupervisionPolicy
from recruitment import models as rm
from recruitment import services
from reminders import registry
from reminders.models import Reminder
from reminders.services import reminders_plan, reminders_send_due
from tests.factories import ParticipantFactory, UserFactory
from tests.peers.factories import PeerWorkerFactory
from tests.recruitment.factories import ApplicationFactory, VacancyFactory

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def _no_supervision_policies(db):
    """The seeded policies would make hired workers' supervision due: peers' rule, tested there."""
    SupervisionPolicy.objects.all().delete()


@pytest.fixture
def now() -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(timezone.localdate() + 2 * DAY, dt.time(10)))


@pytest.fixture
def today(now) -> dt.date:
    return timezone.localdate(now)


def owed(rule: str, now: dt.datetime) -> list[registry.Due]:
    return list(registry.get(f"recruitment.{rule}").due(now))


def to(items) -> set[tuple[str, str]]:
    return {(d.recipient_email, d.occasion) for d in items}


def queries(rule: str, now: dt.datetime) -> int:
    with CaptureQueriesContext(connection) as ctx:
        list(registry.get(f"recruitment.{rule}").due(now))
    return len(ctx.captured_queries)


def tomorrow_at(now: dt.datetime, hour: int = 11) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(timezone.localdate(now) + DAY, dt.time(hour)))


# --- DBS rechecks -----------------------------------------------------------------------------------


def hired_with_dbs(vacancy: rm.Vacancy, recheck_due: dt.date, **worker) -> rm.PreEmploymentCheck:
    application = ApplicationFactory(vacancy=vacancy)
    application.hired_worker = PeerWorkerFactory(**worker)
    application.save(update_fields=["hired_worker"])
    return rm.PreEmploymentCheck.objects.create(
        application=application,
        kind=rm.CheckKind.DBS,
        status=rm.PreEmploymentCheck.Status.CLEAR,
        dbs_certificate_date=recheck_due.replace(year=recheck_due.year - 3),
        recheck_due=recheck_due,
    )


class TestDbsRecheck:
    def test_every_hr_officer_hears_sixty_days_ahead(self, now, today):
        vacancy = VacancyFactory()  # makes one HR officer of its own
        other_hr = UserFactory(roles=[Role.HR])
        UserFactory(roles=[Role.HR], is_active=False)
        check = hired_with_dbs(vacancy, today + 60 * DAY)
        items = owed("dbs_recheck_due", now)
        hr_emails = set(
            User.objects.filter(groups__name=Role.HR, is_active=True).values_list("email", flat=True)
        )
        assert len(hr_emails) == 2 and other_hr.email in hr_emails
        assert to(items) == {(email, f"recheck:{check.recheck_due}") for email in hr_emails}
        assert {d.subject_line for d in items} == {"A DBS recheck is due soon"}
        assert items[0].link == "/"
        worker = check.application.hired_worker
        assert worker.employee_number in items[0].body
        assert worker.user.last_name not in items[0].body  # the number, not the name
        assert vacancy.hiring_manager.email not in {d.recipient_email for d in items}

    def test_overdue_rechecks_are_named_as_such(self, now, today):
        VacancyFactory()
        hired_with_dbs(VacancyFactory(), today - 5 * DAY)
        assert {d.subject_line for d in owed("dbs_recheck_due", now)} == {"A DBS recheck is overdue"}

    def test_nothing_far_off_not_hired_other_checks_or_leavers(self, now, today):
        vacancy = VacancyFactory()
        hired_with_dbs(vacancy, today + 61 * DAY)
        hired_with_dbs(vacancy, today + 5 * DAY, status=PeerWorker.Status.LEFT, leaving_date=today)
        not_hired = ApplicationFactory(vacancy=vacancy)
        rm.PreEmploymentCheck.objects.create(
            application=not_hired, kind=rm.CheckKind.DBS, recheck_due=today + 5 * DAY
        )
        identity = hired_with_dbs(vacancy, today + 5 * DAY)
        identity.kind = rm.CheckKind.IDENTITY
        identity.save()
        assert owed("dbs_recheck_due", now) == []

    def test_a_recheck_recorded_is_a_new_reminder_later(self, now, today):
        check = hired_with_dbs(VacancyFactory(), today + 30 * DAY)
        assert reminders_plan(now=now) == 1
        check.recheck_due = today + 3 * 365 * DAY
        check.save()
        assert reminders_plan(now=now) == 0
        assert reminders_plan(now=now + (3 * 365 - 30) * DAY) == 1


# --- vacancies closing ------------------------------------------------------------------------------


class TestVacancyClosing:
    def test_hiring_manager_hears_the_day_before(self, now):
        vacancy = VacancyFactory(closes_at=tomorrow_at(now, 17))
        items = owed("vacancy_closing", now)
        assert to(items) == {(vacancy.hiring_manager.email, f"closing-1d:{timezone.localdate(now) + DAY}")}
        assert items[0].subject_line == "A vacancy you manage closes tomorrow"
        assert items[0].link == "/"

    def test_nothing_for_other_days_or_vacancies_not_open(self, now):
        VacancyFactory(closes_at=tomorrow_at(now) + DAY)
        VacancyFactory(closes_at=tomorrow_at(now), status=rm.Vacancy.Status.DRAFT)
        VacancyFactory(closes_at=tomorrow_at(now), status=rm.Vacancy.Status.WITHDRAWN)
        assert owed("vacancy_closing", now) == []


# --- interviews tomorrow ----------------------------------------------------------------------------


def schedule(now, application, panel) -> rm.Interview:
    starts = tomorrow_at(now)
    return services.interview_schedule(
        application=application,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        panel=panel,
        by=UserFactory(roles=[Role.HR]),
        location="Room 4, Test House",
    )


class TestInterviewTomorrow:
    def test_the_panel_staff_and_register_members(self, now):
        application = ApplicationFactory()
        staff = UserFactory(roles=[Role.LINE_MANAGER])
        login = UserFactory(roles=[Role.PARTICIPANT])
        person = ParticipantFactory(user=login)
        interview = schedule(
            now,
            application,
            [{"user": application.vacancy.hiring_manager}, {"user": staff}, {"participant": person}],
        )
        items = owed("interview_tomorrow", now)
        occasion = f"before-1d:{timezone.localdate(now) + DAY}"
        assert to(items) == {
            (application.vacancy.hiring_manager.email, occasion),
            (staff.email, occasion),
            (person.email, occasion),
        }
        assert {d.recipient_user_id for d in items} == {
            application.vacancy.hiring_manager.pk,
            staff.pk,
            login.pk,
        }
        assert {d.subject_line for d in items} == {"You are on an interview panel tomorrow"}
        # Staff open the home page; the register member opens the panel's activity among their own.
        place = interview.panel.get(participant=person).participation
        links = {d.recipient_email: d.link for d in items}
        assert links == {
            application.vacancy.hiring_manager.email: "/",
            staff.email: "/",
            person.email: f"/involvement/activities/{place.activity_id}/",
        }
        for item in items:
            assert application.applicant_name not in item.body  # the candidate stays private
            assert "Room 4, Test House" in item.body

    def test_the_panel_activity_is_not_reminded_twice(self, now):
        application = ApplicationFactory()
        schedule(
            now,
            application,
            [{"user": application.vacancy.hiring_manager}, {"participant": ParticipantFactory()}],
        )
        assert list(registry.get("involvement.activity_tomorrow").due(now)) == []
        assert len(owed("interview_tomorrow", now)) == 2

    def test_register_members_who_withdrew_consent_or_their_place_hear_nothing(self, now):
        application = ApplicationFactory()
        withdrawn, gave_up = ParticipantFactory(), ParticipantFactory()
        interview = schedule(
            now,
            application,
            [
                {"user": application.vacancy.hiring_manager},
                {"participant": withdrawn},
                {"participant": gave_up},
            ],
        )
        involvement_services.participant_consent_withdraw(participant=withdrawn, by=UserFactory())
        Participation.objects.filter(panel_seat__interview=interview, participant=gave_up).update(
            status=Participation.Status.DECLINED
        )
        assert {d.recipient_email for d in owed("interview_tomorrow", now)} == {
            application.vacancy.hiring_manager.email
        }

    def test_a_member_who_withdraws_with_a_panellists_address_does_not_silence_them(self, now):
        application = ApplicationFactory()
        panellist = ParticipantFactory(email="panel.member@test.example")
        schedule(now, application, [{"user": application.vacancy.hiring_manager}, {"participant": panellist}])
        reminders_plan(now=now)
        planned = Reminder.objects.get(rule="recruitment.interview_tomorrow", recipient_id=str(panellist.pk))
        login = UserFactory(roles=[Role.PARTICIPANT])
        impostor = ParticipantFactory(user=login)
        involvement_services.participant_update(
            participant=impostor, by=login, self_service=True, email=panellist.email
        )
        involvement_services.participant_consent_withdraw(participant=impostor, by=login)
        planned.refresh_from_db()
        assert planned.state == Reminder.State.PLANNED
        mail.outbox.clear()
        reminders_send_due(now=now + dt.timedelta(hours=1))
        assert [m.subject for m in mail.outbox if m.to == [panellist.email]] == [
            "You are on an interview panel tomorrow"
        ]

    def test_nothing_for_other_days_or_ended_applications(self, now):
        later = ApplicationFactory()
        starts = tomorrow_at(now) + DAY
        services.interview_schedule(
            application=later,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=1),
            panel=[{"user": later.vacancy.hiring_manager}],
            by=UserFactory(roles=[Role.HR]),
            panel_override_reason="Test: no lived-experience member available",
        )
        ended = ApplicationFactory()
        schedule(now, ended, [{"user": ended.vacancy.hiring_manager}, {"participant": ParticipantFactory()}])
        services.application_advance(
            application=ended,
            to_stage=ended.vacancy.stages.get(kind=rm.StageKind.WITHDRAWN),
            by=UserFactory(roles=[Role.HR]),
            reason="Test",
        )
        assert owed("interview_tomorrow", now) == []


# --- planning twice, query counts, end to end ---------------------------------------------------------


def make_many(rule: str, now: dt.datetime, vacancy: rm.Vacancy, n: int) -> None:
    today = timezone.localdate(now)
    for _ in range(n):
        if rule == "dbs_recheck_due":
            hired_with_dbs(vacancy, today + 10 * DAY)
        elif rule == "vacancy_closing":
            VacancyFactory(closes_at=tomorrow_at(now, 17))
        else:
            application = ApplicationFactory(vacancy=vacancy)
            schedule(now, application, [{"user": UserFactory()}, {"participant": ParticipantFactory()}])


@pytest.mark.parametrize("rule", ["dbs_recheck_due", "vacancy_closing", "interview_tomorrow"])
def test_query_count_does_not_grow_with_subjects(rule, now):
    vacancy = VacancyFactory(closes_at=now + 30 * DAY)
    make_many(rule, now, vacancy, 3)
    few_items = len(owed(rule, now))
    few = queries(rule, now)
    make_many(rule, now, vacancy, 27)
    assert len(owed(rule, now)) == 10 * few_items
    assert queries(rule, now) == few


def test_planning_twice_adds_nothing_and_end_to_end_mail(now):
    vacancy = VacancyFactory(closes_at=tomorrow_at(now, 17))
    hired_with_dbs(vacancy, timezone.localdate(now) + 10 * DAY)
    application = ApplicationFactory(vacancy=vacancy)
    schedule(now, application, [{"user": vacancy.hiring_manager}, {"participant": ParticipantFactory()}])
    created = reminders_plan(now=now)
    hr = User.objects.filter(groups__name=Role.HR).count()
    assert created == hr + 1 + 2  # every HR officer for the DBS, the manager for closing, two on the panel
    assert reminders_plan(now=now) == 0
    mail.outbox.clear()
    assert reminders_send_due(now=now) == created == len(mail.outbox)
    names = list(Participant.objects.values_list("name", flat=True)) + list(
        rm.Application.objects.values_list("applicant_name", flat=True)
    )
    for message in mail.outbox:
        assert not any(name in message.subject or name in message.body for name in names), message.subject
        assert "/api/" not in message.body
