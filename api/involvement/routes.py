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
    router.register(f"{PREFIX}/partner-contacts", reference.PartnerContactViewSet, basename="partner-contact")

    router.register(f"{PREFIX}/participants", register_views.ParticipantViewSet, basename="participant")
    router.register(f"{PREFIX}/activities", activities.ActivityViewSet, basename="activity")
    router.register(f"{PREFIX}/participations", activities.ParticipationViewSet, basename="participation")

    from api.involvement.views import consultations, feedback

    router.register(f"{PREFIX}/consultations", consultations.ConsultationViewSet, basename="consultation")
    router.register(
        f"{PREFIX}/consultation-invitations",
        consultations.ConsultationInvitationViewSet,
        basename="consultation-invitation",
    )
    router.register(
        f"{PREFIX}/consultation-responses",
        consultations.ConsultationResponseViewSet,
        basename="consultation-response",
    )
    router.register(f"{PREFIX}/feedback", feedback.FeedbackItemViewSet, basename="feedback-item")

    from api.involvement.views import payments

    router.register(f"{PREFIX}/rate-card", payments.RateCardEntryViewSet, basename="rate-card")
    router.register(f"{PREFIX}/claims", payments.PaymentClaimViewSet, basename="payment-claim")


def extra_urls() -> list:
    """Paths that are not router resources (calendar files, published lists, exports)."""
    from django.urls import path

    from api.involvement.views import feedback

    urls: list = []
    urls += [
        path(
            f"{PREFIX}/published-changes",
            feedback.PublishedChangeListView.as_view(),
            name="published-change-list",
        ),
        path(
            f"{PREFIX}/published-changes.csv",
            feedback.PublishedChangeCsvView.as_view(),
            name="published-change-csv",
        ),
    ]
    from api.involvement.views import calendar, payments

    urls += [
        path(f"{PREFIX}/claims/export.csv", payments.ClaimExportView.as_view(), name="payment-claim-export"),
        path(f"{PREFIX}/payment-totals", payments.PaymentTotalsView.as_view(), name="payment-totals"),
        path(
            f"{PREFIX}/activities/<int:pk>/calendar.ics",
            calendar.ActivityCalendarView.as_view(),
            name="activity-calendar",
        ),
        path(f"{PREFIX}/calendar.ics", calendar.MyCalendarView.as_view(), name="my-calendar"),
    ]
    return urls
