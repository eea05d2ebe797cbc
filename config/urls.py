"""Top-level URLs: the pages people use, the API, its schema and docs, the admin, the board, health probes."""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.exceptions import error_body, json_not_found, json_server_error
from config import health
from config.security import api_docs_csp, with_csp
from web import errors as page_errors

admin.site.site_header = "Lived Experience back office"
admin.site.site_title = "Lived Experience"

urlpatterns = [
    path("", include("web.urls")),
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


# Errors: /api/ paths answer in the API's one JSON shape; every other path gets an NHS page.


def _api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def handler400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _api(request):
        return JsonResponse(error_body("The request is not valid."), status=400)
    return page_errors.bad_request(request, exception)


def handler403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _api(request):
        return JsonResponse(error_body("You do not have permission to do that."), status=403)
    return page_errors.forbidden(request, exception)


def handler404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return json_not_found(request, exception) if _api(request) else page_errors.not_found(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    return json_server_error(request) if _api(request) else page_errors.server_error(request)
