"""The REST layer: one sub-package per domain app, the v1 router, and the shared DRF parts."""
