"""Reads of "you said, we did": the working list, and the published list with no personal data."""

from __future__ import annotations

from datetime import date

from django.db.models import Case, CharField, QuerySet, Value, When
from django.db.models.functions import Coalesce

from involvement.models import FeedbackItem

__all__ = ["ACTION_STILL_TO_DO", "feedback_is_overdue", "feedback_item_list", "published_feedback"]

# An action in these states still has something to do; past its due date, it is overdue.
ACTION_STILL_TO_DO = (FeedbackItem.ActionStatus.OPEN, FeedbackItem.ActionStatus.IN_PROGRESS)


def feedback_item_list() -> QuerySet[FeedbackItem]:
    return FeedbackItem.objects.select_related("activity", "consultation", "action_owner").prefetch_related(
        "themes"
    )


def feedback_is_overdue(item: FeedbackItem, *, today: date) -> bool:
    """Whether the action is past its due date with something still to do."""
    return item.action_status in ACTION_STILL_TO_DO and item.action_due < today


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
