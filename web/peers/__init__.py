"""Peer workforce pages. For now: what the home page shows peer workers, supervisors and managers."""
