"""Involvement's API URLs, mounted at /api/v1/involvement/: its resources, calendars, lists and exports."""

from __future__ import annotations

from django.urls import path

from api.involvement.views import activities, calendar, consultations, feedback, payments, reference
from api.involvement.views import register as register_views
from api.routers import AppRouter

router = AppRouter()
router.register("themes", reference.ThemeViewSet, basename="theme")
router.register("activity-kinds", reference.ActivityKindViewSet, basename="activity-kind")
router.register("partners", reference.PartnerOrganisationViewSet, basename="partner")
router.register("partner-contacts", reference.PartnerContactViewSet, basename="partner-contact")

router.register("participants", register_views.ParticipantViewSet, basename="participant")
router.register("activities", activities.ActivityViewSet, basename="activity")
router.register("participations", activities.ParticipationViewSet, basename="participation")

router.register("consultations", consultations.ConsultationViewSet, basename="consultation")
router.register(
    "consultation-invitations",
    consultations.ConsultationInvitationViewSet,
    basename="consultation-invitation",
)
router.register(
    "consultation-responses", consultations.ConsultationResponseViewSet, basename="consultation-response"
)
router.register("feedback", feedback.FeedbackItemViewSet, basename="feedback-item")

router.register("rate-card", payments.RateCardEntryViewSet, basename="rate-card")
router.register("claims", payments.PaymentClaimViewSet, basename="payment-claim")

# Plain paths first: after the router's, "claims/export.csv" would be read as claim "export" as CSV.
urlpatterns = [
    path("published-changes", feedback.PublishedChangeListView.as_view(), name="published-change-list"),
    path("published-changes.csv", feedback.PublishedChangeCsvView.as_view(), name="published-change-csv"),
    path("claims/export.csv", payments.ClaimExportView.as_view(), name="payment-claim-export"),
    path("payment-totals", payments.PaymentTotalsView.as_view(), name="payment-totals"),
    path(
        "activities/<int:pk>/calendar.ics", calendar.ActivityCalendarView.as_view(), name="activity-calendar"
    ),
    path("calendar.ics", calendar.MyCalendarView.as_view(), name="my-calendar"),
    *router.urls,
]
