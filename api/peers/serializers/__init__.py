"""Peers API serializers, one module per area."""
