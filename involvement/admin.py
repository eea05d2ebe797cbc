"""Back-office screens for the involvement register, activities, consultations, feedback and payments."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import admin
from django.db import models
from django.db.models import Count, Q
from django.http import HttpRequest

from accounts.history import HistoryAdmin
from involvement import models as m
from involvement import selectors, services

# Django 6 will assume https for bare web addresses; say so now rather than in a warning.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


def pounds(amount: Decimal | None) -> str:
    return "-" if amount is None else f"£{amount:,.2f}"


class RetireInsteadOfDelete(admin.ModelAdmin):
    """A reference row still in use is marked inactive, never deleted.

    The admin's own "protected objects" page explains the refusal (for one row or a bulk
    delete), and the delete itself goes through the app's service, which checks again.
    """

    def uses(self, obj) -> dict[str, int]:
        raise NotImplementedError

    def delete_with_service(self, obj, by) -> None:
        raise NotImplementedError

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        for obj in objs:
            in_use = [f"{n} {label}" for label, n in self.uses(obj).items() if n]
            if in_use:
                protected.append(f"{obj} is in use ({', '.join(in_use)}): mark it inactive instead")
        return deleted, counts, perms_needed, protected

    def delete_model(self, request: HttpRequest, obj) -> None:
        self.delete_with_service(obj, request.user)

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        for obj in queryset:
            self.delete_with_service(obj, request.user)


# --- reference lists and partners ---------------------------------------------------------------


@admin.register(m.Theme)
class ThemeAdmin(RetireInsteadOfDelete):
    list_display = ["name", "code", "group", "is_active"]
    list_filter = ["group", "is_active"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}

    def uses(self, obj):
        return selectors.theme_uses(theme=obj)

    def delete_with_service(self, obj, by):
        services.theme_delete(theme=obj, by=by)


@admin.register(m.ActivityKind)
class ActivityKindAdmin(RetireInsteadOfDelete):
    list_display = ["name", "code", "is_active", "activity_count"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(activity_count=Count("activities"))

    def uses(self, obj):
        return selectors.activity_kind_uses(kind=obj)

    def delete_with_service(self, obj, by):
        services.activity_kind_delete(kind=obj, by=by)

    @admin.display(description="Activities", ordering="activity_count")
    def activity_count(self, obj: m.ActivityKind) -> int:
        return obj.activity_count


class PartnerContactInline(admin.TabularInline):
    model = m.PartnerContact
    fields = ["name", "job_title", "email", "phone"]
    extra = 0


@admin.register(m.PartnerOrganisation)
class PartnerOrganisationAdmin(RetireInsteadOfDelete):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "kind", "is_active", "activity_count", "referral_count"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "description"]
    inlines = [PartnerContactInline]

    def get_queryset(self, request):
        return selectors.partner_list()

    def uses(self, obj):
        return selectors.partner_uses(partner=obj)

    def delete_with_service(self, obj, by):
        services.partner_delete(partner=obj, by=by)

    @admin.display(description="Activities co-delivered", ordering="activity_count")
    def activity_count(self, obj: m.PartnerOrganisation) -> int:
        return obj.activity_count

    @admin.display(description="People referred", ordering="referral_count")
    def referral_count(self, obj: m.PartnerOrganisation) -> int:
        return obj.referral_count


@admin.register(m.PartnerContact)
class PartnerContactAdmin(HistoryAdmin):
    list_display = ["name", "organisation", "job_title", "email", "phone"]
    list_filter = [("organisation", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "email", "job_title", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]


@admin.register(m.RateCardEntry)
class RateCardEntryAdmin(admin.ModelAdmin):
    list_display = ["activity_kind", "role", "unit", "amount_in_pounds", "is_active"]
    list_filter = ["activity_kind", "role", "unit", "is_active"]
    search_fields = ["activity_kind__name"]
    list_select_related = ["activity_kind"]
    autocomplete_fields = ["activity_kind"]

    @admin.display(description="Amount", ordering="amount")
    def amount_in_pounds(self, obj: m.RateCardEntry) -> str:
        return pounds(obj.amount)


# --- the register -----------------------------------------------------------------------------


class ConsentListFilter(admin.SimpleListFilter):
    title = "consent"
    parameter_name = "consent"

    def lookups(self, request, model_admin):
        return [
            ("given", "Given, not withdrawn"),
            ("withdrawn", "Withdrawn"),
            ("never", "Never given"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "given":
            return queryset.filter(consent_given_at__isnull=False, consent_withdrawn_at__isnull=True)
        if self.value() == "withdrawn":
            return queryset.filter(consent_withdrawn_at__isnull=False)
        if self.value() == "never":
            return queryset.filter(consent_given_at__isnull=True)
        return queryset


@admin.register(m.Participant)
class ParticipantAdmin(HistoryAdmin):
    # A person's contact details and needs: each look is logged, like a read through the API.
    change_reads_logged = history_reads_logged = True
    # Needs, consent wording and contact details stay on the change form, out of lists.
    list_display = [
        "name",
        "experience",
        "status",
        "may_be_contacted",
        "sharing_level",
        "payment_preference",
        "referred_by",
        "joined_on",
    ]
    list_filter = [
        "status",
        "experience",
        ConsentListFilter,
        "sharing_level",
        "payment_preference",
        "preferred_contact",
        "joined_on",
        ("referred_by", admin.RelatedOnlyFieldListFilter),
        "teams_of_interest",
        "topics",
    ]
    date_hierarchy = "joined_on"
    search_fields = ["name", "email", "phone"]
    list_select_related = ["referred_by"]
    autocomplete_fields = ["user", "referred_by", "topics", "teams_of_interest"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "pronouns", "experience", "status", "joined_on", "referred_by", "user"]}),
        ("Contact", {"fields": ["email", "phone", "postal_address", "preferred_contact"]}),
        ("Interests", {"fields": ["topics", "teams_of_interest"]}),
        ("Needs", {"fields": ["accessibility_needs"]}),
        (
            "Consent and sharing",
            {
                "fields": [
                    "consent_given_at",
                    "consent_purposes",
                    "consent_withdrawn_at",
                    "sharing_level",
                    "payment_preference",
                    "payroll_reference",
                ]
            },
        ),
        ("Record", {"fields": ["created_at", "updated_at"]}),
    ]

    @admin.display(description="May be contacted", boolean=True)
    def may_be_contacted(self, obj: m.Participant) -> bool:
        return obj.may_be_contacted


# --- activities and who takes part --------------------------------------------------------------


class ParticipationInline(admin.TabularInline):
    """Who was invited and came; places and the waiting list change through the service."""

    model = m.Participation
    fields = ["participant", "role", "status", "attendance", "hours", "invited_at", "waitlisted_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("participant")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(m.Activity)
class ActivityAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = [
        "title",
        "starts_at",
        "kind",
        "rung",
        "team",
        "status",
        "capacity",
        "places_taken",
        "waiting",
        "attended",
    ]
    list_filter = [
        "status",
        "rung",
        "kind",
        "team",
        "starts_at",
        ("partners", admin.RelatedOnlyFieldListFilter),
        ("series", admin.RelatedOnlyFieldListFilter),
        "themes",
    ]
    date_hierarchy = "starts_at"
    search_fields = ["title", "venue"]
    list_select_related = ["kind", "team"]
    autocomplete_fields = ["kind", "team", "series", "themes", "leads", "partners"]
    readonly_fields = ["created_at", "closed_at"]
    inlines = [ParticipationInline]
    fieldsets = [
        (None, {"fields": ["title", "description", "kind", "rung", "themes", "team", "leads", "series"]}),
        ("When and where", {"fields": ["starts_at", "ends_at", "venue", "online_link", "capacity"]}),
        ("Access", {"fields": ["accessibility_arrangements"]}),
        ("Partners", {"fields": ["partners"]}),
        (
            "Status and closing report",
            {
                "fields": [
                    "status",
                    "report_summary",
                    "report_attendee_count",
                    "report_changes_agreed",
                    "closed_at",
                    "cancelled_reason",
                    "created_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        accepted = Q(participations__status=m.Participation.Status.ACCEPTED)
        waiting = Q(participations__status=m.Participation.Status.WAITLISTED)
        attended = Q(participations__attendance=m.Participation.Attendance.ATTENDED)
        return (
            super()
            .get_queryset(request)
            .annotate(
                places_taken=Count("participations", filter=accepted),
                waiting=Count("participations", filter=waiting),
                attended=Count("participations", filter=attended),
            )
        )

    @admin.display(description="Places taken", ordering="places_taken")
    def places_taken(self, obj: m.Activity) -> int:
        return obj.places_taken

    @admin.display(description="Waiting", ordering="waiting")
    def waiting(self, obj: m.Activity) -> int:
        return obj.waiting

    @admin.display(description="Attended", ordering="attended")
    def attended(self, obj: m.Activity) -> int:
        return obj.attended


class ActivityInSeriesInline(admin.TabularInline):
    model = m.Activity
    fields = ["title", "starts_at", "status"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(m.ActivitySeries)
class ActivitySeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "frequency", "occurrences", "created_by", "created_at"]
    list_filter = ["frequency", "created_at"]
    date_hierarchy = "created_at"
    search_fields = ["title"]
    list_select_related = ["created_by"]
    autocomplete_fields = ["created_by"]
    readonly_fields = ["created_at"]
    inlines = [ActivityInSeriesInline]


@admin.register(m.Participation)
class ParticipationAdmin(HistoryAdmin):
    list_display = ["participant", "activity", "role", "status", "attendance", "hours", "invited_at"]
    list_filter = [
        "status",
        "attendance",
        "role",
        "invited_at",
        ("activity__team", admin.RelatedOnlyFieldListFilter),
        ("activity__kind", admin.RelatedOnlyFieldListFilter),
        "activity__rung",
        ("participant", admin.RelatedOnlyFieldListFilter),
    ]
    date_hierarchy = "invited_at"
    search_fields = ["participant__name", "activity__title"]
    list_select_related = ["participant", "activity"]
    autocomplete_fields = ["activity", "participant", "invited_by"]


# --- consultations and feedback -------------------------------------------------------------------


class ConsultationInvitationInline(admin.TabularInline):
    model = m.ConsultationInvitation
    fields = ["participant", "invited_at", "invited_by"]
    autocomplete_fields = ["participant", "invited_by"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("participant", "invited_by")


class ConsultationResponseInline(admin.StackedInline):
    model = m.ConsultationResponse
    fields = ["participant", "recorded_by", "submitted_at", "body"]
    autocomplete_fields = ["participant", "recorded_by"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("participant", "recorded_by")


@admin.register(m.Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["title", "status", "audience", "team", "owner", "opens_at", "closes_at", "responses"]
    list_filter = ["status", "audience", "team", "opens_at", "closes_at", "themes"]
    date_hierarchy = "closes_at"
    search_fields = ["title", "summary"]
    list_select_related = ["team", "owner"]
    autocomplete_fields = ["owner", "team", "themes"]
    readonly_fields = ["created_at"]
    inlines = [ConsultationInvitationInline, ConsultationResponseInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(response_count=Count("responses"))

    @admin.display(description="Responses", ordering="response_count")
    def responses(self, obj: m.Consultation) -> int:
        return obj.response_count


@admin.register(m.ConsultationInvitation)
class ConsultationInvitationAdmin(admin.ModelAdmin):
    list_display = ["participant", "consultation", "invited_at", "invited_by"]
    list_filter = [
        "invited_at",
        ("consultation", admin.RelatedOnlyFieldListFilter),
        ("participant", admin.RelatedOnlyFieldListFilter),
    ]
    date_hierarchy = "invited_at"
    search_fields = ["participant__name", "consultation__title"]
    list_select_related = ["participant", "consultation", "invited_by"]
    autocomplete_fields = ["consultation", "participant", "invited_by"]


@admin.register(m.ConsultationResponse)
class ConsultationResponseAdmin(HistoryAdmin):
    # What people said is read on the change form, not skimmed in a list.
    list_display = ["__str__", "participant", "recorded_by", "submitted_at"]
    list_filter = [
        "submitted_at",
        ("consultation", admin.RelatedOnlyFieldListFilter),
        ("participant", admin.RelatedOnlyFieldListFilter),
        "themes",
    ]
    date_hierarchy = "submitted_at"
    search_fields = ["body", "participant__name", "consultation__title"]
    list_select_related = ["consultation", "participant", "recorded_by"]
    autocomplete_fields = ["consultation", "participant", "recorded_by", "themes"]


@admin.register(m.FeedbackItem)
class FeedbackItemAdmin(admin.ModelAdmin):
    list_display = ["__str__", "source", "action_owner", "action_due", "action_status", "published"]
    list_filter = [
        "action_status",
        "published",
        "action_due",
        "completed_on",
        ("activity__team", admin.RelatedOnlyFieldListFilter),
        "activity__rung",
        ("consultation", admin.RelatedOnlyFieldListFilter),
        "themes",
    ]
    date_hierarchy = "action_due"
    search_fields = ["you_said", "action", "we_did"]
    list_select_related = ["activity", "consultation", "action_owner"]
    autocomplete_fields = ["activity", "consultation", "action_owner", "themes"]
    readonly_fields = ["created_at", "published_at"]

    @admin.display(description="From")
    def source(self, obj: m.FeedbackItem) -> str:
        return str(obj.activity or obj.consultation)


# --- payments ---------------------------------------------------------------------------------------

CLAIM_WORKFLOW = [
    "status",
    "rate_unit",
    "rate_amount",
    "involvement_amount",
    "expenses_amount",
    "total_amount",
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


class ExpenseLineInline(admin.TabularInline):
    """Lines are entered with a new claim; afterwards the totals depend on them, so they are shown only."""

    model = m.ExpenseLine
    fields = ["kind", "description", "amount", "receipt_reference"]
    extra = 0

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_delete_permission(request, obj)


@admin.register(m.PaymentClaim)
class PaymentClaimAdmin(HistoryAdmin):
    list_display = [
        "__str__",
        "participant",
        "activity",
        "status",
        "hours",
        "involvement_in_pounds",
        "expenses_in_pounds",
        "total_in_pounds",
        "tax_year",
        "submitted_at",
    ]
    list_filter = [
        "status",
        "tax_year",
        "submitted_at",
        "paid_at",
        ("participation__activity__team", admin.RelatedOnlyFieldListFilter),
        ("participation__activity__kind", admin.RelatedOnlyFieldListFilter),
        ("participant", admin.RelatedOnlyFieldListFilter),
    ]
    date_hierarchy = "submitted_at"
    search_fields = ["participant__name", "participation__activity__title"]
    list_select_related = ["participant", "participation__activity"]
    autocomplete_fields = ["participation", "participant"]
    inlines = [ExpenseLineInline]

    def get_readonly_fields(self, request, obj=None):
        # Approval, payment and the money follow the service once a claim exists, so who
        # did what and when stays true.
        if obj is not None:
            return CLAIM_WORKFLOW
        return [
            "approved_at",
            "benefits_conversation_note",
            "benefits_conversation_at",
            "paid_at",
            "paid_on",
            "payment_reference",
            "rejected_at",
        ]

    @admin.display(description="Activity", ordering="participation__activity__starts_at")
    def activity(self, obj: m.PaymentClaim) -> str:
        return str(obj.participation.activity)

    @admin.display(description="Involvement", ordering="involvement_amount")
    def involvement_in_pounds(self, obj: m.PaymentClaim) -> str:
        return pounds(obj.involvement_amount)

    @admin.display(description="Expenses", ordering="expenses_amount")
    def expenses_in_pounds(self, obj: m.PaymentClaim) -> str:
        return pounds(obj.expenses_amount)

    @admin.display(description="Total", ordering="total_amount")
    def total_in_pounds(self, obj: m.PaymentClaim) -> str:
        return pounds(obj.total_amount)


@admin.register(m.ExpenseLine)
class ExpenseLineAdmin(HistoryAdmin):
    list_display = ["claim", "kind", "amount_in_pounds", "receipt_reference"]
    list_filter = ["kind", "claim__status", "claim__tax_year"]
    search_fields = ["description", "receipt_reference", "claim__participant__name"]
    list_select_related = ["claim__participant"]
    autocomplete_fields = ["claim"]

    def get_readonly_fields(self, request, obj=None):
        # A line on an existing claim is part of its total; change it through the claim's service.
        return ["claim", "kind", "description", "amount", "receipt_reference"] if obj is not None else []

    @admin.display(description="Amount", ordering="amount")
    def amount_in_pounds(self, obj: m.ExpenseLine) -> str:
        return pounds(obj.amount)
