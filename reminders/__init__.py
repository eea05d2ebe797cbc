"""Reminders: an outbox of emails planned from rules that each domain app registers."""
