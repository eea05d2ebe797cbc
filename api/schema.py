"""OpenAPI schema post-processing: every operation documents the error answers it can give.

Any operation may answer in the one error shape (api/exceptions.py): 400 for input it refuses,
401 without a valid token, 403 for a role that may not, 404 for a row that is not there or not
visible, 409 for a write that conflicts with a record's state, 413 for a body past the size limit,
415 for a body that is not JSON, 429 past a rate limit. Listing them
once here keeps the schema honest without a decorator on every view; a view that documents one
of these codes itself keeps its own description.
"""

from __future__ import annotations

import inspect
from typing import Any

from drf_spectacular import openapi

ERROR_COMPONENT = "Error"
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Every 4xx and 5xx answer has this shape.",
    "properties": {
        "detail": {"type": "string", "description": "One readable sentence naming the first problem."},
        "errors": {
            "type": "object",
            "description": "Each field (or query parameter) at fault, with its messages; "
            "`non_field_errors` for the request as a whole.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["detail", "errors"],
}
DESCRIPTIONS = {
    "400": "The input is not valid: `errors` names each field at fault.",
    "401": "Not signed in, or the token has expired.",
    "403": "Signed in, but this role may not do this.",
    "404": "No such record, or not one you may see.",
    "409": "Conflicts with the record's current state.",
    "413": "The request body is larger than the API accepts.",
    "415": "The body is not JSON.",
    "429": "Too many requests: wait and try again.",
}
WRITE_METHODS = {"post", "put", "patch", "delete"}


def _is_public(operation: dict[str, Any]) -> bool:
    security = operation.get("security")
    return security is not None and (security == [] or {} in security)


def error_responses(result: dict[str, Any], generator, request, public) -> dict[str, Any]:
    """drf-spectacular POSTPROCESSING_HOOKS entry."""
    result.setdefault("components", {}).setdefault("schemas", {})[ERROR_COMPONENT] = ERROR_SCHEMA
    body = {"application/json": {"schema": {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}}}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = ["400", "404", "429"]
            if not _is_public(operation):
                codes += ["401", "403"]
            if method in WRITE_METHODS:
                codes.append("409")
            if "requestBody" in operation:
                codes += ["413", "415"]
            for code in sorted(codes):
                operation["responses"].setdefault(code, {"content": body, "description": DESCRIPTIONS[code]})
    return result


def own_doc(cls: type) -> str:
    """A class's own docstring, never one inherited from a base class (those are notes for whoever
    writes the next view or serializer, not for a user of the API)."""
    return inspect.cleandoc(cls.__dict__.get("__doc__") or "")


class AutoSchema(openapi.AutoSchema):
    """Descriptions come from the view's or serializer's own docstring, or the action's."""

    def get_description(self) -> str:  # type: ignore[override]
        action = getattr(self.view, getattr(self.view, "action", None) or self.method.lower(), None)
        action_doc = inspect.getdoc(action) if action is not None and not inspect.isclass(action) else ""
        return (action_doc or own_doc(type(self.view))).strip()

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        description = own_doc(serializer if inspect.isclass(serializer) else type(serializer))
        if description:
            schema["description"] = description
        else:
            schema.pop("description", None)
        return schema
