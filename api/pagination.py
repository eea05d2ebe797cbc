"""Page-number pagination: 50 a page by default, 500 at most, and 400 for a malformed page."""

from __future__ import annotations

import re

from rest_framework import pagination
from rest_framework.exceptions import ValidationError

# ASCII digits only: str.isdigit() also accepts superscripts and other scripts' digits ("²"), which
# int() then refuses. Nine digits at most, so int() never meets a number too long to convert.
_WHOLE_NUMBER = re.compile(r"[0-9]+")
LARGEST_PAGE = 999_999_999


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def _positive_int(self, request, name: str) -> None:
        raw = request.query_params.get(name)
        if raw is None:
            return
        if not _WHOLE_NUMBER.fullmatch(raw) or not raw.strip("0"):
            raise ValidationError({name: ["Must be a whole number of 1 or more."]})
        if len(raw.lstrip("0")) > len(str(LARGEST_PAGE)):
            raise ValidationError({name: [f"Must be {LARGEST_PAGE} or less."]})

    def paginate_queryset(self, queryset, request, view=None):
        self._positive_int(request, self.page_query_param)
        self._positive_int(request, self.page_size_query_param)
        raw_size = request.query_params.get(self.page_size_query_param)
        if raw_size is not None and int(raw_size) > self.max_page_size:
            raise ValidationError({self.page_size_query_param: [f"Must be {self.max_page_size} or less."]})
        return super().paginate_queryset(queryset, request, view)
