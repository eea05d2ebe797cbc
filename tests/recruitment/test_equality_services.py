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
from recruitment.errors import RecruitmentError
from recruitment.models import Application, EqualityMonitoring, StageMove
from tests.factories import TeamFactory, UserFactory
from tests.recruitment.factories import VacancyFactory
from tests.recruitment.report_data import applicants, reject

pytestmark = pytest.mark.django_db

EM = EqualityMonitoring


def _group(report, characteristic: str, group: str) -> dict:
    section = next(c for c in report["characteristics"] if c["characteristic"] == characteristic)
    return next(g for g in section["groups"] if g["group"] == group)


def _month(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def _today_report(**filters):
    """This month's report: reports cover whole months."""
    date_from, date_to = _month(timezone.localdate())
    return selectors.equality_report(date_from=date_from, date_to=date_to, **filters)


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
    # Asian (13) would round to 15, but BME (18, shown as 20) less Asian would give Black's 5 back,
    # with mixed and other at 0: so Asian is hidden too.
    asian = _group(report, "ethnic_group", "asian")
    assert (asian["applicants"], asian["shortlisted"], asian["appointed"]) == (None, None, None)
    black = _group(report, "ethnic_group", "black")
    assert (black["applicants"], black["shortlisted"], black["appointed"]) == (None, None, None)
    # Mixed is 0, but beside hidden groups a zero is hidden too: shown, it would say the hidden
    # people are not mixed (issue 13).
    mixed = _group(report, "ethnic_group", "mixed")
    assert (mixed["applicants"], mixed["shortlisted"], mixed["appointed"]) == (None, None, None)
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
    assert asian["shortlisting_rate"] is None  # its counts are hidden, so is its rate
    assert asian["appointment_likelihood"] is None
    assert report["total"]["appointment_likelihood"] == 20 / 30


def test_relative_likelihood_white_to_bme_from_rounded_figures():
    hr = UserFactory(roles=[Role.HR])
    vacancy = VacancyFactory(posts=40)
    applicants(vacancy, hr, count=23, equality={"ethnic_group": "white"}, shortlisted=12, hired=8)
    applicants(vacancy, hr, count=13, equality={"ethnic_group": "asian"}, shortlisted=13, hired=8)
    applicants(vacancy, hr, count=10, equality={"ethnic_group": "black"}, shortlisted=10, hired=8)
    report = _today_report(vacancy=vacancy)
    ethnicity = report["relative_likelihood"]["ethnicity"]
    # BME = Asian 13 + Black 10: 23 shortlisted -> 25, 16 appointed -> 15; white 12 -> 10, 8 -> 10
    assert ethnicity["first_group"]["group"] == "white"
    assert ethnicity["second_group"]["group"] == "bme"
    assert (ethnicity["second_group"]["shortlisted"], ethnicity["second_group"]["appointed"]) == (25, 15)
    assert ethnicity["first_group"]["appointment_likelihood"] == 1.0
    assert ethnicity["second_group"]["appointment_likelihood"] == 0.6
    assert round(ethnicity["relative_likelihood"], 2) == 1.67  # raw figures would give 0.96


def test_the_two_groups_never_give_back_a_hidden_prefer_not_to_say(recruited):
    # 2 shortlisted preferred not to say: hidden. All shortlisted (32 -> 30) less white (12 -> 10)
    # less BME (18 -> 20) would give them back, so one of the two groups is hidden as well, and the
    # relative likelihood with it.
    report = _today_report(vacancy=recruited["vacancy"])
    ethnicity = report["relative_likelihood"]["ethnicity"]
    sides = (ethnicity["first_group"]["shortlisted"], ethnicity["second_group"]["shortlisted"])
    assert None in sides
    assert ethnicity["relative_likelihood"] is None


def test_relative_likelihood_is_suppressed_when_an_input_is(recruited):
    report = _today_report(vacancy=recruited["vacancy"])
    disability = report["relative_likelihood"]["disability"]
    assert disability["first_group"]["group"] == "non_disabled"
    # 7 shortlisted did not say whether they are disabled: hidden, and the smaller of the other two
    # groups (12 not disabled) with them, or the total less disabled would give them back.
    assert disability["first_group"]["shortlisted"] is None
    assert disability["first_group"]["appointment_likelihood"] is None
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
    # 8 shortlisted and later rejected count (16 would round to 15); the 8 rejected at once do not.
    assert report["total"]["shortlisted"] == 10
    assert _group(report, "ethnic_group", "black")["applicants"] == 10
    # Everyone shortlisted is white: that group, and the zeros beside it, are hidden.
    assert _group(report, "ethnic_group", "white")["shortlisted"] is None
    assert _group(report, "ethnic_group", "black")["shortlisted"] is None


def test_filters_by_vacancy_team_and_period(recruited):
    other = recruited["other"]
    assert _today_report(vacancy=other)["total"]["applicants"] == 10  # 9 rounds to 10
    assert _today_report(team=other.team)["total"]["applicants"] == 10
    assert _today_report(team=other.team.parent)["total"]["applicants"] == 10  # teams under it count
    assert _today_report()["total"]["applicants"] == 50  # 43 + 9 = 52
    next_month = _month(_month(timezone.localdate())[1] + dt.timedelta(days=1))
    later = selectors.equality_report(date_from=next_month[0], date_to=next_month[1])
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
    # The total is shown rounded, unless the report is small; or its groups are so scattered
    # (five groups of one or two, say) that only hiding it too keeps each of them hidden.
    if 1 <= len(people_list) <= 7:
        assert report["total"]["applicants"] is None
    else:
        assert report["total"]["applicants"] in (None, 5 * round(len(people_list) / 5))


# --- secondary suppression and whole months (issue: one applicant's answers could be read off) ----


def test_one_applicant_shows_nothing_at_all_not_a_zero_beside_every_other_group():
    hr = UserFactory(roles=[Role.HR])
    vacancy = VacancyFactory()
    answers = {"ethnic_group": "black", "disabled": "yes", "sex": "male", "age_band": "25_34"}
    applicants(vacancy, hr, count=1, equality=answers)
    report = _today_report(vacancy=vacancy)
    for characteristic in report["characteristics"]:
        for group in characteristic["groups"]:
            assert group["applicants"] is None, (characteristic["characteristic"], group["group"])
            assert group["shortlisted"] is None and group["appointed"] is None
    assert report["total"]["applicants"] is None


def test_reports_cover_whole_months_only():
    today = timezone.localdate()
    first, last = _month(today)
    with pytest.raises(RecruitmentError) as caught:
        selectors.equality_report(date_from=first + dt.timedelta(days=1), date_to=last)
    assert caught.value.field == "from"
    with pytest.raises(RecruitmentError) as caught:
        selectors.equality_report(date_from=first, date_to=last - dt.timedelta(days=1))
    assert caught.value.field == "to"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    groups=st.lists(
        st.tuples(
            st.sampled_from(["white", "asian", "black", "mixed", "other", "prefer_not_to_say"]),
            st.integers(min_value=1, max_value=12),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_no_filter_shows_a_group_whose_size_subtraction_pins_down(groups):
    """Sweep vacancies, teams and months over random applicants: no group of one can be read off."""
    with transaction.atomic():
        hr = UserFactory(roles=[Role.HR])
        vacancy = VacancyFactory()
        for ethnic_group, count in groups:
            applicants(vacancy, hr, count=count, equality={"ethnic_group": ethnic_group})
        for filters in ({"vacancy": vacancy}, {"team": vacancy.team}, {}):
            report = _today_report(**filters)
            section = next(c for c in report["characteristics"] if c["characteristic"] == "ethnic_group")
            shown = [g["applicants"] for g in section["groups"]]
            total = report["total"]["applicants"]
            hidden = [g for g in section["groups"] if g["applicants"] is None]
            if total is None:
                assert all(value is None for value in shown)
                continue
            assert all(value is None or value == 0 or value >= 10 for value in shown)
            # The hidden groups hold the total less the shown ones: never a single group alone.
            assert len(hidden) != 1
            if hidden:
                most = total + 2 - sum(v - 2 for v in shown if v)
                assert most - (len(hidden) - 1) >= 5
        transaction.set_rollback(True)
