"""Every charter metric gives exactly the raw figure its synthetic data implies, in at most two queries.

Each test builds records in two directorates, on and just outside the period's first and last
days, plus records the definition leaves out, and checks the trust's figure and each
directorate's. Raw figures never leave charter/: these are checked before disclosure control.
"""

from __future__ import annotations

import datetime as dt
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from charter import metrics, registry
from charter.periods import quarter_of
from charter.registry import Disclosed, Raw
from involvement.models import Activity, Consultation, FeedbackItem, Rung
from peers.models import LevelChange, PeerWorker, SupervisionKind, SupervisionSession, TrainingCourse
from recruitment import selectors as recruitment_selectors
from recruitment.models import Offer
from tests.charter import builders as b
from tests.charter.builders import Q1, Q, at
from tests.factories import ParticipantFactory
from tests.peers.factories import PathwayLevelFactory

pytestmark = pytest.mark.django_db

FIRST, LAST, BEFORE, AFTER = b.period_days(Q)
MID = date(2025, 11, 14)
LONG_AGO = date(2023, 5, 1)


def compute(key: str, period=Q):
    return registry.get(key).compute(period.start, period.end)


def test_every_default_indicator_has_a_metric_and_every_metric_a_test():
    from charter.models import Indicator

    assert metrics  # imported for its registrations
    assert sorted(Indicator.objects.values_list("key", flat=True)) == registry.keys()
    assert len(registry.keys()) == 18
    assert set(registry.keys()) == set(SUBJECTS), "every metric needs a builder for the query-count test"


# --- 1. open and inclusive recruitment -----------------------------------------------------


def test_lived_experience_panel_share():
    t = b.trust()
    north, south = t.north_team, t.south_team

    def interviewed(team, *days_and_panels, lived=True):
        vacancy = b.vacancy(team, lived=lived)
        for day, panel in days_and_panels:
            b.interview(b.application(vacancy), day, lived_panellist=panel)
        return vacancy

    interviewed(north, (FIRST, True))  # yes
    interviewed(north, (MID, False))  # no
    interviewed(north, (BEFORE, True), (MID, False))  # a lived panel, but not in this period: no
    interviewed(north, (MID, False), (LAST, True))  # two interviews, one with: yes, counted once
    interviewed(north, (MID, True), lived=False)  # not a lived-experience role: left out
    interviewed(north, (AFTER, True))  # interviewed after the period: left out
    interviewed(south, (LAST, True))  # yes
    result = compute("le_panel_share")
    assert result.total == Raw(3, 5)
    assert result.by_directorate == {t.north.pk: Raw(2, 4), t.south.pk: Raw(1, 1)}


def test_advert_to_offer_days_counts_calendar_days():
    t = b.trust()
    north = b.vacancy(t.north_team, opens=at(date(2025, 9, 1), 9))
    # An hour short of thirty whole days is still thirty calendar days after the advert opened.
    b.offer(b.application(north), at(FIRST, 8))
    b.offer(b.application(north), at(LAST, 17))  # 1 Sep to 31 Dec: 121 days
    b.offer(b.application(north), at(BEFORE, 12))  # made before the period
    b.offer(b.application(north), at(AFTER, 12))  # made after it
    south = b.vacancy(t.south_team, opens=at(date(2025, 10, 20), 10))
    b.offer(b.application(south), at(date(2025, 11, 3), 10), status=Offer.Status.DECLINED)  # 14 days
    result = compute("advert_to_offer_days")
    assert result.total == Raw(30 + 121 + 14, 3)
    assert result.by_directorate == {t.north.pk: Raw(151, 2), t.south.pk: Raw(14, 1)}


def test_advert_to_offer_days_across_the_spring_clock_change():
    t = b.trust()
    # Clocks went forward on 30 March 2025: 10:00 to 10:00 is 29 days 23 hours, but 30 days.
    vacancy = b.vacancy(t.north_team, opens=at(date(2025, 3, 1), 10))
    b.offer(b.application(vacancy), at(date(2025, 3, 31), 10))
    result = compute("advert_to_offer_days", quarter_of(date(2025, 3, 1)))
    assert result.total == Raw(30, 1)


def test_adjustments_provided_share():
    t = b.trust()
    north = b.application(b.vacancy(t.north_team))
    b.adjustment(north, decided=at(FIRST, 0, 30), provided=True)  # just after midnight: in
    b.adjustment(north, decided=at(LAST, 23, 30), provided=False)  # late on the last day: in
    b.adjustment(north, decided=None, provided=None)  # not decided yet: left out
    b.adjustment(north, decided=at(BEFORE, 23, 30), provided=True)  # decided before: left out
    b.adjustment(north, decided=at(AFTER, 0, 30), provided=True)  # decided after: left out
    b.adjustment(b.application(b.vacancy(t.south_team)), decided=at(MID), provided=True)
    result = compute("adjustments_provided_share")
    assert result.total == Raw(2, 3)
    assert result.by_directorate == {t.north.pk: Raw(1, 2), t.south.pk: Raw(1, 1)}


def test_register_applications():
    t = b.trust()
    north = b.vacancy(t.north_team)
    b.application(north, applied=at(FIRST, 0, 30), participant=ParticipantFactory())
    b.application(north, applied=at(LAST, 23, 30), participant=ParticipantFactory())
    b.application(north, applied=at(MID))  # not from the register
    b.application(north, applied=at(BEFORE, 23, 30), participant=ParticipantFactory())
    b.application(north, applied=at(AFTER, 0, 30), participant=ParticipantFactory())
    b.application(b.vacancy(t.south_team), applied=at(MID), participant=ParticipantFactory())
    result = compute("register_applications")
    assert result.total == Raw(3, None)
    assert result.by_directorate == {t.north.pk: Raw(2, None), t.south.pk: Raw(1, None)}


# --- 2. awareness ------------------------------------------------------------------------


def test_lived_experience_training_delivered():
    t = b.trust()
    training = "training-delivery"
    b.activity(t.north_team, FIRST, kind=training, hour=0, minute=30)
    b.activity(t.north_team, LAST, kind=training, hour=22, status=Activity.Status.CLOSED)
    b.activity(t.north_team, MID, kind=training, status=Activity.Status.PLANNED)  # never took place
    b.activity(t.north_team, MID, kind=training, status=Activity.Status.CANCELLED)
    b.activity(t.north_team, MID)  # a workshop, not training
    b.activity(t.north_team, BEFORE, kind=training, hour=23, minute=30)
    b.activity(t.north_team, AFTER, kind=training, hour=0, minute=30)
    b.activity(t.south_team, MID, kind=training)
    result = compute("le_training_delivered")
    assert result.total == Raw(3, None)
    assert result.by_directorate == {t.north.pk: Raw(2, None), t.south.pk: Raw(1, None)}


def test_cofacilitated_share():
    t = b.trust()
    twice = b.activity(t.north_team, FIRST)
    b.cofacilitator(twice)
    b.cofacilitator(twice)  # two co-facilitators: still one activity
    b.cofacilitator(b.activity(t.north_team, MID), attended=False)  # did not come
    b.activity(t.north_team, LAST)  # none
    b.cofacilitator(b.activity(t.north_team, MID, status=Activity.Status.PLANNED))  # not yet held
    b.cofacilitator(b.activity(t.north_team, AFTER))
    b.cofacilitator(b.activity(t.south_team, MID, status=Activity.Status.CLOSED))
    result = compute("cofacilitated_share")
    assert result.total == Raw(2, 4)
    assert result.by_directorate == {t.north.pk: Raw(1, 3), t.south.pk: Raw(1, 1)}


# --- 3. support from the start -----------------------------------------------------------


def test_peer_workers_in_post():
    t = b.trust()
    n, s = t.north_team, t.south_team
    b.worker(n, start=LONG_AGO)  # in post
    b.worker(n, start=LAST)  # started on the last day: in post
    b.worker(n, start=LONG_AGO, leaving=LAST)  # the leaving date is their last day: in post
    b.worker(n, start=LONG_AGO, leaving=AFTER + dt.timedelta(days=30))  # left later: in post then
    b.worker(n, start=LONG_AGO, leaving=LAST - dt.timedelta(days=1))  # gone by the end
    b.worker(n, start=AFTER)  # not started yet
    b.worker(n, start=MID, status=PeerWorker.Status.PRE_START)  # has not actually started
    b.worker(s, start=LONG_AGO)
    b.worker(s, start=FIRST, status=PeerWorker.Status.PROBATION)
    result = compute("peer_workers_in_post")
    assert result.total == Raw(6, None)
    assert result.by_directorate == {t.north.pk: Raw(4, None), t.south.pk: Raw(2, None)}


def test_retention_12_months():
    t = b.trust()
    year_before = date(2024, 12, 31)
    b.worker(t.north_team, start=LONG_AGO)  # in the cohort, stayed
    b.worker(t.north_team, start=LONG_AGO, leaving=date(2025, 6, 30))  # in the cohort, left
    b.worker(t.north_team, start=year_before + dt.timedelta(days=1))  # joined after: not in the cohort
    b.worker(t.north_team, start=year_before)  # started that very day: in the cohort, stayed
    b.worker(t.north_team, start=LONG_AGO, leaving=date(2024, 12, 30))  # had left by then
    b.worker(t.south_team, start=LONG_AGO, leaving=LAST)  # still in post on the last day
    result = compute("retention_12_months")
    assert result.total == Raw(3, 4)
    assert result.by_directorate == {t.north.pk: Raw(2, 3), t.south.pk: Raw(1, 1)}


def test_supervision_in_date():
    t = b.trust()
    level = PathwayLevelFactory()
    b.policy(level, SupervisionKind.LINE_MANAGEMENT, 28)
    b.policy(level, SupervisionKind.CLINICAL, 56)

    def supervised(team, line=None, clinical=None, **fields):
        worker = b.worker(team, level=level, manager=t.staff, **{"start": LONG_AGO, **fields})
        if line:
            b.session(worker, line)
        if clinical:
            b.session(worker, clinical, kind=SupervisionKind.CLINICAL)
        return worker

    dec = lambda day: date(2025, 12, day)  # noqa: E731
    supervised(t.north_team, dec(20), date(2025, 11, 15))  # both due in January: in date
    supervised(t.north_team, dec(10), date(2025, 10, 1))  # clinical was due on 26 November
    supervised(t.north_team, start=dec(10))  # new: first sessions fall due in January
    supervised(t.north_team, dec(3), date(2025, 11, 5))  # both due on the last day itself: in date
    supervised(t.north_team, dec(2), dec(1))  # line management due on 30 December
    late = supervised(t.north_team, date(2026, 1, 5), dec(1))  # only after the period
    b.session(late, dec(20), status=SupervisionSession.Status.CANCELLED)  # cancelled ones do not count
    supervised(t.north_team, leaving=dec(1))  # gone by the end: not counted at all
    supervised(t.south_team, dec(30), dec(30))
    result = compute("supervision_in_date")
    assert result.total == Raw(4, 7)
    assert result.by_directorate == {t.north.pk: Raw(3, 6), t.south.pk: Raw(1, 1)}


def test_peer_led_supervision_share_counts_sessions_held_in_the_period():
    t = b.trust()
    north = b.worker(t.north_team, start=LONG_AGO, manager=t.staff)
    south = b.worker(t.south_team, start=LONG_AGO, manager=t.staff)
    b.session(north, FIRST, kind=SupervisionKind.PEER, peer_led=True)
    b.session(north, LAST, kind=SupervisionKind.PEER, peer_led=True)
    b.session(north, MID)  # held, not peer-led
    b.session(north, BEFORE, peer_led=True)  # outside the period
    b.session(north, AFTER, peer_led=True)
    b.session(north, MID, peer_led=True, status=SupervisionSession.Status.CANCELLED)  # not held
    b.session(south, MID, kind=SupervisionKind.CLINICAL)
    result = compute("peer_led_supervision_share")
    assert result.total == Raw(2, 4)
    assert result.by_directorate == {t.north.pk: Raw(2, 3), t.south.pk: Raw(0, 1)}


def test_mandatory_training_compliance():
    t = b.trust()
    TrainingCourse.objects.filter(mandatory=True).update(is_active=False)  # the trust's own list aside
    m1, m2 = b.course(), b.course()
    optional, retired = b.course(mandatory=False), b.course(active=False)
    year = dt.timedelta(days=365)

    one = b.worker(t.north_team, start=LONG_AGO, manager=t.staff)
    b.trained(one, m1, date(2025, 6, 1), date(2026, 6, 1))
    b.trained(one, m2, date(2025, 1, 1), LAST)  # expires on the last day: still in date
    b.trained(one, optional, date(2025, 1, 1), None)
    b.trained(one, retired, date(2025, 1, 1), None)
    two = b.worker(t.north_team, start=LONG_AGO, manager=t.staff)
    b.trained(two, m1, date(2024, 12, 30), LAST - dt.timedelta(days=1))  # expired the day before
    b.trained(two, m2, date(2024, 6, 1), date(2025, 6, 1))  # expired ...
    b.trained(two, m2, date(2025, 6, 1), date(2025, 6, 1) + year)  # ... and renewed: counted once
    three = b.worker(t.north_team, start=LONG_AGO, manager=t.staff)
    b.trained(three, m1, AFTER, AFTER + year)  # done after the period
    b.trained(three, m2, date(2025, 1, 1), None)  # never expires
    gone = b.worker(t.north_team, start=LONG_AGO, leaving=MID, manager=t.staff)
    b.trained(gone, m1, date(2025, 6, 1), date(2026, 6, 1))
    b.worker(t.south_team, start=LONG_AGO, manager=t.staff)  # nothing at all
    result = compute("mandatory_training_compliance")
    # People, not course places: only `one` holds both mandatory courses in date on the last day.
    assert result.total == Raw(1, 4)
    assert result.by_directorate == {t.north.pk: Raw(1, 3), t.south.pk: Raw(0, 1)}


# --- 4. progression ----------------------------------------------------------------------


def test_promotions():
    t = b.trust()
    first = b.worker(t.north_team, start=LONG_AGO, manager=t.staff)
    b.promotion(first, FIRST)
    b.promotion(first, MID, reason=LevelChange.Reason.REGRADING)  # not a promotion
    b.promotion(b.worker(t.north_team, start=LONG_AGO, manager=t.staff), LAST)
    b.promotion(b.worker(t.north_team, start=LONG_AGO, manager=t.staff), BEFORE)
    b.promotion(b.worker(t.north_team, start=LONG_AGO, manager=t.staff), AFTER)
    b.promotion(b.worker(t.south_team, start=LONG_AGO, manager=t.staff), MID)
    result = compute("promotions")
    assert result.total == Raw(3, None)
    assert result.by_directorate == {t.north.pk: Raw(2, None), t.south.pk: Raw(1, None)}


def test_progression_reviews_share():
    t = b.trust()

    def reviewed(team, *days, **fields):
        worker = b.worker(team, manager=t.staff, **{"start": LONG_AGO, **fields})
        for day in days:
            b.review(worker, day)

    reviewed(t.north_team, date(2025, 1, 1))  # the first day of the twelve months: yes
    reviewed(t.north_team, date(2024, 12, 31))  # exactly a year before the end: no
    reviewed(t.north_team, date(2026, 1, 2))  # after the period: no
    reviewed(t.north_team, LAST)  # yes
    reviewed(t.north_team)  # never: no
    reviewed(t.north_team, MID, leaving=MID)  # left: not in post at the end
    reviewed(t.south_team, MID)
    result = compute("progression_reviews_share")
    assert result.total == Raw(3, 6)
    assert result.by_directorate == {t.north.pk: Raw(2, 5), t.south.pk: Raw(1, 1)}


# --- 5. a workplace free from discrimination ------------------------------------------------


def test_relative_likelihood_is_the_equality_reports_figure_hidden_the_same_way():
    t = b.trust()
    vacancy = b.vacancy(t.north_team)

    def applicants(count, ethnic_group, disabled, *, hired):
        for n in range(count):
            made = b.application(
                vacancy, applied=at(MID), equality={"ethnic_group": ethnic_group, "disabled": disabled}
            )
            b.shortlisted(made, hired=n < hired)

    applicants(20, "white", "no", hired=14)
    applicants(10, "asian", "yes", hired=4)
    applicants(10, "black", "yes", hired=4)
    ethnicity = compute("appointment_likelihood_ethnicity")
    # White 14 of 20 shown as 15 of 20; BME 8 of 20 as 10 of 20 (Asian's and Black's 4 hide each
    # other): (15 / 20) / (10 / 20) = 1.5.
    assert ethnicity == Disclosed(value=1.5, suppressed=False)
    report = recruitment_selectors.equality_report(date_from=FIRST, date_to=LAST)
    assert report["relative_likelihood"]["ethnicity"]["relative_likelihood"] == 1.5
    disability = compute("appointment_likelihood_disability")
    assert disability == Disclosed(value=1.5, suppressed=False)


def test_relative_likelihood_from_small_groups_is_suppressed():
    t = b.trust()
    vacancy = b.vacancy(t.north_team)
    for ethnic_group in ("white", "white", "asian"):
        made = b.application(vacancy, applied=at(MID), equality={"ethnic_group": ethnic_group})
        b.shortlisted(made, hired=True)
    assert compute("appointment_likelihood_ethnicity") == Disclosed(value=None, suppressed=True)


# --- 6. co-production ------------------------------------------------------------------------


def test_coproduction_share():
    t = b.trust()
    n = t.north_team
    b.activity(n, FIRST, hour=0, minute=30)  # just after midnight in London (23:30 UTC the day before)
    b.activity(n, LAST, rung=Rung.CO_DESIGN, hour=23, minute=30)
    b.activity(n, MID, rung=Rung.CONSULTATION)  # took place, lower on the ladder
    b.activity(n, MID, status=Activity.Status.PLANNED)  # not held
    b.activity(n, MID, status=Activity.Status.CANCELLED)
    b.activity(n, BEFORE, hour=23, minute=30)
    b.activity(n, AFTER, hour=0, minute=30)
    b.activity(t.south_team, MID, rung=Rung.INFORMING)
    b.activity(t.south_team, MID, status=Activity.Status.CLOSED)
    b.activity(t.trust, MID)  # the trust's own: in the total, in no directorate
    result = compute("coproduction_share")
    assert result.total == Raw(4, 6)
    assert result.by_directorate == {t.north.pk: Raw(2, 3), t.south.pk: Raw(1, 2)}


def test_quarter_boundaries_follow_the_financial_year_in_london_time():
    t = b.trust()
    b.activity(t.north_team, date(2025, 4, 1), hour=0, minute=30)  # Q1 (still 31 March in UTC)
    b.activity(t.north_team, date(2025, 6, 30), hour=23, minute=30)  # Q1's last evening
    b.activity(t.north_team, date(2025, 3, 31), hour=23, minute=30)  # Q4 of the year before
    b.activity(t.north_team, date(2025, 7, 1), hour=0, minute=30)  # Q2
    assert compute("coproduction_share", Q1).total == Raw(2, 2)
    assert compute("coproduction_share", quarter_of(date(2025, 3, 31))).total == Raw(1, 1)


def test_you_said_we_did_on_time():
    t = b.trust()
    owner = t.staff
    workshop = b.activity(t.north_team, date(2025, 9, 1))
    b.feedback(FIRST, owner=owner, activity=workshop, done_on=FIRST)  # done on the day: on time
    b.feedback(MID, owner=owner, activity=workshop, done_on=MID + dt.timedelta(days=1))  # late
    b.feedback(LAST, owner=owner, activity=workshop)  # still in progress
    b.feedback(
        MID, owner=owner, activity=workshop, done_on=MID, status=FeedbackItem.ActionStatus.NOT_DOING
    )  # a reasoned "no" is not an action done
    b.feedback(BEFORE, owner=owner, activity=workshop, done_on=BEFORE)  # due in another period
    b.feedback(AFTER, owner=owner, activity=workshop, done_on=MID)
    south = b.consultation(t.south_team, date(2025, 9, 1), owner=owner)
    b.feedback(LAST, owner=owner, consultation=south, done_on=MID)  # early
    trustwide = b.consultation(None, date(2025, 9, 1), owner=owner)
    b.feedback(MID, owner=owner, consultation=trustwide, done_on=MID)  # no team: the total only
    result = compute("you_said_we_did_on_time")
    assert result.total == Raw(3, 6)
    assert result.by_directorate == {t.north.pk: Raw(1, 4), t.south.pk: Raw(1, 1)}


def test_consultation_outcomes_published():
    t = b.trust()
    owner = t.staff
    published = Consultation.Status.OUTCOME_PUBLISHED
    b.consultation(t.north_team, FIRST, owner=owner, status=published)
    b.consultation(t.north_team, LAST, owner=owner)  # closed, nothing published yet
    b.consultation(t.north_team, MID, owner=owner, status=Consultation.Status.OPEN)  # overran: not yet
    b.consultation(t.north_team, MID, owner=owner, status=Consultation.Status.DRAFT)  # never went out
    b.consultation(t.north_team, BEFORE, owner=owner, status=published)
    b.consultation(t.north_team, AFTER, owner=owner, status=published)
    b.consultation(t.south_team, MID, owner=owner, status=published)
    result = compute("consultation_outcomes_published")
    assert result.total == Raw(2, 4)
    assert result.by_directorate == {t.north.pk: Raw(1, 3), t.south.pk: Raw(1, 1)}


# --- where a record sits in the trust ---------------------------------------------------------


def test_records_on_a_directorate_itself_count_for_that_directorate():
    """A record kept against a directorate (not one of its teams) is that directorate's, not the trust's."""
    t = b.trust()
    b.activity(t.north, MID)
    b.worker(t.north, start=LONG_AGO, manager=t.staff)
    b.application(b.vacancy(t.north), applied=at(MID), participant=ParticipantFactory())
    b.consultation(t.north, MID, owner=t.staff, status=Consultation.Status.OUTCOME_PUBLISHED)
    for key, raw in [
        ("coproduction_share", Raw(1, 1)),
        ("peer_workers_in_post", Raw(1, None)),
        ("register_applications", Raw(1, None)),
        ("consultation_outcomes_published", Raw(1, 1)),
    ]:
        result = compute(key)
        assert result.by_directorate == {t.north.pk: raw}, key
        assert t.trust.pk not in result.by_directorate


# --- cost: at most two queries, however many records ------------------------------------------


def _people(t, n, **fields):
    return [b.worker(t.teams[i % 2], manager=t.staff, **{"start": LONG_AGO, **fields}) for i in range(n)]


def _interviewed(t, n):
    for i in range(n):
        b.interview(b.application(b.vacancy(t.teams[i % 2])), MID, lived_panellist=i % 3 == 0)


def _offers(t, n):
    for i in range(n):
        b.offer(b.application(b.vacancy(t.teams[i % 2], opens=at(date(2025, 9, 1)))), at(MID))


def _adjustments(t, n):
    for i in range(n):
        b.adjustment(b.application(b.vacancy(t.teams[i % 2])), decided=at(MID), provided=i % 2 == 0)


def _register(t, n):
    vacancies = [b.vacancy(team) for team in t.teams]
    for i in range(n):
        b.application(vacancies[i % 2], applied=at(MID), participant=ParticipantFactory())


def _activities(t, n, **fields):
    return [b.activity(t.teams[i % 2], MID, **fields) for i in range(n)]


def _cofacilitated(t, n):
    for activity in _activities(t, n):
        b.cofacilitator(activity)


def _supervised(t, n):
    for worker in _people(t, n):
        b.session(worker, date(2025, 12, 20))


def _peer_supervised(t, n):
    for worker in _people(t, n):
        b.session(worker, date(2025, 12, 20), kind=SupervisionKind.PEER, peer_led=True)


def _trained(t, n):
    courses = [b.course(), b.course()]
    for worker in _people(t, n):
        b.trained(worker, courses[0], date(2025, 6, 1), date(2026, 6, 1))


def _promoted(t, n):
    for worker in _people(t, n):
        b.promotion(worker, MID)


def _reviewed(t, n):
    for worker in _people(t, n):
        b.review(worker, MID)


def _feedback(t, n):
    workshop = b.activity(t.north_team, date(2025, 9, 1))
    consultation = b.consultation(t.south_team, date(2025, 9, 1), owner=t.staff)
    for i in range(n):
        source = {"activity": workshop} if i % 2 else {"consultation": consultation}
        b.feedback(MID, owner=t.staff, done_on=MID, **source)


def _consultations(t, n):
    for i in range(n):
        b.consultation(t.teams[i % 2], MID, owner=t.staff, status=Consultation.Status.OUTCOME_PUBLISHED)


def _equality(t, n):
    vacancy = b.vacancy(t.north_team)
    groups = [("white", "no"), ("asian", "yes"), ("black", "no")]
    for i in range(n):
        ethnic, disabled = groups[i % 3]
        made = b.application(
            vacancy, applied=at(MID), equality={"ethnic_group": ethnic, "disabled": disabled}
        )
        b.shortlisted(made, hired=i % 4 != 3)  # most of each group hired: every group shown at 30


SUBJECTS = {
    "le_panel_share": _interviewed,
    "advert_to_offer_days": _offers,
    "adjustments_provided_share": _adjustments,
    "register_applications": _register,
    "le_training_delivered": lambda t, n: _activities(t, n, kind="training-delivery"),
    "cofacilitated_share": _cofacilitated,
    "peer_workers_in_post": _people,
    "supervision_in_date": _supervised,
    "peer_led_supervision_share": _peer_supervised,
    "mandatory_training_compliance": _trained,
    "retention_12_months": lambda t, n: _people(t, n, start=date(2024, 6, 1)),
    "promotions": _promoted,
    "progression_reviews_share": _reviewed,
    "coproduction_share": _activities,
    "you_said_we_did_on_time": _feedback,
    "consultation_outcomes_published": _consultations,
    "appointment_likelihood_ethnicity": _equality,
    "appointment_likelihood_disability": _equality,
}


def _measured(key: str):
    with CaptureQueriesContext(connection) as queries:
        result = compute(key)
    return result, len(queries)


@pytest.mark.parametrize("key", sorted(SUBJECTS))
def test_each_metric_costs_at_most_two_queries_however_many_records(key):
    t = b.trust()
    SUBJECTS[key](t, 3)
    few, few_queries = _measured(key)
    SUBJECTS[key](t, 27)
    many, many_queries = _measured(key)
    assert few != many, "the builder must change the figure, or this test proves nothing"
    assert few_queries <= 2, f"{key}: {few_queries} queries"
    assert many_queries == few_queries, f"{key}: {few_queries} queries for 3 records, {many_queries} for 30"
