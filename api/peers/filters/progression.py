"""Filters for progression reviews and the level history.

Workers, reviewers and levels are named by plain ids: one you may not see answers like one that
does not exist (200, no rows), never a 400 that would confirm it is there.
"""

import django_filters

from api.filters import IdFilter
from peers.models import LevelChange, ProgressionReview


class ProgressionReviewFilter(django_filters.FilterSet):
    worker = IdFilter(field_name="worker", help_text="A peer worker id.")
    reviewer = IdFilter(field_name="reviewer", help_text="A user id.")
    reviewed_after = django_filters.DateFilter(field_name="reviewed_on", lookup_expr="gte")
    reviewed_before = django_filters.DateFilter(field_name="reviewed_on", lookup_expr="lte")
    next_review_before = django_filters.DateFilter(field_name="next_review_on", lookup_expr="lte")

    class Meta:
        model = ProgressionReview
        fields = ["outcome"]


class LevelChangeFilter(django_filters.FilterSet):
    worker = IdFilter(field_name="worker", help_text="A peer worker id.")
    to_level = IdFilter(field_name="to_level", help_text="A pathway level id.")
    effective_after = django_filters.DateFilter(field_name="effective_date", lookup_expr="gte")
    effective_before = django_filters.DateFilter(field_name="effective_date", lookup_expr="lte")

    class Meta:
        model = LevelChange
        fields = ["reason", "to_band"]
