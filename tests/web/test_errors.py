"""Error pages: NHS pages for people (400, 403, 404, 500), JSON for /api/, under DEBUG too."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.test import Client, override_settings
from django.urls import include, path

pytestmark = pytest.mark.django_db


def boom(request):
    raise RuntimeError("a synthetic failure")


def missing(request):
    raise Http404("nothing here")


def suspicious(request):
    raise SuspiciousOperation("a synthetic odd request")


# A URLconf for these tests only: the site's, plus three views that fail on purpose.
urlpatterns = [
    path("test-boom/", boom),
    path("test-missing/", missing),
    path("test-suspicious/", suspicious),
    path("api/v1/test-boom/", boom),
    path("", include("config.urls")),
]
handler400 = "config.urls.handler400"
handler403 = "config.urls.handler403"
handler404 = "config.urls.handler404"
handler500 = "config.urls.handler500"


def client() -> Client:
    return Client(raise_request_exception=False)


def assert_nhs_page(response, status: int, heading: str) -> None:
    body = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert "nhsuk-header" in body and f'<h1 class="nhsuk-heading-xl">{heading}</h1>' in body
    assert "Traceback" not in body and "DEBUG" not in body and "synthetic" not in body
    assert "Content-Security-Policy" in response


def test_an_unknown_page_is_the_nhs_404_and_an_unknown_api_path_is_json():
    assert_nhs_page(Client().get("/no-such-page/"), 404, "Page not found")
    api = Client().get("/api/v1/no-such-thing/")
    assert api.status_code == 404 and json.loads(api.content) == {"detail": "Not found.", "errors": {}}


@pytest.mark.urls("tests.web.test_errors")
@pytest.mark.parametrize("debug", [False, True])
def test_errors_are_nhs_pages_with_debug_on_or_off(debug):
    with override_settings(DEBUG=debug):
        assert_nhs_page(client().get("/test-boom/"), 500, "Sorry, there is a problem with the service")
        assert_nhs_page(client().get("/test-missing/"), 404, "Page not found")
        assert_nhs_page(client().get("/test-suspicious/"), 400, "Sorry, there is a problem with that request")
        assert_nhs_page(client().get("/nowhere-at-all/"), 404, "Page not found")
        if not debug:  # under DEBUG the API keeps Django's own debugging answer, for its developers
            api = client().get("/api/v1/test-boom/")
            assert api.status_code == 500 and api["Content-Type"] == "application/json"


@pytest.mark.urls("tests.web.test_errors")
def test_under_debug_a_missing_slash_still_redirects():
    with override_settings(DEBUG=True):
        response = Client().get("/settings")
    assert response.status_code == 301 and response["Location"] == "/settings/"


def test_a_page_a_role_may_not_open_is_the_nhs_403(page_for):
    from accounts.roles import Role

    response = page_for(Role.FINANCE).get("/involvement/hours/")
    assert_nhs_page(response, 403, "You cannot see this page")
