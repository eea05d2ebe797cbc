"""What the hiring pages share: who may open them, and where an application's page is."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from accounts.models import User
from accounts.roles import STAFF_ROLES, Role
from recruitment.models import Application
from web.pages import page


class SignedInRequest(HttpRequest):
    """A request that reached a page: the page decorator has turned away anyone not signed in."""

    user: User  # type: ignore[assignment]


# Interviews are scheduled and decided by HR and the vacancy's hiring manager (who holds the line
# manager role); `restrict()` then narrows a hiring manager to their own vacancies.
HIRING_ROLES = frozenset({Role.HR, Role.LINE_MANAGER, Role.ADMIN})
# Offers, checks and the hire are HR's work; the hiring manager follows them on the application.
HR_ROLES = frozenset({Role.HR, Role.ADMIN})
# Anyone who may sit on a panel: staff, peer workers, and register members with a login.
PANEL_ROLES = STAFF_ROLES | {Role.PEER_WORKER, Role.PARTICIPANT}

hiring_page = page(roles=HIRING_ROLES, refusal="These pages are for HR and the vacancy's hiring manager.")
hr_page = page(roles=HR_ROLES, refusal="Only HR makes offers, works the pre-employment checks and hires.")
panel_page = page(
    roles=PANEL_ROLES, refusal="These pages are for interview panels, HR and the vacancy's hiring manager."
)


def application_href(application: Application) -> str:
    """The application's own page (web/recruitment/vacancies), or, where there is none, its hiring page."""
    try:
        return reverse(
            "web:recruitment:vacancies-application",
            kwargs={"pk": application.vacancy_id, "application_pk": application.pk},
        )
    except NoReverseMatch:
        return hub_href(application.pk)


def hub_href(pk: int) -> str:
    return reverse("web:recruitment:hiring-application", kwargs={"pk": pk})
