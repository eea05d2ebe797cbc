"""Back-office screens for the charter: its commitments, their indicators, and the snapshots (read only)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from charter import registry, services
from charter.models import Charter, Commitment, Indicator, Snapshot, SnapshotBreakdown


class CommitmentInline(admin.TabularInline):
    model = Commitment
    fields = ["number", "title", "description"]
    extra = 0


@admin.register(Charter)
class CharterAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "adopted_on", "is_current"]
    list_filter = ["is_current"]
    inlines = [CommitmentInline]


class IndicatorForm(forms.ModelForm):
    """Indicator.clean() checks the target's range; this adds that the key names a real metric."""

    class Meta:
        model = Indicator
        fields = [
            "commitment",
            "key",
            "name",
            "definition",
            "unit",
            "direction",
            "target",
            "amber_threshold",
            "owner",
            "order",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "key" in self.fields:
            # A key must name a registered metric: offer only those, not free text.
            registered = registry.keys()
            choices = [(key, key) for key in registered]
            self.fields["key"] = forms.ChoiceField(choices=choices, help_text=self.fields["key"].help_text)

    def clean(self):
        cleaned = super().clean()
        key, unit = cleaned.get("key") or self.instance.key, cleaned.get("unit") or self.instance.unit
        if key and unit:
            expected = registry.get(key).unit
            if unit != expected:
                # Disclosure control depends on the unit: a count is rounded, a share is divided.
                raise ValidationError({"unit": f"The metric {key} measures in {expected}; choose that."})
        return cleaned


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    form = IndicatorForm
    list_display = [
        "name",
        "commitment",
        "key",
        "unit",
        "direction",
        "target",
        "amber_threshold",
        "is_active",
    ]
    list_filter = ["unit", "direction", "commitment", "is_active"]
    list_select_related = ["commitment"]
    search_fields = ["name", "key", "definition"]
    ordering = ["commitment__number", "order", "id"]
    autocomplete_fields = ["owner"]

    def get_readonly_fields(self, request, obj=None):
        # These say what is measured and which way is better; changing them would rewrite the
        # meaning of every snapshot already stored.
        return ["key", "unit", "direction"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        # Target and threshold changes go through the service, which re-rates stored snapshots.
        editable = {
            name: form.cleaned_data[name] for name in form.changed_data if name in services.INDICATOR_EDITABLE
        }
        others = [name for name in form.changed_data if name not in editable]
        if others:
            obj.save(update_fields=others)
        services.indicator_update(indicator=obj, by=request.user, **editable)


class BreakdownInline(admin.TabularInline):
    model = SnapshotBreakdown
    fields = ["directorate", "numerator", "denominator", "value"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    """Snapshots are computed (nightly and on demand) from live data; nobody types a figure in."""

    list_display = [
        "indicator",
        "period",
        "period_type",
        "value",
        "numerator",
        "denominator",
        "rag",
        "computed_at",
    ]
    list_filter = ["period_type", "period", "rag", "indicator"]
    list_select_related = ["indicator"]
    search_fields = ["indicator__name", "period"]
    inlines = [BreakdownInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
