"""Renderers for the endpoints that answer with a file (CSV, calendar) instead of JSON.

The view writes the file itself and returns it as bytes; these renderers exist so a client may ask
for the file's type (`Accept: text/csv`, `?format=ics`). An error still comes out in the API's JSON
shape, and is labelled JSON: a client must never save a refusal as though it were the file.
"""

from __future__ import annotations

from rest_framework.renderers import BaseRenderer, JSONRenderer


class FileRenderer(BaseRenderer):
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict | list):
            response = (renderer_context or {}).get("response")
            if response is not None:
                response["Content-Type"] = "application/json"
            return JSONRenderer().render(data)
        return data


class CSVRenderer(FileRenderer):
    media_type = "text/csv"
    format = "csv"


class ICalendarRenderer(FileRenderer):
    media_type = "text/calendar"
    format = "ics"
