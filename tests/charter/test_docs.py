"""docs/indicators.md keeps up with the indicators: a heading, key and formula for every one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from charter.models import Indicator

DOC = Path(__file__).resolve().parents[2] / "docs" / "indicators.md"


@pytest.mark.django_db
def test_every_indicator_has_its_own_section_with_formula_source_and_why():
    text = DOC.read_text()
    sections = dict(re.findall(r"^### ([^\n]+)\n(.*?)(?=^### |\Z)", text, flags=re.M | re.S))
    indicators = list(Indicator.objects.all())
    assert len(indicators) == 18
    for indicator in indicators:
        assert indicator.name in sections, f"docs/indicators.md has no heading for {indicator.name}"
        body = sections[indicator.name]
        assert f"`{indicator.key}`" in body
        for part in ("**Formula:**", "**Source:**", "**Small numbers:**", "**Why"):
            assert part in body, f"{indicator.name}: no {part}"
        assert "**Numerator:**" in body or "**Count:**" in body or "**Numerator and denominator:**" in body
        assert f"**Target:** {indicator.target.normalize():f}" in body, indicator.key
