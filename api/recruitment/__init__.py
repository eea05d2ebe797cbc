"""REST endpoints for recruitment."""
