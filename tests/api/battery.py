"""The battery every API resource gets: list, detail, create, update, delete, wrong role, hidden rows.

A resource's test class subclasses `ResourceBattery`, says which roles read and write it, and
how to make one of its objects. `test_meta.py` fails when a router resource has no battery.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from tests.conftest import client_for_user
from tests.factories import UserFactory


def _client(role: str):
    return client_for_user(UserFactory(roles=[role]))


@pytest.mark.django_db
class ResourceBattery:
    basename: ClassVar[str]
    reader_role: ClassVar[str]  # may list and read every row made by `make_object`
    writer_role: ClassVar[str] = Role.ADMIN  # may create, update and delete
    forbidden_role: ClassVar[str]  # may not create (403)
    # A role that must not see an object made by `make_object` (404), or None when every
    # signed-in user may read every row; then the test asserts exactly that instead.
    hidden_from_role: ClassVar[str | None] = None
    max_list_queries: ClassVar[int] = 10
    deletes_row: ClassVar[bool] = True

    # --- per resource -----------------------------------------------------------------
    def make_object(self) -> Any:
        raise NotImplementedError

    def create_payload(self) -> dict[str, Any]:
        raise NotImplementedError

    def update_payload(self, obj: Any) -> dict[str, Any]:
        raise NotImplementedError

    def assert_deleted(self, obj: Any) -> None:
        assert not type(obj).objects.filter(pk=obj.pk).exists()

    # --- helpers --------------------------------------------------------------------
    def list_url(self) -> str:
        return reverse(f"api:{self.basename}-list")

    def detail_url(self, obj: Any) -> str:
        return reverse(f"api:{self.basename}-detail", kwargs={"pk": obj.pk})

    # --- the battery ----------------------------------------------------------------------
    def test_list(self):
        obj = self.make_object()
        response = _client(self.reader_role).get(self.list_url())
        assert response.status_code == 200, response.content
        body = response.json()
        assert {"count", "next", "previous", "results"} <= set(body)
        assert obj.pk in [row["id"] for row in body["results"]]

    def test_list_query_count_does_not_grow_with_rows(self):
        client = _client(self.reader_role)
        self.make_object()
        with CaptureQueriesContext(connection) as few:
            assert client.get(self.list_url()).status_code == 200
        for _ in range(8):
            self.make_object()
        with CaptureQueriesContext(connection) as many:
            response = client.get(self.list_url())
        assert response.status_code == 200
        assert len(many) == len(few), (
            f"{self.basename} list makes {len(many)} queries for more rows, {len(few)} for fewer: "
            "a query per row has crept in; add a join to the selector."
        )
        assert len(many) <= self.max_list_queries, [q["sql"] for q in many.captured_queries]

    def test_detail(self):
        obj = self.make_object()
        response = _client(self.reader_role).get(self.detail_url(obj))
        assert response.status_code == 200, response.content
        assert response.json()["id"] == obj.pk
        assert response.json()["display"]

    def test_create(self):
        response = _client(self.writer_role).post(self.list_url(), self.create_payload(), format="json")
        assert response.status_code == 201, response.content
        assert response.json()["id"]

    def test_update(self):
        obj = self.make_object()
        payload = self.update_payload(obj)
        response = _client(self.writer_role).patch(self.detail_url(obj), payload, format="json")
        assert response.status_code == 200, response.content
        for key, value in payload.items():
            assert response.json()[key] == value

    def test_delete(self):
        obj = self.make_object()
        response = _client(self.writer_role).delete(self.detail_url(obj))
        assert response.status_code == 204, response.content
        self.assert_deleted(obj)

    def test_create_forbidden_for_wrong_role(self):
        model = type(self.make_object())
        client, payload = _client(self.forbidden_role), self.create_payload()
        before = model.objects.count()
        response = client.post(self.list_url(), payload, format="json")
        assert response.status_code == 403, response.content
        assert set(response.json()) == {"detail", "errors"}
        assert model.objects.count() == before

    def test_change_forbidden_for_wrong_role(self):
        obj = self.make_object()
        client = _client(self.forbidden_role)
        response = client.patch(self.detail_url(obj), self.update_payload(obj), format="json")
        assert response.status_code in (403, 404), response.content
        assert client.delete(self.detail_url(obj)).status_code in (403, 404)
        assert type(obj).objects.filter(pk=obj.pk).exists()

    def test_hidden_rows(self):
        obj = self.make_object()
        if self.hidden_from_role is None:
            # Declared open to every signed-in user: check that is really so.
            response = _client(Role.PARTICIPANT).get(self.detail_url(obj))
            assert response.status_code == 200, response.content
            return
        client = _client(self.hidden_from_role)
        assert client.get(self.detail_url(obj)).status_code == 404
        ids = [row["id"] for row in client.get(self.list_url()).json()["results"]]
        assert obj.pk not in ids

    def test_anonymous_gets_401(self):
        from rest_framework.test import APIClient

        obj = self.make_object()
        assert APIClient().get(self.list_url()).status_code == 401
        assert APIClient().get(self.detail_url(obj)).status_code == 401


def users_with_role(role: str) -> list[User]:
    return list(User.objects.filter(groups__name=role))
