"""The involvement lead's workspace, under /lead/: one sub-package per area of their work.

Each area brings its own urls.py; its names read `web:lead:<area>-<page>` (for example
`web:lead:register-person`). Claims and payments are a part of their own (web/payments/), shared
with finance.
"""

from django.urls import include, path

app_name = "lead"

urlpatterns = [
    path("register/", include("web.lead.register.urls")),
    path("partners/", include("web.lead.partners.urls")),
    path("activities/", include("web.lead.activities.urls")),
    path("consultations/", include("web.lead.consultations.urls")),
    path("hours/", include("web.lead.hours.urls")),
]
