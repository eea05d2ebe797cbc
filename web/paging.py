"""Pages of a long list: Django's Paginator, shown with the NHS.UK pagination component
(web/templates/web/includes/pagination.html). Every list of the lead workspace and payments uses it:
`pages.rows` are this page's rows, `pages.page` the Django `Page` (its number, the count)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGE = 25


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: the gap between far-apart page numbers
    href: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pages:
    page: Page
    links: list[PageLink]
    previous: str
    next: str
    rows: list


def paginate(request: HttpRequest, queryset: QuerySet, *, per_page: int = PER_PAGE) -> Pages:
    """One page of `queryset` (?page=, a number out of range gives the nearest page), with the links
    to the others keeping the rest of the address (the search and filters)."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))

    def href(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return f"?{query.urlencode()}"

    links = [
        PageLink(number, href(number), number == page.number) if isinstance(number, int) else PageLink(None)
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]
    return Pages(
        page=page,
        links=links if page.paginator.num_pages > 1 else [],
        previous=href(page.previous_page_number()) if page.has_previous() else "",
        next=href(page.next_page_number()) if page.has_next() else "",
        rows=list(page.object_list),
    )
