"""Fixtures for the pages: people of each role, signed in through the test client's session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from involvement.models import Activity, Participant, Participation
from tests.factories import (
    ActivityFactory,
    ParticipantFactory,
    ParticipationFactory,
    RateCardEntryFactory,
    UserFactory,
)
from tests.web.browser import browser  # noqa: F401  (one chromium per test module)


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    client.user = user  # type: ignore[attr-defined]
    return client


@pytest.fixture
def page_for(db) -> Callable[..., Client]:
    """`page_for(Role.HR)`: a browser-like client signed in as a new person holding that role."""

    def make(*roles: str, **kwargs) -> Client:
        return signed_in(UserFactory(roles=list(roles), **kwargs))

    return make


@pytest.fixture
def participant(db) -> Participant:
    """Someone on the register with a login, who has given consent and wants paying."""
    user = UserFactory(roles=[Role.PARTICIPANT], email="rowan@test.example", preferred_name="Rowan")
    return ParticipantFactory(user=user, name="Rowan Testperson", email="rowan.register@test.example")


@pytest.fixture
def participant_page(participant) -> Client:
    return signed_in(participant.user)


def future(days: int = 7, hour: int = 14) -> dt.datetime:
    return (timezone.localtime() + dt.timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def invite(person: Participant, **activity) -> Participation:
    """An invitation, not yet answered, to an open activity still to come."""
    return ParticipationFactory(participant=person, activity=ActivityFactory(**activity))


def attended(person: Participant, *, hours: str = "2.00", days_ago: int = 7, **activity) -> Participation:
    """A place at an activity held `days_ago`, attended for `hours`, with a £20 an hour rate."""
    start = future(days=-days_ago, hour=10)
    held = ActivityFactory(
        starts_at=start, ends_at=start + dt.timedelta(hours=2), status=Activity.Status.HELD, **activity
    )
    RateCardEntryFactory(activity_kind=held.kind)
    return ParticipationFactory(
        participant=person,
        activity=held,
        status=Participation.Status.ACCEPTED,
        attendance=Participation.Attendance.ATTENDED,
        hours=Decimal(hours),
    )
