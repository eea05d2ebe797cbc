"""Recruitment pages. For now: what the home page shows HR."""
