"""Back office for the outbox: what is planned, sent, and failed with its error."""

from django.contrib import admin

from reminders.models import Reminder, ReminderPreference


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = [
        "due_at",
        "rule",
        "recipient_email",
        "occasion",
        "state",
        "attempts",
        "sent_at",
        "short_error",
    ]
    list_filter = ["state", "rule", "digest", ("due_at", admin.DateFieldListFilter)]
    search_fields = ["recipient_email", "subject_id", "last_error"]
    date_hierarchy = "due_at"
    readonly_fields = [f.name for f in Reminder._meta.fields]
    list_select_related = ["recipient_user"]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="Last error")
    def short_error(self, obj: Reminder) -> str:
        return obj.last_error[:80]

    @admin.action(description="Try the selected failed reminders again")
    def retry(self, request, queryset):
        count = queryset.filter(state=Reminder.State.FAILED).update(
            state=Reminder.State.PLANNED, attempts=0, next_attempt_at=None, last_error=""
        )
        self.message_user(request, f"{count} reminder(s) will be sent again.")


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "mode"]
    list_filter = ["mode"]
    search_fields = ["user__email"]
    list_select_related = ["user"]
