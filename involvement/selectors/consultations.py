"""Reads of consultations, who was invited and what they said, with their joins and counts."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.models import User
from accounts.roles import STAFF_ROLES, Role
from involvement.models import Consultation, ConsultationInvitation, ConsultationResponse, Participant
from involvement.selectors.register import participants_contactable

__all__ = [
    "OWNER_ROLES",
    "consultation_invitable",
    "consultation_invitation_list",
    "consultation_list",
    "consultation_response_list",
    "consultation_status_counts",
    "owner_choices",
]

# Owners of consultations and of "you said, we did" actions run things for the trust: staff and peer
# workers. A participant-only or board login cannot.
OWNER_ROLES = STAFF_ROLES | {Role.PEER_WORKER}


def _count(model, **link) -> Coalesce:
    # A correlated count per table keeps the two counts from multiplying each other's joins.
    rows = (
        model.objects.filter(**{name: OuterRef(target) for name, target in link.items()})
        .order_by()
        .values(*link)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), Value(0))


def consultation_status_counts(consultations: QuerySet[Consultation]) -> dict[str, int]:
    """How many of these consultations are in each status, in one grouped query."""
    return dict(
        consultations.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )


def consultation_list() -> QuerySet[Consultation]:
    return (
        Consultation.objects.select_related("owner", "team")
        .prefetch_related("themes")
        .annotate(
            response_count=_count(ConsultationResponse, consultation="pk"),
            invitation_count=_count(ConsultationInvitation, consultation="pk"),
        )
    )


def consultation_invitation_list() -> QuerySet[ConsultationInvitation]:
    return ConsultationInvitation.objects.select_related(
        "consultation", "participant", "invited_by"
    ).order_by("-invited_at", "id")


def consultation_response_list() -> QuerySet[ConsultationResponse]:
    return ConsultationResponse.objects.select_related(
        "consultation", "participant", "recorded_by"
    ).prefetch_related("themes")


def consultation_invitable(
    consultation: Consultation, participants: QuerySet[Participant]
) -> QuerySet[Participant]:
    """Of `participants`, those an invitation to `consultation` would reach: people who may be
    contacted now and are not invited yet. What a lead is shown before inviting, and what is sent."""
    return (
        participants.filter(pk__in=participants_contactable().values("pk"))
        .exclude(consultation_invitations__consultation=consultation)
        .distinct()
    )


def owner_choices() -> QuerySet[User]:
    """Active accounts that may own a consultation or a "you said, we did" action, by name."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__name__in=OWNER_ROLES) | Q(is_superuser=True))
        .distinct()
        .order_by("first_name", "last_name", "email", "pk")
    )
