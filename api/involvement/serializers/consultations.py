"""Serializers for consultations, invitations to them and the responses people give."""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import Team, User
from api.serializers import BaseModelSerializer, BriefRelatedField
from involvement.models import Consultation, ConsultationInvitation, ConsultationResponse, Participant, Theme


class ConsultationSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:consultation-detail")
    # Any active account may be named (action=None): a lead names a colleague they may not list.
    owner = BriefRelatedField(
        view_name="api:user-detail",
        queryset=User.objects.filter(is_active=True),
        action=None,
        required=False,
        help_text="The member of staff who runs it; the person creating it if left out.",
    )
    team = BriefRelatedField(
        view_name="api:team-detail", queryset=Team.objects.all(), required=False, allow_null=True
    )
    themes = BriefRelatedField(
        view_name="api:theme-detail", queryset=Theme.objects.all(), many=True, required=False
    )
    response_count = serializers.IntegerField(read_only=True)
    invitation_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Consultation
        fields = [
            "id",
            "url",
            "display",
            "title",
            "summary",
            "document_url",
            "audience",
            "owner",
            "team",
            "themes",
            "opens_at",
            "closes_at",
            "status",
            "response_count",
            "invitation_count",
            "outcome_summary",
            "outcome_published_at",
            "closed_at",
            "created_at",
        ]
        read_only_fields = ["status", "outcome_summary", "outcome_published_at", "closed_at", "created_at"]

    def validate(self, attrs):
        opens = attrs.get("opens_at", getattr(self.instance, "opens_at", None))
        closes = attrs.get("closes_at", getattr(self.instance, "closes_at", None))
        if opens and closes and closes <= opens:
            raise serializers.ValidationError({"closes_at": ["A consultation must close after it opens."]})
        return attrs


class ConsultationOutcomeSerializer(serializers.Serializer):
    outcome_summary = serializers.CharField(
        max_length=10000, help_text="What the consultation found and what changes as a result."
    )


class ConsultationInviteSerializer(serializers.Serializer):
    """Invite one person (`participant`) or everyone a register filter matches (`filter`)."""

    participant = BriefRelatedField(
        view_name="api:participant-detail", queryset=Participant.objects.all(), required=False
    )
    filter = serializers.DictField(
        required=False,
        help_text="Register filters, as on GET /involvement/participants/ (e.g. experience, topic).",
    )

    def validate(self, attrs):
        if ("participant" in attrs) == ("filter" in attrs):
            raise serializers.ValidationError({"participant": ["Give either participant or filter."]})
        return attrs


class ConsultationInvitationSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:consultation-invitation-detail")
    consultation = BriefRelatedField(view_name="api:consultation-detail", queryset=Consultation.objects.all())
    participant = BriefRelatedField(view_name="api:participant-detail", queryset=Participant.objects.all())
    invited_by = BriefRelatedField(view_name="api:user-detail", read_only=True)

    class Meta:
        model = ConsultationInvitation
        fields = ["id", "url", "display", "consultation", "participant", "invited_at", "invited_by"]
        read_only_fields = ["invited_at"]
        # The service refuses a second invitation, naming the participant; no generic check first.
        validators: list = []


class RespondentField(BriefRelatedField):
    """The person a response is from, refused in words that say a participant answers for themselves."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.error_messages["does_not_exist"] = (
            "No participant with id {pk_value} that you may respond for. "
            "A participant can only respond for themselves."
        )


class ConsultationResponseSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:consultation-response-detail")
    consultation = BriefRelatedField(view_name="api:consultation-detail", queryset=Consultation.objects.all())
    # Among the entries the requester sees: the whole register for those who run involvement, their
    # own entry for a participant. Anyone else's is refused like an id that names nothing.
    participant = RespondentField(
        view_name="api:participant-detail",
        queryset=Participant.objects.all(),
        required=False,
        allow_null=True,
        help_text="Whose response this is. A participant responds only for themselves, and need not "
        "send it: it is their own register entry.",
    )
    recorded_by = BriefRelatedField(view_name="api:user-detail", read_only=True)
    themes = BriefRelatedField(
        view_name="api:theme-detail", queryset=Theme.objects.all(), many=True, required=False
    )

    class Meta:
        model = ConsultationResponse
        fields = [
            "id",
            "url",
            "display",
            "consultation",
            "participant",
            "recorded_by",
            "body",
            "themes",
            "submitted_at",
            "received_via",
        ]
        # How it came (online, or entered by staff from paper or a phone call) is set by the pages
        # that enter it; here it is shown.
        read_only_fields = ["submitted_at", "received_via"]
        # Who and where a response belongs cannot change; its themes (and a staff transcription) can.
        create_only_fields = ["consultation", "participant"]
        extra_kwargs = {"body": {"max_length": 20000}}
        # Not DRF's unique-together check: the service refuses a second response (409) and says how
        # to change the first, and the participant it checks may be filled in by the service.
        validators: list = []
