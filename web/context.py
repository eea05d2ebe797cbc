"""The template context every page gets: the trust's name and the header's menu for this person."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from web.menu import items_for


def frame(request: HttpRequest) -> dict:
    # The menu is worked out only when a template shows it (a callable is called on use), so the
    # admin's and the board's pages pay nothing for it.
    return {"trust_name": settings.TRUST_NAME, "web_menu": lambda: items_for(request)}
