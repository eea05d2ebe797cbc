"""Celery tasks for privacy: thin wrappers round services, safe to run twice."""

from celery import shared_task

from privacy import services


@shared_task(name="privacy.tasks.unsuccessful_applicants_erase")
def unsuccessful_applicants_erase() -> int:
    """Erase applicants whose application ended unsuccessfully long enough ago; the run is recorded."""
    return services.unsuccessful_applicants_erase().removed
