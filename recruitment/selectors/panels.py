"""Reads for interview panels: who may be asked to sit, the interviews a person sits on, and each
seat's scores counted."""

from __future__ import annotations

from django.db.models import Case, Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from accounts.models import User
from accounts.roles import STAFF_ROLES, Role
from involvement import selectors as register
from involvement.models import Participant
from recruitment.models import Criterion, Interview, PanelMember, Score

__all__ = [
    "interview_panels",
    "interviews_sat_on",
    "panel_staff_choices",
    "register_members_named",
]

# Staff who may sit on a panel: anyone employed by the trust with a login for their work, peer
# workers included (a peer worker may sit as a person with lived experience).
PANEL_STAFF_ROLES = sorted(STAFF_ROLES | {Role.PEER_WORKER})


def panel_staff_choices() -> QuerySet[User]:
    """Active staff accounts, by name, to choose a panel's members of staff from."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__name__in=PANEL_STAFF_ROLES) | Q(is_superuser=True))
        .distinct()
        .order_by("first_name", "last_name", "email", "pk")
    )


def register_members_named(contact: str) -> QuerySet[Participant]:
    """The register entries whose email address or phone number is exactly `contact`.

    HR and hiring managers may not browse the involvement register. The involvement lead agrees a
    panel seat with the person and gives HR their email address or phone number; only an exact
    match finds them, so the register cannot be searched from here. Whether they may be asked
    (consent, status) is for the scheduling service to say.
    """
    contact = contact.strip()
    if not contact:
        return Participant.objects.none()
    if "@" in contact:
        return Participant.objects.filter(email__iexact=contact).order_by("pk")
    if not any(mark.isdigit() for mark in contact):
        return Participant.objects.none()
    return register.participants_with_phone(Participant.objects.all(), phone=contact).order_by("pk")


def _seats_of(user: User, prefix: str = "") -> Q:
    return Q(**{f"{prefix}user": user}) | Q(**{f"{prefix}participant__user": user})


def interview_panels() -> QuerySet[Interview]:
    """Interviews with their panels (each seat with `scored`, the criteria it has scored), the
    vacancy's criteria and the applicant's adjustments: one page of queries however big the panel."""
    seats = (
        PanelMember.objects.select_related("user", "participant")
        .annotate(scored=Count("scores"))
        .order_by("pk")
    )
    return Interview.objects.select_related(
        "application__vacancy__team", "application__stage", "activity", "outcome_by"
    ).prefetch_related(
        Prefetch("panel", queryset=seats), "application__vacancy__criteria", "application__adjustments"
    )


def interviews_sat_on(user: User) -> QuerySet[Interview]:
    """The interviews `user` sits on (as staff, or through their register entry), those still to be
    decided first, each with `my_scores` (criteria they have scored) and `criteria_count`."""
    mine = PanelMember.objects.filter(_seats_of(user)).values("interview")
    my_scores = (
        Score.objects.filter(interview=OuterRef("pk"))
        .filter(_seats_of(user, "panel_member__"))
        .values("interview")
        .annotate(count=Count("pk"))
        .values("count")
    )
    criteria = (
        Criterion.objects.filter(vacancy=OuterRef("application__vacancy"))
        .values("vacancy")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Interview.objects.filter(pk__in=mine)
        .select_related("application__vacancy__team")
        .annotate(
            my_scores=Coalesce(Subquery(my_scores, output_field=IntegerField()), Value(0)),
            criteria_count=Coalesce(Subquery(criteria, output_field=IntegerField()), Value(0)),
            decided=Case(When(outcome=Interview.Outcome.PENDING, then=Value(0)), default=Value(1)),
        )
        .order_by("decided", "starts_at", "pk")
    )
