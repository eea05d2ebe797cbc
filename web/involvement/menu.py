"""Where a participant's pages sit in the header menu, and what the settings page shows them."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from accounts.roles import Role
from accounts.services import access_log_record
from accounts.visibility import restrict
from involvement import selectors
from involvement.visibility import own_participant_id
from web.menu import MenuItem, register
from web.settings_rows import Row, Section, section

PARTICIPANT = frozenset({Role.PARTICIPANT})

register(MenuItem("Invitations", "web:involvement:invitations", PARTICIPANT, order=20))
register(MenuItem("My activities", "web:involvement:activities", PARTICIPANT, order=30))
register(MenuItem("Claims", "web:involvement:claims", PARTICIPANT, order=40))
register(MenuItem("My hours", "web:involvement:hours", PARTICIPANT, order=50))
register(MenuItem("Consent and sharing", "web:involvement:consent", PARTICIPANT, order=60))


@section(order=20)
def how_we_contact_you(request: HttpRequest) -> Section | None:
    """A register member's contact details, which they may change (the register's own fields)."""
    user = request.user
    if not user.has_role(Role.PARTICIPANT) or own_participant_id(user) is None:
        return None
    person = restrict(selectors.participant_list(), user).filter(pk=own_participant_id(user)).first()
    if person is None:
        return None
    access_log_record(user=user, records=[person], action="read", path=request.path)
    change = reverse("web:involvement:contact")
    return Section(
        "How we contact you about involvement",
        rows=[
            Row("Contact me by", person.get_preferred_contact_display(), change, "how we contact you"),
            Row("Email address", person.email, change, "your email address"),
            Row("Phone number", person.phone, change, "your phone number"),
            Row("Postal address", person.postal_address, change, "your postal address"),
        ],
        note="These are the details on the involvement register. They can differ from your sign-in email.",
    )
