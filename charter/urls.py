"""URLs of the board's pages, mounted at /board/."""

from django.urls import path

from charter import views

app_name = "charter"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("dashboard.csv", views.dashboard_csv, name="dashboard-csv"),
    path("pack.pdf", views.board_pack, name="pack"),
    path("login/", views.BoardLoginView.as_view(), name="login"),
    path("logout/", views.BoardLogoutView.as_view(), name="logout"),
]
