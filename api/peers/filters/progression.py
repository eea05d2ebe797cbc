"""Filters for progression reviews and the level history."""

import django_filters

from peers.models import LevelChange, PathwayLevel, PeerWorker, ProgressionReview


class ProgressionReviewFilter(django_filters.FilterSet):
    worker = django_filters.ModelChoiceFilter(queryset=PeerWorker.objects.all())
    reviewed_after = django_filters.DateFilter(field_name="reviewed_on", lookup_expr="gte")
    reviewed_before = django_filters.DateFilter(field_name="reviewed_on", lookup_expr="lte")
    next_review_before = django_filters.DateFilter(field_name="next_review_on", lookup_expr="lte")

    class Meta:
        model = ProgressionReview
        fields = ["worker", "outcome", "reviewer"]


class LevelChangeFilter(django_filters.FilterSet):
    worker = django_filters.ModelChoiceFilter(queryset=PeerWorker.objects.all())
    to_level = django_filters.ModelChoiceFilter(queryset=PathwayLevel.objects.all())
    effective_after = django_filters.DateFilter(field_name="effective_date", lookup_expr="gte")
    effective_before = django_filters.DateFilter(field_name="effective_date", lookup_expr="lte")

    class Meta:
        model = LevelChange
        fields = ["worker", "reason", "to_level", "to_band"]
