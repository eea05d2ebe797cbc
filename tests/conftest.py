"""Shared fixtures: an API client per role, authenticated with a real expiring token."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from accounts import services
from accounts.models import User
from accounts.roles import Role
from tests.factories import UserFactory


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
