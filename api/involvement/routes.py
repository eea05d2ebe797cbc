"""Registers every involvement resource on the v1 router, under /api/v1/involvement/."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

PREFIX = "involvement"


def register(router: DefaultRouter) -> None:
    from api.involvement.views import activities, reference
    from api.involvement.views import register as register_views

    router.register(f"{PREFIX}/themes", reference.ThemeViewSet, basename="theme")
    router.register(f"{PREFIX}/activity-kinds", reference.ActivityKindViewSet, basename="activity-kind")
    router.register(f"{PREFIX}/partners", reference.PartnerOrganisationViewSet, basename="partner")

    router.register(f"{PREFIX}/participants", register_views.ParticipantViewSet, basename="participant")
    router.register(f"{PREFIX}/activities", activities.ActivityViewSet, basename="activity")
    router.register(f"{PREFIX}/participations", activities.ParticipationViewSet, basename="participation")


def extra_urls() -> list:
    """Paths that are not router resources (calendar files, published lists, exports)."""
    return []
