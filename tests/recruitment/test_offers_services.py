"""Offer services: posts that remain, the live-offer rule, responses and withdrawal."""

import datetime as dt

import pytest
from django.utils import timezone

from recruitment import models as rm
from recruitment import services
from recruitment.errors import RecruitmentConflict, RecruitmentError
from tests.recruitment.factories import ApplicationFactory, VacancyFactory, move_to
from tests.recruitment.late_stage import accepted, hr_user, offer

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
