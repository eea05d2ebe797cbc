"""The battery every API resource gets: list, detail, create, update, delete, wrong role, hidden rows.

A resource's test class says which roles read and write it, and how to make one of its objects.
`ResourceBattery` is the whole battery: `ReadBattery` (list, query count, detail, hidden rows,
anonymous 401) and `WriteBattery` (create, update, delete, wrong-role create and change). A
read-only resource takes `ReadBattery`, with `RefusesWrites` where the API offers no write at all.
`test_meta.py` fails when a router resource has no read battery.
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
class ReadBattery:
    """List, query count, detail, hidden rows and anonymous access: what every resource gets."""

    basename: ClassVar[str]
    reader_role: ClassVar[str]  # may list and read every row made by `make_object`
    # A role that must not see an object made by `make_object` (404), or None when every
    # signed-in user may read every row; then the test asserts exactly that instead.
    hidden_from_role: ClassVar[str | None] = None
    max_list_queries: ClassVar[int] = 10

    # --- per resource -----------------------------------------------------------------
    def make_object(self) -> Any:
        raise NotImplementedError

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


@pytest.mark.django_db
class WriteBattery:
    """Create, update and delete by the writer role; create and change refused for the wrong one.

    Mixed with `ReadBattery` (as `ResourceBattery`), which gives `make_object` and the URLs.
    """

    writer_role: ClassVar[str] = Role.ADMIN  # may create, update and delete
    forbidden_role: ClassVar[str]  # may not create (403)
    deletes_row: ClassVar[bool] = True

    # --- per resource -----------------------------------------------------------------
    def create_payload(self) -> dict[str, Any]:
        raise NotImplementedError

    def update_payload(self, obj: Any) -> dict[str, Any]:
        raise NotImplementedError

    def assert_deleted(self, obj: Any) -> None:
        assert not type(obj).objects.filter(pk=obj.pk).exists()

    # --- the battery ----------------------------------------------------------------------
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


class ResourceBattery(ReadBattery, WriteBattery):
    """The whole battery, for a resource the API reads and writes."""


def assert_writes_refused(
    battery: Any, role: str, *, methods: tuple[str, ...] = ("post", "put", "patch", "delete")
) -> None:
    """Writes the resource does not offer are 405 for `role`, in the usual error shape, and change nothing."""
    obj = battery.make_object()
    model = type(obj)
    client = _client(role)
    create_body = battery.create_payload() if "post" in methods else {}
    update_body = battery.update_payload(obj)
    before = (model.objects.count(), _values(model.objects.get(pk=obj.pk)))
    if "post" in methods:
        response = client.post(battery.list_url(), create_body, format="json")
        assert response.status_code == 405, response.content
        assert set(response.json()) == {"detail", "errors"}
    for method in ("put", "patch", "delete"):
        if method in methods:
            args = () if method == "delete" else (update_body,)
            response = getattr(client, method)(battery.detail_url(obj), *args, format="json")
            assert response.status_code == 405, (method, response.content)
            assert set(response.json()) == {"detail", "errors"}, method
    assert (model.objects.count(), _values(model.objects.get(pk=obj.pk))) == before


def _values(obj: Any) -> dict[str, Any]:
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


@pytest.mark.django_db
class RefusesWrites:
    """For a read-only resource (mixed with `ReadBattery`): POST, PUT, PATCH and DELETE are 405 for
    every role in `refused_roles`, the ones most likely to be let write, and change nothing."""

    refused_roles: ClassVar[tuple[str, ...]]

    # Bodies a write would send: valid ones, so the refusal is about the method, not the body.
    def create_payload(self) -> dict[str, Any]:
        raise NotImplementedError

    def update_payload(self, obj: Any) -> dict[str, Any]:
        raise NotImplementedError

    def test_writes_are_refused(self):
        for role in self.refused_roles:
            assert_writes_refused(self, role)


def users_with_role(role: str) -> list[User]:
    return list(User.objects.filter(groups__name=role))
