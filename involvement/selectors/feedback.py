"""Reads of "you said, we did": the working list, and the published list with no personal data."""

from __future__ import annotations

from django.db.models import Case, CharField, QuerySet, Value, When
from django.db.models.functions import Coalesce

from involvement.models import FeedbackItem

__all__ = ["feedback_item_list", "published_feedback"]


def feedback_item_list() -> QuerySet[FeedbackItem]:
    return FeedbackItem.objects.select_related("activity", "consultation", "action_owner").prefetch_related(
        "themes"
    )


def published_feedback() -> QuerySet[FeedbackItem]:
    """What the trust shows the public: published items with their source, newest first.

    Only the source activity or consultation is joined in; nothing here reaches a person.
    """
    return (
        FeedbackItem.objects.filter(published=True)
        .select_related("activity", "consultation")
        .prefetch_related("themes")
        .annotate(
            source_type=Case(
                When(activity__isnull=False, then=Value("activity")),
                default=Value("consultation"),
                output_field=CharField(),
            ),
            source_title=Coalesce("activity__title", "consultation__title"),
        )
        .order_by("-published_at", "-id")
    )
