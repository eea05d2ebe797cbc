"""HR's peer workforce pages, under /workforce/ (names: web:workforce:<page>)."""

from django.urls import path

from web.workforce import views

app_name = "workforce"

urlpatterns = [
    path("", views.worker_list, name="list"),
    path("new/", views.worker_new, name="new"),
    path("leavers/", views.leavers, name="leavers"),
    path("<int:pk>/", views.worker_detail, name="worker"),
    path("<int:pk>/edit/", views.worker_edit, name="edit"),
    path("<int:pk>/level/", views.level_change, name="level"),
    path("<int:pk>/leave/", views.worker_leave, name="leave"),
]
