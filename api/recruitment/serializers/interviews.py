"""Serializers for interviews, their panels and the panel's scores."""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import User
from api.serializers import BaseModelSerializer, BriefRelatedField, WrittenAndReadApart
from involvement.models import Participant
from recruitment.models import AdjustmentRequest, Application, Criterion, Interview, PanelMember, Score


class PanelSeatSerializer(serializers.Serializer):
    """One seat asked for: a member of staff (`user`) or someone from the involvement register."""

    user = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )
    # The service checks consent and status on the register; those refusals name "panel".
    participant = serializers.PrimaryKeyRelatedField(
        queryset=Participant.objects.all(), required=False, allow_null=True
    )
    lived_experience = serializers.BooleanField(
        default=False, help_text="Sits as a person with lived experience (always so for register members)."
    )


class PanelMemberSerializer(serializers.ModelSerializer):
    display = serializers.CharField(source="__str__", read_only=True)
    user = BriefRelatedField(view_name="api:user-detail", read_only=True)
    participant = BriefRelatedField(view_name="api:participant-detail", read_only=True)

    class Meta:
        model = PanelMember
        fields = ["id", "display", "user", "participant", "lived_experience"]


class PanelField(WrittenAndReadApart, serializers.Field):
    """Written as a list of seats ({"user": id} or {"participant": id}); read as the panel members."""

    request_schema = PanelSeatSerializer(many=True)
    response_schema = PanelMemberSerializer(many=True)

    def to_internal_value(self, data):
        if not isinstance(data, list):
            raise serializers.ValidationError(
                'Give the panel as a list of {"user": id} or {"participant": id}.'
            )
        seats = PanelSeatSerializer(data=data, many=True, context=self.context)
        seats.is_valid(raise_exception=True)
        return [{k: v for k, v in seat.items() if v is not None} for seat in seats.validated_data]

    def to_representation(self, value):
        return PanelMemberSerializer(value.all(), many=True, context=self.context).data


class CriterionBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["id", "name", "max_score"]


class AdjustmentBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = AdjustmentRequest
        fields = ["id", "description", "provided", "note"]


class InterviewSerializer(BaseModelSerializer):
    """What the panel needs on the day. Never the candidate's email or phone."""

    url = serializers.HyperlinkedIdentityField(view_name="api:interview-detail")
    # An application the requester may change: HR any, a hiring manager those for their vacancies.
    application = BriefRelatedField(
        view_name="api:application-detail",
        queryset=Application.objects.select_related("vacancy"),
        action="change",
    )
    candidate_name = serializers.CharField(source="application.applicant_name", read_only=True)
    vacancy = BriefRelatedField(view_name="api:vacancy-detail", source="application.vacancy", read_only=True)
    panel = PanelField()
    my_seat = serializers.SerializerMethodField(
        help_text="Your panel member id on this interview, for recording scores; null if you are not on it."
    )
    criteria = CriterionBriefSerializer(source="application.vacancy.criteria", many=True, read_only=True)
    adjustments = AdjustmentBriefSerializer(source="application.adjustments", many=True, read_only=True)
    activity = BriefRelatedField(view_name="api:activity-detail", read_only=True)
    outcome_by = BriefRelatedField(view_name="api:user-detail", read_only=True)

    class Meta:
        model = Interview
        fields = [
            "id",
            "url",
            "display",
            "application",
            "candidate_name",
            "vacancy",
            "starts_at",
            "ends_at",
            "location",
            "online_link",
            "panel",
            "panel_override_reason",
            "my_seat",
            "criteria",
            "adjustments",
            "activity",
            "outcome",
            "outcome_notes",
            "outcome_at",
            "outcome_by",
        ]
        read_only_fields = ["outcome", "outcome_notes", "outcome_at"]
        # The candidate and the panel are fixed: schedule a new interview instead. Time and place change.
        create_only_fields = ["application", "panel"]

    def get_my_seat(self, interview: Interview) -> int | None:
        request = self.context.get("request")
        if request is None:
            return None
        for member in interview.panel.all():  # prefetched by the selector
            if member.user_id == request.user.pk or (
                member.participant is not None and member.participant.user_id == request.user.pk
            ):
                return member.pk
        return None

    def validate(self, attrs):
        starts = attrs.get("starts_at", getattr(self.instance, "starts_at", None))
        ends = attrs.get("ends_at", getattr(self.instance, "ends_at", None))
        if starts and ends and ends <= starts:
            raise serializers.ValidationError({"ends_at": ["An interview must end after it starts."]})
        return attrs


class OutcomeSerializer(serializers.Serializer):
    # The model's choices, so the schema has one outcome enum; the service refuses "pending" (400, outcome).
    outcome = serializers.ChoiceField(choices=Interview.Outcome.choices)
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=10000)


class PanelSeatBriefSerializer(serializers.ModelSerializer):
    """A seat on the panel: who sits in it, and whether as a person with lived experience."""

    display = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = PanelMember
        fields = ["id", "display", "lived_experience"]


class PanelMemberField(WrittenAndReadApart, serializers.PrimaryKeyRelatedField):
    """A seat on a panel, written as its id and read with who sits in it."""

    request_schema = {"type": "integer"}
    response_schema = PanelSeatBriefSerializer()

    def use_pk_only_optimization(self) -> bool:
        return False

    def to_representation(self, value: PanelMember):
        return PanelSeatBriefSerializer(value).data


class CriterionField(WrittenAndReadApart, serializers.PrimaryKeyRelatedField):
    """A criterion of the interview's vacancy, written as its id and read with its name and top score."""

    request_schema = {"type": "integer"}
    response_schema = CriterionBriefSerializer()

    def use_pk_only_optimization(self) -> bool:
        return False

    def to_representation(self, value: Criterion):
        return CriterionBriefSerializer(value).data


class ScoreSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:score-detail")
    interview = BriefRelatedField(
        view_name="api:interview-detail", queryset=Interview.objects.select_related("application")
    )
    panel_member = PanelMemberField(
        queryset=PanelMember.objects.select_related("user", "participant"),
        required=False,
        help_text="Whose score: HR gives it for register members without a login; "
        "for everyone else it is their own seat.",
    )
    criterion = CriterionField(queryset=Criterion.objects.all())

    class Meta:
        model = Score
        fields = ["id", "url", "display", "interview", "panel_member", "criterion", "score", "comment"]
        create_only_fields = ["interview", "panel_member", "criterion"]
        # update_or_create in the service: scoring a criterion again changes the score.
        validators: list = []
