"""Reads of the involvement register."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery, TextChoices, Value
from django.db.models.functions import Replace
from django.utils import timezone

from accounts.models import Team
from involvement.models import (
    Consultation,
    ConsultationInvitation,
    ConsultationResponse,
    Participant,
    Participation,
    PartnerOrganisation,
)
from involvement.selectors.hours import attended_between, hours_total
from involvement.selectors.payments import tax_year_bounds, tax_year_label, tax_year_of

__all__ = [
    "ConsentState",
    "ParticipantHours",
    "participant_consultations",
    "participant_hours",
    "participant_list",
    "participant_possible_duplicates",
    "participant_search",
    "participants_contactable",
    "participants_matching",
    "participants_with_consent",
    "participants_with_phone",
    "participations_pending",
]

# What people put between the digits of a phone number; ignored when numbers are compared.
PHONE_PUNCTUATION = (" ", "-", "(", ")", ".")


def participant_list() -> QuerySet[Participant]:
    return Participant.objects.select_related("referred_by", "user").prefetch_related(
        "topics", "teams_of_interest"
    )


def participants_contactable() -> QuerySet[Participant]:
    """People who may be invited or reminded now: consent given, not withdrawn, active."""
    return Participant.objects.filter(
        consent_given_at__isnull=False, consent_withdrawn_at__isnull=True, status=Participant.Status.ACTIVE
    )


def phone_forms(phone: str) -> list[str]:
    """The ways one UK number may be written once its punctuation is gone: 07700 900123,
    +44 7700 900123, +44 (0)7700 900123, 0044 7700 900123 and 7700900123 are one number.
    A number from another country is matched as written. Empty when nothing is left to match."""
    compact = "".join(mark for mark in phone.strip() if mark not in PHONE_PUNCTUATION)
    national = compact
    for prefix in ("+44", "0044"):
        if national.startswith(prefix):
            national = national.removeprefix(prefix)
            break
    national = national.removeprefix("0")
    if not national:
        return []
    if national.startswith("+"):
        return [compact]
    return [national, f"0{national}", f"+44{national}", f"+440{national}", f"0044{national}", f"44{national}"]


def participants_with_phone(queryset: QuerySet[Participant], *, phone: str) -> QuerySet[Participant]:
    """Entries whose phone is `phone`, however either is written (spaces, dashes, brackets, +44 or 0).

    One query: the stored number loses its punctuation in the database, and is compared with each
    way the number asked for may be written."""
    forms = phone_forms(phone)
    if not forms:
        return queryset.none()
    stored: F | Replace = F("phone")
    for mark in PHONE_PUNCTUATION:
        stored = Replace(stored, Value(mark), Value(""))
    return queryset.alias(phone_compact=stored).filter(phone_compact__in=forms)


def participants_matching(queryset: QuerySet[Participant], *, text: str) -> QuerySet[Participant]:
    """Entries whose name or email address contains `text`, or whose phone is the number `text`."""
    text = text.strip()
    if not text:
        return queryset
    match = Q(name__icontains=text) | Q(email__icontains=text)
    if any(mark.isdigit() for mark in text):
        match |= Q(pk__in=participants_with_phone(Participant.objects.all(), phone=text).values("pk"))
    return queryset.filter(match)


class ConsentState(TextChoices):
    """Where a person's consent to be contacted stands."""

    GIVEN = "given", "Given"
    WITHDRAWN = "withdrawn", "Withdrawn"
    NOT_GIVEN = "not_given", "Never given"


def participants_with_consent(queryset: QuerySet[Participant], *, consent: str) -> QuerySet[Participant]:
    """Entries whose consent is given (and not withdrawn), withdrawn, or was never given."""
    if consent == ConsentState.GIVEN:
        return queryset.filter(consent_given_at__isnull=False, consent_withdrawn_at__isnull=True)
    if consent == ConsentState.WITHDRAWN:
        return queryset.filter(consent_withdrawn_at__isnull=False)
    if consent == ConsentState.NOT_GIVEN:
        return queryset.filter(consent_given_at__isnull=True)
    return queryset


def participant_search(
    queryset: QuerySet[Participant],
    *,
    text: str = "",
    experience: str = "",
    team_of_interest: Team | None = None,
    consent: str = "",
    sharing_level: str = "",
    referred_by: PartnerOrganisation | None = None,
    status: str = "",
) -> QuerySet[Participant]:
    """The register narrowed by a search and filters; an empty filter narrows nothing."""
    queryset = participants_with_consent(participants_matching(queryset, text=text), consent=consent)
    exact = {
        "experience": experience,
        "sharing_level": sharing_level,
        "referred_by": referred_by,
        "status": status,
    }
    queryset = queryset.filter(**{name: value for name, value in exact.items() if value})
    # A join on teams_of_interest could repeat an entry; the filter on pk keeps one row each.
    if team_of_interest is not None:
        queryset = queryset.filter(pk__in=Participant.objects.filter(teams_of_interest=team_of_interest))
    return queryset


def participant_possible_duplicates(*, name: str, email: str = "", phone: str = "") -> QuerySet[Participant]:
    """Entries that may be the same person: the same name (whatever its case), the same email
    address, or the same phone number however it is written."""
    match = Q(pk__in=[])
    if name.strip():
        match |= Q(name__iexact=name.strip())
    if email.strip():
        match |= Q(email__iexact=email.strip())
    if phone_forms(phone):
        match |= Q(pk__in=participants_with_phone(Participant.objects.all(), phone=phone).values("pk"))
    return Participant.objects.filter(match).order_by("name", "id")


def participant_consultations(*, participant: Participant) -> QuerySet[Consultation]:
    """Consultations the person was invited to or responded to, newest first, with `invited_at`
    and `responded_at` (their latest response) annotated."""
    invitations = ConsultationInvitation.objects.filter(consultation=OuterRef("pk"), participant=participant)
    responses = ConsultationResponse.objects.filter(
        consultation=OuterRef("pk"), participant=participant
    ).order_by("-submitted_at", "-id")
    return (
        Consultation.objects.filter(Exists(invitations) | Exists(responses))
        .annotate(
            invited_at=Subquery(invitations.values("invited_at")[:1]),
            responded_at=Subquery(responses.values("submitted_at")[:1]),
        )
        .order_by("-opens_at", "-id")
    )


@dataclass(frozen=True)
class ParticipantHours:
    total: Decimal
    this_tax_year: Decimal
    tax_year: str  # its label, like 2026-27


def participant_hours(participations: QuerySet[Participation], *, today: dt.date) -> ParticipantHours:
    """Hours attended among `participations` (one person's, as far as the reader may see them):
    in all, and in the tax year `today` falls in (6 April to 5 April, UK days)."""
    year = tax_year_of(today)
    first, last = tax_year_bounds(year)
    attended = participations.filter(attendance=Participation.Attendance.ATTENDED)
    return ParticipantHours(
        total=hours_total(attended).hours,
        this_tax_year=hours_total(attended_between(attended, start=first, end=last)).hours,
        tax_year=tax_year_label(year),
    )


def participations_pending(*, participant: Participant) -> QuerySet[Participation]:
    """The person's unanswered invitations and waiting-list places for activities not yet over:
    what lapses when they withdraw consent, pause or leave."""
    return Participation.objects.filter(
        participant=participant,
        status__in=[Participation.Status.INVITED, Participation.Status.WAITLISTED],
        activity__ends_at__gt=timezone.now(),
    )
