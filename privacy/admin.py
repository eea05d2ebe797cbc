"""Back-office screen for erasures: read only, the proof that each request was carried out."""

from django.contrib import admin

from privacy.models import Erasure


@admin.register(Erasure)
class ErasureAdmin(admin.ModelAdmin):
    list_display = ["erased_at", "subject", "subject_id", "erased_by", "reason"]
    list_filter = ["subject", ("erased_at", admin.DateFieldListFilter)]
    search_fields = ["subject_id", "reason"]
    list_select_related = ["erased_by"]
    date_hierarchy = "erased_at"
    readonly_fields = ["subject", "subject_id", "reason", "erased_at", "erased_by", "counts"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
