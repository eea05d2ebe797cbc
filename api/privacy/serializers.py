"""Serializers for data rights: the reason an erasure needs, and the record it leaves."""

from __future__ import annotations

from rest_framework import serializers

from privacy.models import Erasure


class EraseSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=500,
        help_text="Why: for example the reference of the person's request. Never their name.",
    )


class ErasureSerializer(serializers.ModelSerializer):
    erased_by = serializers.CharField(source="erased_by.display_name", default=None, read_only=True)

    class Meta:
        model = Erasure
        fields = ["id", "subject", "subject_id", "reason", "erased_at", "erased_by", "counts"]
        read_only_fields = fields
