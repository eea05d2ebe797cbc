"""The peer workforce's API URLs, mounted at /api/v1/peers/: its resources, then reports over many workers."""

from __future__ import annotations

from django.urls import path

from api.peers.views import (
    competences,
    onboarding,
    progression,
    reference,
    supervision,
    training,
    wellbeing,
    workers,
)
from api.routers import AppRouter

router = AppRouter()
router.register("workers", workers.PeerWorkerViewSet, basename="peer-worker")
router.register("levels", reference.PathwayLevelViewSet, basename="pathway-level")
router.register("competence-domains", reference.CompetenceDomainViewSet, basename="competence-domain")
router.register("competences", reference.CompetenceViewSet, basename="competence")
router.register("courses", reference.TrainingCourseViewSet, basename="training-course")
router.register("supervision-policies", reference.SupervisionPolicyViewSet, basename="supervision-policy")

router.register("competence-evidence", competences.CompetenceEvidenceViewSet, basename="competence-evidence")
router.register("progression-reviews", progression.ProgressionReviewViewSet, basename="progression-review")
router.register("level-changes", progression.LevelChangeViewSet, basename="level-change")
router.register("wellness-plans", wellbeing.WellnessActionPlanViewSet, basename="wellness-plan")
router.register("adjustments", wellbeing.ReasonableAdjustmentViewSet, basename="reasonable-adjustment")

router.register("training-records", training.TrainingRecordViewSet, basename="training-record")
router.register("supervision-sessions", supervision.SupervisionSessionViewSet, basename="supervision-session")

router.register(
    "onboarding-template-items", onboarding.OnboardingTemplateItemViewSet, basename="onboarding-template-item"
)
router.register("onboarding-items", onboarding.OnboardingItemViewSet, basename="onboarding-item")

urlpatterns = [
    # Reports over many workers: plain list views, each one query for its rows.
    path("training/expiring", training.TrainingExpiringView.as_view(), name="training-expiring"),
    path("training/expired", training.TrainingExpiredView.as_view(), name="training-expired"),
    path("training/compliance", training.TrainingComplianceView.as_view(), name="training-compliance"),
    path(
        "training/compliance/teams", training.TeamComplianceView.as_view(), name="training-compliance-teams"
    ),
    path("supervision/due", supervision.SupervisionDueView.as_view(), name="supervision-due"),
    path("supervision/overdue", supervision.SupervisionOverdueView.as_view(), name="supervision-overdue"),
    path(
        "onboarding/checklists", onboarding.OnboardingChecklistsView.as_view(), name="onboarding-checklists"
    ),
    path(
        "onboarding/completion", onboarding.OnboardingCompletionView.as_view(), name="onboarding-completion"
    ),
    *router.urls,
]
