"""Calendar files (.ics): one activity, and a feed of the activities someone leads or has a place at.

The files are built by `involvement.calendar`, which the pages use too.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from accounts.visibility import restrict
from api.renderers import ICalendarRenderer
from involvement import selectors
from involvement.calendar import calendar_file
from involvement.models import Activity


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
