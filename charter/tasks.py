"""Celery tasks for the charter: the nightly recompute of snapshots (idempotent)."""

from celery import shared_task

from charter import services


@shared_task(name="charter.tasks.snapshots_compute_recent", time_limit=1800, soft_time_limit=1700)
def snapshots_compute_recent() -> int:
    return services.snapshots_compute_recent()
