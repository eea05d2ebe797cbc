"""Filtering involvement lists by a register entry (or any id) tells nobody more than the list shows.

`?participant=<id>` picks rows among those the requester sees, through the places and
invitations they may see. An id they may not see answers exactly like an id that names nobody:
200 and no rows, never a 400 that would confirm the entry exists.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.roles import Role
from involvement.models import Participant, Participation
from tests.conftest import client_for_user
from tests.factories import (
    ActivityFactory,
    AttendedParticipationFactory,
    ConsultationFactory,
    ConsultationInvitationFactory,
    ConsultationResponseFactory,
    ParticipantFactory,
    ParticipationFactory,
    PaymentClaimFactory,
    UserFactory,
)

# Every involvement list with a participant filter.
LISTS = [
    "activity-list",
    "participation-list",
    "consultation-list",
    "consultation-invitation-list",
    "consultation-response-list",
    "payment-claim-list",
]


@pytest.fixture
def register(db):
    """A participant with a login and another person on the register, side by side everywhere."""
    login = UserFactory(roles=[Role.PARTICIPANT])
    mine = ParticipantFactory(user=login)
    other = ParticipantFactory()
    activity_lead = UserFactory(roles=[Role.SUPERVISOR])
    owner = UserFactory(roles=[Role.SUPERVISOR])
    # An activity both have a place at, led by a member of staff, and one only the other is at.
    shared = ActivityFactory(leads=[activity_lead])
    ParticipationFactory(activity=shared, participant=mine)
    ParticipationFactory(activity=shared, participant=other)
    theirs_only = ActivityFactory(leads=[activity_lead])
    ParticipationFactory(activity=theirs_only, participant=other)
    # An open consultation both are invited to and both answered.
    consultation = ConsultationFactory(owner=owner)
    for person in (mine, other):
        ConsultationInvitationFactory(consultation=consultation, participant=person)
        ConsultationResponseFactory(consultation=consultation, participant=person)
    # A claim each.
    PaymentClaimFactory(participation=AttendedParticipationFactory(participant=mine))
    PaymentClaimFactory(participation=AttendedParticipationFactory(participant=other))
    return {
        "login": login,
        "mine": mine,
        "other": other,
        "activity_lead": activity_lead,
        "owner": owner,
        "shared": shared,
        "theirs_only": theirs_only,
        "made_up": (Participant.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000,
    }


def answer(client, name: str, **params) -> tuple[int, list]:
    response = client.get(reverse(f"api:{name}"), params)
    body = response.json()
    return response.status_code, body.get("results", body)


def ids(client, name: str, **params) -> set[int]:
    status, rows = answer(client, name, **params)
    assert status == 200, rows
    return {row["id"] for row in rows}


@pytest.mark.parametrize("name", LISTS)
def test_a_participant_learns_nothing_by_filtering_on_someone_else(register, name):
    client = client_for_user(register["login"])
    someone_else = answer(client, name, participant=register["other"].pk)
    nobody = answer(client, name, participant=register["made_up"])
    assert someone_else == nobody == (200, [])
    # Their own id still picks their own rows.
    assert ids(client, name, participant=register["mine"].pk) == ids(client, name)
    assert ids(client, name)


@pytest.mark.parametrize("name", LISTS)
def test_an_id_that_is_not_a_whole_number_is_still_refused_naming_the_filter(register, name):
    client = client_for_user(register["login"])
    for value in ("abc", "1.5"):
        status, body = answer(client, name, participant=value)
        assert status == 400, body
    response = client.get(reverse(f"api:{name}"), {"participant": "abc"})
    assert "participant" in response.json()["errors"]


def test_an_activity_lead_filters_their_activities_by_the_people_taking_part(register):
    client = client_for_user(register["activity_lead"])
    shared, theirs_only = register["shared"].pk, register["theirs_only"].pk
    assert ids(client, "activity-list", participant=register["other"].pk) == {shared, theirs_only}
    assert ids(client, "activity-list", participant=register["mine"].pk) == {shared}
    assert ids(client, "activity-list", participant=register["made_up"]) == set()
    places = ids(client, "participation-list", participant=register["other"].pk)
    assert len(places) == 2


def test_an_involvement_lead_filters_every_list_by_anyone_on_the_register(register):
    client = client_for_user(UserFactory(roles=[Role.INVOLVEMENT_LEAD]))
    other = register["other"].pk
    places = Participation.objects.filter(participant=other)
    assert ids(client, "activity-list", participant=other) == set(places.values_list("activity", flat=True))
    for name in LISTS[1:]:
        assert ids(client, name, participant=other), name
        assert ids(client, name, participant=register["made_up"]) == set(), name


def test_a_consultation_owner_cannot_find_out_who_is_invited(register):
    # The owner reads responses, but invitations are the involvement team's: the filter on
    # consultations goes through invitations, so it tells the owner nothing.
    client = client_for_user(register["owner"])
    assert ids(client, "consultation-list")
    assert answer(client, "consultation-list", participant=register["other"].pk) == answer(
        client, "consultation-list", participant=register["made_up"]
    )


def test_finance_filters_claims_by_the_person_paid(register):
    client = client_for_user(UserFactory(roles=[Role.FINANCE]))
    rows = answer(client, "payment-claim-list", participant=register["other"].pk)[1]
    assert [row["participant"]["id"] for row in rows] == [register["other"].pk]
    assert answer(client, "payment-claim-list", participant=register["made_up"]) == (200, [])


OTHER_ID_FILTERS = [
    ("activity-list", "lead"),
    ("activity-list", "series"),
    ("participation-list", "activity"),
    ("consultation-list", "owner"),
    ("consultation-invitation-list", "consultation"),
    ("consultation-response-list", "consultation"),
    ("payment-claim-list", "activity"),
]


@pytest.mark.parametrize(("name", "param"), OTHER_ID_FILTERS)
@pytest.mark.parametrize("who", ["login", "lead"])
def test_other_ids_that_name_nothing_give_no_rows_not_an_error(register, name, param, who):
    user = register["login"] if who == "login" else UserFactory(roles=[Role.INVOLVEMENT_LEAD])
    assert answer(client_for_user(user), name, **{param: 10**9}) == (200, [])


def test_a_participant_filters_by_the_lead_of_an_activity_they_are_at(register):
    client = client_for_user(register["login"])
    assert ids(client, "activity-list", lead=register["activity_lead"].pk) == {register["shared"].pk}
