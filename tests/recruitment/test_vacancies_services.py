"""Vacancy services: closing on time (the beat task), deleting drafts, and criteria once scored."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.roles import Role
from recruitment import services, tasks
from recruitment.errors import RecruitmentConflict, RecruitmentError
from recruitment.models import Criterion, Vacancy
from tests.factories import UserFactory
from tests.recruitment.factories import ApplicationFactory, VacancyFactory, move_to

NOW = timezone.now()


@pytest.fixture
def hr(db):
    return UserFactory(roles=[Role.HR])


def test_the_beat_schedule_runs_the_closing_task():
    names = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "recruitment.tasks.vacancies_close_due" in names


@pytest.mark.django_db
def test_the_beat_task_closes_open_vacancies_past_closing_and_leaves_the_rest():
    due = VacancyFactory(opens_at=NOW - dt.timedelta(days=30), closes_at=NOW - dt.timedelta(minutes=1))
    running = VacancyFactory()
    draft_past = VacancyFactory(
        status=Vacancy.Status.DRAFT,
        opens_at=NOW - dt.timedelta(days=30),
        closes_at=NOW - dt.timedelta(days=1),
    )

    assert tasks.vacancies_close_due() == 1

    due.refresh_from_db()
    assert due.status == Vacancy.Status.CLOSED
    assert due.closed_at is not None and NOW <= due.closed_at <= timezone.now()
    for other, status in ((running, Vacancy.Status.OPEN), (draft_past, Vacancy.Status.DRAFT)):
        other.refresh_from_db()
        assert (other.status, other.closed_at) == (status, None)

    # A second run (or a second worker) finds nothing to do and changes nothing.
    closed_at = due.closed_at
    assert tasks.vacancies_close_due() == 0
    due.refresh_from_db()
    assert (due.status, due.closed_at) == (Vacancy.Status.CLOSED, closed_at)
    assert Vacancy.objects.filter(status=Vacancy.Status.CLOSED).count() == 1


@pytest.mark.django_db
def test_the_beat_task_runs_through_celery():
    due = VacancyFactory(opens_at=NOW - dt.timedelta(days=30), closes_at=NOW - dt.timedelta(minutes=1))
    assert tasks.vacancies_close_due.apply().get() == 1
    due.refresh_from_db()
    assert due.status == Vacancy.Status.CLOSED


def test_only_a_draft_with_no_applications_is_deleted(hr):
    draft = VacancyFactory(status=Vacancy.Status.DRAFT)
    services.vacancy_delete(vacancy=draft, by=hr)
    assert not Vacancy.objects.filter(pk=draft.pk).exists()

    applied = ApplicationFactory().vacancy
    for vacancy in (VacancyFactory(), applied):
        with pytest.raises(RecruitmentConflict) as caught:
            services.vacancy_delete(vacancy=vacancy, by=hr)
        assert "withdraw" in caught.value.message
        assert Vacancy.objects.filter(pk=vacancy.pk).exists()


def test_a_scored_criterion_keeps_its_maximum_and_is_not_deleted(hr):
    application = move_to(ApplicationFactory(), "interview")
    criterion = services.criterion_create(vacancy=application.vacancy, name="Values", by=hr, max_score=5)
    start = timezone.now() + dt.timedelta(days=2)
    interview = services.interview_schedule(
        application=application,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        panel=[{"user": application.vacancy.hiring_manager, "lived_experience": True}],
        by=hr,
    )
    services.score_record(
        interview=interview, panel_member=interview.panel.get(), criterion=criterion, score=4, by=hr
    )

    services.criterion_update(criterion=criterion, by=hr, name="Our values", order=2)
    with pytest.raises(RecruitmentConflict) as caught:
        services.criterion_update(criterion=criterion, by=hr, max_score=10)
    assert caught.value.field == "max_score"
    with pytest.raises(RecruitmentConflict):
        services.criterion_delete(criterion=criterion, by=hr)
    criterion.refresh_from_db()
    assert (criterion.name, criterion.max_score) == ("Our values", 5)


def test_an_unscored_criterion_changes_and_goes(hr):
    criterion = services.criterion_create(vacancy=VacancyFactory(), name="Values", by=hr)
    services.criterion_update(criterion=criterion, by=hr, max_score=10)
    criterion.refresh_from_db()
    assert criterion.max_score == 10
    with pytest.raises(RecruitmentError) as caught:
        services.criterion_update(criterion=criterion, by=hr, vacancy=VacancyFactory())
    assert caught.value.field == "vacancy"
    services.criterion_delete(criterion=criterion, by=hr)
    assert not Criterion.objects.filter(pk=criterion.pk).exists()
