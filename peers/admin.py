"""Back-office screens for the peer workforce: pathway, frameworks, workers and their records."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone

from accounts.history import HistoryAdmin
from accounts.services import access_log_record
from peers import models as m
from peers import selectors, services
from peers.errors import PeersError

EXPIRING_WITHIN_DAYS = 60


class ReadOnlyInline(admin.TabularInline):
    """A worker's history shown under them; it is written through the services, not edited here."""

    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# --- the pathway and frameworks the trust edits ----------------------------------------------


class CompetenceInline(admin.TabularInline):
    model = m.Competence
    fields = ["code", "name", "is_active"]
    extra = 0
    show_change_link = True


@admin.register(m.CompetenceDomain)
class CompetenceDomainAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order", "competence_count"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}
    inlines = [CompetenceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(competence_count=Count("competences"))

    @admin.display(description="Competences", ordering="competence_count")
    def competence_count(self, obj: m.CompetenceDomain) -> int:
        return obj.competence_count


@admin.register(m.Competence)
class CompetenceAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "domain", "is_active"]
    list_filter = ["domain", "is_active"]
    search_fields = ["name", "code", "description"]
    list_select_related = ["domain"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(m.TrainingCourse)
class TrainingCourseAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "category", "mandatory", "validity_months", "is_active"]
    list_filter = ["category", "mandatory", "is_active"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


class SupervisionPolicyInline(admin.TabularInline):
    model = m.SupervisionPolicy
    fields = ["kind", "frequency_days"]
    extra = 0


@admin.register(m.PathwayLevel)
class PathwayLevelAdmin(admin.ModelAdmin):
    list_display = ["order", "name", "code", "band", "is_active", "worker_count"]
    list_display_links = ["order", "name"]
    list_filter = ["band", "is_active"]
    search_fields = ["name", "code", "description"]
    filter_horizontal = ["required_competences", "required_courses"]
    prepopulated_fields = {"code": ["name"]}
    inlines = [SupervisionPolicyInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(worker_count=Count("workers"))

    @admin.display(description="Workers (any status)", ordering="worker_count")
    def worker_count(self, obj: m.PathwayLevel) -> int:
        return obj.worker_count


@admin.register(m.SupervisionPolicy)
class SupervisionPolicyAdmin(admin.ModelAdmin):
    list_display = ["level", "kind", "frequency_days"]
    list_filter = ["level", "kind"]
    search_fields = ["level__name"]
    list_select_related = ["level"]


# --- workers and their records --------------------------------------------------------------


class SupervisionSessionInline(ReadOnlyInline):
    model = m.SupervisionSession
    # The notes stay on the session's own page: they are for the two people in it and HR.
    fields = ["held_on", "kind", "supervisor", "status", "duration_minutes"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("supervisor", "worker__user")


class TrainingRecordInline(ReadOnlyInline):
    model = m.TrainingRecord
    fields = ["course", "completed_on", "expires_on", "evidence_reference"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("course", "worker__user")


class LevelChangeInline(ReadOnlyInline):
    model = m.LevelChange
    fields = ["effective_date", "reason", "from_level", "from_band", "to_level", "to_band", "recorded_by"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("from_level", "to_level", "recorded_by")


class SupervisionOverdueFilter(admin.SimpleListFilter):
    title = "supervision"
    parameter_name = "supervision"

    def lookups(self, request, model_admin):
        return [("overdue", "Overdue (any kind)")]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            overdue = selectors.supervision_overdue(today=timezone.localdate())
            return queryset.filter(pk__in=overdue.values("pk"))
        return queryset


@admin.register(m.PeerWorker)
class PeerWorkerAdmin(HistoryAdmin):
    list_display = [
        "employee_number",
        "user",
        "level",
        "band",
        "team",
        "line_manager",
        "status",
        "start_date",
        "leaving_date",
    ]
    list_display_links = ["employee_number", "user"]
    list_filter = [
        "status",
        SupervisionOverdueFilter,
        "team",
        "level",
        "band",
        "leaving_reason",
        ("start_date", admin.DateFieldListFilter),
        ("leaving_date", admin.DateFieldListFilter),
    ]
    search_fields = [
        "employee_number",
        "user__email",
        "user__first_name",
        "user__last_name",
        "user__preferred_name",
    ]
    list_select_related = ["user", "level", "team", "line_manager"]
    autocomplete_fields = ["user", "team", "line_manager", "supervisors"]
    date_hierarchy = "start_date"
    readonly_fields = ["created_at", "updated_at"]
    inlines = [SupervisionSessionInline, TrainingRecordInline, LevelChangeInline]


class WorkerRecordAdmin(HistoryAdmin):
    """Shared by records about one worker: search by the worker, filter by their team and level."""

    worker_search = ["worker__employee_number", "worker__user__first_name", "worker__user__last_name"]
    worker_filters = [("worker__team", admin.RelatedOnlyFieldListFilter), "worker__level"]

    def get_search_fields(self, request):
        return [*self.worker_search, *self.search_fields]

    def get_list_filter(self, request):
        return [*self.list_filter, *self.worker_filters]


@admin.register(m.CompetenceEvidence)
class CompetenceEvidenceAdmin(WorkerRecordAdmin):
    list_display = ["competence", "worker", "recorded_at", "signed_off_by", "signed_off_on"]
    list_filter = ["competence__domain", ("signed_off_on", admin.DateFieldListFilter)]
    search_fields = ["competence__name", "evidence_reference"]
    list_select_related = ["competence", "worker__user", "signed_off_by"]
    autocomplete_fields = ["worker", "competence", "signed_off_by"]
    readonly_fields = ["recorded_at"]


class ExpiryFilter(admin.SimpleListFilter):
    title = "expiry"
    parameter_name = "expiry"

    def lookups(self, request, model_admin):
        return [
            ("expired", "Expired"),
            ("expiring", f"Expiring within {EXPIRING_WITHIN_DAYS} days"),
            ("never", "Never expires"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "expired":
            return queryset.filter(expires_on__lt=today)
        if self.value() == "expiring":
            return queryset.filter(
                expires_on__gte=today, expires_on__lte=today + timedelta(days=EXPIRING_WITHIN_DAYS)
            )
        if self.value() == "never":
            return queryset.filter(expires_on__isnull=True)
        return queryset


@admin.register(m.TrainingRecord)
class TrainingRecordAdmin(WorkerRecordAdmin):
    list_display = ["course", "worker", "completed_on", "expires_on", "recorded_by"]
    list_filter = [
        ExpiryFilter,
        "course__mandatory",
        "course__category",
        "course",
        ("completed_on", admin.DateFieldListFilter),
    ]
    search_fields = ["course__name", "evidence_reference"]
    list_select_related = ["course", "worker__user", "recorded_by"]
    autocomplete_fields = ["worker", "course"]
    readonly_fields = ["recorded_by", "created_at"]
    date_hierarchy = "completed_on"


@admin.register(m.SupervisionSession)
class SupervisionSessionAdmin(WorkerRecordAdmin):
    list_display = ["held_on", "worker", "supervisor", "kind", "status", "duration_minutes"]
    list_filter = ["kind", "status", ("held_on", admin.DateFieldListFilter)]
    search_fields = ["supervisor__first_name", "supervisor__last_name"]
    list_select_related = ["worker__user", "supervisor"]
    autocomplete_fields = ["worker", "supervisor"]
    readonly_fields = ["recorded_by", "created_at"]
    date_hierarchy = "held_on"


@admin.register(m.ProgressionReview)
class ProgressionReviewAdmin(WorkerRecordAdmin):
    list_display = ["reviewed_on", "worker", "reviewer", "outcome", "next_review_on"]
    list_filter = [
        "outcome",
        ("reviewed_on", admin.DateFieldListFilter),
        ("next_review_on", admin.DateFieldListFilter),
    ]
    search_fields = ["reviewer__first_name", "reviewer__last_name"]
    list_select_related = ["worker__user", "reviewer"]
    autocomplete_fields = ["worker", "reviewer"]
    date_hierarchy = "reviewed_on"


@admin.register(m.LevelChange)
class LevelChangeAdmin(WorkerRecordAdmin):
    """The level and band history is evidence: promotions and starts write it, nobody edits it here."""

    list_display = ["effective_date", "worker", "reason", "from_level", "from_band", "to_level", "to_band"]
    list_filter = ["reason", "to_level", ("effective_date", admin.DateFieldListFilter)]
    search_fields: list[str] = []
    list_select_related = ["worker__user", "from_level", "to_level"]
    date_hierarchy = "effective_date"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- wellbeing: special-category data, every view of a record logged -------------------------


class LoggedReadAdmin(WorkerRecordAdmin):
    """Opening a record's page shows its content, so it is written to the access log like an API read.

    The list shows no content (only who, status and dates), so it is not logged, and its search
    looks at the worker, never the text.
    """

    search_fields: list[str] = []
    list_select_related = ["worker__user", "worker__team"]
    history_reads_logged = True  # old versions show content too
    autocomplete_fields = ["worker"]

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and response.status_code == 200:
            access_log_record(user=request.user, records=[obj], action="read", path=request.path)
        return response

    @admin.display(description="Team", ordering="worker__team__name")
    def team(self, obj) -> str:
        return str(obj.worker.team)


@admin.register(m.WellnessActionPlan)
class WellnessActionPlanAdmin(LoggedReadAdmin):
    """View only: the worker writes their plan (through the API); the back office cannot rewrite it."""

    list_display = ["worker", "team", "updated_at"]
    list_filter = [("updated_at", admin.DateFieldListFilter)]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReasonableAdjustmentForm(forms.ModelForm):
    class Meta:
        model = m.ReasonableAdjustment
        fields = ["worker", "description", "status", "agreed_on", "review_on"]

    def clean(self):
        cleaned = super().clean()
        candidate = m.ReasonableAdjustment(
            status=cleaned.get("status"),
            agreed_on=cleaned.get("agreed_on"),
            review_on=cleaned.get("review_on"),
        )
        try:
            services.reasonable_adjustment_check(candidate)
        except PeersError as exc:
            raise ValidationError({exc.field or "status": exc.message}) from exc
        return cleaned


@admin.register(m.ReasonableAdjustment)
class ReasonableAdjustmentAdmin(LoggedReadAdmin):
    form = ReasonableAdjustmentForm
    list_display = ["worker", "team", "status", "agreed_on", "review_on", "updated_at"]
    list_filter = [
        "status",
        ("agreed_on", admin.DateFieldListFilter),
        ("review_on", admin.DateFieldListFilter),
    ]


# --- onboarding ------------------------------------------------------------------------------------


@admin.register(m.OnboardingTemplateItem)
class OnboardingTemplateItemAdmin(admin.ModelAdmin):
    """The template HR keeps (day to day on the onboarding pages); a step is stopped, not deleted."""

    list_display = ["order", "title", "owner_role", "due_days", "is_active"]
    list_display_links = ["title"]
    list_filter = ["owner_role", "is_active"]
    search_fields = ["title", "description"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(m.OnboardingItem)
class OnboardingItemAdmin(WorkerRecordAdmin):
    """A worker's onboarding steps, written through the services (the pages and the API)."""

    list_display = ["title", "worker", "owner", "owner_role", "due_on", "done_on"]
    list_filter = [
        "owner_role",
        ("due_on", admin.DateFieldListFilter),
        ("done_on", admin.DateFieldListFilter),
    ]
    search_fields = ["title"]
    list_select_related = ["worker__user", "owner"]
    autocomplete_fields = ["worker", "owner"]
    readonly_fields = ["template_item", "done_by", "created_at"]
    date_hierarchy = "due_on"
