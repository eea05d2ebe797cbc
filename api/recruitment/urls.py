"""Recruitment's API URLs, mounted at /api/v1/recruitment/: its resources, then hiring and the reports."""

from __future__ import annotations

from django.urls import path

from api.recruitment.views import applications, checks, interviews, offers, reports, templates, vacancies
from api.routers import AppRouter

router = AppRouter()
router.register("templates", templates.PipelineTemplateViewSet, basename="pipeline-template")
router.register("vacancies", vacancies.VacancyViewSet, basename="vacancy")
router.register("criteria", vacancies.CriterionViewSet, basename="criterion")
router.register("applications", applications.ApplicationViewSet, basename="application")
router.register("stage-moves", applications.StageMoveViewSet, basename="stage-move")
router.register("adjustment-requests", applications.AdjustmentRequestViewSet, basename="adjustment-request")

router.register("interviews", interviews.InterviewViewSet, basename="interview")
router.register("scores", interviews.ScoreViewSet, basename="score")
router.register("offers", offers.OfferViewSet, basename="offer")
router.register("checks", checks.PreEmploymentCheckViewSet, basename="pre-employment-check")

urlpatterns = [
    # A separate view, not an action on the applications viewset: hiring is HR's alone.
    path("applications/<int:pk>/hire/", checks.ApplicationHireView.as_view(), name="application-hire"),
    path("reports/analytics", reports.AnalyticsReportView.as_view(), name="recruitment-analytics"),
    path("reports/equality", reports.EqualityReportView.as_view(), name="recruitment-equality"),
    path("reports/equality.csv", reports.EqualityReportCsvView.as_view(), name="recruitment-equality-csv"),
    *router.urls,
]
