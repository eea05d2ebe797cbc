"""The charter's API: the board dashboard and read-only commitments, indicators and snapshots."""
