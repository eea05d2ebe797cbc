"""Registers the charter's resources on the v1 router, under /api/v1/charter/."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

PREFIX = "charter"


def register(router: DefaultRouter) -> None:
    from api.charter import views

    router.register(f"{PREFIX}/commitments", views.CommitmentViewSet, basename="commitment")
    router.register(f"{PREFIX}/indicators", views.IndicatorViewSet, basename="indicator")
    router.register(f"{PREFIX}/snapshots", views.SnapshotViewSet, basename="snapshot")


def extra_urls() -> list:
    """The dashboard: one read of every commitment for a period, not a router resource."""
    from django.urls import path

    from api.charter import views

    return [path(f"{PREFIX}/dashboard", views.DashboardView.as_view(), name="charter-dashboard")]
