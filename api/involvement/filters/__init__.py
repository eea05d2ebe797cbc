"""Involvement API filters, one module per area."""
