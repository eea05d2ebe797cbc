"""Back-office screens for users, teams and roles (roles are Django groups)."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.history import HistoryAdmin
from accounts.models import AccessLog, RetentionRun, Team, User


@admin.register(User)
class UserAdmin(HistoryAdmin, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role_list", "is_active", "last_login"]
    list_filter = ["is_active", "is_staff", "groups", "teams"]
    search_fields = ["email", "first_name", "last_name", "preferred_name"]
    filter_horizontal = ["groups", "teams", "user_permissions"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Name"), {"fields": ("first_name", "last_name", "preferred_name")}),
        (_("Roles and teams"), {"fields": ("groups", "teams")}),
        (
            _("Back-office access"),
            {"fields": ("is_active", "is_staff", "is_superuser", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description="Roles")
    def role_list(self, obj: User) -> str:
        return ", ".join(sorted(g.name for g in obj.groups.all()))


class ChildTeamInline(admin.TabularInline):
    model = Team
    fk_name = "parent"
    fields = ["name", "code", "kind", "is_active"]
    extra = 0
    show_change_link = True


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active", "parent"]
    search_fields = ["name", "code"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    inlines = [ChildTeamInline]


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the log is evidence, so nobody edits or deletes it here."""

    list_display = ["at", "user", "action", "record_type", "record_id", "path"]
    list_filter = ["action", "record_type", ("at", admin.DateFieldListFilter)]
    search_fields = ["user__email", "record_id", "path"]
    list_select_related = ["user"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RetentionRun)
class RetentionRunAdmin(admin.ModelAdmin):
    """Read-only: each night's retention runs, so an auditor can see the rules were applied."""

    list_display = ["started_at", "rule", "cutoff", "removed", "finished_at"]
    list_filter = ["rule", ("started_at", admin.DateFieldListFilter)]
    date_hierarchy = "started_at"
    readonly_fields = ["rule", "started_at", "finished_at", "cutoff", "removed", "details"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
