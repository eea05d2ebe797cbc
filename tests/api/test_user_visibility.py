"""Who on the involvement register has a login is not HR's to list.

HR reads the accounts of staff (to pick hiring managers, line managers, supervisors and panel
members, and to set up a new starter's employment). A login held only to take part in
involvement is not one of them, and the participant role of a member of staff is not shown.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.conftest import client_for_user
from tests.factories import ParticipantFactory, UserFactory

LIST = reverse("api:user-list")


def detail(pk: int) -> str:
    return reverse("api:user-detail", kwargs={"pk": pk})


@pytest.fixture
def people(db):
    register_only = UserFactory(roles=[Role.PARTICIPANT], email="register.only@test.example")
    ParticipantFactory(user=register_only)
    # A peer worker who is also on the register (peer workers often are).
    both = UserFactory(roles=[Role.PEER_WORKER, Role.PARTICIPANT], email="both@test.example")
    ParticipantFactory(user=both)
    staff = UserFactory(roles=[Role.SUPERVISOR], email="staff@test.example")
    no_role = UserFactory(email="no.role.yet@test.example")
    hr = UserFactory(roles=[Role.HR])
    return {"register_only": register_only, "both": both, "staff": staff, "no_role": no_role, "hr": hr}


def rows(client, **params) -> dict[int, dict]:
    response = client.get(LIST, params)
    assert response.status_code == 200, response.content
    return {row["id"]: row for row in response.json()["results"]}


def test_hr_does_not_list_accounts_held_only_to_take_part(people):
    shown = rows(client_for_user(people["hr"]))
    expected = {people[name].pk for name in ("both", "staff", "no_role", "hr")}
    assert set(shown) == expected
    assert client_for_user(people["hr"]).get(detail(people["register_only"].pk)).status_code == 404


def test_hr_cannot_find_register_members_by_role_or_email(people):
    client = client_for_user(people["hr"])
    assert rows(client, role="participant") == {}
    assert rows(client, email="register.only@test.example") == {}
    # The role filter still works for the roles HR sees.
    assert set(rows(client, role="peer_worker")) == {people["both"].pk}


def test_hr_is_not_shown_a_staff_members_participant_role(people):
    client = client_for_user(people["hr"])
    assert rows(client)[people["both"].pk]["roles"] == ["peer_worker"]
    body = client.get(detail(people["both"].pk)).json()
    assert body["roles"] == ["peer_worker"]


def test_a_filter_value_nobody_may_be_shown_behaves_like_one_nobody_holds(people):
    client = client_for_user(people["hr"])
    assert client.get(LIST, {"role": "participant"}).json() == client.get(LIST, {"role": "finance"}).json()


def test_people_still_see_all_of_their_own_roles(people):
    for name in ("register_only", "both"):
        client = client_for_user(people[name])
        shown = rows(client, role="participant")
        assert list(shown) == [people[name].pk]
        assert Role.PARTICIPANT in shown[people[name].pk]["roles"]


def test_administrators_set_up_every_account_and_see_every_role(people):
    client = client_for_user(UserFactory(roles=[Role.ADMIN]))
    assert set(rows(client, role="participant")) == {people["register_only"].pk, people["both"].pk}
    assert rows(client)[people["both"].pk]["roles"] == ["participant", "peer_worker"]
