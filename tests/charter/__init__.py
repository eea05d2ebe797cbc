"""Tests of the charter: metrics, periods, snapshots, disclosure, admin and the API dashboard cost."""
