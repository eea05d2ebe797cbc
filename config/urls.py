"""Top-level URLs: the API, its schema and docs, the admin, the board's pages, and health probes."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.exceptions import json_not_found, json_server_error
from config import health
from config.security import api_docs_csp, with_csp

admin.site.site_header = "Lived Experience back office"
admin.site.site_title = "Lived Experience"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("board/", include("charter.urls")),
    path("api/v1/", include("api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start-up script as a file, so the page needs no inline script.
    path(
        "api/docs/",
        with_csp(api_docs_csp)(SpectacularSwaggerSplitView.as_view(url_name="schema")),
        name="swagger-ui",
    ),
]

handler404 = json_not_found
handler500 = json_server_error
