"""Shared serializer parts: every object carries id, url and display; nested objects are brief."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Model
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.reverse import reverse

from accounts.text_limits import text_limit, text_limit_message
from accounts.visibility import Action, restrict


class BriefRelatedField(serializers.PrimaryKeyRelatedField):
    """A related object read as {id, url, display} and written as its id.

    The one way a nested object is shown, so no resource needs a hand-written twin serializer.

    Written, it accepts only the rows of `queryset` that the requester may act on with `action`
    (`accounts.visibility.restrict`, "view" unless the field says otherwise): any other id is
    refused with the same message as an id that names nothing, so the answer cannot tell a
    hidden record from a missing one, and no view needs to check again. `action=None` accepts
    every row of `queryset`; a field that uses it says why.
    """

    def __init__(self, *, view_name: str, action: Action | None = "view", **kwargs: Any) -> None:
        self.view_name = view_name
        self.visibility_action = action
        super().__init__(**kwargs)
        # Plain words, the same for a record that does not exist and one the requester may not use.
        if self.queryset is not None:
            name = self.queryset.model._meta.verbose_name
            self.error_messages["does_not_exist"] = f"No {name} with id {{pk_value}}."
        self.error_messages["incorrect_type"] = "Give an id: a whole number."

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.visibility_action is None:
            return queryset
        request = self.context.get("request")
        if request is None:  # nobody to ask about: nothing is visible
            return queryset.none()
        return restrict(queryset, request.user, self.visibility_action)

    def to_internal_value(self, data: Any) -> Model:
        # An id is a whole number: 1.5, true or "1e3" would otherwise be cast to some row's id.
        whole = isinstance(data, int) and not isinstance(data, bool)
        if not whole and not (isinstance(data, str) and data.isascii() and data.isdigit()):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)

    def use_pk_only_optimization(self) -> bool:
        return False  # the display name needs the object

    def to_representation(self, value: Model) -> dict[str, Any]:
        request = self.context.get("request")
        return {
            "id": value.pk,
            "url": reverse(self.view_name, kwargs={"pk": value.pk}, request=request),
            "display": str(value),
        }


RELATED_COMPONENT = "Related"
RELATED_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Another record, in brief: its id, its address in this API, and its name.",
    "properties": {
        "id": {"type": "integer"},
        "url": {"type": "string", "format": "uri"},
        "display": {"type": "string"},
    },
    "required": ["id", "url", "display"],
}


class BriefRelatedFieldSchema(OpenApiSerializerFieldExtension):
    """The schema says what BriefRelatedField does: an id in requests, a `Related` in answers,
    and null in answers where the relation is optional (a claim not yet approved has no approver).

    One named component rather than an inline object: a client generator names an inline object
    after the field (`Activity.kind` becomes `ActivityKind`), which collides with real resources."""

    target_class = BriefRelatedField
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        if direction == "request":
            return {"type": "integer"}
        component = ResolvedComponent(
            name=RELATED_COMPONENT,
            type=ResolvedComponent.SCHEMA,
            object=RELATED_COMPONENT,
            schema=RELATED_SCHEMA,
        )
        auto_schema.registry.register_on_missing(component)
        if _model_field_is_nullable(self.target):
            return {"allOf": [component.ref], "nullable": True}
        return component.ref


class WrittenAndReadApart:
    """Mixin for a field written one way and read another (ids in, objects out): the field class
    sets `request_schema` and `response_schema`, each a schema dict or a serializer (instance, so
    `many=True` works), and the schema shows each direction as it is."""

    request_schema: ClassVar[dict[str, Any] | serializers.BaseSerializer]
    response_schema: ClassVar[dict[str, Any] | serializers.BaseSerializer]


class WrittenAndReadApartSchema(OpenApiSerializerFieldExtension):
    target_class = WrittenAndReadApart
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        spec = self.target.request_schema if direction == "request" else self.target.response_schema
        if isinstance(spec, dict):
            return dict(spec)
        return auto_schema._map_serializer_field(spec, direction)


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
    accounts.text_limits, in plain words naming it, unless the serializer set a max_length of its own."""

    def build_standard_field(self, field_name, model_field):
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)  # type: ignore[misc]
        if (
            isinstance(model_field, models.TextField)
            and issubclass(field_class, serializers.CharField)
            and not field_kwargs.get("read_only")
            and "max_length" not in field_kwargs
        ):
            field_kwargs["max_length"] = text_limit(model_field)
            field_kwargs["error_messages"] = {
                **field_kwargs.get("error_messages", {}),
                "max_length": text_limit_message(model_field),
            }
        return field_class, field_kwargs


class BaseModelSerializer(TextLimitsMixin, serializers.ModelSerializer):
    """Adds `url` and `display` to every resource; subclasses list them in Meta.fields."""

    # (Not in the docstring: a serializer with none of its own shows this one in the OpenAPI schema.)
    # `Meta.create_only_fields` names the fields given when a record is made and fixed after it (the
    # worker a record is about, the vacancy applied to). `for_update()` is the serializer PUT and
    # PATCH use: those fields are read-only there (sent, they are ignored), and a write-only one is
    # not there at all. It is a class of its own, `<Name>UpdateSerializer`, so the OpenAPI schema
    # shows the fields as required on create and absent from the update's request body.

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: DateTimeField,
        models.DateField: DateField,
    }
    display = serializers.SerializerMethodField()
    # True on the class for_update() makes: the fields in Meta.create_only_fields are fixed.
    updating: ClassVar[bool] = False

    @classmethod
    def for_update(cls) -> type[BaseModelSerializer]:
        """This serializer as an update takes it: itself, unless Meta.create_only_fields names fields."""
        if cls.updating or not getattr(cls.Meta, "create_only_fields", ()):
            return cls
        variant = _UPDATE_VARIANTS.get(cls)
        if variant is None:
            resource = cls.__name__.removesuffix("Serializer")
            fixed = ", ".join(f"`{name}`" for name in cls.Meta.create_only_fields)
            doc = f"{resource} as PUT and PATCH take it: {fixed} cannot change once it is made."
            attrs = {"__module__": cls.__module__, "__doc__": doc, "updating": True}
            variant = type(f"{resource}UpdateSerializer", (cls,), attrs)
            _UPDATE_VARIANTS[cls] = variant
        return variant

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        if self.updating:
            for name in self.Meta.create_only_fields:
                if fields[name].write_only:  # nothing to show, and nothing more to take
                    del fields[name]
                else:
                    _fix_after_create(fields[name])
        return fields

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


_UPDATE_VARIANTS: dict[type[BaseModelSerializer], type[BaseModelSerializer]] = {}


def _fix_after_create(field: serializers.Field) -> None:
    """Make a writable field read-only, as if it had been declared so: shown, never taken."""
    field.read_only = True
    field.required = False
    field.default = empty
    if isinstance(field, serializers.ManyRelatedField):
        field = field.child_relation
    if isinstance(field, serializers.RelatedField):
        field.queryset = None
