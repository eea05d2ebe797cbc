"""How reminders word dates and lead times, and the moments they go out: shared by every app's rules."""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

__all__ = ["DAY", "at", "day", "days", "in_days", "morning", "start_of", "within"]

DAY = timedelta(days=1)


# --- moments ----------------------------------------------------------------------------------


def morning(on: date) -> datetime:
    """The trust's morning hour on `on`: reminders about a date go out then, not at midnight."""
    return timezone.make_aware(datetime.combine(on, time(hour=settings.REMINDERS_DIGEST_HOUR)))


def start_of(on: date) -> datetime:
    """Midnight at the start of `on`, in the trust's time zone: the lower bound of "that day"."""
    return timezone.make_aware(datetime.combine(on, time.min))


# --- words ------------------------------------------------------------------------------------


def day(on: date) -> str:
    """A date in words: "Tuesday 4 March 2031"."""
    return f"{on:%A} {on.day} {on:%B %Y}"


def at(moment: datetime) -> str:
    """A moment in the trust's time zone, in words: "Tuesday 4 March 2031 at 14:30"."""
    local = timezone.localtime(moment)
    return f"{day(local.date())} at {local:%H:%M}"


def in_days(count: int) -> str:
    """How far off a day is: "today", "tomorrow", "in 3 days"."""
    if count <= 0:
        return "today"
    return "tomorrow" if count == 1 else f"in {count} days"


def within(remaining: timedelta) -> str:
    """How soon a deadline is, in whole days rounded up: "within a day", "in 3 days"."""
    count = math.ceil(remaining / DAY)
    return "within a day" if count <= 1 else f"in {count} days"


def days(numbers: list[int]) -> str:
    """Lead times in words, for a rule's description: "7 days and 1 day"."""
    words = [f"{n} day" if n == 1 else f"{n} days" for n in sorted(set(numbers), reverse=True)]
    return " and ".join(words)
