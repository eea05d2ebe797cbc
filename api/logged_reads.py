"""A viewset mixin that writes one access-log entry per sensitive record a GET shows."""

from __future__ import annotations

from django.db.models import Model
from rest_framework.response import Response

from accounts.services import access_log_record


class LogsReadsMixin:
    """List and detail responses log every record they show, with one bulk insert per request.

    `records_shown(rows)` says which records a page of rows reveals (the rows themselves by default).
    A refused or failed read logs nothing: the log is written only once the response is built.
    """

    def records_shown(self, rows: list[Model]) -> list[Model]:
        return rows

    def log_reads(self, rows: list[Model]) -> None:
        records = self.records_shown(rows)
        if records:
            request = self.request  # type: ignore[attr-defined]
            access_log_record(user=request.user, records=records, action="read", path=request.path)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())  # type: ignore[attr-defined]
        page = self.paginate_queryset(queryset)  # type: ignore[attr-defined]
        rows = list(queryset if page is None else page)
        data = self.get_serializer(rows, many=True).data  # type: ignore[attr-defined]
        self.log_reads(rows)
        return Response(data) if page is None else self.get_paginated_response(data)  # type: ignore[attr-defined]

    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()  # type: ignore[attr-defined]
        data = self.get_serializer(obj).data  # type: ignore[attr-defined]
        self.log_reads([obj])
        return Response(data)
