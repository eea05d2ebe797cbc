"""Unsuccessful applicants are erased by beat once their application ended long enough ago; figures stay."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from accounts.models import RetentionRun
from accounts.roles import Role
from privacy import services, tasks
from privacy.services.retention import months_before
from recruitment import models as rm
from tests.factories import ParticipantFactory, UserFactory
from tests.privacy.helpers import board_figures, equality_figures, where_text_appears
from tests.recruitment.factories import ApplicationFactory, VacancyFactory, move_to
from tests.recruitment.report_data import hire, reject

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _ended(name: str, *, months_ago: int, code: str = "rejected", vacancy=None, **fields) -> rm.Application:
    hr = UserFactory(roles=[Role.HR])
    application = ApplicationFactory(
        applicant_name=name,
        email=f"{name.lower().replace(' ', '.')}@test.example",
        phone="07700 900555",
        supporting_statement=f"My name is {name}.",
        adjustments=["Large print, please."],
        equality={"ethnic_group": "asian", "disabled": "no"},
        **({"vacancy": vacancy} if vacancy else {}),
        **fields,
    )
    application = move_to(application, "shortlisted", by=hr)
    if code == "rejected":
        application = reject(application, hr)
    else:
        stage = application.vacancy.stages.get(code=code)
        from recruitment import services as recruitment_services

        application = recruitment_services.application_advance(
            application=application, to_stage=stage, by=hr, reason=f"{name} withdrew."
        )
    rm.Application.objects.filter(pk=application.pk).update(
        stage_entered_at=months_before(NOW, months_ago) - dt.timedelta(days=1)
    )
    return rm.Application.objects.get(pk=application.pk)


def test_months_before_keeps_the_day_or_takes_the_months_last():
    moment = dt.datetime(2026, 3, 31, 9, 30, tzinfo=dt.UTC)
    assert months_before(moment, 1) == dt.datetime(2026, 2, 28, 9, 30, tzinfo=dt.UTC)
    assert months_before(moment, 12) == dt.datetime(2025, 3, 31, 9, 30, tzinfo=dt.UTC)
    assert months_before(moment, 25) == dt.datetime(2024, 2, 29, 9, 30, tzinfo=dt.UTC)


def test_applications_that_ended_over_a_year_ago_are_erased_and_the_run_recorded():
    old_rejected = _ended("Ari Longagoreject", months_ago=13)
    old_withdrawn = _ended("Bo Longagowithdrew", months_ago=14, code="withdrawn")
    recent = _ended("Cy Recentreject", months_ago=11)

    run = services.unsuccessful_applicants_erase(now=NOW)

    assert (run.rule, run.removed) == (RetentionRun.Rule.UNSUCCESSFUL_APPLICANTS, 2)
    assert run.details["recruitment.application"] == 2
    assert run.cutoff == months_before(NOW, 12)
    for erased in (old_rejected, old_withdrawn):
        erased.refresh_from_db()
        assert erased.applicant_name == "Erased applicant"
        assert erased.email == f"erased-{erased.pk}@erased.invalid"
    assert where_text_appears("Longagoreject", "Longagowithdrew", "ari.longagoreject") == []
    recent.refresh_from_db()
    assert recent.applicant_name == "Cy Recentreject"
    assert where_text_appears("Cy Recentreject")


def test_figures_are_the_same_after_the_rule_runs():
    vacancy = VacancyFactory()
    for n in range(3):
        _ended(f"Dee Oldapplicant{n}", months_ago=13, vacancy=vacancy)
    _ended("Eli Newapplicant", months_ago=2, vacancy=vacancy)
    board, equality = board_figures(start=NOW.date() - dt.timedelta(days=800)), equality_figures()
    assert equality["raw"]["ethnic_group__asian__applicants"] == 4
    assert equality["raw"]["ethnic_group__asian__shortlisted"] == 4

    assert services.unsuccessful_applicants_erase(now=NOW).removed == 3

    assert board_figures(start=NOW.date() - dt.timedelta(days=800)) == board
    assert equality_figures() == equality
    assert rm.StageMove.objects.filter(application__vacancy=vacancy).count() == 4 * 3
    assert rm.AdjustmentRequest.objects.filter(application__vacancy=vacancy).count() == 4


def test_running_twice_erases_nothing_more():
    _ended("Fay Twicetested", months_ago=13)
    first = services.unsuccessful_applicants_erase(now=NOW)
    history = rm.Application.history.count()
    second = services.unsuccessful_applicants_erase(now=NOW)
    assert (first.removed, second.removed, second.details) == (1, 0, {})
    assert rm.Application.history.count() == history
    assert RetentionRun.objects.filter(rule="unsuccessful_applicants").count() == 2


def test_hired_and_in_progress_applications_are_kept():
    hr = UserFactory(roles=[Role.HR])
    hired = hire(ApplicationFactory(applicant_name="Gil Hiredlongago"), hr)
    waiting = move_to(ApplicationFactory(applicant_name="Hal Stillwaiting"), "shortlisted", by=hr)
    rm.Application.objects.filter(pk__in=[hired.pk, waiting.pk]).update(
        stage_entered_at=NOW - dt.timedelta(days=900)
    )
    assert services.unsuccessful_applicants_erase(now=NOW).removed == 0
    assert set(rm.Application.objects.values_list("applicant_name", flat=True)) == {
        "Gil Hiredlongago",
        "Hal Stillwaiting",
    }


def test_the_register_entry_of_an_applicant_is_not_touched():
    participant = ParticipantFactory(name="Ira Onregister")
    application = _ended(
        "Ira Onregister",
        months_ago=13,
        participant=participant,
        source=rm.Application.Source.INVOLVEMENT_REGISTER,
    )
    services.unsuccessful_applicants_erase(now=NOW)
    participant.refresh_from_db()
    application.refresh_from_db()
    assert participant.name == "Ira Onregister"
    # The link stays, so "applications from the register" still counts it.
    assert (application.applicant_name, application.participant_id) == ("Erased applicant", participant.pk)


@override_settings(RECRUITMENT_RETENTION_MONTHS=24)
def test_the_period_is_a_setting():
    _ended("Jay Thirteenmonths", months_ago=13)
    assert services.unsuccessful_applicants_erase(now=NOW).removed == 0


def test_the_beat_task_runs_the_rule():
    _ended("Kai Beattask", months_ago=13)
    assert tasks.unsuccessful_applicants_erase() == 1
    assert RetentionRun.objects.get().removed == 1


def test_mentions_of_the_application_go_but_the_same_persons_current_records_keep_theirs():
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    from reminders.models import Reminder
    from tests.peers.factories import PeerWorkerFactory

    # Lou was turned down for one job long ago and now works here as a peer worker.
    worker = PeerWorkerFactory(user=UserFactory(first_name="Lou", last_name="Currentworker"))
    old = _ended("Lou Currentworker", months_ago=13)
    rm.Application.objects.filter(pk=old.pk).update(email=worker.user.email)

    def log(obj):
        return LogEntry.objects.create(
            user=UserFactory(),
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            object_repr=str(obj),
            action_flag=CHANGE,
        )

    about_application, about_employment = log(old), log(worker)
    supervision = Reminder.objects.create(
        rule="peers.supervision_due",
        subject_type="peer_worker",
        subject_id=str(worker.pk),
        recipient_email=worker.user.email,
        recipient_user=worker.user,
        occasion="7d",
        due_at=NOW + dt.timedelta(days=1),
        subject_line="Supervision due",
        body="Lou Currentworker, your supervision is due next week.",
    )

    services.unsuccessful_applicants_erase(now=NOW)

    about_application.refresh_from_db()
    about_employment.refresh_from_db()
    supervision.refresh_from_db()
    assert about_application.object_repr == "(erased)"
    assert about_employment.object_repr == str(worker) and "Currentworker" in about_employment.object_repr
    assert supervision.state == Reminder.State.PLANNED
    assert supervision.body == "Lou Currentworker, your supervision is due next week."


def test_a_reminder_about_their_interview_loses_their_name():
    from reminders.models import Reminder
    from tests.recruitment.late_stage import interview

    hr = UserFactory(roles=[Role.HR])
    application = move_to(ApplicationFactory(applicant_name="Max Interviewedonce"), "interview", by=hr)
    held = interview(application, by=hr)
    reminder = Reminder.objects.create(
        rule="recruitment.interview_tomorrow",
        subject_type="interview",
        subject_id=str(held.pk),
        recipient_email=hr.email,
        occasion="1d",
        due_at=NOW - dt.timedelta(days=500),
        state=Reminder.State.SENT,
        subject_line="Interview tomorrow: Max Interviewedonce",
        body="You are on the panel for Max Interviewedonce.",
    )
    application = reject(rm.Application.objects.get(pk=application.pk), hr)
    rm.Application.objects.filter(pk=application.pk).update(stage_entered_at=NOW - dt.timedelta(days=500))

    services.unsuccessful_applicants_erase(now=NOW)

    reminder.refresh_from_db()
    assert (reminder.subject_line, reminder.body, reminder.state) == ("(erased)", "", Reminder.State.SENT)
    assert reminder.recipient_email == hr.email  # it was the panel's reminder, not the applicant's
    assert where_text_appears("Interviewedonce") == []
