"""Security tests: the authorization matrix over every endpoint and role, and the API fuzzing."""
