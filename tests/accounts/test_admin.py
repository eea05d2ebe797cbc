"""The back office opens for users, teams and roles."""

import pytest

from accounts.roles import Role
from tests.factories import TeamFactory, UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/accounts/user/",
        "/admin/accounts/user/add/",
        "/admin/accounts/team/",
        "/admin/auth/group/",
        "/admin/django_celery_beat/periodictask/",
    ],
)
def test_admin_pages_open_for_an_administrator(client, url):
    TeamFactory()
    admin = UserFactory(roles=[Role.ADMIN], is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_user_and_team_change_pages(client):
    team = TeamFactory()
    person = UserFactory(roles=[Role.HR], teams=[team])
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(f"/admin/accounts/user/{person.pk}/change/")
    assert page.status_code == 200
    assert person.email in page.content.decode()
    assert client.get(f"/admin/accounts/team/{team.pk}/change/").status_code == 200


@pytest.mark.django_db
def test_back_office_is_closed_to_non_staff(client):
    client.force_login(UserFactory(roles=[Role.PEER_WORKER]))
    response = client.get("/admin/accounts/user/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
