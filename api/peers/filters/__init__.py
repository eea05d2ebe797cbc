"""Peers API filters, one module per area."""
