"""Reads of progression reviews and the level history, with their joins."""

from __future__ import annotations

from django.db.models import QuerySet

from peers.models import LevelChange, ProgressionReview

__all__ = ["level_change_list", "progression_review_list"]


def progression_review_list() -> QuerySet[ProgressionReview]:
    return ProgressionReview.objects.select_related("worker__user", "reviewer")


def level_change_list() -> QuerySet[LevelChange]:
    return LevelChange.objects.select_related("worker__user", "from_level", "to_level", "recorded_by")
