"""Users, the trust's team tree, roles, and the one place that decides who may see what."""
