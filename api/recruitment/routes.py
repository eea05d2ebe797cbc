"""Registers every recruitment resource on the v1 router, under /api/v1/recruitment/."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

PREFIX = "recruitment"


def register(router: DefaultRouter) -> None:
    """Each area adds its viewsets here."""
    from api.recruitment.views import applications, templates, vacancies

    router.register(f"{PREFIX}/templates", templates.PipelineTemplateViewSet, basename="pipeline-template")
    router.register(f"{PREFIX}/vacancies", vacancies.VacancyViewSet, basename="vacancy")
    router.register(f"{PREFIX}/criteria", vacancies.CriterionViewSet, basename="criterion")
    router.register(f"{PREFIX}/applications", applications.ApplicationViewSet, basename="application")
    router.register(f"{PREFIX}/stage-moves", applications.StageMoveViewSet, basename="stage-move")
    router.register(
        f"{PREFIX}/adjustment-requests", applications.AdjustmentRequestViewSet, basename="adjustment-request"
    )
    from api.recruitment.views import checks, interviews, offers

    router.register(f"{PREFIX}/interviews", interviews.InterviewViewSet, basename="interview")
    router.register(f"{PREFIX}/scores", interviews.ScoreViewSet, basename="score")
    router.register(f"{PREFIX}/offers", offers.OfferViewSet, basename="offer")
    router.register(f"{PREFIX}/checks", checks.PreEmploymentCheckViewSet, basename="pre-employment-check")


def extra_urls() -> list:
    """Paths that are not router resources (pipeline board, analytics, equality report)."""
    from django.urls import path

    urls: list = []
    from api.recruitment.views import checks

    # A separate view, not an action on the applications viewset: hiring is HR's alone.
    urls.append(
        path(
            f"{PREFIX}/applications/<int:pk>/hire/",
            checks.ApplicationHireView.as_view(),
            name="application-hire",
        )
    )
    from api.recruitment.views import reports

    urls += [
        path(
            f"{PREFIX}/reports/analytics", reports.AnalyticsReportView.as_view(), name="recruitment-analytics"
        ),
        path(f"{PREFIX}/reports/equality", reports.EqualityReportView.as_view(), name="recruitment-equality"),
        path(
            f"{PREFIX}/reports/equality.csv",
            reports.EqualityReportCsvView.as_view(),
            name="recruitment-equality-csv",
        ),
    ]
    return urls
