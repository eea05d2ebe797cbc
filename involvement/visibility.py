"""Who may see and change involvement records (registered with accounts.visibility).

Involvement leads see and change everything here. Finance sees claims. A participant with a
login sees their own record, invitations, responses and claims. Staff who lead an activity see
it and who takes part. Everyone else sees nothing: the register is not for browsing.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import User
from accounts.roles import Role
from accounts.visibility import Action, Visibility, register, restrict
from involvement import models as m


def is_lead(user: User) -> bool:
    return user.has_role(Role.INVOLVEMENT_LEAD)


def runs_involvement(user: User) -> bool:
    """Involvement leads and administrators act for the trust; anyone else acts for themselves."""
    return user.is_superuser or user.has_role(Role.INVOLVEMENT_LEAD, Role.ADMIN)


def handles_payments(user: User) -> bool:
    """Finance and involvement leads (and administrators) see claims in bulk: exports and totals."""
    return user.has_role(Role.INVOLVEMENT_LEAD, Role.FINANCE, Role.ADMIN)


def may_see_payee(user: User, claim: m.PaymentClaim) -> bool:
    """Whether `user` sees on a claim who is paid and how to find them (name, address, payroll number).

    Finance and leads do, to pay it; so does the person it pays. They see this and no more of the
    register, whose entries carry health and access details finance has no need of.
    """
    return handles_payments(user) or own_participant_id(user) == claim.participant_id


def own_participant_id(user: User) -> int | None:
    """The register entry linked to this login, if any (one query, cached on the user)."""
    cache = user.__dict__
    if "_participant_id" not in cache:
        cache["_participant_id"] = (
            m.Participant.objects.filter(user=user).values_list("pk", flat=True).first()
            if user.has_role(Role.PARTICIPANT)
            else None
        )
    return cache["_participant_id"]


def may_see_participant_contact(user: User, participant: m.Participant) -> bool:
    """Whether `user` sees how to reach `participant`, and their needs, on a participation `user` sees.

    Involvement leads and the person themselves always do; anyone else who sees the participation
    (staff leading the activity) only when the person's sharing level extends to activity leads.
    Ask it only about participations already passed through `restrict()`.
    """
    return (
        is_lead(user)
        or own_participant_id(user) == participant.pk
        or participant.sharing_level == m.Participant.SharingLevel.ACTIVITY_LEADS
    )


def activities_with_participant(queryset: QuerySet, user: User, participant_id: int) -> QuerySet:
    """Activities where this register entry has a place, judged only by places `user` may see.

    So a participant learns nothing about anyone else's activities, a member of staff finds who
    takes part in the activities they lead, and an involvement lead searches the whole register.
    """
    places = restrict(m.Participation.objects.filter(participant_id=participant_id), user, "view")
    return queryset.filter(pk__in=places.values("activity_id"))


def consultations_with_invitee(queryset: QuerySet, user: User, participant_id: int) -> QuerySet:
    """Consultations this register entry is invited to, judged only by invitations `user` may see."""
    invitations = restrict(
        m.ConsultationInvitation.objects.filter(participant_id=participant_id), user, "view"
    )
    return queryset.filter(pk__in=invitations.values("consultation_id"))


class LeadOnly(Visibility):
    """Involvement leads see and change it; no one else."""

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        return queryset if is_lead(user) else queryset.none()

    def may_create(self, user: User) -> bool:
        return is_lead(user)


class ReferenceList(LeadOnly):
    """A reference list (kinds, themes, rates): everyone signed in reads it, leads edit it."""

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        if action == "view" or is_lead(user):
            return queryset
        return queryset.none()


@register
class ThemeVisibility(ReferenceList):
    model = m.Theme


@register
class ActivityKindVisibility(ReferenceList):
    model = m.ActivityKind


@register
class RateCardVisibility(ReferenceList):
    model = m.RateCardEntry


@register
class ActivitySeriesVisibility(LeadOnly):
    model = m.ActivitySeries


@register
class PartnerOrganisationVisibility(LeadOnly):
    """Leads manage partners; HR reads them (partners refer applicants)."""

    model = m.PartnerOrganisation

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        if is_lead(user) or (action == "view" and user.has_role(Role.HR)):
            return queryset
        return queryset.none()


@register
class PartnerContactVisibility(LeadOnly):
    model = m.PartnerContact


@register
class ParticipantVisibility(LeadOnly):
    """The register: leads; a participant sees and updates their own entry."""

    model = m.Participant

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        if is_lead(user):
            return queryset
        own = own_participant_id(user)
        if own is not None and action in ("view", "change"):
            return queryset.filter(pk=own)
        return queryset.none()


@register
class ActivityVisibility(LeadOnly):
    """Leads see all; staff see activities they lead; a participant those they are invited to."""

    model = m.Activity

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        if is_lead(user):
            return queryset
        if action != "view":
            return queryset.none()
        condition = Q(leads=user)
        own = own_participant_id(user)
        if own is not None:
            condition |= Q(participations__participant_id=own)
        return queryset.filter(pk__in=m.Activity.objects.filter(condition).values("pk"))


@register
class ParticipationVisibility(LeadOnly):
    """Leads; the activity's own leads (to take the register); the participant themselves."""

    model = m.Participation

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        if is_lead(user):
            return queryset
        condition = Q(pk__in=[])
        if action in ("view", "change"):
            # Activity leads record attendance for their own activities.
            condition |= Q(activity__leads=user)
        own = own_participant_id(user)
        if own is not None and action in ("view", "change"):
            condition |= Q(participant_id=own)
        return queryset.filter(pk__in=m.Participation.objects.filter(condition).values("pk"))


@register
class ConsultationVisibility(LeadOnly):
    """Leads; the owner; participants see the ones they are invited to once they open."""

    model = m.Consultation

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        if is_lead(user):
            return queryset
        condition = Q(owner=user)
        own = own_participant_id(user)
        if own is not None and action == "view":
            condition |= Q(invitations__participant_id=own) & ~Q(status=m.Consultation.Status.DRAFT)
        return queryset.filter(pk__in=m.Consultation.objects.filter(condition).values("pk"))


@register
class ConsultationInvitationVisibility(LeadOnly):
    model = m.ConsultationInvitation

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        if is_lead(user):
            return queryset
        own = own_participant_id(user)
        if own is not None and action == "view":
            # Like the consultation itself, an invitation shows once the draft is opened.
            draft = m.Consultation.Status.DRAFT
            return queryset.filter(participant_id=own).exclude(consultation__status=draft)
        return queryset.none()


@register
class ConsultationResponseVisibility(LeadOnly):
    """Leads and the consultation's owner read responses; a participant reads and changes their own.

    A participant's change is refused by the service once the consultation stops taking responses.
    """

    model = m.ConsultationResponse

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        if is_lead(user):
            return queryset
        condition = Q(pk__in=[])
        if action == "view":
            condition |= Q(consultation__owner=user)
        own = own_participant_id(user)
        if own is not None and action in ("view", "change"):
            condition |= Q(participant_id=own)
        return queryset.filter(condition)

    def may_create(self, user: User) -> bool:
        return is_lead(user) or own_participant_id(user) is not None


@register
class FeedbackItemVisibility(LeadOnly):
    """Leads; an action's owner updates it; participants read what is published."""

    model = m.FeedbackItem

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        if is_lead(user):
            return queryset
        condition = Q(pk__in=[])
        if action in ("view", "change"):
            condition |= Q(action_owner=user)
        if action == "view" and own_participant_id(user) is not None:
            condition |= Q(published=True)
        return queryset.filter(condition)


@register
class PaymentClaimVisibility(LeadOnly):
    """Leads approve; finance pays; a participant sees and makes their own."""

    model = m.PaymentClaim

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        if is_lead(user):
            return queryset
        if user.has_role(Role.FINANCE) and action in ("view", "change"):
            return queryset
        own = own_participant_id(user)
        if own is not None and action == "view":
            return queryset.filter(participant_id=own)
        return queryset.none()

    def may_create(self, user: User) -> bool:
        return is_lead(user) or own_participant_id(user) is not None


@register
class ExpenseLineVisibility(LeadOnly):
    model = m.ExpenseLine

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        if is_lead(user):
            return queryset
        if user.has_role(Role.FINANCE) and action == "view":
            return queryset
        own = own_participant_id(user)
        if own is not None and action == "view":
            return queryset.filter(claim__participant_id=own)
        return queryset.none()
