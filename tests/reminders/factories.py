"""A factory for reminder rows, as the planner would write them (synthetic data only)."""

from __future__ import annotations

import factory
from django.utils import timezone

from reminders.models import Reminder
from tests.factories import UserFactory


class ReminderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reminder

    rule = "test-only-rule"
    subject_type = "test-thing"
    subject_id = factory.Sequence(str)
    recipient_user = factory.SubFactory(UserFactory)
    recipient_email = factory.LazyAttribute(lambda o: o.recipient_user.email)
    occasion = "1d"
    due_at = factory.LazyFunction(timezone.now)
    subject_line = factory.LazyAttribute(lambda o: f"Test thing {o.subject_id} needs you")
    body = factory.LazyAttribute(lambda o: f"Test thing {o.subject_id} is due.")
    link = factory.LazyAttribute(lambda o: f"/things/{o.subject_id}")
