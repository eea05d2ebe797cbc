"""What the consultations pages and the "you said, we did" pages share: who opens them, and rows a page."""

from __future__ import annotations

from django.http import HttpRequest

from accounts.models import User
from accounts.visibility import restrict
from involvement.models import Theme
from involvement.selectors import OWNER_ROLES
from web.pages import page

PER_PAGE = 20  # rows to a page of these lists (web.paging.paginate)


class SignedInRequest(HttpRequest):
    """A request that reached a page: `workspace_page` has turned away anyone not signed in."""

    user: User  # type: ignore[assignment]


# The involvement team's pages, also open to the staff who own a consultation or an action: each
# page shows them only the rows `restrict()` gives them, and the buttons for what they may do.
workspace_page = page(
    roles=OWNER_ROLES,
    refusal="These pages are for the involvement team and the staff who own consultations and actions.",
)


def active_themes(request: SignedInRequest):
    """The themes a consultation, response or item may be tagged with, as the person may see them."""
    return restrict(Theme.objects.filter(is_active=True), request.user).order_by("name")
