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


@pytest.mark.django_db
def test_swagger_ui_uses_local_assets_only(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn." not in html and "unpkg" not in html
