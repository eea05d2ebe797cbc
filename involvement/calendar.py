"""Calendar files (.ics) for activities: what the API and the pages both hand out.

Events carry times, place, description and access arrangements, never who else is coming.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from involvement.models import Activity

__all__ = ["activity_event", "calendar_file"]

PRODID = "-//Lived Experience//Involvement activities//EN"


def _uid_host() -> str:
    # From SITE_URL, not the request, so the same activity has the same UID however it is reached.
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def activity_event(activity: Activity, *, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"activity-{activity.pk}@{_uid_host()}")
    event.add("dtstamp", stamp)
    event.add("dtstart", activity.starts_at.astimezone(dt.UTC))
    event.add("dtend", activity.ends_at.astimezone(dt.UTC))
    event.add("summary", activity.title)
    location = activity.venue or activity.online_link
    if location:
        event.add("location", location)
    if activity.online_link:
        event.add("url", activity.online_link)
    parts = [activity.description.strip()]
    if activity.venue and activity.online_link:
        parts.append(f"Join online: {activity.online_link}")
    if activity.accessibility_arrangements.strip():
        parts.append(f"Accessibility arrangements: {activity.accessibility_arrangements.strip()}")
    description = "\n\n".join(part for part in parts if part)
    if description:
        event.add("description", description)
    if activity.status == Activity.Status.CANCELLED:
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    return event


def calendar_file(activities: Iterable[Activity], *, name: str | None = None) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for activity in activities:
        calendar.add_component(activity_event(activity, stamp=stamp))
    return calendar.to_ical()
