"""Recruitment vacancies pages, under /recruitment/vacancies/ (names: web:recruitment:vacancies-<page>)."""

from django.urls import path

from web.recruitment.vacancies import views

urlpatterns = [
    path("", views.vacancy_list, name="vacancies-list"),
    path("new/", views.vacancy_new, name="vacancies-new"),
    path("<int:pk>/", views.vacancy_detail, name="vacancies-detail"),
    path("<int:pk>/edit/", views.vacancy_edit, name="vacancies-edit"),
    path("<int:pk>/open/", views.vacancy_open, name="vacancies-open"),
    path("<int:pk>/close/", views.vacancy_close, name="vacancies-close"),
    path("<int:pk>/withdraw/", views.vacancy_withdraw, name="vacancies-withdraw"),
    path("<int:pk>/criteria/", views.criteria, name="vacancies-criteria"),
    path("<int:pk>/criteria/<int:criterion_pk>/edit/", views.criterion_edit, name="vacancies-criterion-edit"),
    path(
        "<int:pk>/criteria/<int:criterion_pk>/remove/",
        views.criterion_remove,
        name="vacancies-criterion-remove",
    ),
    path("<int:pk>/board/", views.board, name="vacancies-board"),
    path("<int:pk>/applications/new/", views.application_new, name="vacancies-application-new"),
    path(
        "<int:pk>/applications/<int:application_pk>/", views.application_detail, name="vacancies-application"
    ),
    path(
        "<int:pk>/applications/<int:application_pk>/move/",
        views.application_move,
        name="vacancies-application-move",
    ),
    path(
        "<int:pk>/applications/<int:application_pk>/adjustments/<int:adjustment_pk>/decide/",
        views.adjustment_decide,
        name="vacancies-adjustment-decide",
    ),
]
