"""Registers every peer workforce resource on the v1 router, under /api/v1/peers/."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

PREFIX = "peers"


def register(router: DefaultRouter) -> None:
    from api.peers.views import reference, wellbeing, workers

    router.register(f"{PREFIX}/workers", workers.PeerWorkerViewSet, basename="peer-worker")
    router.register(f"{PREFIX}/levels", reference.PathwayLevelViewSet, basename="pathway-level")
    router.register(
        f"{PREFIX}/competence-domains", reference.CompetenceDomainViewSet, basename="competence-domain"
    )
    router.register(f"{PREFIX}/competences", reference.CompetenceViewSet, basename="competence")
    router.register(f"{PREFIX}/courses", reference.TrainingCourseViewSet, basename="training-course")
    router.register(
        f"{PREFIX}/supervision-policies", reference.SupervisionPolicyViewSet, basename="supervision-policy"
    )
    from api.peers.views import competences, progression

    router.register(
        f"{PREFIX}/competence-evidence", competences.CompetenceEvidenceViewSet, basename="competence-evidence"
    )
    router.register(
        f"{PREFIX}/progression-reviews", progression.ProgressionReviewViewSet, basename="progression-review"
    )
    router.register(f"{PREFIX}/level-changes", progression.LevelChangeViewSet, basename="level-change")
    router.register(f"{PREFIX}/wellness-plans", wellbeing.WellnessActionPlanViewSet, basename="wellness-plan")
    router.register(
        f"{PREFIX}/adjustments", wellbeing.ReasonableAdjustmentViewSet, basename="reasonable-adjustment"
    )

    from api.peers.views import supervision, training

    router.register(f"{PREFIX}/training-records", training.TrainingRecordViewSet, basename="training-record")
    router.register(
        f"{PREFIX}/supervision-sessions",
        supervision.SupervisionSessionViewSet,
        basename="supervision-session",
    )


def extra_urls() -> list:
    """Paths that are not router resources (overdue lists, compliance reports)."""
    from django.urls import path

    from api.peers.views import supervision, training

    urls: list = []
    # Reports over many workers: plain list views, each one query for its rows.
    urls += [
        path(
            f"{PREFIX}/training/expiring", training.TrainingExpiringView.as_view(), name="training-expiring"
        ),
        path(f"{PREFIX}/training/expired", training.TrainingExpiredView.as_view(), name="training-expired"),
        path(
            f"{PREFIX}/training/compliance",
            training.TrainingComplianceView.as_view(),
            name="training-compliance",
        ),
        path(
            f"{PREFIX}/training/compliance/teams",
            training.TeamComplianceView.as_view(),
            name="training-compliance-teams",
        ),
        path(f"{PREFIX}/supervision/due", supervision.SupervisionDueView.as_view(), name="supervision-due"),
        path(
            f"{PREFIX}/supervision/overdue",
            supervision.SupervisionOverdueView.as_view(),
            name="supervision-overdue",
        ),
    ]
    return urls
