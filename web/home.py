"""The home page's cards: each part of the web layer says what is someone's to do, for the roles it knows.

A part's `home.py` decorates a function with `@card(roles=..., order=...)`. The function takes
the request and returns a `Card` (or None when it has nothing to say). Cards read through the
domain apps' selectors and `restrict()`, and each asks a fixed number of queries, however many
rows there are: the home page is everyone's first page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest


@dataclass(frozen=True)
class Line:
    """One line of a card: plain text, or a link when there is a page for it."""

    text: str
    href: str = ""
    hint: str = ""  # a second, quieter line: a date, a place


@dataclass(frozen=True)
class Figure:
    """A count that matters (claims waiting, supervision overdue), with what it counts.

    `label` is said of one ("claim waiting for approval"); `plural` of any other number.
    """

    count: int
    label: str
    plural: str = ""
    href: str = ""
    warning: bool = False  # a count above 0 gets the words "Needs action", not colour alone

    @property
    def words(self) -> str:
        return self.label if self.count == 1 or not self.plural else self.plural


@dataclass(frozen=True)
class Card:
    title: str
    figures: list[Figure] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    lines_heading: str = ""  # a heading over the lines, e.g. "Activities in the next 14 days"
    empty: str = ""  # what to say when there are no lines
    links: list[Line] = field(default_factory=list)  # "where to go next" links under the card


CardMaker = Callable[[HttpRequest], Card | None]


@dataclass(frozen=True)
class _Registered:
    make: CardMaker
    roles: frozenset[str]
    order: int


_cards: list[_Registered] = []


def card(
    *, roles: tuple[str, ...] | frozenset[str] = (), order: int = 100
) -> Callable[[CardMaker], CardMaker]:
    """Register a card for people holding any of `roles` (no roles: everyone signed in)."""

    def decorate(make: CardMaker) -> CardMaker:
        _cards.append(_Registered(make, frozenset(roles), order))
        return make

    return decorate


def cards_for(request: HttpRequest) -> list[Card]:
    user = request.user
    made = []
    for registered in sorted(_cards, key=lambda r: r.order):
        if registered.roles and not user.has_role(*registered.roles):
            continue
        result = registered.make(request)
        if result is not None:
            made.append(result)
    return made
