"""The charter's API URLs, mounted at /api/v1/charter/: its resources, and the dashboard."""

from __future__ import annotations

from django.urls import path

from api.charter import views
from api.routers import AppRouter

router = AppRouter()
router.register("commitments", views.CommitmentViewSet, basename="commitment")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("snapshots", views.SnapshotViewSet, basename="snapshot")

urlpatterns = [
    # One read of every commitment for a period, not a router resource.
    path("dashboard", views.DashboardView.as_view(), name="charter-dashboard"),
    *router.urls,
]
