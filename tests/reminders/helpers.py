"""A test-only reminder rule, and reading the mail a worker wrote to files.

The rule says exactly what the test tells it to, so these tests do not depend on any domain
app's rules. `scripted_rule` (see conftest.py) registers it alone for one test and restores the
real registry afterwards.
"""

from __future__ import annotations

import email
import random
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email.message import Message
from pathlib import Path

import pytest
from django.utils import timezone

from accounts.models import User
from reminders import registry

RULE_NAME = "test-only-rule"


@dataclass
class ScriptedRule:
    """A rule whose answer is the list `items`; optionally every planner meets at `barrier` first."""

    items: list[registry.Due] = field(default_factory=list)
    barrier: threading.Barrier | None = None
    shuffle: bool = False  # answer in a different order each time, as an unordered query may
    _counter: int = 0

    def due(self, now: datetime) -> Iterator[registry.Due]:
        items = list(self.items)
        if self.shuffle:
            random.shuffle(items)
        if self.barrier is not None:
            # Every planner has asked the rule before any of them inserts a row.
            self.barrier.wait(timeout=30)
        yield from items

    def add(
        self,
        user: User,
        *,
        due_at: datetime | None = None,
        occasion: str = "1d",
        subject_id: str | int | None = None,
    ) -> registry.Due:
        self._counter += 1
        number = subject_id if subject_id is not None else self._counter
        item = registry.Due(
            subject_type="test-thing",
            subject_id=number,
            recipient_email=user.email,
            recipient_user_id=user.pk,
            occasion=occasion,
            due_at=due_at or timezone.now(),
            subject_line=f"Test thing {number} needs you",
            body=f"Test thing {number} is due.",
            link=f"/things/{number}",
        )
        self.items.append(item)
        return item


def register_scripted_rule(monkeypatch: pytest.MonkeyPatch) -> ScriptedRule:
    """Make the scripted rule the only rule for this test; monkeypatch puts the real ones back."""
    scripted = ScriptedRule()
    monkeypatch.setattr(registry, "_rules", {})
    registry.register(registry.Rule(name=RULE_NAME, who="a test", when="when told", due=scripted.due))
    return scripted


def mail_in(folder: Path) -> list[Message]:
    """Every message Django's file-based backend wrote to `folder`."""
    messages = []
    for path in sorted(folder.glob("*.log")):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk))
    return messages
