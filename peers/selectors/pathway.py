"""The pathway: what a worker still needs for the next level."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from peers.models import Competence, CompetenceEvidence, PathwayLevel, PeerWorker, TrainingCourse

__all__ = ["NextLevelGaps", "next_level_gaps"]


@dataclass
class NextLevelGaps:
    next_level: PathwayLevel | None
    missing_competences: list[Competence] = field(default_factory=list)
    missing_courses: list[TrainingCourse] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return self.next_level is not None and not self.missing_competences and not self.missing_courses


def next_level_gaps(*, worker: PeerWorker, today: date) -> NextLevelGaps:
    """Competences without signed-off evidence, and required courses not held in date."""
    next_level = (
        PathwayLevel.objects.filter(order__gt=worker.level.order, is_active=True).order_by("order").first()
    )
    if next_level is None:
        return NextLevelGaps(next_level=None)
    # A retired (inactive) competence or course no longer stands between anyone and the next level.
    # A subquery, not exclude() across the relation: that would accept another worker's signed evidence
    # alongside this worker's unsigned evidence as if they were one record.
    signed = CompetenceEvidence.objects.filter(worker=worker, signed_off_by__isnull=False).values(
        "competence_id"
    )
    competences = (
        next_level.required_competences.filter(is_active=True).exclude(pk__in=signed).select_related("domain")
    )
    in_date = Q(records__worker=worker) & (
        Q(records__expires_on__isnull=True) | Q(records__expires_on__gte=today)
    )
    held = TrainingCourse.objects.filter(in_date).values("pk")
    courses = next_level.required_courses.filter(is_active=True).exclude(pk__in=held)
    return NextLevelGaps(
        next_level=next_level, missing_competences=list(competences), missing_courses=list(courses)
    )
