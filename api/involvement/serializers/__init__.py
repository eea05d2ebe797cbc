"""Involvement API serializers, one module per area."""
