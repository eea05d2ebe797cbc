"""Calendar files (.ics): one activity, and a feed of the activities someone leads or has a place at.

Events carry times, place, description and access arrangements, never who else is coming.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from icalendar import Calendar, Event
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.views import APIView

from accounts.visibility import restrict
from involvement import selectors
from involvement.models import Activity

PRODID = "-//Lived Experience//Involvement activities//EN"


class ICalendarRenderer(BaseRenderer):
    """Lets a calendar client ask for text/calendar; the view writes the file itself."""

    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return JSONRenderer().render(data) if isinstance(data, dict | list) else data


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


def _ics_response(body: bytes, filename: str, disposition: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


class ActivityCalendarView(APIView):
    """One activity as a calendar file, for anyone who may see the activity."""

    renderer_classes = [JSONRenderer, ICalendarRenderer]

    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.STR})
    def get(self, request, pk: int):
        activity = restrict(Activity.objects.all(), request.user).filter(pk=pk).first()
        if activity is None:
            raise Http404
        return _ics_response(calendar_file([activity]), f"activity-{activity.pk}.ics", "attachment")


class MyCalendarView(APIView):
    """The signed-in person's feed: activities they lead or have a place at (cancelled ones drop out)."""

    renderer_classes = [JSONRenderer, ICalendarRenderer]

    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.STR})
    def get(self, request):
        activities = selectors.activities_for_calendar(user=request.user)
        return _ics_response(
            calendar_file(activities, name="My involvement activities"), "involvement.ics", "inline"
        )
