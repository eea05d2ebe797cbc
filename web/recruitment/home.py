"""Home cards from recruitment: what HR has open."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.visibility import restrict
from recruitment import selectors
from recruitment.models import PreEmploymentCheck, Vacancy
from web.home import Card, Figure, Line, card
from web.templatetags.nhs import day


@card(roles=(Role.HR,), order=55)
def hr_recruitment(request: HttpRequest) -> Card:
    user, now = request.user, timezone.now()
    open_vacancies = restrict(selectors.vacancy_list(), user).filter(status=Vacancy.Status.OPEN)
    closing = open_vacancies.filter(closes_at__lte=now + timedelta(days=7)).order_by("closes_at", "pk")
    checks = (
        restrict(selectors.check_list(), user)
        .filter(
            required=True,
            status__in=[PreEmploymentCheck.Status.NOT_STARTED, PreEmploymentCheck.Status.IN_PROGRESS],
        )
        .count()
    )
    return Card(
        "Recruitment",
        figures=[
            Figure(
                open_vacancies.count(),
                "vacancy open",
                "vacancies open",
                href=reverse("web:recruitment:vacancies-list") + "?status=open",
            ),
            Figure(
                checks,
                "pre-employment check not finished",
                "pre-employment checks not finished",
                warning=True,
            ),
        ],
        lines_heading="Closing within 7 days",
        lines=[
            Line(
                vacancy.title,
                href=reverse("web:recruitment:vacancies-detail", kwargs={"pk": vacancy.pk}),
                hint=f"Closes {day(vacancy.closes_at)}",
            )
            for vacancy in closing[:5]
        ],
        empty="None.",
    )
