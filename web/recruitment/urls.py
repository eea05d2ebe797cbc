"""Recruitment pages, under /recruitment/: one sub-package per area (vacancies and the pipeline,
hiring: interviews, offers, checks and hire; reports). Each area with a urls.py is included here
at `<area>/`; its names read `web:recruitment:<area>-<page>`.
"""

import importlib.util
import pkgutil

from django.urls import include, path

import web.recruitment

app_name = "recruitment"

urlpatterns = [
    path(f"{area.name}/", include(f"web.recruitment.{area.name}.urls"))
    for area in pkgutil.iter_modules(web.recruitment.__path__)
    if area.ispkg and importlib.util.find_spec(f"web.recruitment.{area.name}.urls") is not None
]
