"""Reads of partner organisations, their contacts, and what they co-deliver and refer."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from involvement.models import Activity, ActivityKind, Participant, PartnerContact, PartnerOrganisation, Theme

__all__ = [
    "activity_kind_uses",
    "partner_activities",
    "partner_contact_list",
    "partner_list",
    "partner_referrals",
    "partner_uses",
    "theme_uses",
]


def _count(queryset: QuerySet, key: str) -> Coalesce:
    """COUNT(*) of `queryset` per `key`, as a correlated subquery.

    Two plain Count() joins on one row would multiply each other; subqueries keep them apart.
    """
    counted = queryset.order_by().values(key).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def partner_list(*, contacts: QuerySet[PartnerContact] | None = None) -> QuerySet[PartnerOrganisation]:
    """Partners with `activity_count`, `referral_count`, and their contacts in `contact_list`.

    `contacts` narrows which contacts come along: the view passes the ones the user may see.
    """
    links = Activity.partners.through.objects.filter(partnerorganisation_id=OuterRef("pk"))
    referrals = Participant.objects.filter(referred_by_id=OuterRef("pk"))
    contacts = PartnerContact.objects.all() if contacts is None else contacts
    return PartnerOrganisation.objects.annotate(
        activity_count=_count(links, "partnerorganisation_id"),
        referral_count=_count(referrals, "referred_by_id"),
    ).prefetch_related(Prefetch("contacts", queryset=contacts.order_by("name", "id"), to_attr="contact_list"))


def partner_contact_list() -> QuerySet[PartnerContact]:
    return PartnerContact.objects.select_related("organisation")


def partner_activities(*, partner: PartnerOrganisation) -> QuerySet[Activity]:
    """Activities the partner co-delivers, newest first."""
    return (
        Activity.objects.filter(partners=partner).select_related("kind", "team").order_by("-starts_at", "-id")
    )


def partner_referrals(*, partner: PartnerOrganisation) -> QuerySet[Participant]:
    """People on the register this partner referred."""
    return Participant.objects.filter(referred_by=partner).order_by("name", "id")


# What still points at a reference row, by a label a person understands; deleting is refused
# while any of these is above zero (the row is marked inactive instead).


def theme_uses(*, theme: Theme) -> dict[str, int]:
    return {
        "activities": theme.activities.count(),
        "consultations": theme.consultations.count(),
        "consultation responses": theme.consultation_responses.count(),
        "feedback items": theme.feedback_items.count(),
        "people's interests": theme.interested_participants.count(),
    }


def activity_kind_uses(*, kind: ActivityKind) -> dict[str, int]:
    return {"activities": kind.activities.count(), "rate card entries": kind.rates.count()}


def partner_uses(*, partner: PartnerOrganisation) -> dict[str, int]:
    return {"activities": partner.activities.count(), "referrals": partner.referrals.count()}
