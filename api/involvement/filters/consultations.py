"""Filters for consultations, invitations and responses."""

import django_filters

from accounts.models import Team, User
from involvement.models import Consultation, ConsultationInvitation, ConsultationResponse, Participant, Theme


class ConsultationFilter(django_filters.FilterSet):
    title = django_filters.CharFilter(lookup_expr="icontains")
    owner = django_filters.ModelChoiceFilter(queryset=User.objects.all())
    team = django_filters.ModelChoiceFilter(queryset=Team.objects.all())
    theme = django_filters.ModelChoiceFilter(queryset=Theme.objects.all(), field_name="themes")
    participant = django_filters.ModelChoiceFilter(
        queryset=Participant.objects.all(), field_name="invitations__participant", label="Invited participant"
    )
    opens_after = django_filters.IsoDateTimeFilter(field_name="opens_at", lookup_expr="gte")
    opens_before = django_filters.IsoDateTimeFilter(field_name="opens_at", lookup_expr="lt")
    closes_after = django_filters.IsoDateTimeFilter(field_name="closes_at", lookup_expr="gte")
    closes_before = django_filters.IsoDateTimeFilter(field_name="closes_at", lookup_expr="lt")

    class Meta:
        model = Consultation
        fields = ["status", "audience"]


class ConsultationInvitationFilter(django_filters.FilterSet):
    consultation = django_filters.ModelChoiceFilter(queryset=Consultation.objects.all())
    participant = django_filters.ModelChoiceFilter(queryset=Participant.objects.all())
    consultation_status = django_filters.ChoiceFilter(
        field_name="consultation__status", choices=Consultation.Status.choices
    )
    team = django_filters.ModelChoiceFilter(queryset=Team.objects.all(), field_name="consultation__team")
    invited_after = django_filters.IsoDateTimeFilter(field_name="invited_at", lookup_expr="gte")
    invited_before = django_filters.IsoDateTimeFilter(field_name="invited_at", lookup_expr="lt")

    class Meta:
        model = ConsultationInvitation
        fields: list[str] = []


class ConsultationResponseFilter(django_filters.FilterSet):
    consultation = django_filters.ModelChoiceFilter(queryset=Consultation.objects.all())
    participant = django_filters.ModelChoiceFilter(queryset=Participant.objects.all())
    theme = django_filters.ModelChoiceFilter(queryset=Theme.objects.all(), field_name="themes")
    team = django_filters.ModelChoiceFilter(queryset=Team.objects.all(), field_name="consultation__team")
    consultation_status = django_filters.ChoiceFilter(
        field_name="consultation__status", choices=Consultation.Status.choices
    )
    recorded_by_staff = django_filters.BooleanFilter(
        field_name="recorded_by", lookup_expr="isnull", exclude=True, label="Recorded by staff"
    )
    submitted_after = django_filters.IsoDateTimeFilter(field_name="submitted_at", lookup_expr="gte")
    submitted_before = django_filters.IsoDateTimeFilter(field_name="submitted_at", lookup_expr="lt")

    class Meta:
        model = ConsultationResponse
        fields: list[str] = []
