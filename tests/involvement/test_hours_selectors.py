"""The hours selectors: which attendances a period takes (whole UK days), and the totals per person,
per team and for a certificate."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from involvement import selectors
from involvement.models import Participation
from tests.factories import ActivityFactory, ParticipantFactory, ParticipationFactory, TeamFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def attended(person, starts_at: dt.datetime, hours: str | None = "2.00", **fields) -> Participation:
    activity = ActivityFactory(
        starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=3), status="held", **fields
    )
    return ParticipationFactory(
        participant=person,
        activity=activity,
        status=Participation.Status.ACCEPTED,
        attendance=Participation.Attendance.ATTENDED,
        hours=None if hours is None else Decimal(hours),
    )


def test_a_period_is_whole_days_in_uk_time():
    person = ParticipantFactory()
    # 23:30 UTC on 5 April 2025 is 00:30 on 6 April in London (summer time): the new tax year.
    first_moment = attended(person, dt.datetime(2025, 4, 5, 23, 30, tzinfo=dt.UTC))
    # 22:59 UTC on 5 April 2025 is 23:59 on 5 April in London: the year before.
    attended(person, dt.datetime(2025, 4, 5, 22, 59, tzinfo=dt.UTC))
    last_moment = attended(person, dt.datetime(2026, 4, 5, 23, 59, tzinfo=LONDON))
    attended(person, dt.datetime(2026, 4, 6, 0, 0, tzinfo=LONDON))
    first, last = selectors.tax_year_bounds(2025)
    found = selectors.attended_between(Participation.objects.all(), start=first, end=last)
    assert set(found) == {first_moment, last_moment}


def test_only_attended_counts_and_missing_hours_count_as_none():
    person, team = ParticipantFactory(name="Test Totals Person"), TeamFactory(name="Test Totals Team")
    day = dt.datetime(2025, 6, 1, 10, tzinfo=LONDON)
    attended(person, day, "1.25", team=team)
    attended(person, day, None, team=team)
    no_show = attended(person, day, "9.00", team=team)
    Participation.objects.filter(pk=no_show.pk).update(attendance=Participation.Attendance.NO_SHOW)
    rows = selectors.attended_between(
        Participation.objects.all(), start=dt.date(2025, 6, 1), end=dt.date(2025, 6, 1)
    )
    total = selectors.hours_total(rows)
    assert (total.hours, total.people, total.activities) == (Decimal("1.25"), 1, 2)
    [by_person] = selectors.hours_by_person(rows)
    assert (by_person["participant__name"], by_person["hours"], by_person["activities"]) == (
        "Test Totals Person",
        Decimal("1.25"),
        2,
    )
    [by_team] = selectors.hours_by_team(rows)
    assert (by_team["name"], by_team["hours"], by_team["people"]) == ("Test Totals Team", Decimal("1.25"), 1)
    lines = selectors.hours_certificate_lines(rows, participant=person)
    assert [line.hours for line in lines] == [Decimal("1.25"), Decimal("0.00")]


def test_a_team_narrows_to_its_activities():
    person = ParticipantFactory()
    ours, theirs = TeamFactory(), TeamFactory()
    day = dt.datetime(2025, 6, 1, 10, tzinfo=LONDON)
    mine = attended(person, day, team=ours)
    attended(person, day, team=theirs)
    rows = selectors.attended_between(
        Participation.objects.all(), start=dt.date(2025, 6, 1), end=dt.date(2025, 6, 1), team=ours
    )
    assert list(rows) == [mine]
