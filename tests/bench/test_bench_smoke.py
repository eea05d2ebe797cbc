"""The benchmark's scripts work: seed a microscopic trust, measure it, and read back every figure's shape.

No timing is asserted (that is what `make bench` is for); what is asserted is that each
measurement ran against real rows, answered, and reported what the README table needs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import run  # noqa: E402
import seed  # noqa: E402

SCALE = 0.0005


@pytest.fixture
def seeded(db):
    written, _ = seed.run_seed(SCALE)
    return written


def test_seed_writes_every_table_at_its_scale(seeded):
    counts = seed.counts_for(SCALE)
    assert seeded["participants"] == counts["participants"] == 50
    assert seeded["activities"] == counts["activities"]
    assert seeded["participations"] == counts["participations"]
    assert seeded["peer_workers"] == counts["peer_workers"]
    assert seeded["applications"] == counts["applications"]
    assert seeded["supervision_sessions"] > 0 and seeded["training_records"] > 0
    assert seed.ours_or_empty()


def test_measurements_report_what_the_table_needs(seeded, tmp_path):
    dashboard = run.measure_dashboard(repeats=1)
    lists = run.measure_lists(repeats=1, sizes=(2, 5))
    reminders = run.measure_reminders(20, two_planners=False)

    assert [row["endpoint"] for row in lists] == [name for name, _, _ in run.ENDPOINTS]
    for row in lists:
        assert set(row["sizes"]) == {"2", "5"}
        for figures in row["sizes"].values():
            assert figures["ms"] > 0 and figures["floor_ms"] > 0 and figures["queries"] > 0
        assert row["queries_constant"], row  # more rows per page must not mean more queries
    participants = next(row for row in lists if row["endpoint"] == "involvement participants")
    assert participants["rows"] == 50

    assert dashboard["indicators"] == 18 and dashboard["quarters"] == 8
    assert dashboard["floor_statements"] > 0 and dashboard["cold_queries"] > dashboard["warm_queries"]
    assert dashboard["cold_ratio"] > 0

    assert reminders["subjects"] == 20 and reminders["planned"] == 20
    assert reminders["replan_added"] == 0

    result = {
        "environment": run.environment(),
        "scales": [{"scale": SCALE, "seed": {"total_rows": 1}, "lists": lists, "dashboard": dashboard}],
    }
    result["scales"][0]["reminders"] = reminders
    result["verdicts"] = run.verdicts(result)
    readme = tmp_path / "README.md"
    readme.write_text(f"# Bench\n\nbefore\n\n{run.TABLE_START}\nold\n{run.TABLE_END}\n\nafter\n")
    run.write_readme(result, readme)
    text = readme.read_text()
    assert "old" not in text and "before" in text and "after" in text
    assert "| involvement participations | 5 |" in text
    assert "dashboard at most 1.5x its raw SQL floor" in text
