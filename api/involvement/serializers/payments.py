"""Serializers for the rate card, payment claims with their expense lines, and per-person totals."""

from __future__ import annotations

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers import BaseModelSerializer, BriefRelatedField
from involvement import selectors
from involvement.models import (
    MONEY,
    ActivityKind,
    ExpenseLine,
    Participant,
    Participation,
    PaymentClaim,
    RateCardEntry,
)
from involvement.visibility import handles_payments, may_see_payee


class RateCardEntrySerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:rate-card-detail")
    activity_kind = BriefRelatedField(
        view_name="api:activity-kind-detail", queryset=ActivityKind.objects.all()
    )
    amount = serializers.DecimalField(**MONEY, min_value=Decimal("0.00"), help_text="Pounds and pence.")

    class Meta:
        model = RateCardEntry
        fields = ["id", "url", "display", "activity_kind", "role", "unit", "amount", "is_active"]
        # One rate per kind and role is checked by the service, which names the field at fault.
        validators: list = []


class ExpenseLineSerializer(serializers.ModelSerializer):
    """One expense; a claim's lines are always given and shown whole, so they carry no id."""

    amount = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"), help_text="Pounds and pence.")

    class Meta:
        model = ExpenseLine
        fields = ["kind", "amount", "receipt_reference", "description"]


class PayeeSerializer(serializers.ModelSerializer):
    """Who a claim pays and how finance finds them in payroll. Bank details are held by payroll, not here."""

    class Meta:
        model = Participant
        fields = ["name", "postal_address", "email", "payroll_reference"]
        read_only_fields = fields


class PaymentClaimSerializer(BaseModelSerializer):
    """A claim. To make one, give `participation`, optionally `hours` and `expenses`."""

    url = serializers.HyperlinkedIdentityField(view_name="api:payment-claim-detail")
    participation = BriefRelatedField(
        view_name="api:participation-detail",
        queryset=Participation.objects.all(),
        help_text="The attendance claimed for; the person is the one who attended.",
    )
    participant = BriefRelatedField(view_name="api:participant-detail", read_only=True)
    activity = BriefRelatedField(
        view_name="api:activity-detail", source="participation.activity", read_only=True
    )
    hours = serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
        help_text="Defaults to the hours recorded at the register; at most the activity's length.",
    )
    expenses = ExpenseLineSerializer(many=True, required=False)
    submitted_by = BriefRelatedField(view_name="api:user-detail", read_only=True)
    approved_by = BriefRelatedField(view_name="api:user-detail", read_only=True)
    paid_by = BriefRelatedField(view_name="api:user-detail", read_only=True)
    rejected_by = BriefRelatedField(view_name="api:user-detail", read_only=True)
    tax_year_label = serializers.SerializerMethodField()
    tax_year_total = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        read_only=True,
        help_text=(
            "The person's involvement payments in this tax year (submitted, approved and paid; "
            "not rejected), including this claim. Expenses are repayments, not earnings."
        ),
    )
    threshold_warning = serializers.SerializerMethodField()
    notes = serializers.SerializerMethodField()
    payee = serializers.SerializerMethodField()
    benefits_conversation_note = serializers.SerializerMethodField()
    benefits_conversation_at = serializers.SerializerMethodField()

    class Meta:
        model = PaymentClaim
        fields = [
            "id",
            "url",
            "display",
            "participation",
            "participant",
            "activity",
            "status",
            "hours",
            "rate_unit",
            "rate_amount",
            "involvement_amount",
            "expenses",
            "expenses_amount",
            "total_amount",
            "tax_year",
            "tax_year_label",
            "tax_year_total",
            "threshold_warning",
            "notes",
            "payee",
            "submitted_at",
            "submitted_by",
            "approved_at",
            "approved_by",
            "benefits_conversation_note",
            "benefits_conversation_at",
            "paid_at",
            "paid_by",
            "paid_on",
            "payment_reference",
            "rejected_at",
            "rejected_by",
            "rejection_reason",
        ]
        read_only_fields = [
            "status",
            "rate_unit",
            "rate_amount",
            "involvement_amount",
            "expenses_amount",
            "total_amount",
            "tax_year",
            "submitted_at",
            "approved_at",
            "paid_at",
            "paid_on",
            "payment_reference",
            "rejected_at",
            "rejection_reason",
        ]
        # Only the expense lines change, and only while a claim awaits approval.
        create_only_fields = ["participation", "hours"]

    def get_tax_year_label(self, claim: PaymentClaim) -> str:
        return selectors.tax_year_label(claim.tax_year)

    @extend_schema_field(
        serializers.BooleanField(help_text="tax_year_total is over the threshold in settings.")
    )
    def get_threshold_warning(self, claim: PaymentClaim) -> bool:
        return selectors.over_threshold(claim.tax_year_total)

    @extend_schema_field(
        PayeeSerializer(
            allow_null=True,
            help_text="For finance, involvement leads and the person paid; null for anyone else.",
        )
    )
    def get_payee(self, claim: PaymentClaim) -> dict | None:
        if not may_see_payee(self.context["request"].user, claim):
            return None
        return PayeeSerializer(claim.participant).data

    @extend_schema_field(
        serializers.CharField(
            allow_null=True,
            help_text=(
                "What the lead and the person talked about before the claim was approved (required "
                "over the threshold). For finance and involvement leads; null for anyone else."
            ),
        )
    )
    def get_benefits_conversation_note(self, claim: PaymentClaim) -> str | None:
        if not handles_payments(self.context["request"].user):
            return None
        return claim.benefits_conversation_note

    @extend_schema_field(
        serializers.DateTimeField(
            allow_null=True, help_text="When that note was recorded (at approval, by approved_by)."
        )
    )
    def get_benefits_conversation_at(self, claim: PaymentClaim) -> str | None:
        if claim.benefits_conversation_at is None or not handles_payments(self.context["request"].user):
            return None
        return serializers.DateTimeField().to_representation(claim.benefits_conversation_at)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_notes(self, claim: PaymentClaim) -> list[str]:
        """Plain-language reasons for a surprising amount, and the threshold warning."""
        notes = []
        participation = claim.participation
        if not claim.rate_unit:
            notes.append(
                f"The rate card has no active rate for {participation.get_role_display().lower()}s in "
                f"{participation.activity.kind}, so no involvement payment was worked out. "
                "Add the rate, or pay expenses only."
            )
        elif claim.involvement_amount == 0 and claim.rate_amount > 0:
            notes.append("No involvement payment: the person has chosen not to be paid for involvement.")
        if self.get_threshold_warning(claim):
            year = selectors.tax_year_label(claim.tax_year)
            notes.append(
                f"{claim.participant.name}'s involvement payments for {year} "
                f"come to £{claim.tax_year_total}, over the £{selectors.payment_threshold()} threshold. "
                + (
                    "Talk to them before approving: payments can affect benefits."
                    if claim.status == PaymentClaim.Status.SUBMITTED
                    else "Payments can affect benefits and tax."
                )
            )
        return notes


class ClaimApproveSerializer(serializers.Serializer):
    benefits_conversation = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=1000,
        help_text=(
            "A note (10 to 1,000 characters) that you talked to the person, about benefits and tax, "
            "before approving. Required when the claim's threshold_warning is true; optional otherwise."
        ),
    )


class ClaimMarkPaidSerializer(serializers.Serializer):
    paid_on = serializers.DateField(
        help_text="The day the money was paid: not in the future, not before the claim was approved."
    )
    payment_reference = serializers.CharField(
        max_length=100, help_text="The payroll run or BACS reference the payment went out under."
    )


class ClaimRejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, help_text="Why; the person will see this.")


class ClaimExportQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[(value, PaymentClaim.Status(value).label) for value in selectors.EXPORTABLE],
        default=PaymentClaim.Status.APPROVED,
        help_text="approved (the default): claims to pay; paid: claims paid, to reconcile with payroll.",
    )
    approved_from = serializers.DateField(required=False, help_text="Approved on or after this day.")
    approved_to = serializers.DateField(required=False, help_text="Approved on or before this day.")

    def validate(self, attrs):
        start, end = attrs.get("approved_from"), attrs.get("approved_to")
        if start and end and end < start:
            raise serializers.ValidationError({"approved_to": ["Must be on or after approved_from."]})
        return attrs


class TaxYearQuerySerializer(serializers.Serializer):
    tax_year = serializers.IntegerField(
        min_value=2000,
        max_value=2100,
        required=False,
        help_text="The year the tax year starts (2025 means 6 April 2025 to 5 April 2026); default: now.",
    )


class PersonTaxYearTotalSerializer(serializers.Serializer):
    """One person's claims in a tax year."""

    participant = BriefRelatedField(view_name="api:participant-detail", source="*", read_only=True)
    claims = serializers.IntegerField(source="claim_count")
    involvement_total = serializers.DecimalField(max_digits=12, decimal_places=2)
    expenses_total = serializers.DecimalField(max_digits=12, decimal_places=2)
    total = serializers.DecimalField(max_digits=12, decimal_places=2)
    threshold_warning = serializers.SerializerMethodField()

    def get_threshold_warning(self, person: Participant) -> bool:
        return selectors.over_threshold(person.involvement_total)
