"""Serializers for the charter: its resources, and the dashboard built from disclosed snapshots.

Every figure here comes from a snapshot, and a snapshot holds only figures that have been
through disclosure control: nothing in this module sees a raw count.
"""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import User
from api.serializers import BaseModelSerializer, BriefRelatedField, TextLimitsMixin
from charter.models import Commitment, Indicator, Snapshot, SnapshotBreakdown
from charter.services import INDICATOR_EDITABLE

FIGURE = {"max_digits": 12, "decimal_places": 2, "allow_null": True, "read_only": True}


class CommitmentSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:commitment-detail")
    charter = serializers.CharField(source="charter.__str__", read_only=True)
    indicators = BriefRelatedField(view_name="api:indicator-detail", many=True, read_only=True)

    class Meta:
        model = Commitment
        fields = ["id", "url", "display", "charter", "number", "title", "description", "indicators"]


class IndicatorSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:indicator-detail")
    commitment = BriefRelatedField(view_name="api:commitment-detail", read_only=True)
    owner = BriefRelatedField(view_name="api:user-detail", read_only=True, allow_null=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "url",
            "display",
            "commitment",
            "key",
            "name",
            "definition",
            "unit",
            "direction",
            "target",
            "amber_threshold",
            "owner",
            "order",
            "is_active",
        ]
        read_only_fields = fields


class IndicatorUpdateSerializer(TextLimitsMixin, serializers.ModelSerializer):
    """What an admin may change; anything else in the body is refused, not silently dropped."""

    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), allow_null=True, required=False
    )

    class Meta:
        model = Indicator
        fields = sorted(INDICATOR_EDITABLE)
        # The model's own clean() (run by the service) checks the range for the unit.
        extra_kwargs = {name: {"required": False} for name in INDICATOR_EDITABLE}

    def validate(self, attrs):
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError(
                {
                    name: ["This cannot be changed: only " + ", ".join(self.Meta.fields) + "."]
                    for name in unknown
                }
            )
        return attrs


class BreakdownSerializer(serializers.ModelSerializer):
    directorate = serializers.CharField(source="directorate.name", read_only=True)
    directorate_id = serializers.IntegerField(read_only=True)
    value = serializers.DecimalField(**FIGURE)

    class Meta:
        model = SnapshotBreakdown
        fields = ["directorate_id", "directorate", "numerator", "denominator", "value"]


class SnapshotSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:snapshot-detail")
    indicator = BriefRelatedField(view_name="api:indicator-detail", read_only=True)
    breakdown = BreakdownSerializer(many=True, read_only=True)

    class Meta:
        model = Snapshot
        fields = [
            "id",
            "url",
            "display",
            "indicator",
            "period_type",
            "period",
            "period_start",
            "period_end",
            "numerator",
            "denominator",
            "value",
            "suppressed",
            "rag",
            "computed_at",
            "breakdown",
        ]
        read_only_fields = fields


# --- the dashboard ----------------------------------------------------------------------


class DashboardQuerySerializer(serializers.Serializer):
    period = serializers.CharField(
        required=False, help_text="A quarter like 2026-27-Q3 or a month like 2026-11; default: this quarter."
    )


class PeriodSerializer(serializers.Serializer):
    label = serializers.CharField()
    name = serializers.CharField()
    type = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()


class CharterSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    version = serializers.CharField()
    adopted_on = serializers.DateField()


class FigureSerializer(serializers.Serializer):
    """One period's disclosed figure: a suppressed figure has null value and numbers."""

    value = serializers.DecimalField(**FIGURE)
    numerator = serializers.IntegerField(allow_null=True)
    denominator = serializers.IntegerField(allow_null=True)
    suppressed = serializers.BooleanField()
    rag = serializers.CharField()


class TrendPointSerializer(serializers.Serializer):
    period = serializers.CharField()
    value = serializers.DecimalField(**FIGURE)
    suppressed = serializers.BooleanField()
    rag = serializers.CharField()


class DashboardIndicatorSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="indicator.id")
    key = serializers.CharField(source="indicator.key")
    name = serializers.CharField(source="indicator.name")
    definition = serializers.CharField(source="indicator.definition")
    unit = serializers.CharField(source="indicator.unit")
    direction = serializers.CharField(source="indicator.direction")
    target = serializers.DecimalField(max_digits=10, decimal_places=2, source="indicator.target")
    amber_threshold = serializers.DecimalField(
        max_digits=10, decimal_places=2, source="indicator.amber_threshold"
    )
    current = FigureSerializer(allow_null=True)
    trend = TrendPointSerializer(many=True, help_text="The last eight quarters, oldest first.")
    breakdown = BreakdownSerializer(
        many=True, help_text="Per directorate, only where the figure survives suppression."
    )


class DashboardCommitmentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="commitment.id")
    number = serializers.IntegerField(source="commitment.number")
    title = serializers.CharField(source="commitment.title")
    description = serializers.CharField(source="commitment.description")
    indicators = DashboardIndicatorSerializer(many=True)


class DashboardSerializer(serializers.Serializer):
    charter = CharterSerializer(allow_null=True)
    period = PeriodSerializer()
    commitments = DashboardCommitmentSerializer(many=True)
