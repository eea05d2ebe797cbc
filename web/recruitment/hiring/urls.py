"""Recruitment hiring pages, under /recruitment/hiring/ (names: web:recruitment:hiring-<page>)."""

from django.urls import path

from web.recruitment.hiring import views

urlpatterns = [
    path("applications/<int:pk>/", views.application, name="hiring-application"),
    path("applications/<int:pk>/interviews/new/", views.interview_schedule, name="hiring-schedule"),
    path("applications/<int:pk>/offer/", views.offer_make, name="hiring-offer"),
    path("applications/<int:pk>/checks/", views.checks, name="hiring-checks"),
    path("applications/<int:pk>/hire/", views.hire, name="hiring-hire"),
    path("interviews/mine/", views.mine, name="hiring-mine"),
    path("interviews/<int:pk>/", views.interview_detail, name="hiring-interview"),
    path("interviews/<int:pk>/edit/", views.interview_edit, name="hiring-interview-edit"),
    path("interviews/<int:pk>/cancel/", views.interview_cancel, name="hiring-interview-cancel"),
    path("interviews/<int:pk>/outcome/", views.interview_outcome, name="hiring-outcome"),
    path("interviews/<int:pk>/scores/", views.scores, name="hiring-scores"),
    path("interviews/<int:pk>/scores/<int:seat>/", views.scores, name="hiring-scores-for"),
    path("offers/<int:pk>/answer/", views.offer_answer, name="hiring-offer-answer"),
    path("offers/<int:pk>/withdraw/", views.offer_withdraw, name="hiring-offer-withdraw"),
    path("checks/<int:pk>/", views.check_update, name="hiring-check"),
]
