"""Where a reminder's link lands: a page a signed-in person can read, never an API address.

Rules pass a page's URL name (the web layer's, e.g. "web:peers:training") and it is reversed here,
so no domain app imports the web layer and no address is written out by hand. The link is stored
as a path; the email puts SITE_URL in front of it when it is sent.
"""

from __future__ import annotations

from django.urls import reverse

__all__ = ["HOME", "page"]

# For a reminder with no page of its own (a participant's consultation, say): the home page, whose
# cards show what is theirs to do.
HOME = "/"


def page(name: str, *args: object) -> str:
    """The path of the page named `name`, with `args` in it (a record's id)."""
    return reverse(name, args=args)
