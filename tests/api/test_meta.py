"""Meta-tests: every API resource has the battery, and the schema and docs are served locally."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import tests.api
from api.urls import registry
from tests.api.battery import ReadBattery


def _batteries() -> set[str]:
    for module in pkgutil.walk_packages(tests.api.__path__, "tests.api."):
        importlib.import_module(module.name)
    found: set[str] = set()
    stack = list(ReadBattery.__subclasses__())  # ResourceBattery is one
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if "basename" in cls.__dict__:
            found.add(cls.basename)
    return found


def test_every_router_resource_has_the_battery():
    registered = {basename for _, _, basename in registry}
    missing = registered - _batteries()
    assert not missing, f"API resources with no battery (ResourceBattery, or ReadBattery): {sorted(missing)}"


@pytest.mark.django_db
def test_schema_is_served_and_describes_the_api(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/me" in schema["paths"]
    assert "/api/v1/auth/login" in schema["paths"]
    assert "/api/v1/teams/" in schema["paths"]


# Words that belong in a note to the next developer, not in what a user of the API reads.
DEVELOPER_WORDS = ("queryset", "subclass", "Meta.", "serializer", "self.", "kwargs", "in the context", "TODO")


def _served_schema(client) -> dict:
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def _descriptions(node, where: str = ""):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                yield where, value
            else:
                yield from _descriptions(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _descriptions(value, f"{where}/{index}")


@pytest.mark.django_db
def test_every_description_is_written_for_a_user_of_the_api(client):
    schema = _served_schema(client)
    notes = [(at, text) for at, text in _descriptions(schema) if any(w in text for w in DEVELOPER_WORDS)]
    assert not notes, notes
    undescribed = [
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if not operation.get("description")
    ]
    assert not undescribed, undescribed


@pytest.mark.django_db
def test_request_bodies_are_json_only(client):
    schema = _served_schema(client)
    other = {
        f"{method.upper()} {path}": sorted(operation["requestBody"]["content"])
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if "requestBody" in operation and set(operation["requestBody"]["content"]) != {"application/json"}
    }
    assert not other, other
    form = client.post("/api/v1/auth/login", {"email": "someone@test.example", "password": "x"})
    assert form.status_code == 415, form.content


@pytest.mark.django_db
def test_swagger_ui_uses_local_assets_only(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn." not in html and "unpkg" not in html
