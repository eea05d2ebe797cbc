"""A person's own data: the subject access download."""
