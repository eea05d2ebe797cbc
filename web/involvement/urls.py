"""A participant's own pages, under /involvement/ (names: web:involvement:<name>)."""

from django.urls import path

from web.involvement import views

app_name = "involvement"

urlpatterns = [
    path("invitations/", views.invitations, name="invitations"),
    path("activities/", views.activities, name="activities"),
    path("activities/<int:pk>/", views.activity, name="activity"),
    path("activities/<int:pk>/give-up/", views.give_up, name="give-up"),
    path("activities/<int:pk>/calendar.ics", views.activity_calendar, name="activity-calendar"),
    path("calendar.ics", views.my_calendar, name="calendar"),
    path("claims/", views.claims, name="claims"),
    path("claims/new/<int:participation_pk>/", views.claim_new, name="claim-new"),
    path("claims/<int:pk>/", views.claim, name="claim"),
    path("hours/", views.hours, name="hours"),
    path("hours/certificate.pdf", views.hours_certificate, name="hours-certificate"),
    path("consent/", views.consent, name="consent"),
    path("consent/withdraw/", views.consent_withdraw, name="consent-withdraw"),
    path("consent/give/", views.consent_give, name="consent-give"),
    path("sharing/", views.sharing, name="sharing"),
    path("contact/", views.contact, name="contact"),
]
