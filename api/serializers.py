"""Shared serializer parts: every object carries id, url and display; nested objects are brief."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Model
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers
from rest_framework.reverse import reverse

from accounts.text_limits import text_limit


class BriefRelatedField(serializers.PrimaryKeyRelatedField):
    """A related object read as {id, url, display} and written as its id.

    The one way a nested object is shown, so no resource needs a hand-written twin serializer.
    """

    def __init__(self, *, view_name: str, **kwargs: Any) -> None:
        self.view_name = view_name
        super().__init__(**kwargs)

    def use_pk_only_optimization(self) -> bool:
        return False  # the display name needs the object

    def to_representation(self, value: Model) -> dict[str, Any]:
        request = self.context.get("request")
        return {
            "id": value.pk,
            "url": reverse(self.view_name, kwargs={"pk": value.pk}, request=request),
            "display": str(value),
        }


class BriefRelatedFieldSchema(OpenApiSerializerFieldExtension):
    """The schema says what BriefRelatedField does: an id in requests, {id, url, display} in answers,
    and null in answers where the relation is optional (a claim not yet approved has no approver)."""

    target_class = BriefRelatedField
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            return {"type": "integer"}
        schema: dict[str, Any] = {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "url": {"type": "string", "format": "uri"},
                "display": {"type": "string"},
            },
            "required": ["id", "url", "display"],
        }
        if _model_field_is_nullable(self.target):
            schema["nullable"] = True
        return schema


def _model_field_is_nullable(field: serializers.Field) -> bool:
    """Whether the model field behind a serializer field may be empty (null), e.g. a read-only approver."""
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or not field.source or "." in field.source:
        return False
    try:
        return bool(model._meta.get_field(field.source).null)
    except FieldDoesNotExist:  # a property or an annotation: its own allow_null decides
        return False


class DateTimeField(serializers.DateTimeField):
    """A moment between 1900 and 2199. Nothing here happens outside that span, and earlier local times
    carry offsets in seconds (London mean time, -00:01:15) that no client can read back."""

    default_error_messages = {
        **serializers.DateTimeField.default_error_messages,
        "out_of_range": "Enter a date and time between 1900 and 2199.",
    }

    def to_internal_value(self, value):
        moment = super().to_internal_value(value)
        if not 1900 <= moment.year < 2200:
            self.fail("out_of_range")
        return moment


class DateField(serializers.DateField):
    """A day between 1900 and 2199, like DateTimeField: nothing here happens outside that span, and
    arithmetic on a day near year 1 or 9999 (a period's next day, a year before) leaves the calendar."""

    default_error_messages = {
        **serializers.DateField.default_error_messages,
        "out_of_range": "Enter a date between 1900 and 2199.",
    }

    def to_internal_value(self, value):
        day = super().to_internal_value(value)
        if not 1900 <= day.year < 2200:
            self.fail("out_of_range")
        return day


class TextLimitsMixin:
    """For model serializers: each free-text (TextField) field refuses text past its limit in
    accounts.text_limits, unless the serializer set a max_length of its own."""

    def build_standard_field(self, field_name, model_field):
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)  # type: ignore[misc]
        if (
            isinstance(model_field, models.TextField)
            and issubclass(field_class, serializers.CharField)
            and not field_kwargs.get("read_only")
            and "max_length" not in field_kwargs
        ):
            field_kwargs["max_length"] = text_limit(model_field)
        return field_class, field_kwargs


class BaseModelSerializer(TextLimitsMixin, serializers.ModelSerializer):
    """Adds `url` and `display` to every resource; subclasses list them in Meta.fields."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: DateTimeField,
        models.DateField: DateField,
    }
    display = serializers.SerializerMethodField()

    def include_extra_kwargs(self, kwargs, extra_kwargs):
        allow_blank = kwargs.get("allow_blank")
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if allow_blank and kwargs.get("read_only") and "choices" in kwargs:
            # DRF drops allow_blank from read-only fields; keep it for choices, so the schema allows
            # the "" an unset choice holds (a worker who has not left has no leaving reason).
            kwargs["allow_blank"] = True
        return kwargs

    def get_display(self, obj: Model) -> str:
        return str(obj)
