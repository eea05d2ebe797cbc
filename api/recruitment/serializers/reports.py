"""The reports' query parameters, and the shapes of what they return (only the fields named here leave)."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import serializers

from accounts.models import Team
from api.serializers import DateField
from recruitment.models import Vacancy
from recruitment.selectors import report_period


class RecruitmentReportQuerySerializer(serializers.Serializer):
    """?from=YYYY-MM-DD&to=YYYY-MM-DD[&vacancy=<id>&team=<id>]; by default the last 12 whole months.

    The view narrows `vacancy` to the vacancies the user may report on (context "vacancies").
    """

    vacancy = serializers.PrimaryKeyRelatedField(queryset=Vacancy.objects.all(), required=False)
    team = serializers.PrimaryKeyRelatedField(
        queryset=Team.objects.all(), required=False, help_text="Takes in the teams under it."
    )

    def get_fields(self):
        fields = super().get_fields()
        # "from" is a Python keyword, so these two are added by name rather than declared.
        # Days from 1900 to 2199: the report steps a day past `to` and a year before it.
        fields["from"] = DateField(
            required=False, source="date_from", help_text="First day of the period (applications made)."
        )
        fields["to"] = DateField(required=False, source="date_to", help_text="Last day, included.")
        vacancies = self.context.get("vacancies")
        if vacancies is not None:
            fields["vacancy"].queryset = vacancies
        return fields

    def validate(self, attrs):
        # By default the last twelve whole months, this one included (the pages use the same rule).
        date_from, date_to = report_period(
            attrs.get("date_from"), attrs.get("date_to"), today=timezone.localdate()
        )
        if date_from > date_to:
            raise serializers.ValidationError({"to": ["The period must end on or after its first day."]})
        return {**attrs, "date_from": date_from, "date_to": date_to}


class RecruitmentPeriodSerializer(serializers.Serializer):
    def get_fields(self):
        return {"from": serializers.DateField(), "to": serializers.DateField()}


class RecruitmentFiltersSerializer(serializers.Serializer):
    vacancy = serializers.IntegerField(allow_null=True)
    team = serializers.IntegerField(allow_null=True)


# --- equality (every figure already through the small-number rule; null means suppressed) ---------


class EqualityFiguresSerializer(serializers.Serializer):
    applicants = serializers.IntegerField(allow_null=True)
    shortlisted = serializers.IntegerField(allow_null=True)
    appointed = serializers.IntegerField(allow_null=True)
    shortlisting_rate = serializers.FloatField(allow_null=True, help_text="shortlisted / applicants")
    appointment_likelihood = serializers.FloatField(
        allow_null=True, help_text="Likelihood of appointment from shortlisting: appointed / shortlisted."
    )


class EqualityGroupSerializer(EqualityFiguresSerializer):
    group = serializers.CharField()
    label = serializers.CharField(required=False)


class EqualityCharacteristicSerializer(serializers.Serializer):
    characteristic = serializers.CharField()
    label = serializers.CharField()
    groups = EqualityGroupSerializer(many=True)


class EqualityComparisonSerializer(serializers.Serializer):
    first_group = EqualityGroupSerializer()
    second_group = EqualityGroupSerializer()
    relative_likelihood = serializers.FloatField(
        allow_null=True, help_text="First group's likelihood / second's; above 1 favours the first group."
    )


class EqualityRelativeLikelihoodSerializer(serializers.Serializer):
    ethnicity = EqualityComparisonSerializer(help_text="White compared with BME (WRES indicator 2).")
    disability = EqualityComparisonSerializer(
        help_text="Non-disabled compared with disabled (WDES metric 2)."
    )


class EqualityNotesSerializer(serializers.Serializer):
    disclosure = serializers.CharField()
    likelihood = serializers.CharField()


class EqualityReportSerializer(serializers.Serializer):
    period = RecruitmentPeriodSerializer()
    filters = RecruitmentFiltersSerializer()
    total = EqualityFiguresSerializer()
    characteristics = EqualityCharacteristicSerializer(many=True)
    relative_likelihood = EqualityRelativeLikelihoodSerializer()
    notes = EqualityNotesSerializer()


# --- analytics (operational, exact counts) ---------------------------------------------------


class RecruitmentStageTimeSerializer(serializers.Serializer):
    stage = serializers.CharField()
    name = serializers.CharField()
    left = serializers.IntegerField(help_text="Applications that left the stage (the ones timed).")
    mean_days = serializers.FloatField(allow_null=True)
    median_days = serializers.FloatField(allow_null=True)


class RecruitmentLeadTimeSerializer(serializers.Serializer):
    vacancies = serializers.IntegerField()
    mean_days = serializers.FloatField(allow_null=True)
    median_days = serializers.FloatField(allow_null=True)


class RecruitmentLeadTimesSerializer(serializers.Serializer):
    vacancies = serializers.IntegerField(help_text="Vacancies that opened in the period.")
    advert_to_offer = RecruitmentLeadTimeSerializer()
    advert_to_start = RecruitmentLeadTimeSerializer()


class RecruitmentSourceConversionSerializer(serializers.Serializer):
    source = serializers.CharField()
    label = serializers.CharField()
    applications = serializers.IntegerField()
    shortlisted = serializers.IntegerField()
    interviewed = serializers.IntegerField()
    offered = serializers.IntegerField()
    hired = serializers.IntegerField()
    shortlisted_rate = serializers.FloatField(allow_null=True)
    interviewed_rate = serializers.FloatField(allow_null=True)
    offered_rate = serializers.FloatField(allow_null=True)
    hired_rate = serializers.FloatField(allow_null=True)


class RecruitmentAdjustmentFiguresSerializer(serializers.Serializer):
    asked = serializers.IntegerField()
    provided = serializers.IntegerField()
    not_provided = serializers.IntegerField()
    undecided = serializers.IntegerField()
    applications = serializers.IntegerField(help_text="Applications that asked for at least one.")
    share_provided = serializers.FloatField(allow_null=True, help_text="provided / asked")


class RecruitmentAnalyticsSerializer(serializers.Serializer):
    period = RecruitmentPeriodSerializer()
    filters = RecruitmentFiltersSerializer()
    applications = serializers.IntegerField()
    time_in_stage = RecruitmentStageTimeSerializer(many=True)
    lead_times = RecruitmentLeadTimesSerializer()
    by_source = RecruitmentSourceConversionSerializer(many=True)
    adjustments = RecruitmentAdjustmentFiguresSerializer()
