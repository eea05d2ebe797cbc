"""Celery tasks for accounts: thin wrappers round services, safe to run twice."""

from celery import shared_task

from accounts import services


@shared_task(name="accounts.tasks.expired_tokens_purge")
def expired_tokens_purge() -> int:
    return services.expired_tokens_purge()
