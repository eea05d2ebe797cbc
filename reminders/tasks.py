"""Celery tasks for reminders: plan from the rules, send what is due. Both safe to repeat.

Reminders days ahead live as rows in the database, never as delayed messages in the broker: the
only messages are "send what is due now", and the beat sends one every minute anyway.
"""

import logging

from celery import shared_task
from django.db import transaction

from reminders import services

logger = logging.getLogger(__name__)


@shared_task(name="reminders.tasks.send_due", acks_late=True)
def send_due() -> int:
    return services.reminders_send_due()


def _send_soon() -> None:
    """Ask a worker to send now. If the broker is down, say so and carry on: the rows are saved,
    and the next send_due (the beat's, once the broker is back) sends them."""
    try:
        # Few, quick retries: a broker that is down should not hold up planning.
        send_due.apply_async(
            retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
        )
    except Exception as exc:
        logger.warning("reminders planned but send_due not queued (broker unavailable?): %s", exc)


@shared_task(name="reminders.tasks.plan")
def plan() -> int:
    created = services.reminders_plan()
    if created:
        # Send what became due straight away rather than at the next beat; only once committed,
        # so a rolled-back plan sends nothing.
        transaction.on_commit(_send_soon)
    return created
