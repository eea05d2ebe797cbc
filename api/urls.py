"""The v1 API: one router for every resource, plus authentication and the current user."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from api.accounts import views as accounts_views
from api.charter import routes as charter_routes
from api.involvement import routes as involvement_routes
from api.peers import routes as peers_routes
from api.privacy import routes as privacy_routes
from api.recruitment import routes as recruitment_routes
from api.reminders import views as reminder_views

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.register("teams", accounts_views.TeamViewSet, basename="team")
router.register("users", accounts_views.UserViewSet, basename="user")
involvement_routes.register(router)
peers_routes.register(router)
recruitment_routes.register(router)
charter_routes.register(router)
router.register("reminders", reminder_views.ReminderViewSet, basename="reminder")

urlpatterns = [
    path("auth/login", accounts_views.LoginView.as_view(), name="auth-login"),
    path("auth/logout", accounts_views.LogoutView.as_view(), name="auth-logout"),
    path("auth/logout-all", accounts_views.LogoutAllView.as_view(), name="auth-logout-all"),
    path("me", accounts_views.MeView.as_view(), name="me"),
    path("reminders/preference", reminder_views.PreferenceView.as_view(), name="reminder-preference"),
    *involvement_routes.extra_urls(),
    *peers_routes.extra_urls(),
    *recruitment_routes.extra_urls(),
    *charter_routes.extra_urls(),
    *privacy_routes.extra_urls(),
    *router.urls,
]
