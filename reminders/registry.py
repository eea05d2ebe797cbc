"""The rule registry: each domain app's reminders.py registers its rules here.

A rule is asked, with the time now, for what is due; it answers with `Due` items built from
set-based queries (one query per rule, however many subjects). This module knows no domain app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Due:
    """One reminder a rule says is owed."""

    subject_type: str
    subject_id: str | int
    recipient_email: str
    occasion: str
    due_at: datetime
    subject_line: str
    body: str
    link: str = ""
    recipient_user_id: int | None = None
    # Who the recipient is to the rule when not (only) a login, e.g. ("participant", entry id).
    recipient_type: str = ""
    recipient_id: str | int = ""


@dataclass(frozen=True)
class Rule:
    name: str
    who: str  # who is reminded, in words, for the docs and the admin
    when: str  # when, in words
    due: Callable[[datetime], Iterable[Due]]


_rules: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    if rule.name in _rules and _rules[rule.name] is not rule:
        raise ValueError(f"Two reminder rules are called {rule.name!r}.")
    _rules[rule.name] = rule
    return rule


def rules() -> list[Rule]:
    return sorted(_rules.values(), key=lambda r: r.name)


def get(name: str) -> Rule:
    return _rules[name]
