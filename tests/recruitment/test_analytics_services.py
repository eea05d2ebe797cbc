"""Recruitment analytics from known timelines: stage times, lead times, sources, adjustments."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.roles import Role
from recruitment import selectors, services
from recruitment.models import Application, Offer, StageMove, Vacancy
from tests.factories import ParticipantFactory, PartnerOrganisationFactory, TeamFactory, UserFactory
from tests.recruitment.factories import ApplicationFactory, VacancyFactory, move_to
from tests.recruitment.report_data import applicants, hire, reject

pytestmark = pytest.mark.django_db

# Noon UTC, so a day is always 24 hours (no clock change) and the local date is the same day.
T0 = (
    (timezone.now() - dt.timedelta(days=200))
    .astimezone(dt.UTC)
    .replace(hour=12, minute=0, second=0, microsecond=0)
)


def day(n: float) -> dt.datetime:
    return T0 + dt.timedelta(days=n)


def set_timeline(application: Application, days: list[float]) -> None:
    """Date the application's moves, in the order they were made, and its applying to the first."""
    moves = list(application.moves.order_by("id"))
    assert len(moves) == len(days)
    for move, n in zip(moves, days, strict=True):
        StageMove.objects.filter(pk=move.pk).update(at=day(n))
    Application.objects.filter(pk=application.pk).update(
        applied_at=day(days[0]), stage_entered_at=day(days[-1])
    )


@pytest.fixture
def timeline():
    hr = UserFactory(roles=[Role.HR])
    v = VacancyFactory(posts=2)
    w = VacancyFactory(team=TeamFactory())
    # A, open advert: applied 1 > shortlisted 3 > interview 7 > offer 10 > checks 12 > hired 20
    a = ApplicationFactory(vacancy=v, adjustments=["Questions in advance", "A quiet room"])
    a = hire(a, hr)
    set_timeline(a, [1, 3, 7, 10, 12, 20])
    Offer.objects.filter(application=a).update(made_at=day(10), start_date=day(40).date())
    first, second = a.adjustments.order_by("id")
    services.adjustment_decide(adjustment=first, provided=True, by=hr)
    services.adjustment_decide(adjustment=second, provided=False, by=hr, note="No room free that day")
    # B, from the register: applied 2 > shortlisted 6 > rejected 8
    b = ApplicationFactory(
        vacancy=v,
        source=Application.Source.INVOLVEMENT_REGISTER,
        participant=ParticipantFactory(),
        adjustments=["Large print"],
    )
    b = reject(move_to(b, "shortlisted", by=hr), hr)
    set_timeline(b, [2, 6, 8])
    # C, a partner's referral: applied 2, still there
    c = ApplicationFactory(
        vacancy=v, source=Application.Source.PARTNER_REFERRAL, referred_by=PartnerOrganisationFactory()
    )
    set_timeline(c, [2])
    # D, open advert: applied 1 > shortlisted 2 > interview 3, still there
    d = move_to(ApplicationFactory(vacancy=v), "interview", by=hr)
    set_timeline(d, [1, 2, 3])
    # E, internal move, for the other vacancy: applied 6 > shortlisted 13 > interview 14 > offer 25,
    # declined 27 (which ends it as withdrawn)
    e = move_to(ApplicationFactory(vacancy=w, source=Application.Source.INTERNAL_MOVE), "offer", by=hr)
    offer = services.offer_make(
        application=e, start_date=timezone.localdate() + dt.timedelta(days=9), salary_point="Band 3", by=hr
    )
    services.offer_respond(offer=offer, accepted=False, by=hr)
    Offer.objects.filter(pk=offer.pk).update(made_at=day(25))
    set_timeline(e, [6, 13, 14, 25, 27])
    Vacancy.objects.filter(pk=v.pk).update(opens_at=day(0))
    Vacancy.objects.filter(pk=w.pk).update(opens_at=day(5))
    return {"v": v, "w": w, "hr": hr}


def report(**filters):
    return selectors.recruitment_analytics(date_from=T0.date(), date_to=day(30).date(), **filters)


def test_time_in_each_stage_counts_those_who_left_it(timeline):
    stages = {row["stage"]: row for row in report()["time_in_stage"]}
    assert list(stages) == [
        "applied",
        "shortlisted",
        "interview",
        "offer",
        "checks",
    ]  # endings are never left
    assert stages["applied"] == {
        "stage": "applied",
        "name": "Applied",
        "left": 4,
        "mean_days": 3.5,  # A 2, B 4, D 1, E 7 (C is still there)
        "median_days": 3.0,
    }
    assert (stages["shortlisted"]["left"], stages["shortlisted"]["mean_days"]) == (4, 2.0)  # 4, 2, 1, 1
    assert stages["shortlisted"]["median_days"] == 1.5
    assert (stages["interview"]["left"], stages["interview"]["mean_days"]) == (2, 7.0)  # A 3, E 11
    assert (stages["offer"]["left"], stages["offer"]["median_days"]) == (2, 2.0)  # A 2, E 2
    assert (stages["checks"]["left"], stages["checks"]["mean_days"]) == (1, 8.0)


def test_advert_to_offer_and_to_start(timeline):
    lead = report()["lead_times"]
    assert lead["vacancies"] == 2
    # V: first offer on day 10, starts on day 40; W: offer on day 25 (opened day 5), declined
    assert lead["advert_to_offer"] == {"vacancies": 2, "mean_days": 15.0, "median_days": 15.0}
    assert lead["advert_to_start"] == {"vacancies": 1, "mean_days": 40.0, "median_days": 40.0}


def test_conversion_by_source(timeline):
    rows = {row["source"]: row for row in report()["by_source"]}
    assert rows["open_advert"] == {
        "source": "open_advert",
        "label": "Open advert",
        "applications": 2,
        "shortlisted": 2,
        "interviewed": 2,
        "offered": 1,
        "hired": 1,
        "shortlisted_rate": 1.0,
        "interviewed_rate": 1.0,
        "offered_rate": 0.5,
        "hired_rate": 0.5,
    }
    register = rows["involvement_register"]
    assert (register["applications"], register["shortlisted"], register["interviewed"]) == (1, 1, 0)
    partner = rows["partner_referral"]
    assert (partner["applications"], partner["shortlisted"], partner["shortlisted_rate"]) == (1, 0, 0.0)
    internal = rows["internal_move"]
    assert (internal["offered"], internal["hired"], internal["offered_rate"]) == (1, 0, 1.0)
    assert report()["applications"] == 5


def test_adjustments_asked_and_provided(timeline):
    assert report()["adjustments"] == {
        "asked": 3,
        "provided": 1,
        "not_provided": 1,
        "undecided": 1,
        "applications": 2,
        "share_provided": 0.333,
    }


def test_filters_by_vacancy_team_period_and_the_managers_vacancies(timeline):
    v, w = timeline["v"], timeline["w"]
    only_w = report(vacancy=w)
    assert only_w["applications"] == 1
    assert only_w["lead_times"]["advert_to_offer"]["mean_days"] == 20.0
    assert report(team=w.team)["applications"] == 1
    assert report(team=w.team.parent)["applications"] == 1
    mine = report(vacancies=Vacancy.objects.filter(hiring_manager=v.hiring_manager))
    assert mine["applications"] == 4 and mine["lead_times"]["vacancies"] == 1
    early = selectors.recruitment_analytics(date_from=T0.date(), date_to=day(1).date())
    assert early["applications"] == 2  # A and D applied on day 1; B, C on day 2
    assert early["lead_times"]["vacancies"] == 1


def test_empty_period_gives_zeros_not_errors():
    empty = selectors.recruitment_analytics(date_from=T0.date(), date_to=T0.date())
    assert empty["applications"] == 0
    assert empty["time_in_stage"] == []
    assert empty["lead_times"]["advert_to_offer"] == {"vacancies": 0, "mean_days": None, "median_days": None}
    assert empty["adjustments"]["share_provided"] is None
    assert all(row["hired_rate"] is None for row in empty["by_source"])


def test_query_count_does_not_grow_with_vacancies_or_applications():
    hr = UserFactory(roles=[Role.HR])
    today = timezone.localdate()
    applicants(VacancyFactory(), hr, count=2, equality={}, shortlisted=1)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            selectors.recruitment_analytics(date_from=today - dt.timedelta(days=30), date_to=today)
        return len(queries.captured_queries)

    before = count()
    for _ in range(3):
        applicants(VacancyFactory(), hr, count=4, equality={}, shortlisted=3, hired=1)
    assert count() == before == 4
