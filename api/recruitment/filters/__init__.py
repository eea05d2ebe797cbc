"""Recruitment API filters, one module per area."""
