"""The partner pages, under /lead/partners/ (names: web:lead:partners-<page>)."""

from django.urls import path

from web.lead.partners import views

urlpatterns = [
    path("", views.partners_list, name="partners-list"),
    path("add/", views.partners_add, name="partners-add"),
    path("<int:pk>/", views.partners_partner, name="partners-partner"),
    path("<int:pk>/edit/", views.partners_edit, name="partners-edit"),
    path("<int:pk>/contacts/add/", views.partners_contact_add, name="partners-contact-add"),
    path("<int:pk>/contacts/<int:contact_pk>/", views.partners_contact_edit, name="partners-contact-edit"),
    path(
        "<int:pk>/contacts/<int:contact_pk>/remove/",
        views.partners_contact_remove,
        name="partners-contact-remove",
    ),
]
