"""API tests for the charter."""
