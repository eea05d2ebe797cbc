"""Fixtures for the reminder tests: the test-only rule, registered alone for one test."""

from __future__ import annotations

import pytest

from tests.reminders.helpers import ScriptedRule, register_scripted_rule


@pytest.fixture
def scripted_rule(monkeypatch) -> ScriptedRule:
    return register_scripted_rule(monkeypatch)
