"""REST endpoints for authentication, the current user, users and teams."""
