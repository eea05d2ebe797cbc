"""Data-rights paths under /api/v1/privacy/: not router resources (a file, and an action)."""

from __future__ import annotations

PREFIX = "privacy"


def extra_urls() -> list:
    from django.urls import path

    from api.privacy import views

    return [
        path(
            f"{PREFIX}/participants/<int:pk>/export",
            views.ParticipantExportView.as_view(),
            name="privacy-participant-export",
        ),
        path(
            f"{PREFIX}/participants/<int:pk>/erase",
            views.ParticipantEraseView.as_view(),
            name="privacy-participant-erase",
        ),
        path(
            f"{PREFIX}/peer-workers/<int:pk>/export",
            views.PeerWorkerExportView.as_view(),
            name="privacy-peer-worker-export",
        ),
        path(
            f"{PREFIX}/peer-workers/<int:pk>/erase",
            views.PeerWorkerEraseView.as_view(),
            name="privacy-peer-worker-erase",
        ),
    ]
