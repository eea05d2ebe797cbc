"""Planning reminders from the rules, sending them once, dismissing and snoozing them."""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from itertools import islice

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.errors import DomainError
from accounts.models import User
from reminders import registry
from reminders.models import Reminder, ReminderPreference

logger = logging.getLogger(__name__)
State = Reminder.State

__all__ = [
    "preference_set",
    "reminder_dismiss",
    "reminder_snooze",
    "reminders_dismiss_about",
    "reminders_dismiss_for_recipient",
    "reminders_dismiss_linked",
    "reminders_plan",
    "reminders_send_due",
]


class ReminderError(DomainError):
    """A rule about reminders said no."""


def _batches(items: Iterable[registry.Due], size: int) -> Iterator[list[registry.Due]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _next_digest_time(moment: datetime) -> datetime:
    """The first digest hour on or after `moment`, in the trust's local time."""
    local = timezone.localtime(moment)
    slot = local.replace(hour=settings.REMINDERS_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    return slot if slot >= local else slot + timedelta(days=1)


def reminders_plan(*, now: datetime | None = None, batch_size: int | None = None) -> int:
    """Ask every rule what is due and insert it. Repeating it, or two at once, adds nothing.

    Returns how many reminders are new. The unique key does the deduplication in the database,
    so no read-then-write race can make a second copy.
    """
    now = now or timezone.now()
    batch_size = batch_size or settings.REMINDERS_PLAN_BATCH_SIZE
    digest_users = set(
        ReminderPreference.objects.filter(mode=ReminderPreference.Mode.DIGEST).values_list(
            "user_id", flat=True
        )
    )
    before = Reminder.objects.count()
    for rule in registry.rules():
        for batch in _batches(rule.due(now), batch_size):
            rows = []
            for due in batch:
                digest = due.recipient_user_id in digest_users
                rows.append(
                    Reminder(
                        rule=rule.name,
                        subject_type=due.subject_type,
                        subject_id=str(due.subject_id),
                        recipient_email=due.recipient_email.lower(),
                        recipient_user_id=due.recipient_user_id,
                        recipient_type=due.recipient_type,
                        recipient_id=str(due.recipient_id),
                        occasion=due.occasion,
                        due_at=_next_digest_time(due.due_at) if digest else due.due_at,
                        digest=digest,
                        subject_line=due.subject_line[:200],
                        body=due.body,
                        link=due.link[:500],
                    )
                )
            # One order for every planner: two planners inserting the same keys in different orders
            # can deadlock on each other's uncommitted rows; in key order they only wait.
            rows.sort(
                key=lambda r: (
                    r.rule,
                    r.subject_type,
                    r.subject_id,
                    r.recipient_email,
                    r.recipient_type,
                    r.recipient_id,
                    r.occasion,
                )
            )
            Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    return Reminder.objects.count() - before


def _claim(now: datetime, limit: int) -> list[Reminder]:
    """Take due rows for this sender: rows another sender holds are skipped, not waited for.

    A claim is a lease: if the sender dies mid-send, the row is taken again once it expires.
    """
    ready = Q(state=State.PLANNED, due_at__lte=now) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    abandoned = Q(state=State.SENDING, claimed_until__lt=now)
    with transaction.atomic():
        rows = list(
            Reminder.objects.select_for_update(skip_locked=True)
            .filter(ready | abandoned)
            .order_by("due_at", "id")[:limit]
        )
        lease = now + timedelta(seconds=settings.REMINDERS_CLAIM_LEASE_SECONDS)
        Reminder.objects.filter(pk__in=[r.pk for r in rows]).update(state=State.SENDING, claimed_until=lease)
    return rows


def _message(rows: list[Reminder]) -> EmailMessage:
    site = settings.SITE_URL.rstrip("/")
    if len(rows) == 1 and not rows[0].digest:
        row = rows[0]
        body = row.body
        if row.link:
            body += f"\n\nOpen it here: {site}{row.link}"
        subject = row.subject_line
    else:
        parts = []
        for row in rows:
            part = f"- {row.body}"
            if row.link:
                part += f"\n  {site}{row.link}"
            parts.append(part)
        subject = f"Your reminders for today ({len(rows)})"
        body = "Here is what needs your attention today.\n\n" + "\n\n".join(parts)
    body += "\n\nYou can choose one email a day instead of one per reminder in your settings."
    return EmailMessage(subject=subject, body=body, to=[rows[0].recipient_email])


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=settings.REMINDERS_RETRY_BASE_SECONDS * (2 ** (attempts - 1)))


def reminders_send_due(*, now: datetime | None = None, limit: int = 200) -> int:
    """Send what is due, once: claim, send, mark sent. Failures are retried with backoff."""
    now = now or timezone.now()
    rows = _claim(now, limit)
    if rows and settings.REMINDERS_TEST_SEND_DELAY_SECONDS > 0:
        # Tests only: hold the claim open so a test can kill this sender between claim and send.
        time.sleep(settings.REMINDERS_TEST_SEND_DELAY_SECONDS)
    groups: dict[tuple[str, bool], list[Reminder]] = defaultdict(list)
    for row in rows:
        # Digest rows for one person go in one email; the rest one email each.
        key = (row.recipient_email, True) if row.digest else (f"{row.recipient_email}#{row.pk}", False)
        groups[key].append(row)
    sent = 0
    connection = get_connection()
    for group in groups.values():
        ids = [r.pk for r in group]
        try:
            if not connection.send_messages([_message(group)]):
                raise RuntimeError("The mail server accepted no message.")
        except Exception as exc:
            logger.warning("reminder send failed for %s: %s", ids, exc)
            for row in group:
                attempts = row.attempts + 1
                failed = attempts >= settings.REMINDERS_MAX_ATTEMPTS
                Reminder.objects.filter(pk=row.pk, state=State.SENDING).update(
                    attempts=attempts,
                    last_error=str(exc)[:2000],
                    state=State.FAILED if failed else State.PLANNED,
                    next_attempt_at=None if failed else now + _backoff(attempts),
                    claimed_until=None,
                )
            continue
        sent += Reminder.objects.filter(pk__in=ids, state=State.SENDING).update(
            state=State.SENT, sent_at=timezone.now(), claimed_until=None, attempts=group[0].attempts + 1
        )
    return sent


@transaction.atomic
def reminder_dismiss(*, reminder: Reminder, by: User) -> Reminder:
    if reminder.state not in (State.PLANNED, State.FAILED):
        raise ReminderError(f"This reminder is {reminder.get_state_display().lower()}.", field="state")
    reminder.state = State.DISMISSED
    reminder.save(update_fields=["state"])
    return reminder


@transaction.atomic
def reminder_snooze(*, reminder: Reminder, until: datetime, by: User) -> Reminder:
    now = timezone.now()
    if reminder.state not in (State.PLANNED, State.SENT, State.FAILED):
        raise ReminderError(f"This reminder is {reminder.get_state_display().lower()}.", field="state")
    if until <= now:
        raise ReminderError("Snooze to a time in the future.", field="until")
    if until > now + timedelta(days=settings.REMINDERS_MAX_SNOOZE_DAYS):
        raise ReminderError(f"Snooze for {settings.REMINDERS_MAX_SNOOZE_DAYS} days at most.", field="until")
    reminder.state = State.PLANNED
    reminder.due_at = until
    reminder.attempts = 0
    reminder.next_attempt_at = None
    reminder.save(update_fields=["state", "due_at", "attempts", "next_attempt_at"])
    return reminder


def reminders_dismiss_for_recipient(*, email: str, rule_prefixes: Iterable[str] | None = None) -> int:
    """Stop what is not yet sent to this address at once.

    Only for an address the system itself controls: a person's own reminders are stopped through
    the record they were planned for (`reminders_dismiss_linked`), since anyone may type another's
    address on a record they keep.
    """
    rows = Reminder.objects.filter(recipient_email=email.lower())
    return _dismiss_unsent(rows, rule_prefixes)


def reminders_dismiss_linked(
    *,
    recipient_type: str,
    recipient_id: str | int,
    rule_prefixes: Iterable[str] | None = None,
    except_to: str | None = None,
) -> int:
    """Stop what is not yet sent to the person a rule reached through this record (e.g. a register entry).

    The stored link, not the address, says whose a reminder is: a person may type anyone's address
    on a record they keep themselves. `except_to` spares the rows going to that address (the record's
    current one), for when only an address the person has left should stop.
    """
    if not recipient_type or recipient_id in ("", None):
        raise ValueError("A reminder link needs both a type and an id.")
    rows = Reminder.objects.filter(recipient_type=recipient_type, recipient_id=str(recipient_id))
    if except_to is not None:
        rows = rows.exclude(recipient_email=except_to.lower())
    return _dismiss_unsent(rows, rule_prefixes)


def reminders_dismiss_about(*, rules: Iterable[str], subject_type: str, subject_id: str | int) -> int:
    """Stop what these rules planned about one subject and has not been sent (a task done, say),
    to whoever it was for.

    Named rules, not every reminder about the subject: subjects are named by each app, and another
    app's rule may use the same name for something else. (Rule and subject lead the unique key, so
    this is an index lookup however large the outbox grows.)
    """
    if not subject_type or subject_id in ("", None):
        raise ValueError("A subject needs both a type and an id.")
    rows = Reminder.objects.filter(
        rule__in=list(rules), subject_type=subject_type, subject_id=str(subject_id)
    )
    return _dismiss_unsent(rows, None)


def _dismiss_unsent(rows: QuerySet[Reminder], rule_prefixes: Iterable[str] | None) -> int:
    """Dismiss the rows not yet sent.

    `rule_prefixes` narrows it to the caller's own rules, so withdrawing consent to involvement
    contact does not silence a peer worker's supervision reminders. Rows a sender holds right now
    are dismissed too: its final update only marks rows still being sent, and a dead sender's
    row is never picked up again.
    """
    rows = rows.filter(state__in=[State.PLANNED, State.FAILED, State.SENDING])
    if rule_prefixes is not None:
        matches = Q(pk__in=[])
        for prefix in rule_prefixes:
            matches |= Q(rule__startswith=prefix)
        rows = rows.filter(matches)
    return rows.update(state=State.DISMISSED)


@transaction.atomic
def preference_set(*, user: User, mode: str) -> ReminderPreference:
    if mode not in ReminderPreference.Mode.values:
        raise ReminderError("Choose immediate or digest.", field="mode")
    preference, _ = ReminderPreference.objects.update_or_create(user=user, defaults={"mode": mode})
    # Reminders already planned follow the new choice.
    pending = Reminder.objects.filter(recipient_user=user, state=State.PLANNED)
    if mode == ReminderPreference.Mode.DIGEST:
        for row in pending.filter(digest=False):
            row.digest, row.due_at = True, _next_digest_time(row.due_at)
            row.save(update_fields=["digest", "due_at"])
    else:
        pending.update(digest=False)
    return preference
