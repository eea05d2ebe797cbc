"""The reminder outbox, and how each person likes to be reminded."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Reminder(models.Model):
    """One email owed to one person, for one rule, subject and occasion: never two.

    The unique key (rule, subject, recipient, occasion) is what makes planning safe to repeat
    and to run twice at once: a second insert of the same reminder is ignored by the database.
    The recipient is the address and the record the rule reached them through: two register entries
    may carry one address, and one entry's reminder must not stand in for the other's.
    """

    class State(models.TextChoices):
        PLANNED = "planned", "Planned"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        DISMISSED = "dismissed", "Dismissed"

    rule = models.CharField(max_length=60)
    subject_type = models.CharField(max_length=60)
    subject_id = models.CharField(max_length=40)
    recipient_email = models.EmailField()
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    # The record the rule reached the person through when that is not (only) a login, e.g. a register
    # entry ("participant", its id): a person's reminders are found by this link, never by the address.
    recipient_type = models.CharField(max_length=60, blank=True)
    recipient_id = models.CharField(max_length=40, blank=True)
    occasion = models.CharField(max_length=40, help_text="Which of the rule's moments, e.g. 7d, 1d, overdue.")
    due_at = models.DateTimeField(db_index=True)
    digest = models.BooleanField(default=False, help_text="Goes out in the person's daily digest.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PLANNED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    subject_line = models.CharField(max_length=200)
    body = models.TextField()
    link = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "rule",
                    "subject_type",
                    "subject_id",
                    "recipient_email",
                    "recipient_type",
                    "recipient_id",
                    "occasion",
                ],
                name="reminder_once",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["recipient_user", "state"]),
            models.Index(fields=["recipient_type", "recipient_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.rule} to {self.recipient_email} ({self.get_state_display()})"


class ReminderPreference(models.Model):
    class Mode(models.TextChoices):
        IMMEDIATE = "immediate", "An email for each reminder"
        DIGEST = "digest", "One email a day with all my reminders"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.IMMEDIATE)

    def __str__(self) -> str:
        return f"{self.user}: {self.get_mode_display()}"
