"""Filtering that refuses what it does not understand, so a typo never returns everything."""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

# Query parameters every list understands besides its filters.
GENERAL_PARAMS = frozenset({"page", "page_size", "ordering", "format"})


class StrictDjangoFilterBackend(DjangoFilterBackend):
    """django-filter, plus a 400 naming any query parameter the endpoint does not know."""

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", None) == "list" or getattr(view, "strict_query_params", False):
            known = set(GENERAL_PARAMS) | set(getattr(view, "extra_query_params", ()))
            filterset_class = self.get_filterset_class(view, queryset)
            if filterset_class is not None:
                known |= set(filterset_class.base_filters)
            unknown = sorted(set(request.query_params) - known)
            if unknown:
                raise ValidationError(
                    {name: ["Unknown query parameter for this endpoint."] for name in unknown}
                )
        return super().filter_queryset(request, queryset, view)
