"""Home cards for administrators and board members: where their pages are."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from accounts.roles import Role
from web.home import Card, Line, card


@card(roles=(Role.ADMIN,), order=90)
def administrator(request: HttpRequest) -> Card:
    return Card(
        "Administration",
        empty="People, roles, teams, reference lists and records are managed in the back office.",
        links=[
            Line("Go to the back office", reverse("admin:index")),
            Line("Read the charter dashboard", reverse("charter:dashboard")),
        ],
    )


@card(roles=(Role.BOARD_MEMBER,), order=95)
def board_member(request: HttpRequest) -> Card:
    return Card(
        "The charter dashboard",
        empty="How the trust is keeping its Lived Experience Charter, in figures that name no one.",
        links=[Line("Read the charter dashboard", reverse("charter:dashboard"))],
    )
