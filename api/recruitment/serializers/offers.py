"""Serializers for offers."""

from __future__ import annotations

from rest_framework import serializers

from api.serializers import BaseModelSerializer, BriefRelatedField
from recruitment.models import Application, Offer


class OfferSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:offer-detail")
    # An application the requester may change: HR any, a hiring manager those for their vacancies.
    application = BriefRelatedField(
        view_name="api:application-detail",
        queryset=Application.objects.select_related("vacancy"),
        action="change",
    )
    vacancy = BriefRelatedField(view_name="api:vacancy-detail", source="application.vacancy", read_only=True)
    made_by = BriefRelatedField(view_name="api:user-detail", read_only=True)

    class Meta:
        model = Offer
        fields = [
            "id",
            "url",
            "display",
            "application",
            "vacancy",
            "start_date",
            "salary_point",
            "annual_salary",
            "status",
            "made_at",
            "made_by",
            "responded_at",
        ]
        read_only_fields = ["status", "made_at", "responded_at"]
        # One live offer per application is the service's rule; it answers 409 naming the application.
        validators: list = []
