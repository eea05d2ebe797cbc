"""Filters for consultations, invitations and responses.

Every record is named by a plain id: one you may not see matches no rows, exactly like one that
does not exist (see docs/access.md, "Filters see what you see"). An invitation or a response shows
its consultation but not the consultation's team, so `team` looks only at consultations you may see.
"""

import django_filters

from api.filters import IdFilter, IdViaFilter
from involvement.models import Consultation, ConsultationInvitation, ConsultationResponse
from involvement.visibility import consultations_with_invitee


class ConsultationFilter(django_filters.FilterSet):
    title = django_filters.CharFilter(lookup_expr="icontains")
    owner = IdFilter(field_name="owner", help_text="A user id.")
    team = IdFilter(field_name="team", help_text="A team id.")
    theme = IdFilter(field_name="themes", help_text="A theme id.")
    participant = IdFilter(
        method="filter_participant",
        label="Invited participant",
        help_text="A register entry's id: consultations they are invited to, as far as you see invitations.",
    )
    opens_after = django_filters.IsoDateTimeFilter(field_name="opens_at", lookup_expr="gte")
    opens_before = django_filters.IsoDateTimeFilter(field_name="opens_at", lookup_expr="lt")
    closes_after = django_filters.IsoDateTimeFilter(field_name="closes_at", lookup_expr="gte")
    closes_before = django_filters.IsoDateTimeFilter(field_name="closes_at", lookup_expr="lt")

    class Meta:
        model = Consultation
        fields = ["status", "audience"]

    def filter_participant(self, queryset, name, value):
        return consultations_with_invitee(queryset, self.request.user, value)


class ConsultationInvitationFilter(django_filters.FilterSet):
    consultation = IdFilter(field_name="consultation", help_text="A consultation id.")
    participant = IdFilter(field_name="participant", help_text="A register entry's id.")
    consultation_status = django_filters.ChoiceFilter(
        field_name="consultation__status", choices=Consultation.Status.choices
    )
    team = IdViaFilter(via="consultation", field_name="team", help_text="A team id: the consultation's.")
    invited_after = django_filters.IsoDateTimeFilter(field_name="invited_at", lookup_expr="gte")
    invited_before = django_filters.IsoDateTimeFilter(field_name="invited_at", lookup_expr="lt")

    class Meta:
        model = ConsultationInvitation
        fields: list[str] = []


class ConsultationResponseFilter(django_filters.FilterSet):
    consultation = IdFilter(field_name="consultation", help_text="A consultation id.")
    participant = IdFilter(field_name="participant", help_text="A register entry's id.")
    theme = IdFilter(field_name="themes", help_text="A theme id.")
    team = IdViaFilter(via="consultation", field_name="team", help_text="A team id: the consultation's.")
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
