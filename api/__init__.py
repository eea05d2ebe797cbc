"""The REST layer: one sub-package per domain app, each with its urls.py; the v1 root; shared DRF parts."""
