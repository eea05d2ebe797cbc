"""HR's peer workforce pages."""
