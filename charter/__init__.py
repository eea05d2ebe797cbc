"""The Lived Experience Charter: commitments, indicators from live data, snapshots, the board dashboard."""
