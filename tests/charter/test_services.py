"""Snapshots: disclosed figures stored once per indicator and period, RAG, the nightly job, target edits."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from charter import services, tasks
from charter.models import Indicator, Snapshot, SnapshotBreakdown, Unit
from charter.periods import recent_months, recent_quarters
from involvement.models import Rung
from tests.charter import builders as b
from tests.charter.builders import Q

pytestmark = pytest.mark.django_db

MID = date(2025, 11, 14)


def indicator(key: str) -> Indicator:
    return Indicator.objects.get(key=key)


def _activities(team, n: int, *, top: int) -> None:
    for i in range(n):
        b.activity(team, MID, rung=Rung.CO_PRODUCTION if i < top else Rung.INFORMING)


# --- one figure from its protected counts ---------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "top", "bottom", "shown"),
    [
        (Unit.COUNT, 0, None, (0, None, Decimal("0"))),
        (Unit.COUNT, None, None, (None, None, None)),
        (Unit.COUNT, 20, None, (20, None, Decimal("20"))),
        # 12 of 33 is shown as 10 of 35: the rate comes from the rounded figures.
        (Unit.PERCENT, 10, 35, (10, 35, Decimal("28.6"))),
        (Unit.PERCENT, 0, 40, (0, 40, Decimal("0.0"))),
        # A rate held back shows neither half: the shown one would help work out the other.
        (Unit.PERCENT, None, 40, (None, None, None)),
        (Unit.PERCENT, 40, None, (None, None, None)),
        (Unit.PERCENT, 0, 0, (0, 0, None)),  # nothing to divide by: no figure, not hidden
        (Unit.DAYS, 410, 10, (410, 10, Decimal("41.0"))),
        (Unit.DAYS, 200, None, (None, None, None)),
    ],
)
def test_a_figure_shows_both_parts_of_a_rate_or_neither(unit, top, bottom, shown):
    assert services.shown_figure(unit, top, bottom) == shown


# --- red, amber, green ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "rag"),
    [
        (Decimal("95"), "green"),
        (Decimal("90"), "green"),  # exactly on target
        (Decimal("89.9"), "amber"),
        (Decimal("75"), "amber"),  # exactly on the amber threshold
        (Decimal("74.9"), "red"),
        (None, "none"),
    ],
)
def test_rag_when_higher_is_better(value, rag):
    supervision = indicator("supervision_in_date")  # target 90, amber 75
    assert services.rag_for(supervision, value) == rag


@pytest.mark.parametrize(
    ("value", "rag"),
    [
        (Decimal("30"), "green"),
        (Decimal("42"), "green"),
        (Decimal("42.1"), "amber"),
        (Decimal("56"), "amber"),
        (Decimal("56.1"), "red"),
        (None, "none"),
    ],
)
def test_rag_when_lower_is_better(value, rag):
    days = indicator("advert_to_offer_days")  # target 42, amber 56
    assert services.rag_for(days, value) == rag


# --- one snapshot -------------------------------------------------------------------------------


def test_snapshot_stores_disclosed_figures_and_breakdown_only_where_it_survives():
    t = b.trust()
    _activities(t.north_team, 22, top=12)  # 12 of 22: shown as 10 of 20
    _activities(t.south_team, 4, top=3)  # 3 of 4: suppressed, and so is north, which would give it away
    snapshot = services.snapshot_compute(indicator=indicator("coproduction_share"), period=Q)
    # The trust: 15 of 26, shown as 15 of 25 = 60%.
    assert (snapshot.numerator, snapshot.denominator, snapshot.value) == (15, 25, Decimal("60.0"))
    assert (snapshot.suppressed, snapshot.rag) == (False, Snapshot.Rag.GREEN)
    assert (snapshot.period_type, snapshot.period, snapshot.period_start, snapshot.period_end) == (
        "quarter",
        "2025-26-Q3",
        date(2025, 10, 1),
        date(2025, 12, 31),
    )
    # 15 of 25 for the trust less north's 10 of 20 would put south at about 5 of 5: no rows at all.
    assert not snapshot.breakdown.exists()


def test_a_directorate_breakdown_survives_where_the_hidden_part_is_covered():
    t = b.trust()
    _activities(t.north_team, 22, top=12)
    _activities(t.south_team, 5, top=1)  # hidden
    # Kept against the trust as a whole, in no directorate: south cannot be told apart from these.
    _activities(t.trust, 10, top=5)
    snapshot = services.snapshot_compute(indicator=indicator("coproduction_share"), period=Q)
    rows = list(snapshot.breakdown.values_list("directorate__name", "numerator", "denominator", "value"))
    assert rows == [("Test North Directorate", 10, 20, Decimal("50.0"))]


def test_a_count_breakdown_keeps_only_directorates_above_seven():
    t = b.trust()
    for _ in range(12):
        b.activity(t.north_team, MID, kind="training-delivery")
    for _ in range(5):
        b.activity(t.south_team, MID, kind="training-delivery")
    snapshot = services.snapshot_compute(indicator=indicator("le_training_delivered"), period=Q)
    assert (snapshot.numerator, snapshot.denominator, snapshot.value) == (15, None, Decimal("15"))  # 17
    assert list(snapshot.breakdown.values_list("directorate_id", "numerator", "value")) == [
        (t.north.pk, 10, Decimal("10"))
    ]


def test_a_small_figure_is_stored_suppressed_with_nothing_underneath():
    t = b.trust()
    _activities(t.north_team, 5, top=2)
    snapshot = services.snapshot_compute(indicator=indicator("coproduction_share"), period=Q)
    assert (snapshot.numerator, snapshot.denominator, snapshot.value) == (None, None, None)
    assert (snapshot.suppressed, snapshot.rag) == (True, Snapshot.Rag.NONE)
    assert not snapshot.breakdown.exists()


def test_recomputing_is_idempotent_same_row_same_values():
    t = b.trust()
    _activities(t.north_team, 22, top=12)
    key = indicator("coproduction_share")
    first = services.snapshot_compute(indicator=key, period=Q)
    first_breakdown = list(first.breakdown.values_list("directorate_id", "numerator", "denominator", "value"))
    again = services.snapshot_compute(indicator=key, period=Q)
    assert again.pk == first.pk
    # The quarter and its three months, each once.
    assert Snapshot.objects.filter(indicator=key).count() == 4
    fields = ["numerator", "denominator", "value", "suppressed", "rag", "period_start", "period_end"]
    again.refresh_from_db()
    assert [getattr(again, f) for f in fields] == [getattr(first, f) for f in fields]
    assert (
        list(again.breakdown.values_list("directorate_id", "numerator", "denominator", "value"))
        == first_breakdown
    )
    assert SnapshotBreakdown.objects.filter(snapshot__indicator=key).count() == 1


def test_recomputing_after_the_data_changed_updates_the_same_row():
    t = b.trust()
    _activities(t.north_team, 22, top=12)
    key = indicator("coproduction_share")
    first = services.snapshot_compute(indicator=key, period=Q)
    _activities(t.south_team, 10, top=0)  # now 12 of 32: 10 of 30
    again = services.snapshot_compute(indicator=key, period=Q)
    assert again.pk == first.pk
    assert (again.numerator, again.denominator, again.value) == (10, 30, Decimal("33.3"))
    assert again.rag == Snapshot.Rag.RED  # target 60, amber 40
    assert sorted(again.breakdown.values_list("directorate_id", flat=True)) == [t.north.pk, t.south.pk]


def test_an_indicator_whose_metric_is_unknown_is_refused():
    broken = indicator("promotions")
    broken.key = "no_such_metric"
    with pytest.raises(services.CharterError) as caught:
        services.snapshot_compute(indicator=broken, period=Q)
    assert caught.value.field == "key"
    assert not Snapshot.objects.exists()


# --- the nightly job ---------------------------------------------------------------------------


def test_nightly_job_computes_eight_quarters_and_their_months_for_every_active_indicator():
    today = date(2026, 11, 22)
    retired = indicator("promotions")
    retired.is_active = False
    retired.save()
    active = Indicator.objects.filter(is_active=True)
    assert active.count() == 17

    quarters = [q.label for q in recent_quarters(today=today)]
    # Every month of those quarters up to this one (December has not begun).
    months = [m.label for m in recent_months(today=today, count=23)]
    assert (months[0], months[-1]) == ("2025-01", "2026-11")
    made = services.snapshots_compute_recent(today=today)
    assert made == 17 * (8 + 23)
    for one in active:
        stored = dict(Snapshot.objects.filter(indicator=one).values_list("period", "period_type"))
        assert stored == {**dict.fromkeys(quarters, "quarter"), **dict.fromkeys(months, "month")}
    assert not Snapshot.objects.filter(indicator=retired).exists()

    # Run again (the beat fires every night): the same rows, none added.
    ids = set(Snapshot.objects.values_list("pk", flat=True))
    assert services.snapshots_compute_recent(today=today) == 17 * (8 + 23)
    assert set(Snapshot.objects.values_list("pk", flat=True)) == ids


def test_the_beat_task_runs_the_nightly_job(monkeypatch):
    seen = {}

    def fake(**kwargs):
        seen.update(kwargs)
        return 7

    monkeypatch.setattr(services, "snapshots_compute_recent", fake)
    assert tasks.snapshots_compute_recent.apply().get() == 7
    assert seen == {}  # today and the window come from the service's own defaults


def test_the_beat_schedule_names_the_task():
    from django.conf import settings

    names = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "charter.tasks.snapshots_compute_recent" in names


# --- changing an indicator -------------------------------------------------------------------


def test_a_target_outside_the_units_range_is_refused_and_nothing_written():
    share = indicator("coproduction_share")
    with pytest.raises(ValidationError) as caught:
        services.indicator_update(indicator=share, by=None, target=Decimal("120"))
    assert "target" in caught.value.message_dict
    assert indicator("coproduction_share").target == Decimal("60")


def test_an_amber_threshold_on_the_better_side_is_refused():
    share = indicator("coproduction_share")
    with pytest.raises(ValidationError) as caught:
        services.indicator_update(indicator=share, by=None, amber_threshold=Decimal("70"))
    assert "amber_threshold" in caught.value.message_dict
    assert indicator("coproduction_share").amber_threshold == Decimal("40")


def test_fields_that_define_the_measure_cannot_be_changed():
    with pytest.raises(services.CharterError) as caught:
        services.indicator_update(indicator=indicator("coproduction_share"), by=None, unit=Unit.COUNT)
    assert caught.value.field == "unit"
    assert indicator("coproduction_share").unit == Unit.PERCENT


def test_a_new_target_re_rates_the_snapshots_already_stored():
    t = b.trust()
    _activities(t.north_team, 22, top=12)  # 10 of 20: 50%, against a target of 60
    key = indicator("coproduction_share")
    snapshot = services.snapshot_compute(indicator=key, period=Q)
    assert snapshot.rag == Snapshot.Rag.AMBER
    services.indicator_update(indicator=key, by=None, target=Decimal("50"), amber_threshold=Decimal("30"))
    snapshot.refresh_from_db()
    assert snapshot.rag == Snapshot.Rag.GREEN
    services.indicator_update(indicator=key, by=None, target=Decimal("80"), amber_threshold=Decimal("65"))
    snapshot.refresh_from_db()
    assert snapshot.rag == Snapshot.Rag.RED
    assert snapshot.value == Decimal("50.0")  # the figure itself is untouched


@pytest.mark.django_db
def test_a_running_quarter_is_measured_up_to_today_not_its_last_day():
    """Supervision in date 'at the end' of the current quarter means in date now, not on 31 March."""
    import datetime as dt

    from django.utils import timezone

    from charter.models import Indicator
    from charter.periods import quarter_of
    from charter.services import snapshot_compute
    from peers.models import SupervisionPolicy, TrainingCourse
    from tests.peers.factories import PeerWorkerFactory, SupervisionPolicyFactory, SupervisionSessionFactory

    today = timezone.localdate()
    SupervisionPolicy.objects.all().delete()
    TrainingCourse.objects.update(mandatory=False)
    team = PeerWorkerFactory().team
    workers = [PeerWorkerFactory(team=team) for _ in range(9)]
    workers.append(team.peer_workers.first())
    SupervisionPolicyFactory(level=workers[0].level, frequency_days=28)
    for worker in workers:
        SupervisionSessionFactory(worker=worker, held_on=today - dt.timedelta(days=3))
    snapshot = snapshot_compute(
        indicator=Indicator.objects.get(key="supervision_in_date"), period=quarter_of(today)
    )
    assert (snapshot.numerator, snapshot.denominator, snapshot.value) == (10, 10, 100)
