"""Shared serializer parts: every object carries id, url and display; nested objects are brief."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse


@extend_schema_field(
    {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "url": {"type": "string", "format": "uri"},
            "display": {"type": "string"},
        },
        "required": ["id", "url", "display"],
    }
)
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


class BaseModelSerializer(serializers.ModelSerializer):
    """Adds `url` and `display` to every resource; subclasses list them in Meta.fields."""

    display = serializers.SerializerMethodField()

    def get_display(self, obj: Model) -> str:
        return str(obj)
