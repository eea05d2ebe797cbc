"""A person's own data, under /my-data/ (names: web:privacy:<name>)."""

from django.urls import path

from web.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.my_data, name="my-data"),
]
