"""Offer services: posts that remain, the live-offer rule, responses and withdrawal."""

import datetime as dt

import pytest
from django.utils import timezone

from recruitment import models as rm
from recruitment import services
from recruitment.errors import RecruitmentConflict, RecruitmentError
from tests.recruitment.factories import ApplicationFactory, VacancyFactory, move_to
from tests.recruitment.late_stage import accepted, clear_checks, hr_user, offer

pytestmark = pytest.mark.django_db


def _make(application, **kwargs):
    return services.offer_make(
        application=application,
        start_date=kwargs.pop("start_date", timezone.localdate() + dt.timedelta(days=21)),
        salary_point=kwargs.pop("salary_point", "Band 3, step 1"),
        by=hr_user(),
        **kwargs,
    )


@pytest.mark.parametrize("status", ["filled", "withdrawn", "draft"])
def test_no_offer_on_a_vacancy_that_is_not_recruiting(status):
    app = ApplicationFactory()
    rm.Vacancy.objects.filter(pk=app.vacancy_id).update(status=status)
    with pytest.raises(RecruitmentConflict) as refused:
        _make(app)
    assert refused.value.field == "vacancy"
    assert rm.Offer.objects.count() == 0


def test_no_offer_for_more_posts_than_remain():
    vacancy = VacancyFactory(posts=2)
    offer(ApplicationFactory(vacancy=vacancy))
    offer(ApplicationFactory(vacancy=vacancy))
    with pytest.raises(RecruitmentConflict) as refused:
        _make(ApplicationFactory(vacancy=vacancy))
    assert refused.value.message == "All 2 post(s) for this vacancy are already offered or filled."
    assert rm.Offer.objects.count() == 2


def test_a_declined_or_withdrawn_offer_frees_the_post():
    vacancy = VacancyFactory(posts=1)
    first = offer(ApplicationFactory(vacancy=vacancy))
    services.offer_respond(offer=first, accepted=False, by=hr_user())
    second = offer(ApplicationFactory(vacancy=vacancy))
    services.offer_withdraw(offer=second, by=hr_user())
    assert services.posts_taken(vacancy=vacancy) == 0
    assert offer(ApplicationFactory(vacancy=vacancy)).status == "made"


def test_one_live_offer_per_application():
    made = offer()
    with pytest.raises(RecruitmentConflict):
        _make(made.application)
    assert rm.Offer.objects.count() == 1


def test_a_start_date_in_the_past_is_refused():
    app = move_to(ApplicationFactory(), "offer")
    with pytest.raises(RecruitmentError) as refused:
        _make(app, start_date=timezone.localdate() - dt.timedelta(days=1))
    assert refused.value.field == "start_date"
    assert rm.Offer.objects.count() == 0


def test_accepting_opens_the_six_checks_once():
    app = accepted()
    assert sorted(app.checks.values_list("kind", flat=True)) == sorted(rm.CheckKind.values)
    services.checks_open(application=app, by=hr_user())
    assert app.checks.count() == 6


def test_an_answered_offer_cannot_be_answered_again():
    made = offer()
    services.offer_respond(offer=made, accepted=False, by=hr_user())
    with pytest.raises(RecruitmentConflict):
        services.offer_respond(offer=made, accepted=True, by=hr_user())
    made.refresh_from_db()
    assert made.status == "declined"
    assert not rm.PreEmploymentCheck.objects.exists()


def test_an_offer_is_withdrawn_never_deleted():
    made = offer()
    with pytest.raises(RecruitmentConflict) as refused:
        services.offer_delete(offer=made, by=hr_user())
    assert refused.value.message == "Offers are kept on record; withdraw it instead."
    assert rm.Offer.objects.filter(pk=made.pk).exists()


# --- an answer moves the application on ----------------------------------------------------------


def _stage(application) -> str:
    return rm.Application.objects.get(pk=application.pk).stage.code


def test_accepting_moves_the_application_to_the_checks_and_records_who():
    made = offer()
    hr = hr_user()
    services.offer_respond(offer=made, accepted=True, by=hr)
    assert _stage(made.application) == "checks"
    move = made.application.moves.order_by("-id").first()
    assert (move.from_stage.code, move.to_stage.code, move.by, move.reason) == (
        "offer",
        "checks",
        hr,
        "Offer accepted",
    )


def test_once_accepted_and_checked_the_applicant_is_hired_with_no_move_by_hand():
    made = offer()
    hr = hr_user()
    services.offer_respond(offer=made, accepted=True, by=hr)
    application = rm.Application.objects.get(pk=made.application_id)
    clear_checks(application, by=hr)
    worker = services.application_hire(application=application, employee_number="E-OFFER-1", by=hr)
    application.refresh_from_db()
    assert application.hired_worker == worker and application.stage.code == "hired"
    assert list(application.moves.values_list("to_stage__code", flat=True)) == [
        "applied",
        "shortlisted",
        "interview",
        "offer",
        "checks",
        "hired",
    ]


def test_an_offer_made_before_the_offer_stage_still_moves_on_to_the_checks():
    made = _make(move_to(ApplicationFactory(), "interview"))
    services.offer_respond(offer=made, accepted=True, by=hr_user())
    assert _stage(made.application) == "checks"


def test_accepting_at_the_checks_already_adds_no_move():
    application = move_to(ApplicationFactory(), "checks")
    made = _make(application)
    moves = application.moves.count()
    services.offer_respond(offer=made, accepted=True, by=hr_user())
    assert _stage(application) == "checks"
    assert application.moves.count() == moves


def test_declining_ends_the_application_as_withdrawn_and_frees_the_post():
    made = offer()
    hr = hr_user()
    services.offer_respond(offer=made, accepted=False, by=hr)
    assert _stage(made.application) == "withdrawn"
    move = made.application.moves.order_by("-id").first()
    assert (move.to_stage.code, move.by, move.reason) == ("withdrawn", hr, "Offer declined")
    assert services.posts_taken(vacancy=made.application.vacancy) == 0
    assert not rm.PreEmploymentCheck.objects.exists()


def test_an_offer_to_an_application_that_has_ended_cannot_be_accepted():
    made = offer()
    application = made.application
    withdrawn = application.vacancy.stages.get(code="withdrawn")
    services.application_advance(
        application=application, to_stage=withdrawn, by=hr_user(), reason="Moved away"
    )
    with pytest.raises(RecruitmentConflict) as refused:
        services.offer_respond(offer=made, accepted=True, by=hr_user())
    assert refused.value.field == "status"
    made.refresh_from_db()
    assert made.status == "made" and _stage(application) == "withdrawn"
    assert not rm.PreEmploymentCheck.objects.exists()
    # Declining it is still recorded, and the application stays where it ended.
    services.offer_respond(offer=made, accepted=False, by=hr_user())
    assert _stage(application) == "withdrawn"
