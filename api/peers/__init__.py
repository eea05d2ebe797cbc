"""REST endpoints for the peer workforce."""
