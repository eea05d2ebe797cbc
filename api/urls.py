"""The v1 API: each app's urls.py under the one `api` namespace, and a root that lists every resource.

Adding an app's API: write api/<app>/urls.py with an `AppRouter` named `router` and no `app_name`
(so its names stay `api:<name>`), and add it to SECTIONS below.
"""

from __future__ import annotations

from types import ModuleType

from django.urls import include, path
from rest_framework.routers import APIRootView
from rest_framework.urlpatterns import format_suffix_patterns
from rest_framework.viewsets import ViewSetMixin

from api.accounts import urls as accounts_urls
from api.charter import urls as charter_urls
from api.involvement import urls as involvement_urls
from api.peers import urls as peers_urls
from api.privacy import urls as privacy_urls
from api.recruitment import urls as recruitment_urls
from api.reminders import urls as reminders_urls

app_name = "api"

# Where each app's URLs are mounted under /api/v1/, in the order the root lists their resources.
# Accounts and reminders sit at the top: their resources are /api/v1/teams/, /api/v1/reminders/.
SECTIONS: tuple[tuple[str, ModuleType], ...] = (
    ("", accounts_urls),
    ("involvement/", involvement_urls),
    ("peers/", peers_urls),
    ("recruitment/", recruitment_urls),
    ("charter/", charter_urls),
    ("privacy/", privacy_urls),
    ("", reminders_urls),
)

# Every router resource of every app: (prefix under /api/v1/, viewset, basename).
registry: list[tuple[str, type[ViewSetMixin], str]] = [
    (f"{mount}{prefix}", viewset, basename)
    for mount, urls in SECTIONS
    if hasattr(urls, "router")  # privacy has paths only
    for prefix, viewset, basename in urls.router.registry
]

api_root = APIRootView.as_view(api_root_dict={prefix: f"{basename}-list" for prefix, _, basename in registry})

urlpatterns = [
    *(path(mount, include(urls)) for mount, urls in SECTIONS),
    *format_suffix_patterns([path("", api_root, name="api-root")]),
]
