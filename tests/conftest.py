"""Shared fixtures: an API client per role, authenticated with a real expiring token."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.db import connections
from django.db.models.signals import post_migrate
from hypothesis import settings as hypothesis_settings
from rest_framework.test import APIClient

from accounts import services
from accounts.models import User
from accounts.roles import Role
from tests.factories import UserFactory

# Property tests draw the same examples on every run and every machine: a failure in CI is one
# a developer sees on the next run too, never a flake. `--hypothesis-seed` still explores.
hypothesis_settings.register_profile("suite", derandomize=True, database=None)
hypothesis_settings.load_profile("suite")


# The reference data the migrations load (roles, the default charter, activity kinds, frameworks,
# the standard pipeline), as it stood once the test database was built. A transactional test
# (or one serving pages to a browser) ends by emptying the database; the flush then sends
# post_migrate, and this puts the reference data back, so whatever runs next on this process
# finds it, in whatever order pytest-xdist hands tests out.
REFERENCE_DATA: dict[str, str] = {}
# Made again by the flush itself (post_migrate), under new ids: never restored from the copy.
REMADE_BY_A_FLUSH = {"contenttypes.contenttype", "auth.permission"}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker) -> Iterator[None]:
    with django_db_blocker.unblock():
        for alias in connections:
            REFERENCE_DATA[alias] = _serialize_reference_data(alias)
    post_migrate.connect(_reference_data_back_after_a_flush, dispatch_uid="tests-reference-data")
    yield
    post_migrate.disconnect(dispatch_uid="tests-reference-data")


def _serialize_reference_data(alias: str) -> str:
    models = [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in REMADE_BY_A_FLUSH and model.objects.using(alias).exists()
    ]
    rows = (row for model in models for row in model.objects.using(alias).order_by("pk"))
    return serializers.serialize("json", rows)


def _reference_data_back_after_a_flush(sender, app_config, using, **kwargs) -> None:
    # post_migrate comes once per app; the last app's signal comes after the others have made
    # their content types and permissions again.
    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if app_config is last and using in REFERENCE_DATA:
        connection = connections[using]
        connection.creation.deserialize_db_from_string(REFERENCE_DATA[using])
        # The flush restarted every id sequence (PostgreSQL): move them past the rows put back.
        statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
        if statements:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def make_user(db) -> Callable[..., User]:
    def make(*roles: str, **kwargs) -> User:
        return UserFactory(roles=list(roles), **kwargs)

    return make


def client_for_user(user: User) -> APIClient:
    client = APIClient()
    _, token = services.auth_token_issue(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    client.user = user  # type: ignore[attr-defined]
    return client


@pytest.fixture
def client_for(make_user) -> Callable[..., APIClient]:
    """`client_for(Role.HR)` is a client signed in as a new user holding that role."""

    def make(role: str | None = None, **kwargs) -> APIClient:
        user = make_user(*([role] if role else []), **kwargs)
        return client_for_user(user)

    return make


ALL_ROLES = list(Role)


def pytest_report_header(config):
    from django.conf import settings

    from config.celery_app import app

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    broker = app.conf.broker_url.split("://", 1)[0]
    return f"database: {engine}; celery broker: {broker}"
