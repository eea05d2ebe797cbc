"""The register's pages, under /lead/register/ (names: web:lead:register-<page>)."""

from django.urls import path

from web.lead.register import views

urlpatterns = [
    path("", views.register_list, name="register-list"),
    path("add/", views.register_add, name="register-add"),
    path("<int:pk>/", views.register_person, name="register-person"),
    path("<int:pk>/edit/", views.register_edit, name="register-edit"),
    path("<int:pk>/consent/give/", views.register_consent_give, name="register-consent-give"),
    path("<int:pk>/consent/withdraw/", views.register_consent_withdraw, name="register-consent-withdraw"),
]
