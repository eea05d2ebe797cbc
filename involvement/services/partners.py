"""Partner organisations and their contacts, and the reference lists the trust edits (themes, kinds)."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from accounts.models import User
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

PARTNER_FIELDS = {"name", "kind", "website", "description", "is_active"}
CONTACT_FIELDS = {"name", "job_title", "email", "phone"}
THEME_FIELDS = {"code", "name", "group", "is_active"}
KIND_FIELDS = {"code", "name", "is_active"}


def _apply(obj: models.Model, allowed: set[str], changes: dict[str, Any]) -> None:
    for field, value in changes.items():
        if field not in allowed:
            raise InvolvementError(f"{field} cannot be changed here.", field=field)
        setattr(obj, field, value)


def _save_new(model: type[models.Model], allowed: set[str], fields: dict[str, Any]) -> Any:
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise InvolvementError(f"{unknown[0]} cannot be set here.", field=unknown[0])
    obj = model(**fields)
    obj.full_clean()
    obj.save()
    return obj


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
def partner_create(*, by: User, **fields: Any) -> PartnerOrganisation:
    return _save_new(PartnerOrganisation, PARTNER_FIELDS, fields)


@transaction.atomic
def partner_update(*, partner: PartnerOrganisation, by: User, **changes: Any) -> PartnerOrganisation:
    partner = PartnerOrganisation.objects.select_for_update().get(pk=partner.pk)
    _apply(partner, PARTNER_FIELDS, changes)
    partner.full_clean()
    partner.save()
    return partner


@transaction.atomic
def partner_delete(*, partner: PartnerOrganisation, by: User) -> None:
    """Only a partner nothing refers to: deleting one would erase who co-delivered and referred."""
    _refuse_if_in_use("partner", partner_uses(partner=partner))
    partner.delete()


@transaction.atomic
def partner_contact_create(*, organisation: PartnerOrganisation, by: User, **fields: Any) -> PartnerContact:
    unknown = sorted(set(fields) - CONTACT_FIELDS)
    if unknown:
        raise InvolvementError(f"{unknown[0]} cannot be set here.", field=unknown[0])
    contact = PartnerContact(organisation=organisation, **fields)
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def partner_contact_update(*, contact: PartnerContact, by: User, **changes: Any) -> PartnerContact:
    organisation = changes.pop("organisation", None)
    if organisation is not None and organisation.pk != contact.organisation_id:
        # Someone who moves to another partner is a new contact there, not this one moved.
        raise InvolvementError(
            "A contact cannot move to another partner; add them there as a new contact.",
            field="organisation",
        )
    contact = PartnerContact.objects.select_for_update().get(pk=contact.pk)
    _apply(contact, CONTACT_FIELDS, changes)
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def partner_contact_delete(*, contact: PartnerContact, by: User) -> None:
    contact.delete()


# --- themes and activity kinds ----------------------------------------------------------


@transaction.atomic
def theme_create(*, by: User, **fields: Any) -> Theme:
    return _save_new(Theme, THEME_FIELDS, fields)


@transaction.atomic
def theme_update(*, theme: Theme, by: User, **changes: Any) -> Theme:
    theme = Theme.objects.select_for_update().get(pk=theme.pk)
    _apply(theme, THEME_FIELDS, changes)
    theme.full_clean()
    theme.save()
    return theme


@transaction.atomic
def theme_delete(*, theme: Theme, by: User) -> None:
    _refuse_if_in_use("theme", theme_uses(theme=theme))
    theme.delete()


@transaction.atomic
def activity_kind_create(*, by: User, **fields: Any) -> ActivityKind:
    return _save_new(ActivityKind, KIND_FIELDS, fields)


@transaction.atomic
def activity_kind_update(*, kind: ActivityKind, by: User, **changes: Any) -> ActivityKind:
    kind = ActivityKind.objects.select_for_update().get(pk=kind.pk)
    _apply(kind, KIND_FIELDS, changes)
    kind.full_clean()
    kind.save()
    return kind


@transaction.atomic
def activity_kind_delete(*, kind: ActivityKind, by: User) -> None:
    _refuse_if_in_use("activity kind", activity_kind_uses(kind=kind))
    kind.delete()
