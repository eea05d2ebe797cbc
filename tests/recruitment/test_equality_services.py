"""The equality report: aggregates only, every figure under the small-number rule, relative likelihood."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.roles import Role
from recruitment import selectors
from recruitment.models import Application, EqualityMonitoring, StageMove
from tests.factories import TeamFactory, UserFactory
from tests.recruitment.factories import VacancyFactory
from tests.recruitment.report_data import applicants, reject

pytestmark = pytest.mark.django_db

EM = EqualityMonitoring


def _group(report, characteristic: str, group: str) -> dict:
    section = next(c for c in report["characteristics"] if c["characteristic"] == characteristic)
    return next(g for g in section["groups"] if g["group"] == group)


def _today_report(**filters):
    today = timezone.localdate()
    return selectors.equality_report(date_from=today, date_to=today, **filters)


@pytest.fixture
def recruited():
    """One vacancy's small numbers, and another team's vacancy (hires go the whole road)."""
    hr = UserFactory(roles=[Role.HR])
    vacancy = VacancyFactory(posts=40)
    white = {"ethnic_group": "white", "disabled": "no", "sex": "female"}
    # 23 white, non-disabled: 12 shortlisted (2 of them later rejected), 8 hired
    applicants(vacancy, hr, count=23, equality=white, shortlisted=12, hired=8, rejected_after_shortlisting=2)
    # 13 Asian, disabled: all shortlisted, 6 hired; 5 Black, disability not said: shortlisted, 3 hired
    asian = {"ethnic_group": "asian", "disabled": "yes"}
    applicants(vacancy, hr, count=13, equality=asian, shortlisted=13, hired=6)
    applicants(vacancy, hr, count=5, equality={"ethnic_group": "black"}, shortlisted=5, hired=3)
    # 2 who prefer not to say, both hired: in neither comparison group
    unsaid = {"ethnic_group": "prefer_not_to_say"}
    applicants(vacancy, hr, count=2, equality=unsaid, shortlisted=2, hired=2)
    other = VacancyFactory(team=TeamFactory())
    applicants(other, hr, count=9, equality={"ethnic_group": "white", "disabled": "no"})
    return {"vacancy": vacancy, "other": other}


def test_counts_from_1_to_7_are_null_and_the_rest_round_to_5(recruited):
    report = _today_report(vacancy=recruited["vacancy"])
    white = _group(report, "ethnic_group", "white")
    assert (white["applicants"], white["shortlisted"], white["appointed"]) == (25, 10, 10)
    asian = _group(report, "ethnic_group", "asian")
    assert (asian["applicants"], asian["shortlisted"], asian["appointed"]) == (15, 15, None)
    black = _group(report, "ethnic_group", "black")
    assert (black["applicants"], black["shortlisted"], black["appointed"]) == (None, None, None)
    mixed = _group(report, "ethnic_group", "mixed")
    assert (mixed["applicants"], mixed["shortlisted"], mixed["appointed"]) == (0, 0, 0)
    # 43 applicants, 32 shortlisted (rejection after shortlisting still counts), 19 hired
    assert (report["total"]["applicants"], report["total"]["shortlisted"], report["total"]["appointed"]) == (
        45,
        30,
        20,
    )


def test_rates_are_worked_out_from_the_rounded_counts(recruited):
    report = _today_report(vacancy=recruited["vacancy"])
    white = _group(report, "ethnic_group", "white")
    assert white["shortlisting_rate"] == 10 / 25  # raw 12 / 23 would be 0.52
    assert white["appointment_likelihood"] == 1.0  # raw 8 / 12 would be 0.67
    asian = _group(report, "ethnic_group", "asian")
    assert asian["shortlisting_rate"] == 1.0
    assert asian["appointment_likelihood"] is None  # 6 appointed is suppressed, so is its rate
    assert report["total"]["appointment_likelihood"] == 20 / 30


def test_relative_likelihood_white_to_bme_from_rounded_figures(recruited):
    report = _today_report(vacancy=recruited["vacancy"])
    ethnicity = report["relative_likelihood"]["ethnicity"]
    # BME = Asian 13 + Black 5: 18 shortlisted -> 20, 9 appointed -> 10; "prefer not to say" left out
    assert ethnicity["first_group"]["group"] == "white"
    assert ethnicity["second_group"]["group"] == "bme"
    assert (ethnicity["second_group"]["shortlisted"], ethnicity["second_group"]["appointed"]) == (20, 10)
    assert ethnicity["first_group"]["appointment_likelihood"] == 1.0
    assert ethnicity["second_group"]["appointment_likelihood"] == 0.5
    assert ethnicity["relative_likelihood"] == 2.0  # raw figures would give 1.33


def test_relative_likelihood_is_suppressed_when_an_input_is(recruited):
    report = _today_report(vacancy=recruited["vacancy"])
    disability = report["relative_likelihood"]["disability"]
    assert disability["first_group"]["group"] == "non_disabled"
    assert disability["first_group"]["appointment_likelihood"] == 1.0
    assert disability["second_group"]["appointed"] is None  # 6 disabled people appointed
    assert disability["second_group"]["appointment_likelihood"] is None
    assert disability["relative_likelihood"] is None


def test_shortlisted_counts_people_rejected_later_but_not_those_rejected_at_once():
    hr = UserFactory(roles=[Role.HR])
    vacancy = VacancyFactory()
    white = {"ethnic_group": "white"}
    applicants(vacancy, hr, count=8, equality=white, shortlisted=8, rejected_after_shortlisting=8)
    for application in applicants(vacancy, hr, count=8, equality={"ethnic_group": "black"}):
        reject(application, hr)
    report = _today_report()
    assert _group(report, "ethnic_group", "white")["shortlisted"] == 10
    assert _group(report, "ethnic_group", "black")["shortlisted"] == 0
    assert _group(report, "ethnic_group", "black")["applicants"] == 10


def test_filters_by_vacancy_team_and_period(recruited):
    other = recruited["other"]
    assert _today_report(vacancy=other)["total"]["applicants"] == 10  # 9 rounds to 10
    assert _today_report(team=other.team)["total"]["applicants"] == 10
    assert _today_report(team=other.team.parent)["total"]["applicants"] == 10  # teams under it count
    assert _today_report()["total"]["applicants"] == 50  # 43 + 9 = 52
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    later = selectors.equality_report(date_from=tomorrow, date_to=tomorrow)
    assert later["total"] == {
        "applicants": 0,
        "shortlisted": 0,
        "appointed": 0,
        "shortlisting_rate": None,
        "appointment_likelihood": None,
    }


def test_one_query_whatever_the_size(recruited):
    with CaptureQueriesContext(connection) as queries:
        _today_report()
    assert len(queries.captured_queries) == 1


def test_every_characteristic_and_answer_is_reported_and_no_row_leaves(recruited):
    report = _today_report()
    fields = [c["characteristic"] for c in report["characteristics"]]
    assert fields == ["ethnic_group", "disabled", "sex", "age_band", "lgb_plus", "gender_same_as_at_birth"]
    assert [g["group"] for g in _group_list(report, "age_band")] == EM.AgeBand.values
    text = repr(report)
    for application in Application.objects.all():
        assert application.applicant_name not in text
        assert application.email not in text
    assert "rounded to the nearest 5" in report["notes"]["disclosure"]


def _group_list(report, characteristic):
    return next(c for c in report["characteristics"] if c["characteristic"] == characteristic)["groups"]


# --- the rule holds for any mix of people and outcomes ---------------------------------------

OUTCOMES = ["applied", "shortlisted", "rejected_after_shortlisting", "rejected_at_once", "hired"]
people = st.lists(
    st.tuples(
        st.sampled_from(EM.EthnicGroup.values),
        st.sampled_from(EM.YesNo.values),
        st.sampled_from(EM.Sex.values),
        st.sampled_from(OUTCOMES),
    ),
    max_size=80,
)


@pytest.fixture
def open_vacancy():
    return VacancyFactory()


def _write_history(vacancy, people_list) -> None:
    """Rows as the services would leave them, written in bulk so each example stays quick."""
    stages = {s.code: s for s in vacancy.stages.all()}
    now = timezone.now()
    path = {
        "applied": ["applied"],
        "shortlisted": ["applied", "shortlisted"],
        "rejected_after_shortlisting": ["applied", "shortlisted", "rejected"],
        "rejected_at_once": ["applied", "rejected"],
        "hired": ["applied", "shortlisted", "interview", "offer", "checks", "hired"],
    }
    apps = Application.objects.bulk_create(
        Application(
            vacancy=vacancy,
            applicant_name=f"Hypo Person {index}",
            email=f"hypo{index}@test.example",
            source=Application.Source.OPEN_ADVERT,
            stage=stages[path[outcome][-1]],
            stage_entered_at=now,
            applied_at=now,
        )
        for index, (_e, _d, _s, outcome) in enumerate(people_list)
    )
    moves, answers = [], []
    for app, (ethnic, disabled, sex, outcome) in zip(apps, people_list, strict=True):
        codes = path[outcome]
        for before, after in zip([None, *codes], codes, strict=False):
            moves.append(
                StageMove(
                    application=app,
                    from_stage=stages[before] if before else None,
                    to_stage=stages[after],
                    at=now,
                )
            )
        answers.append(EM(application=app, vacancy=vacancy, ethnic_group=ethnic, disabled=disabled, sex=sex))
    StageMove.objects.bulk_create(moves)
    EM.objects.bulk_create(answers)


def _figures(report):
    """Every group's figures in the report, wherever they sit."""
    yield report["total"]
    for characteristic in report["characteristics"]:
        yield from characteristic["groups"]
    for comparison in report["relative_likelihood"].values():
        yield comparison["first_group"]
        yield comparison["second_group"]


@given(people_list=people)
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_count_from_1_to_7_and_every_count_a_multiple_of_5(open_vacancy, people_list):
    with transaction.atomic():
        _write_history(open_vacancy, people_list)
        report = _today_report()
        transaction.set_rollback(True)  # each example starts from an empty vacancy
    for figures in _figures(report):
        counts = [figures["applicants"], figures["shortlisted"], figures["appointed"]]
        for count in counts:
            assert count is None or (count % 5 == 0 and not 1 <= count <= 7)
        applicants_, shortlisted, appointed = counts
        expected_rate = (
            None if None in (applicants_, shortlisted) or not applicants_ else shortlisted / applicants_
        )
        assert figures["shortlisting_rate"] == expected_rate
        expected_likelihood = (
            None if None in (shortlisted, appointed) or not shortlisted else appointed / shortlisted
        )
        assert figures["appointment_likelihood"] == expected_likelihood
    for comparison in report["relative_likelihood"].values():
        first = comparison["first_group"]["appointment_likelihood"]
        second = comparison["second_group"]["appointment_likelihood"]
        expected = None if first is None or not second else first / second
        assert comparison["relative_likelihood"] == expected
    assert report["total"]["applicants"] == (
        None if 1 <= len(people_list) <= 7 else 5 * round(len(people_list) / 5)
    )
