"""Reads of consultations, who was invited and what they said, with their joins and counts."""

from __future__ import annotations

from django.db.models import Count, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from involvement.models import Consultation, ConsultationInvitation, ConsultationResponse

__all__ = ["consultation_invitation_list", "consultation_list", "consultation_response_list"]


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
