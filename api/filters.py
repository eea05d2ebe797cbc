"""Filtering that refuses what it does not understand, so a typo never returns everything."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django_filters import filters as django_filters
from django_filters.constants import EMPTY_VALUES
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from accounts.visibility import restrict

# Query parameters every list understands besides its filters.
GENERAL_PARAMS = frozenset({"page", "page_size", "ordering", "format"})
# Ids and numbers beyond a 64-bit integer match no row; the database would fail on them instead.
LARGEST_ID = 2**63 - 1
NUMERIC_FILTERS = (
    django_filters.ModelChoiceFilter,
    django_filters.ModelMultipleChoiceFilter,
    django_filters.NumberFilter,
)


# Moments are compared in the database as given, offset and all: PostgreSQL refuses offsets past
# about 15 hours, and local times before 1900 carry odd historic offsets. No record lies outside these.
MOMENT_YEARS = range(1900, 2200)
LARGEST_OFFSET = timedelta(hours=14)
MOMENT_FILTERS = (django_filters.DateTimeFilter, django_filters.IsoDateTimeFilter)


def _number_error(value: str) -> str | None:
    try:
        number = int(value)
    except ValueError:
        return None  # not a whole number: the filter's own validation names it
    if abs(number) > LARGEST_ID:
        return f"Ensure this value is between {-LARGEST_ID} and {LARGEST_ID}."
    return None


def _moment_error(query_filter, value: str) -> str | None:
    try:
        moment = query_filter.field.clean(value)
    except DjangoValidationError:
        return None  # not a date and time: the filter's own validation names it
    if moment is None:
        return None
    offset = moment.utcoffset()
    if moment.year not in MOMENT_YEARS or (offset is not None and abs(offset) > LARGEST_OFFSET):
        return "Enter a date and time between 1900 and 2199, with a time zone offset of at most 14 hours."
    return None


def _refuse_out_of_range(request, filterset_class) -> None:
    """Values the filter's form accepts but the database would fail on: a 400 naming the parameter."""
    errors = {}
    for name, query_filter in filterset_class.base_filters.items():
        for value in request.query_params.getlist(name):
            if isinstance(query_filter, NUMERIC_FILTERS):
                message = _number_error(value)
            elif isinstance(query_filter, MOMENT_FILTERS):
                message = _moment_error(query_filter, value)
            else:
                break
            if message:
                errors[name] = [message]
    if errors:
        raise ValidationError(errors)


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    """A record's id, matched only among the rows the list already shows.

    A choice filter checks its id against the whole table, so a 400 for an id that names nothing
    tells a 200 for one that names someone apart. This one does not look: an id that names
    nothing and an id the requester may not see both simply match no rows. Not a whole number
    is still a 400 naming the parameter.
    """

    field_class = forms.IntegerField


@extend_schema_field(OpenApiTypes.INT)
class IdViaFilter(IdFilter):
    """An id held by another record the row points at (a worker's team), judged only by those you may see.

    `via` names the relation (or relations, any of which may match) from the list's rows to that
    record, and `field_name` the field on it. A row whose worker you may not see does not match on
    that worker's team, as if the team were not theirs: a filter tells nothing the rows do not show.
    Where the row shows the value itself, a plain IdFilter on the path is enough.
    """

    def __init__(self, *args, via: str | tuple[str, ...], **kwargs):
        self.via = (via,) if isinstance(via, str) else tuple(via)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        request = getattr(getattr(self, "parent", None), "request", None)
        user = getattr(request, "user", None)
        matches = Q(pk__in=[])
        for relation in self.via:
            related = qs.model._meta.get_field(relation).related_model
            seen = restrict(related.objects.filter(**{self.field_name: value}), user, "view")
            matches |= Q(**{f"{relation}__in": seen.values("pk")})
        return qs.filter(matches)


class IdListField(forms.Field):
    """One or more whole-number ids, from a query parameter given once per id."""

    widget = forms.SelectMultiple

    def to_python(self, value) -> list[int]:
        one_id = forms.IntegerField(required=False)  # each value read exactly as IdFilter reads one
        ids = []
        for item in value if isinstance(value, list | tuple) else [value]:
            number = one_id.clean(item)
            if number is None:
                continue
            message = _number_error(str(number))
            if message:
                raise DjangoValidationError(message, code="out_of_range")
            ids.append(number)
        return ids


@extend_schema_field(OpenApiTypes.INT)
class IdsFilter(django_filters.MultipleChoiceFilter):
    """Several records' ids, the parameter repeated (`?topic=3&topic=5`): rows matching any of them.

    The many-id twin of IdFilter: matched only among the rows the list already shows, never checked
    against the table, so an id that names nothing and one you may not see both match no rows.
    """

    field_class = IdListField


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
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            _refuse_out_of_range(request, filterset_class)
        return super().filter_queryset(request, queryset, view)


class StrictOrderingFilter(OrderingFilter):
    """`?ordering=` that names what it cannot sort by, instead of quietly ignoring it.

    A typo (`?ordering=titel`) used to give the default order with a 200, which a client reads as
    sorted. Now it is a 400 naming `ordering` and listing the fields this list sorts by.
    """

    def remove_invalid_fields(self, queryset, fields, view, request):
        valid = [item[0] for item in self.get_valid_fields(queryset, view, {"request": request})]
        unknown = [term for term in fields if term.removeprefix("-") not in valid]
        if unknown:
            choices = ", ".join(valid) if valid else "nothing: this list has a fixed order"
            raise ValidationError(
                {
                    "ordering": [
                        f"Cannot sort by {', '.join(unknown)}. Sort by {choices} (a leading - reverses)."
                    ]
                }
            )
        return list(fields)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        fields = getattr(view, "ordering_fields", None)
        if isinstance(fields, list | tuple) and fields:
            for parameter in parameters:
                parameter["schema"] = {
                    "type": "string",
                    "enum": [*fields, *(f"-{field}" for field in fields)],
                }
                parameter["description"] = "Sort by one field; a leading - reverses."
        return parameters
