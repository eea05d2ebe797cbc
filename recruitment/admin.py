"""Back-office screens for recruitment: templates, vacancies, applications and what hangs off them.

Equality monitoring answers have no screen at all: they are reported only in aggregate.
Records whose making has rules (the first move, the post limit, panel pay, the checks) are made
in the app through the services, so here they can be found, read and corrected, not added.
"""

from __future__ import annotations

from django.contrib import admin
from django.db import models

from accounts.history import HistoryAdmin
from recruitment import models as m
from recruitment import services

# Django 6 will assume https for bare web addresses; say so now rather than in a warning.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class MadeByServices(admin.ModelAdmin):
    """No add page: the app makes these through its services, which keep the rules."""

    def has_add_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    """History and records shown under their parent; each opens on its own page."""

    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# --- templates ----------------------------------------------------------------------------------


class TemplateStageInline(admin.TabularInline):
    model = m.TemplateStage
    fields = ["order", "code", "name", "kind"]
    extra = 0


@admin.register(m.PipelineTemplate)
class PipelineTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "is_default"]
    list_filter = ["is_default"]
    search_fields = ["name"]
    inlines = [TemplateStageInline]


@admin.register(m.TemplateStage)
class TemplateStageAdmin(admin.ModelAdmin):
    list_display = ["template", "order", "code", "name", "kind"]
    list_filter = ["template", "kind"]
    search_fields = ["code", "name", "template__name"]
    list_select_related = ["template"]


# --- vacancies ----------------------------------------------------------------------------------


class VacancyStageInline(admin.TabularInline):
    model = m.VacancyStage
    fields = ["order", "code", "name", "kind"]
    extra = 0


class CriterionInline(admin.TabularInline):
    model = m.Criterion
    fields = ["order", "name", "max_score"]
    extra = 0


@admin.register(m.Vacancy)
class VacancyAdmin(MadeByServices):
    """Made in the app, so its stages are copied from a template; status moves through the app too."""

    list_display = [
        "title",
        "team",
        "level",
        "band",
        "posts",
        "status",
        "opens_at",
        "closes_at",
        "hiring_manager",
    ]
    list_filter = ["status", "team", "level", "band", "lived_experience_role", "opens_at", "closes_at"]
    search_fields = ["title", "advert_text", "hiring_manager__email", "hiring_manager__last_name"]
    list_select_related = ["team", "level", "hiring_manager"]
    date_hierarchy = "opens_at"
    autocomplete_fields = ["team", "level", "hiring_manager"]
    readonly_fields = ["status", "template", "created_by", "created_at", "closed_at"]
    inlines = [VacancyStageInline, CriterionInline]


@admin.register(m.VacancyStage)
class VacancyStageAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order", "kind", "vacancy"]
    list_filter = ["kind", "vacancy__team"]
    search_fields = ["code", "name", "vacancy__title"]
    list_select_related = ["vacancy__team"]
    autocomplete_fields = ["vacancy"]


@admin.register(m.Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "vacancy", "max_score", "order"]
    list_filter = ["vacancy__team", "max_score"]
    search_fields = ["name", "vacancy__title"]
    list_select_related = ["vacancy__team"]
    autocomplete_fields = ["vacancy"]


# --- applications -------------------------------------------------------------------------------


class AdjustmentRequestInline(admin.TabularInline):
    model = m.AdjustmentRequest
    fields = ["description", "provided", "note", "decided_at"]
    readonly_fields = ["decided_at"]
    extra = 0


class StageMoveInline(ReadOnlyInline):
    model = m.StageMove
    fields = ["at", "from_stage", "to_stage", "by", "reason"]
    readonly_fields = fields
    show_change_link = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("from_stage", "to_stage", "by")


class InterviewInline(ReadOnlyInline):
    model = m.Interview
    fields = ["starts_at", "ends_at", "location", "outcome"]
    readonly_fields = fields


class OfferInline(ReadOnlyInline):
    model = m.Offer
    fields = ["made_at", "start_date", "salary_point", "status", "responded_at"]
    readonly_fields = fields


class PreEmploymentCheckInline(ReadOnlyInline):
    model = m.PreEmploymentCheck
    fields = ["kind", "status", "required", "dbs_certificate_date", "recheck_due"]
    readonly_fields = fields


@admin.register(m.Application)
class ApplicationAdmin(HistoryAdmin, MadeByServices):
    """An application and its road; moves between stages are made in the app, where they are recorded."""

    list_display = ["applicant_name", "vacancy", "source", "stage", "applied_at", "stage_entered_at"]
    list_filter = ["source", "stage__code", "stage__kind", "vacancy__team", "vacancy__status", "applied_at"]
    search_fields = ["applicant_name", "email", "vacancy__title"]
    list_select_related = ["vacancy__team", "stage"]
    date_hierarchy = "applied_at"
    autocomplete_fields = ["participant", "referred_by"]
    readonly_fields = ["vacancy", "stage", "stage_entered_at", "applied_at", "hired_worker"]
    fields = [
        "vacancy",
        "applicant_name",
        "email",
        "phone",
        "source",
        "participant",
        "referred_by",
        "supporting_statement",
        "stage",
        "stage_entered_at",
        "applied_at",
        "hired_worker",
    ]
    inlines = [
        AdjustmentRequestInline,
        StageMoveInline,
        InterviewInline,
        OfferInline,
        PreEmploymentCheckInline,
    ]
    # The page lists the adjustments asked for, which often say something about health: logged.
    change_reads_logged = True

    def records_read(self, request, object_id):
        return list(m.AdjustmentRequest.objects.filter(application_id=object_id))


@admin.register(m.StageMove)
class StageMoveAdmin(admin.ModelAdmin):
    """The pipeline's history: read only."""

    list_display = ["application", "from_stage", "to_stage", "by", "at"]
    list_filter = ["to_stage__code", "to_stage__kind", "at"]
    search_fields = ["application__applicant_name", "application__vacancy__title", "reason"]
    list_select_related = ["application__vacancy", "from_stage", "to_stage", "by"]
    date_hierarchy = "at"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(m.AdjustmentRequest)
class AdjustmentRequestAdmin(HistoryAdmin):
    # What someone asked for often says something about their health: each look is logged.
    change_reads_logged = history_reads_logged = True
    list_display = ["application", "description", "provided", "decided_at"]
    list_filter = ["provided", "decided_at", "application__vacancy__team"]
    search_fields = ["description", "note", "application__applicant_name", "application__vacancy__title"]
    list_select_related = ["application__vacancy"]
    autocomplete_fields = ["application"]


# --- interviews and scores ----------------------------------------------------------------------


class PanelMemberInline(ReadOnlyInline):
    model = m.PanelMember
    fields = ["user", "participant", "lived_experience", "participation"]
    readonly_fields = fields


class ScoreInline(ReadOnlyInline):
    model = m.Score
    fields = ["panel_member", "criterion", "score", "comment"]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("criterion", "panel_member__user", "panel_member__participant")
        )


@admin.register(m.Interview)
class InterviewAdmin(HistoryAdmin, MadeByServices):
    """Scheduled in the app (the panel rule and register members' invitations); the outcome pays them."""

    list_display = ["__str__", "starts_at", "location", "outcome"]
    list_filter = ["outcome", "starts_at", "application__vacancy__team"]
    search_fields = ["application__applicant_name", "application__vacancy__title", "location"]
    list_select_related = ["application"]
    date_hierarchy = "starts_at"
    formfield_overrides = URL_FIELDS
    readonly_fields = ["application", "activity", "outcome", "outcome_at", "outcome_by"]
    inlines = [PanelMemberInline, ScoreInline]


@admin.register(m.PanelMember)
class PanelMemberAdmin(HistoryAdmin, MadeByServices):
    list_display = ["__str__", "interview", "lived_experience"]
    list_filter = ["lived_experience", "interview__starts_at"]
    search_fields = [
        "user__email",
        "user__last_name",
        "participant__name",
        "interview__application__vacancy__title",
    ]
    list_select_related = ["user", "participant", "interview__application"]
    readonly_fields = ["interview", "user", "participant", "participation"]


@admin.register(m.Score)
class ScoreAdmin(HistoryAdmin, MadeByServices):
    """Scores are recorded by the panel in the app, within each criterion's range."""

    list_display = ["interview", "panel_member", "criterion", "score"]
    list_filter = ["criterion__max_score", "interview__starts_at"]
    search_fields = ["criterion__name", "interview__application__applicant_name"]
    list_select_related = [
        "interview__application",
        "panel_member__user",
        "panel_member__participant",
        "criterion",
    ]
    readonly_fields = ["interview", "panel_member", "criterion", "score"]


# --- offers and checks --------------------------------------------------------------------------


@admin.register(m.Offer)
class OfferAdmin(HistoryAdmin, MadeByServices):
    """Made in the app, which holds the vacancy while it counts the posts left."""

    list_display = ["application", "status", "start_date", "salary_point", "made_at"]
    list_filter = ["status", "made_at", "start_date", "application__vacancy__team"]
    search_fields = ["application__applicant_name", "application__vacancy__title", "salary_point"]
    list_select_related = ["application__vacancy"]
    date_hierarchy = "made_at"
    readonly_fields = ["application", "status", "made_at", "made_by", "responded_at"]


@admin.register(m.PreEmploymentCheck)
class PreEmploymentCheckAdmin(HistoryAdmin, MadeByServices):
    """Opened when an offer is accepted; the DBS recheck date follows the certificate date."""

    list_display = ["application", "kind", "status", "required", "recheck_due", "updated_at"]
    list_filter = ["kind", "status", "required", "recheck_due", "application__vacancy__team"]
    search_fields = ["application__applicant_name", "application__vacancy__title", "notes"]
    list_select_related = ["application__vacancy"]
    readonly_fields = ["application", "kind", "recheck_due", "updated_at", "updated_by"]

    def save_model(self, request, obj, form, change):
        if obj.kind == m.CheckKind.DBS and obj.dbs_certificate_date:
            obj.recheck_due = services.dbs_recheck_due(obj.dbs_certificate_date)
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
