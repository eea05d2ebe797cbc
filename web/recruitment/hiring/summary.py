"""What the hiring area adds to an application's page (web/recruitment/vacancies): its interviews,
offer, checks and hire, as context for `web/recruitment/hiring/_on_application.html`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from recruitment.models import Application


def for_application(request: HttpRequest, application: Application) -> dict[str, Any]:
    """The context the application page's hiring section needs (filled by the hiring area)."""
    return {}
