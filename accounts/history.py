"""The change history in the back office: read only, and every look at a sensitive record's past logged.

Domain apps use `HistoryAdmin` as the base of the admin screens of models that hold personal data
(django-simple-history's `SimpleHistoryAdmin` with two rules of ours), so an admin can see who
changed what and when.
"""

from __future__ import annotations

from typing import ClassVar

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin

from accounts.services import access_log_record


class HistoryAdmin(SimpleHistoryAdmin):
    """History pages that show, never restore; optionally each page that shows content is logged.

    - `history_reads_logged`: the history list and an old version show a record's past content, so
      for sensitive records (wellbeing, adjustments, the register) each view is written to the access log.
    - `change_reads_logged`: the same for the record's own change page, for screens that do not
      already log it themselves.
    """

    history_reads_logged: ClassVar[bool] = False
    change_reads_logged: ClassVar[bool] = False

    def records_read(self, request: HttpRequest, object_id: str) -> list[Model]:
        """The sensitive records a page of this object shows: the object itself, unless a screen says more."""
        # The record may be deleted by now; its type and id are all the log needs.
        return [self.model(pk=object_id)]

    def _log_read(self, request: HttpRequest, object_id: str, response: HttpResponse, action: str) -> None:
        if response.status_code != 200 or not getattr(request.user, "is_authenticated", False):
            return
        records = self.records_read(request, unquote(object_id))
        if records:
            access_log_record(user=request.user, records=records, action=action, path=request.path)

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if self.history_reads_logged:
            self._log_read(request, object_id, response, "history")
        return response

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Putting an old version back would write around the services' rules (and around change
        # permissions, which this view does not check on POST); the history is evidence, read only.
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if self.history_reads_logged:
            self._log_read(request, object_id, response, "history")
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if self.change_reads_logged and request.method == "GET":
            self._log_read(request, object_id, response, "read")
        return response
