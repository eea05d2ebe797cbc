"""Serializers for applications, their stage moves and the adjustments asked for the process.

Equality monitoring answers are accepted with a new application and never shown again: no
serializer here has a field that reads them.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from api.recruitment.serializers.vacancies import VacancyStageSerializer
from api.serializers import BaseModelSerializer, BriefRelatedField, WrittenAndReadApart
from involvement.models import Participant, PartnerOrganisation
from recruitment import services
from recruitment.models import AdjustmentRequest, Application, EqualityMonitoring, StageMove, Vacancy
from recruitment.visibility import sees_applicant_details

ADJUSTMENT_MAX_LENGTH = 2000
# Shown only to those recruitment.visibility.sees_applicant_details allows: HR and the hiring manager.
APPLICANT_DETAILS = ("email", "phone", "source", "participant", "referred_by")
ADJUSTMENTS_MAX_COUNT = 20
_Equality = EqualityMonitoring


class AdjustmentsField(WrittenAndReadApart, serializers.Field):
    """Reasonable adjustments for the process: plain text in, each request with its decision out."""

    request_schema = {
        "type": "array",
        "description": "What the applicant asks for, each a short description in words.",
        "items": {"type": "string", "maxLength": ADJUSTMENT_MAX_LENGTH},
        "maxItems": ADJUSTMENTS_MAX_COUNT,
    }
    response_schema = {
        "type": "array",
        "description": "Each adjustment asked for, with whether it was provided.",
        "items": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "url": {"type": "string", "format": "uri"},
                "description": {"type": "string"},
                "provided": {"type": "boolean", "nullable": True},
                "note": {"type": "string"},
                "decided_at": {"type": "string", "format": "date-time", "nullable": True},
            },
            "required": ["id", "url", "description", "provided", "note", "decided_at"],
        },
    }

    default_error_messages = {
        "not_a_list": "Give a list of adjustments, each a short description.",
        "too_many": f"Give at most {ADJUSTMENTS_MAX_COUNT} adjustments.",
        "not_text": "Each adjustment is a description in words.",
        "too_long": f"Each adjustment is at most {ADJUSTMENT_MAX_LENGTH} characters.",
        "null_character": "Null characters are not allowed.",
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> list[str]:
        if not isinstance(data, list):
            self.fail("not_a_list")
        if len(data) > ADJUSTMENTS_MAX_COUNT:
            self.fail("too_many")
        for item in data:
            if not isinstance(item, str):
                self.fail("not_text")
            if len(item) > ADJUSTMENT_MAX_LENGTH:
                self.fail("too_long")
            if "\x00" in item:  # PostgreSQL cannot store it in text
                self.fail("null_character")
        return [item.strip() for item in data if item.strip()]

    def to_representation(self, value) -> list[dict[str, Any]]:
        request = self.context.get("request")
        return [
            {
                "id": adjustment.pk,
                "url": reverse(
                    "api:adjustment-request-detail", kwargs={"pk": adjustment.pk}, request=request
                ),
                "description": adjustment.description,
                "provided": adjustment.provided,
                "note": adjustment.note,
                "decided_at": serializers.DateTimeField().to_representation(adjustment.decided_at)
                if adjustment.decided_at
                else None,
            }
            for adjustment in value.all()
        ]


class EqualitySerializer(serializers.Serializer):
    """The equality monitoring questions; every answer defaults to 'prefer not to say'."""

    age_band = serializers.ChoiceField(choices=_Equality.AgeBand.choices, required=False)
    ethnic_group = serializers.ChoiceField(choices=_Equality.EthnicGroup.choices, required=False)
    disabled = serializers.ChoiceField(choices=_Equality.YesNo.choices, required=False)
    sex = serializers.ChoiceField(choices=_Equality.Sex.choices, required=False)
    gender_same_as_at_birth = serializers.ChoiceField(choices=_Equality.YesNo.choices, required=False)
    lgb_plus = serializers.ChoiceField(choices=_Equality.YesNo.choices, required=False)

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                # A misspelt question silently dropped would lose the answer: refuse it instead.
                raise serializers.ValidationError(
                    {name: ["Not an equality monitoring question."] for name in unknown}
                )
        return super().to_internal_value(data)


class ApplicationSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:application-detail")
    vacancy = BriefRelatedField(
        view_name="api:vacancy-detail", queryset=Vacancy.objects.select_related("team")
    )
    # HR links an applicant to their register entry without browsing the register (action=None).
    participant = BriefRelatedField(
        view_name="api:participant-detail",
        queryset=Participant.objects.all(),
        action=None,
        required=False,
        allow_null=True,
        help_text="The applicant's entry on the involvement register; needed when that is the source.",
    )
    referred_by = BriefRelatedField(
        view_name="api:partner-detail",
        queryset=PartnerOrganisation.objects.all(),
        required=False,
        allow_null=True,
        help_text="The partner organisation that referred the applicant; needed when that is the source.",
    )
    adjustments = AdjustmentsField()
    equality = EqualitySerializer(
        write_only=True,
        required=False,
        help_text="Equality monitoring answers: stored apart and never shown; reported only in aggregate.",
    )
    stage = VacancyStageSerializer(read_only=True)
    allowed_stages = serializers.SerializerMethodField(
        help_text="The stages the advance action accepts from here."
    )
    hired_worker = BriefRelatedField(view_name="api:peer-worker-detail", read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "url",
            "display",
            "vacancy",
            "applicant_name",
            "email",
            "phone",
            "source",
            "participant",
            "referred_by",
            "supporting_statement",
            "adjustments",
            "equality",
            "stage",
            "stage_entered_at",
            "allowed_stages",
            "applied_at",
            "hired_worker",
        ]
        read_only_fields = ["stage_entered_at", "applied_at"]
        # Corrections to the applicant's details only: the stage moves with advance and hire, and
        # the equality answers, given once, are never shown or changed.
        create_only_fields = ["vacancy", "source", "participant", "referred_by", "adjustments", "equality"]
        # One application per email per vacancy: the service says so, naming email.
        validators: list = []

    @extend_schema_field(VacancyStageSerializer(many=True))
    def get_allowed_stages(self, application: Application) -> list[dict[str, Any]]:
        stages = services.allowed_moves(application=application)
        return VacancyStageSerializer(stages, many=True).data

    def to_representation(self, instance: Application) -> dict[str, Any]:
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and not sees_applicant_details(request.user, instance):
            # The panel needs the statement and the adjustments for the day, not how to reach the
            # applicant, nor how they came: the source and a register entry say they use services,
            # and a referrer or a source left showing alone would narrow it down.
            for field in APPLICANT_DETAILS:
                data[field] = None
        return data


class AdvanceSerializer(serializers.Serializer):
    to_stage = serializers.CharField(
        max_length=40, help_text="The stage to move to: its id, or its code (for example 'shortlisted')."
    )
    reason = serializers.CharField(
        max_length=500, required=False, allow_blank=True, default="", help_text="Required to reject."
    )


class StageMoveSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:stage-move-detail")
    application = BriefRelatedField(view_name="api:application-detail", read_only=True)
    from_stage = VacancyStageSerializer(read_only=True, allow_null=True)
    to_stage = VacancyStageSerializer(read_only=True)
    by = BriefRelatedField(view_name="api:user-detail", read_only=True)

    class Meta:
        model = StageMove
        fields = ["id", "url", "display", "application", "from_stage", "to_stage", "by", "at", "reason"]
        read_only_fields = fields


class AdjustmentRequestSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:adjustment-request-detail")
    # An application the requester may change: HR any, a hiring manager those for their vacancies.
    application = BriefRelatedField(
        view_name="api:application-detail",
        queryset=Application.objects.select_related("vacancy"),
        action="change",
    )

    class Meta:
        model = AdjustmentRequest
        fields = ["id", "url", "display", "application", "description", "provided", "note", "decided_at"]
        read_only_fields = ["provided", "note", "decided_at"]
        create_only_fields = ["application"]


class AdjustmentDecideSerializer(serializers.Serializer):
    provided = serializers.BooleanField()
    note = serializers.CharField(
        max_length=500, required=False, allow_blank=True, default="", help_text="Required when not provided."
    )
