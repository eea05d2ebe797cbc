"""The home page at /: what each role has to do, from the selectors; a board member goes to the board."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from reminders.models import ReminderPreference
from tests.web import world as world_module
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return world_module.build()


def home(world, role) -> str:
    response = signed_in(world.users[role]).get("/")
    assert response.status_code == 200, role
    return " ".join(response.content.decode().split())


def test_a_participant_sees_replies_waiting_claims_and_their_next_activity(world):
    page = home(world, Role.PARTICIPANT)
    assert "Hello, Rowan Voice-Test" in page
    link = '<a class="nhsuk-link" href="/involvement/invitations/">invitations waiting for your reply'
    assert f'2</span> <span class="web-figure__label">{link}' in page
    assert "claim being dealt with" in page and "waiting-list place" in page
    assert "Your next activity: Service user and carer steering group" in page


def test_an_involvement_lead_sees_claims_consultations_actions_and_activities(world):
    page = home(world, Role.INVOLVEMENT_LEAD)
    assert "claim waiting for your approval" in page and "Needs action" in page
    assert "consultation closing within 7 days" in page
    assert "&quot;you said, we did&quot; action overdue" in page
    assert "Designing the crisis line leaflet" in page


def test_finance_sees_approved_claims_to_pay(world):
    from involvement import services

    services.payment_claim_approve(claim=world.claim, by=world.users[Role.INVOLVEMENT_LEAD])
    page = home(world, Role.FINANCE)
    assert "approved claim waiting to be paid" in page and "Total to pay: £40.90" in page


def test_staff_in_the_peer_workforce_see_their_own_figures(world):
    assert "training course running out within 30 days" in home(world, Role.PEER_WORKER)
    assert "Supervision" in home(world, Role.PEER_WORKER)
    assert "person you supervise" in home(world, Role.SUPERVISOR)
    manager = home(world, Role.LINE_MANAGER)
    assert "Peer workers you manage" in manager and 'href="/team/">peer worker</a></span>' in manager
    hr = home(world, Role.HR)
    assert "peer worker in post" in hr and "vacancy open" in hr and "Senior peer support worker" in hr


def test_an_administrator_is_pointed_to_the_back_office_and_the_board(world):
    page = home(world, Role.ADMIN)
    assert 'href="/admin/"' in page and 'href="/board/"' in page


def test_a_board_member_goes_straight_to_the_dashboard(world):
    response = signed_in(world.users[Role.BOARD_MEMBER]).get("/")
    assert response.status_code == 302 and response["Location"] == "/board/"


def test_someone_with_no_role_is_told_how_to_get_one(page_for):
    body = page_for().get("/").content.decode()
    assert "Your account does not have a role yet" in body


def test_one_person_does_not_see_another_roles_cards(world):
    page = home(world, Role.PARTICIPANT)
    assert "claim waiting for your approval" not in page and "Peer workforce" not in page


@pytest.mark.parametrize("role", [r for r in Role if r != Role.BOARD_MEMBER])
def test_the_home_page_asks_as_many_queries_with_many_rows_as_with_few(
    world, role, django_assert_max_num_queries
):
    from tests.factories import ParticipationFactory
    from tests.web.world import at

    client = signed_in(world.users[role])
    with django_assert_max_num_queries(20) as few:
        client.get("/")
    for days in range(10):
        ParticipationFactory(participant=world.participant, activity__starts_at=at(days + 1, 9))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/")


def test_reminders_setting_changes_through_the_service(world, page_for):
    client = signed_in(world.users[Role.HR])
    page = client.get("/settings/").content.decode()
    assert "An email for each reminder" in page
    bad = client.post("/settings/reminders/", {"mode": "hourly"})
    assert bad.status_code == 400 and "Select a valid choice" in bad.content.decode()
    assert not ReminderPreference.objects.exists()
    client.post("/settings/reminders/", {"mode": "digest"})
    assert ReminderPreference.objects.get(user=world.users[Role.HR]).mode == "digest"
    assert "One email a day with all my reminders" in client.get("/settings/").content.decode()
