"""Email backends for tests: one that always fails, like a mail server that is down."""

from __future__ import annotations

from django.core.mail.backends.base import BaseEmailBackend


class FailingBackend(BaseEmailBackend):
    """Refuses every message, as an unreachable mail server would."""

    error = "Connection refused by mail.test.example"

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(self.error)
