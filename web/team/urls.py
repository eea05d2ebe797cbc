"""A line manager's and supervisor's pages, under /team/ (names: web:team:<name>)."""

from django.urls import path

from web.team import views

app_name = "team"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<int:pk>/", views.worker, name="worker"),
    path("<int:pk>/supervision/new/", views.session_new, name="session-new"),
    path("<int:pk>/training/new/", views.training_new, name="training-new"),
    path("<int:pk>/progression/new/", views.review_new, name="review-new"),
    path("<int:pk>/competences/<int:evidence_pk>/sign-off/", views.sign_off, name="sign-off"),
]
