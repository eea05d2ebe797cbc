"""Create-only fields (`Meta.create_only_fields`): given when a record is made, fixed after it.

PUT and PATCH use the serializer's `for_update()` form: the fields are read-only there, so a body
that sends them changes nothing, and the OpenAPI schema leaves them out of the update's request.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

import api.urls  # noqa: F401  (imports every serializer the API uses)
from accounts.roles import Role
from api.serializers import BaseModelSerializer
from peers.models import TrainingRecord
from tests.conftest import client_for_user
from tests.factories import UserFactory
from tests.peers.factories import PeerWorkerFactory, TrainingCourseFactory, TrainingRecordFactory


def _with_create_only_fields() -> list[type[BaseModelSerializer]]:
    found, stack = [], list(BaseModelSerializer.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if not cls.updating and getattr(cls.Meta, "create_only_fields", ()):
            found.append(cls)
    return sorted(found, key=lambda cls: cls.__name__)


@pytest.fixture(scope="module")
def schemas(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()["components"]["schemas"]


def test_some_serializers_declare_create_only_fields():
    assert len(_with_create_only_fields()) >= 15


@pytest.mark.parametrize("serializer", _with_create_only_fields(), ids=lambda cls: cls.__name__)
def test_the_schema_takes_create_only_fields_on_create_and_not_on_update(schemas, serializer):
    name = serializer.__name__.removesuffix("Serializer")
    fields = serializer.Meta.create_only_fields
    create = schemas[f"{name}Request"]["properties"]
    patch = schemas[f"Patched{name}UpdateRequest"]["properties"]
    answer = schemas[f"{name}Update"]["properties"]
    for field in fields:
        assert field in create, field
        assert field not in patch, field
        if not serializer().fields[field].write_only:
            assert answer[field].get("readOnly"), field
    put = schemas.get(f"{name}UpdateRequest")
    if put is not None:
        assert not set(fields) & set(put["properties"])


@pytest.mark.django_db
def test_a_patch_that_sends_a_create_only_field_changes_only_the_rest():
    record = TrainingRecordFactory()
    worker, course = record.worker, record.course
    body = {
        "worker": PeerWorkerFactory().pk,
        "course": TrainingCourseFactory().pk,
        "completed_on": (timezone.localdate() - dt.timedelta(days=2)).isoformat(),
        "evidence_reference": "CERT-CORRECTED",
    }
    hr = client_for_user(UserFactory(roles=[Role.HR]))
    response = hr.patch(reverse("api:training-record-detail", kwargs={"pk": record.pk}), body, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["worker"]["id"], response.json()["course"]["id"]) == (worker.pk, course.pk)
    record = TrainingRecord.objects.get(pk=record.pk)
    assert (record.worker, record.course, record.evidence_reference) == (worker, course, "CERT-CORRECTED")
