"""The router each API app's urls.py fills with its resources."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter


class AppRouter(DefaultRouter):
    """DRF's DefaultRouter (trailing slashes, `.json` format suffixes) without a root view of its own.

    Each app's router serves only its own resources; the API has one root, `api:api-root` in
    api/urls.py, which lists the resources of every app's router.
    """

    include_root_view = False
