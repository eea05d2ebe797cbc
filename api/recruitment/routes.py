"""Registers every recruitment resource on the v1 router, under /api/v1/recruitment/."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

PREFIX = "recruitment"


def register(router: DefaultRouter) -> None:
    """Each area adds its viewsets here."""


def extra_urls() -> list:
    """Paths that are not router resources (pipeline board, analytics, equality report)."""
    return []
