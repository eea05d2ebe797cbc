"""The settings page's sections beyond reminders: each part adds what a person can set there.

A part's `menu.py` decorates a function with `@section(order=...)`; it takes the request and returns
a `Section` (or None when it has nothing for this person), e.g. the involvement part shows a
register member how they are contacted, with a link to change it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest


@dataclass(frozen=True)
class Row:
    key: str
    value: str
    change_href: str = ""
    change_label: str = ""  # visually hidden words after "Change", e.g. "how we contact you"


@dataclass(frozen=True)
class Section:
    title: str
    rows: list[Row] = field(default_factory=list)
    note: str = ""
    link_text: str = ""  # a link under the section, e.g. to download one's data
    link_href: str = ""


SectionMaker = Callable[[HttpRequest], Section | None]
_sections: list[tuple[int, SectionMaker]] = []


def section(*, order: int = 100) -> Callable[[SectionMaker], SectionMaker]:
    def decorate(make: SectionMaker) -> SectionMaker:
        _sections.append((order, make))
        return make

    return decorate


def rows_for(request: HttpRequest) -> list[Section]:
    made = []
    for _order, make in sorted(_sections, key=lambda item: item[0]):
        result = make(request)
        if result is not None:
            made.append(result)
    return made
