"""The header menu: each part of the web layer registers the pages it offers, and for which roles.

A part's `menu.py` calls `register(MenuItem(...))` at import; the app imports every part's
`menu.py` when Django starts (web/apps.py). The header shows the items the person's roles allow,
in `order`, and marks the one whose address the current page sits under.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    roles: frozenset[str]  # any one of these; empty means everyone signed in
    order: int = 100
    # For a page that some holders of those roles may not open (a hiring manager's reports): asked
    # only after the role check, with the signed-in person.
    shown_to: Callable[[Any], bool] | None = None


@dataclass(frozen=True)
class ShownItem:
    label: str
    href: str
    current: bool


_items: dict[str, MenuItem] = {}


def register(item: MenuItem) -> MenuItem:
    _items[item.url_name] = item
    return item


def items_for(request: HttpRequest) -> list[ShownItem]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    shown = []
    for item in sorted(_items.values(), key=lambda i: (i.order, i.label)):
        if item.roles and not user.has_role(*item.roles):
            continue
        if item.shown_to is not None and not item.shown_to(user):
            continue
        href = reverse(item.url_name)
        current = request.path == href if href == "/" else request.path.startswith(href)
        shown.append(ShownItem(item.label, href, current))
    return shown
