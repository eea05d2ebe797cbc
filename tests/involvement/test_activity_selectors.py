"""The reads behind the involvement team's activity pages: a month by the trust's clock, places
counted for the rows shown, who would be left out of an invitation and why, who was moved up."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.roles import Role
from involvement import selectors, services
from involvement.models import Activity, Participant
from tests.factories import ActivityFactory, ParticipantFactory, ParticipationFactory, UserFactory

pytestmark = pytest.mark.django_db


def local(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=timezone.get_current_timezone())


def test_a_month_runs_from_midnight_to_midnight_on_the_trusts_clock():
    # 00:30 on 1 July in London is 23:30 on 30 June in UTC: it belongs to July.
    ActivityFactory(title="Early July", starts_at=local(2031, 7, 1, 0, 30))
    ActivityFactory(title="Late June", starts_at=local(2031, 6, 30, 23, 30))
    ActivityFactory(title="New Year's Eve", starts_at=local(2031, 12, 31, 22))

    def titles(year: int, month: int) -> list[str]:
        found = selectors.activities_in_month(Activity.objects.all(), year=year, month=month)
        return [activity.title for activity in found]

    assert titles(2031, 7) == ["Early July"]
    assert titles(2031, 6) == ["Late June"]
    assert titles(2031, 12) == ["New Year's Eve"]


def test_places_are_counted_for_the_activities_asked_about_only(django_assert_num_queries):
    one, other = ActivityFactory(), ActivityFactory()
    ParticipationFactory.create_batch(2, activity=one, status="accepted")
    ParticipationFactory(activity=one, status="waitlisted")
    ParticipationFactory(activity=one)
    ParticipationFactory(activity=other, status="accepted")
    with django_assert_num_queries(1):
        places = selectors.activity_places([one.pk])
    assert places == {one.pk: selectors.ActivityPlaces(taken=2, waiting=1, invited=1)}


def test_still_to_come_includes_one_under_way_and_over_is_newest_first():
    now = timezone.now()
    under_way = ActivityFactory(title="Under way", starts_at=now - dt.timedelta(hours=1))
    ActivityFactory(title="Yesterday", starts_at=now - dt.timedelta(days=1))
    ActivityFactory(title="Last week", starts_at=now - dt.timedelta(days=7))
    upcoming = selectors.activities_matching(Activity.objects.all(), now=now, when="upcoming")
    assert list(upcoming) == [under_way]
    over = selectors.activities_matching(Activity.objects.all(), now=now, when="past")
    assert [a.title for a in over] == ["Yesterday", "Last week"]


def test_invitees_say_why_each_person_would_be_left_out():
    activity = ActivityFactory()
    ParticipantFactory(name="A ready")
    ParticipationFactory(
        activity=activity, participant=ParticipantFactory(name="B invited"), status="accepted"
    )
    ParticipantFactory(name="C withdrawn", consent_withdrawn_at=timezone.now())
    ParticipantFactory(name="D never", consent_given_at=None)
    ParticipantFactory(name="E paused", status="paused")
    ParticipantFactory(name="F left", status="left")
    rows = selectors.invitees(activity=activity, participants=Participant.objects.all())
    assert [(row.participant.name, row.left_out) for row in rows] == [
        ("A ready", ""),
        ("B invited", "Already invited, and has a place"),
        ("C withdrawn", "Has withdrawn consent to be contacted"),
        ("D never", "Has not given consent to be contacted"),
        ("E paused", "Paused on the register"),
        ("F left", "Has left the register"),
    ]
    # The same people the invitation service would invite: no more, no fewer.
    lead = UserFactory(roles=[Role.INVOLVEMENT_LEAD])
    made = services.participations_invite_matching(
        activity=activity, participants=Participant.objects.all(), by=lead
    )
    assert [p.participant.name for p in made] == [row.participant.name for row in rows if not row.left_out]


def test_someone_given_a_freed_place_is_shown_as_moved_up_with_when():
    lead = UserFactory(roles=[Role.INVOLVEMENT_LEAD])
    activity = ActivityFactory(capacity=1)
    first, second = (
        services.participation_invite(activity=activity, participant=ParticipantFactory(), by=lead)
        for _ in range(2)
    )
    for row in (first, second):
        services.participation_accept(participation=row, by=lead)
    assert selectors.participations_promoted(activity=activity) == {}
    before = timezone.now()
    services.participation_decline(participation=first, by=lead)
    promoted = selectors.participations_promoted(activity=activity)
    assert list(promoted) == [second.pk] and promoted[second.pk] >= before
