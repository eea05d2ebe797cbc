"""What the consultations pages and the "you said, we did" pages share: who opens them, and pages of rows."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from accounts.models import User
from involvement.selectors import OWNER_ROLES
from web.pages import page

PER_PAGE = 20


class SignedInRequest(HttpRequest):
    """A request that reached a page: `workspace_page` has turned away anyone not signed in."""

    user: User  # type: ignore[assignment]


# The involvement team's pages, also open to the staff who own a consultation or an action: each
# page shows them only the rows `restrict()` gives them, and the buttons for what they may do.
workspace_page = page(
    roles=OWNER_ROLES,
    refusal="These pages are for the involvement team and the staff who own consultations and actions.",
)


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: the gap between page numbers ("…")
    href: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pages:
    rows: Page
    links: list[PageLink]
    previous: str
    next: str


def paginate(request: HttpRequest, rows: QuerySet, *, per_page: int = PER_PAGE) -> Pages:
    """The page of `rows` the address asks for (?page=), with links to the others that keep the
    address's other parameters (filters). A page number past the end shows the last page."""
    paginator = Paginator(rows, per_page)
    current = paginator.get_page(request.GET.get("page"))

    def href(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return f"?{query.urlencode()}"

    links = [
        PageLink(None)
        if number == Paginator.ELLIPSIS
        else PageLink(int(number), href(int(number)), int(number) == current.number)
        for number in paginator.get_elided_page_range(current.number, on_each_side=1, on_ends=1)
    ]
    return Pages(
        rows=current,
        links=links if paginator.num_pages > 1 else [],
        previous=href(current.previous_page_number()) if current.has_previous() else "",
        next=href(current.next_page_number()) if current.has_next() else "",
    )
