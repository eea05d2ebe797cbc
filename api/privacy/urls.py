"""Data-rights API URLs, mounted at /api/v1/privacy/: no router resources, a file and an action per person."""

from __future__ import annotations

from django.urls import path

from api.privacy import views

urlpatterns = [
    path(
        "participants/<int:pk>/export",
        views.ParticipantExportView.as_view(),
        name="privacy-participant-export",
    ),
    path(
        "participants/<int:pk>/erase", views.ParticipantEraseView.as_view(), name="privacy-participant-erase"
    ),
    path(
        "peer-workers/<int:pk>/export",
        views.PeerWorkerExportView.as_view(),
        name="privacy-peer-worker-export",
    ),
    path(
        "peer-workers/<int:pk>/erase", views.PeerWorkerEraseView.as_view(), name="privacy-peer-worker-erase"
    ),
]
