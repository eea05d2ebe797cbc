"""Emptying the cache between tests without touching another test worker's keys."""

from __future__ import annotations

from django.core.cache import cache


def clear_cache() -> None:
    """Delete this worker's keys only: with pytest-xdist every worker shares one Redis database,
    and a plain clear() (FLUSHDB) would reset the other workers' throttle counters mid-test."""
    delete_pattern = getattr(cache, "delete_pattern", None)
    if delete_pattern is not None:
        delete_pattern("*")  # django-redis: only keys under this worker's KEY_PREFIX
    else:
        cache.clear()  # local memory: private to this process anyway
