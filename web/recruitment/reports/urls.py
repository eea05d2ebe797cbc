"""Recruitment reports, under /recruitment/reports/ (names: web:recruitment:reports-<page>)."""

from django.urls import path

from web.recruitment.reports import views

urlpatterns = [
    path("", views.recruitment_report, name="reports-recruitment"),
    path("recruitment.csv", views.recruitment_report_csv, name="reports-recruitment-csv"),
    path("equality/", views.equality_report, name="reports-equality"),
    path("equality.csv", views.equality_report_csv, name="reports-equality-csv"),
]
