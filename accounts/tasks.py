"""Celery tasks for accounts: thin wrappers round services, safe to run twice."""

from celery import shared_task

from accounts import services


@shared_task(name="accounts.tasks.expired_tokens_purge")
def expired_tokens_purge() -> int:
    return services.expired_tokens_purge()


@shared_task(name="accounts.tasks.retention_apply")
def retention_apply() -> int:
    """Delete access-log rows and superseded history past their retention; each rule's run is recorded."""
    from accounts import retention

    return sum(run.removed for run in retention.retention_apply())
