"""Celery tasks for recruitment: thin, idempotent."""

from celery import shared_task

from recruitment import services


@shared_task(name="recruitment.tasks.vacancies_close_due")
def vacancies_close_due() -> int:
    """Close open vacancies whose closing time has passed (beat runs this every few minutes)."""
    return services.vacancies_close_due()
