"""The pages' addresses, under the `web` namespace. Each part (web/<app>/) brings its own urls.py.

Adding a part: write web/<app>/urls.py with `app_name = "<app>"` and add one line below.
"""

from django.urls import include, path

from web.accounts import urls as accounts_urls

app_name = "web"

urlpatterns = [
    *accounts_urls.urlpatterns,
    path("involvement/", include("web.involvement.urls")),
    path("lead/", include("web.lead.urls")),
    path("payments/", include("web.payments.urls")),
    path("my-data/", include("web.privacy.urls")),
    path("peers/", include("web.peers.urls")),
    path("recruitment/", include("web.recruitment.urls")),
    path("onboarding/", include("web.onboarding.urls")),
    path("team/", include("web.team.urls")),
    path("workforce/", include("web.workforce.urls")),
]
