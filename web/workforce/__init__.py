"""HR's peer workforce pages: the list, a worker's employment and level history, leavers."""
