"""Payments: the rate card, claims and their approval, finance's CSV export, and tax-year totals."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import User
from api.involvement.filters.payments import PaymentClaimFilter, RateCardEntryFilter
from api.involvement.serializers.payments import (
    ClaimApproveSerializer,
    ClaimExportQuerySerializer,
    ClaimMarkPaidSerializer,
    ClaimRejectSerializer,
    PaymentClaimSerializer,
    PersonTaxYearTotalSerializer,
    RateCardEntrySerializer,
    TaxYearQuerySerializer,
)
from api.renderers import CSVRenderer
from api.throttles import EXPORT_THROTTLES
from api.views import RestrictedModelViewSet
from involvement import exports, selectors, services
from involvement.visibility import handles_payments


class RateCardEntryViewSet(RestrictedModelViewSet):
    """What the trust pays, by kind of activity and role. Changing a rate never changes past claims."""

    queryset = selectors.rate_card_list()
    serializer_class = RateCardEntrySerializer
    filterset_class = RateCardEntryFilter
    ordering_fields = ["role", "unit", "amount"]

    def perform_create(self, serializer):
        serializer.instance = services.rate_card_entry_create(
            by=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.rate_card_entry_update(
            entry=serializer.instance, by=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.rate_card_entry_delete(entry=instance, by=self.request.user)


class PaymentClaimViewSet(RestrictedModelViewSet):
    """Claims for involvement payments and expenses: submitted > approved > paid, or rejected.

    Leads approve and reject; finance marks approved claims paid; a participant sees and makes
    their own. Claims are never deleted.
    """

    queryset = selectors.claim_list()
    serializer_class = PaymentClaimSerializer
    filterset_class = PaymentClaimFilter
    ordering_fields = ["submitted_at", "approved_at", "total_amount", "status"]
    action_visibility = {"approve": "change", "reject": "change", "mark_paid": "change"}

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.payment_claim_create(
            participation=data["participation"],
            by=self.request.user,
            hours=data.get("hours"),
            expenses=data.get("expenses", []),
        )

    def perform_update(self, serializer):
        if "expenses" not in serializer.validated_data:
            raise ValidationError(
                {
                    "expenses": [
                        "Give the claim's expense lines; only they can change (an empty list clears them)."
                    ]
                }
            )
        serializer.instance = services.payment_claim_update_expenses(
            claim=serializer.instance, by=self.request.user, expenses=serializer.validated_data["expenses"]
        )

    def perform_destroy(self, instance):
        services.payment_claim_delete(claim=instance, by=self.request.user)

    @extend_schema(
        request=ClaimApproveSerializer, responses={200: PaymentClaimSerializer, 409: OpenApiResponse()}
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve a submitted claim (involvement leads only).

        Over the tax-year threshold (threshold_warning), say in benefits_conversation that you
        talked to the person first; without it the answer is 400.
        """
        claim = self.get_object()
        body = ClaimApproveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.respond_with(
            services.payment_claim_approve(
                claim=claim,
                by=request.user,
                benefits_conversation=body.validated_data.get("benefits_conversation", ""),
            )
        )

    @extend_schema(
        request=ClaimRejectSerializer, responses={200: PaymentClaimSerializer, 409: OpenApiResponse()}
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Reject a submitted claim, saying why (involvement leads only)."""
        claim = self.get_object()
        body = ClaimRejectSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.respond_with(
            services.payment_claim_reject(claim=claim, by=request.user, reason=body.validated_data["reason"])
        )

    @extend_schema(
        request=ClaimMarkPaidSerializer, responses={200: PaymentClaimSerializer, 409: OpenApiResponse()}
    )
    @action(detail=True, methods=["post"], url_path="mark-paid")
    def mark_paid(self, request, pk=None):
        """Record that an approved claim has been paid, on what day and under what reference
        (finance, or an involvement lead)."""
        claim = self.get_object()
        body = ClaimMarkPaidSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.respond_with(
            services.payment_claim_mark_paid(claim=claim, by=request.user, **body.validated_data)
        )


# --- finance's export and the tax-year totals --------------------------------------------


def _require_payments_role(user: User, doing: str) -> None:
    if not handles_payments(user):
        raise PermissionDenied(f"Only finance and involvement leads can {doing}.")


def _refuse_unknown(params, known: set[str]) -> None:
    unknown = sorted(set(params) - known)
    if unknown:
        raise ValidationError({name: ["Unknown query parameter for this endpoint."] for name in unknown})


class ClaimExportView(APIView):
    """Claims for finance as CSV: approved ones to pay (the default) or, with status=paid, paid ones to
    reconcile. Each row carries who to pay (name, postal address, payroll reference), never bank
    details. Filter by approved_from and approved_to."""

    renderer_classes = [JSONRenderer, CSVRenderer]
    throttle_classes = EXPORT_THROTTLES

    @extend_schema(
        parameters=[ClaimExportQuerySerializer],
        responses={(200, "text/csv"): OpenApiTypes.STR},
    )
    def get(self, request):
        _require_payments_role(request.user, "export claims")
        _refuse_unknown(request.query_params, {"status", "approved_from", "approved_to", "format"})
        query = ClaimExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        claims = selectors.claims_for_export(**query.validated_data)

        response = HttpResponse(exports.claims_csv(claims), content_type="text/csv; charset=utf-8")
        filename = exports.claim_export_filename(query.validated_data["status"], timezone.localdate())
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class PaymentTotalsView(APIView):
    """Each person's claims in one tax year, flagged when involvement payments pass the threshold."""

    @extend_schema(
        parameters=[TaxYearQuerySerializer],
        responses=inline_serializer(
            "PaymentTotals",
            {
                "tax_year": serializers.IntegerField(),
                "tax_year_label": serializers.CharField(),
                "starts_on": serializers.DateField(),
                "ends_on": serializers.DateField(),
                "threshold": serializers.DecimalField(max_digits=12, decimal_places=2),
                "results": PersonTaxYearTotalSerializer(many=True),
            },
        ),
    )
    def get(self, request):
        _require_payments_role(request.user, "see payment totals")
        _refuse_unknown(request.query_params, {"tax_year"})
        query = TaxYearQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        tax_year = query.validated_data.get("tax_year", selectors.tax_year_of(timezone.now()))
        threshold = selectors.payment_threshold()
        starts_on, ends_on = selectors.tax_year_bounds(tax_year)
        rows = PersonTaxYearTotalSerializer(
            selectors.payment_totals_by_person(tax_year=tax_year),
            many=True,
            context={"request": request},
        ).data
        return Response(
            {
                "tax_year": tax_year,
                "tax_year_label": selectors.tax_year_label(tax_year),
                "starts_on": starts_on,
                "ends_on": ends_on,
                "threshold": f"{threshold:.2f}",
                "results": rows,
            }
        )
