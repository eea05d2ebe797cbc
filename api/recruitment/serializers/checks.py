"""Serializers for pre-employment checks and the hire they gate."""

from __future__ import annotations

from rest_framework import serializers

from accounts.models import User
from api.serializers import BaseModelSerializer, BriefRelatedField
from recruitment.models import PreEmploymentCheck


class PreEmploymentCheckSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:pre-employment-check-detail")
    application = BriefRelatedField(view_name="api:application-detail", read_only=True)
    vacancy = BriefRelatedField(view_name="api:vacancy-detail", source="application.vacancy", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    updated_by = BriefRelatedField(view_name="api:user-detail", read_only=True)

    class Meta:
        model = PreEmploymentCheck
        fields = [
            "id",
            "url",
            "display",
            "application",
            "vacancy",
            "kind",
            "kind_display",
            "status",
            "required",
            "dbs_certificate_date",
            "recheck_due",
            "notes",
            "updated_at",
            "updated_by",
        ]
        read_only_fields = ["kind", "recheck_due", "updated_at"]


class HireSerializer(serializers.Serializer):
    employee_number = serializers.CharField(max_length=30)
    # The applicant's existing account, when HR knows it is theirs; the application's address never picks one.
    # Any account (action=None): one held only to take part in involvement is not HR's to list.
    user = BriefRelatedField(
        view_name="api:user-detail", queryset=User.objects.all(), action=None, required=False
    )
