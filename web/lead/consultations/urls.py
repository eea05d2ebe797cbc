"""Pages of the lead workspace: consultations and "you said, we did", under /lead/consultations/
(names: web:lead:consultations-<page>)."""

from django.urls import path

from web.lead.consultations import feedback, views

urlpatterns = [
    path("", views.consultation_list, name="consultations-list"),
    path("new/", views.consultation_new, name="consultations-new"),
    path("<int:pk>/", views.consultation_detail, name="consultations-detail"),
    path("<int:pk>/edit/", views.consultation_edit, name="consultations-edit"),
    path("<int:pk>/open/", views.consultation_open, name="consultations-open"),
    path("<int:pk>/close/", views.consultation_close, name="consultations-close"),
    path("<int:pk>/outcome/", views.consultation_outcome, name="consultations-outcome"),
    path("<int:pk>/invitations/", views.invitations, name="consultations-invitations"),
    path("<int:pk>/invitations/person/", views.invite_person, name="consultations-invite-person"),
    path("<int:pk>/invitations/matching/", views.invite_matching, name="consultations-invite-matching"),
    path("<int:pk>/responses/", views.responses, name="consultations-responses"),
    path("<int:pk>/responses/new/", views.response_new, name="consultations-response-new"),
    path("you-said-we-did/", feedback.feedback_list, name="consultations-feedback"),
    path("you-said-we-did/new/", feedback.feedback_new, name="consultations-feedback-new"),
    path("you-said-we-did/<int:pk>/", feedback.feedback_item, name="consultations-feedback-item"),
    path("you-said-we-did/<int:pk>/edit/", feedback.feedback_edit, name="consultations-feedback-edit"),
    path(
        "you-said-we-did/<int:pk>/progress/",
        feedback.feedback_progress,
        name="consultations-feedback-progress",
    ),
    path(
        "you-said-we-did/<int:pk>/publish/", feedback.feedback_publish, name="consultations-feedback-publish"
    ),
    path(
        "you-said-we-did/<int:pk>/unpublish/",
        feedback.feedback_unpublish,
        name="consultations-feedback-unpublish",
    ),
]
