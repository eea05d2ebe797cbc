"""Hours of involvement, under /lead/hours/ (names: web:lead:hours-<page>)."""

from django.urls import path

from web.lead.hours import views

urlpatterns = [
    path("", views.hours, name="hours-totals"),
    path("people/<int:pk>/", views.person, name="hours-person"),
    path("people/<int:pk>/certificate.pdf", views.certificate, name="hours-certificate"),
]
