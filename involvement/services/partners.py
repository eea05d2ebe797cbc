"""Partner organisations and their contacts, and the reference lists the trust edits (themes, kinds)."""

from __future__ import annotations

from typing import TypedDict, Unpack

from django.db import transaction

from accounts.models import User
from accounts.updates import apply_changes
from involvement.errors import InvolvementConflict, InvolvementError
from involvement.models import ActivityKind, PartnerContact, PartnerOrganisation, Theme
from involvement.selectors.partners import activity_kind_uses, partner_uses, theme_uses

__all__ = [
    "activity_kind_create",
    "activity_kind_delete",
    "activity_kind_update",
    "partner_contact_create",
    "partner_contact_delete",
    "partner_contact_update",
    "partner_create",
    "partner_delete",
    "partner_update",
    "theme_create",
    "theme_delete",
    "theme_update",
]


class PartnerChanges(TypedDict, total=False):
    name: str
    kind: str
    website: str
    description: str
    is_active: bool


class ContactChanges(TypedDict, total=False):
    name: str
    job_title: str
    email: str
    phone: str


class ThemeChanges(TypedDict, total=False):
    code: str
    name: str
    group: str
    is_active: bool


class ActivityKindChanges(TypedDict, total=False):
    code: str
    name: str
    is_active: bool


def _refuse_if_in_use(what: str, uses: dict[str, int]) -> None:
    """409 when rows still point at a reference entry: retiring it keeps the history intact."""
    in_use = {label: n for label, n in uses.items() if n}
    if in_use:
        listed = ", ".join(f"{n} {label}" for label, n in in_use.items())
        raise InvolvementConflict(
            f"This {what} is in use ({listed}); mark it inactive instead of deleting it.",
            field="is_active",
        )


# --- partners ---------------------------------------------------------------------------


@transaction.atomic
def partner_create(*, by: User, **fields: Unpack[PartnerChanges]) -> PartnerOrganisation:
    partner = PartnerOrganisation()
    apply_changes(partner, fields, PartnerChanges, error=InvolvementError)
    return partner


@transaction.atomic
def partner_update(
    *, partner: PartnerOrganisation, by: User, **changes: Unpack[PartnerChanges]
) -> PartnerOrganisation:
    partner = PartnerOrganisation.objects.select_for_update().get(pk=partner.pk)
    apply_changes(partner, changes, PartnerChanges, error=InvolvementError)
    return partner


@transaction.atomic
def partner_delete(*, partner: PartnerOrganisation, by: User) -> None:
    """Only a partner nothing refers to: deleting one would erase who co-delivered and referred."""
    _refuse_if_in_use("partner", partner_uses(partner=partner))
    partner.delete()


@transaction.atomic
def partner_contact_create(
    *, organisation: PartnerOrganisation, by: User, **fields: Unpack[ContactChanges]
) -> PartnerContact:
    contact = PartnerContact(organisation=organisation)
    apply_changes(contact, fields, ContactChanges, error=InvolvementError)
    return contact


@transaction.atomic
def partner_contact_update(
    *,
    contact: PartnerContact,
    by: User,
    organisation: PartnerOrganisation | None = None,
    **changes: Unpack[ContactChanges],
) -> PartnerContact:
    if organisation is not None and organisation.pk != contact.organisation_id:
        # Someone who moves to another partner is a new contact there, not this one moved.
        raise InvolvementError(
            "A contact cannot move to another partner; add them there as a new contact.",
            field="organisation",
        )
    contact = PartnerContact.objects.select_for_update().get(pk=contact.pk)
    apply_changes(contact, changes, ContactChanges, error=InvolvementError)
    return contact


@transaction.atomic
def partner_contact_delete(*, contact: PartnerContact, by: User) -> None:
    contact.delete()


# --- themes and activity kinds ----------------------------------------------------------


@transaction.atomic
def theme_create(*, by: User, **fields: Unpack[ThemeChanges]) -> Theme:
    theme = Theme()
    apply_changes(theme, fields, ThemeChanges, error=InvolvementError)
    return theme


@transaction.atomic
def theme_update(*, theme: Theme, by: User, **changes: Unpack[ThemeChanges]) -> Theme:
    theme = Theme.objects.select_for_update().get(pk=theme.pk)
    apply_changes(theme, changes, ThemeChanges, error=InvolvementError)
    return theme


@transaction.atomic
def theme_delete(*, theme: Theme, by: User) -> None:
    _refuse_if_in_use("theme", theme_uses(theme=theme))
    theme.delete()


@transaction.atomic
def activity_kind_create(*, by: User, **fields: Unpack[ActivityKindChanges]) -> ActivityKind:
    kind = ActivityKind()
    apply_changes(kind, fields, ActivityKindChanges, error=InvolvementError)
    return kind


@transaction.atomic
def activity_kind_update(
    *, kind: ActivityKind, by: User, **changes: Unpack[ActivityKindChanges]
) -> ActivityKind:
    kind = ActivityKind.objects.select_for_update().get(pk=kind.pk)
    apply_changes(kind, changes, ActivityKindChanges, error=InvolvementError)
    return kind


@transaction.atomic
def activity_kind_delete(*, kind: ActivityKind, by: User) -> None:
    _refuse_if_in_use("activity kind", activity_kind_uses(kind=kind))
    kind.delete()
