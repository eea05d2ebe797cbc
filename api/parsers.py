"""JSON request bodies with a limit on how deeply lists and objects may nest.

No request this API takes nests more than a few levels. A body nested thousands deep exhausts
Python's recursion limit inside the JSON decoder (a server error) and, below that limit, costs
every layer that walks it; it is refused with 400 instead, naming the field it sits in.
"""

from __future__ import annotations

import json
import re
from typing import Any

from rest_framework import parsers
from rest_framework.exceptions import ParseError

# api.exceptions.NON_FIELD. Not imported: DRF loads this parser (a setting) while api.exceptions is
# still importing DRF, so the import would be circular.
NON_FIELD = "non_field_errors"
MAX_JSON_DEPTH = 32
TOO_DEEP = f"Lists and objects are nested too deeply: at most {MAX_JSON_DEPTH} levels are accepted."

_SPACE = re.compile(r"[ \t\n\r]*")


def _too_deep_in(data: Any) -> str | None:
    """The top-level field holding lists or objects nested past MAX_JSON_DEPTH (NON_FIELD when the
    body itself is), or None. Walks with its own stack, so depth costs no recursion."""
    stack: list[tuple[Any, int, str]] = [(data, 1, NON_FIELD)]
    while stack:
        value, depth, field = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return field
        children = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in children:
            if isinstance(child, dict | list):
                name = str(key) if depth == 1 and isinstance(value, dict) else field
                stack.append((child, depth + 1, name))
    return None


def _field_too_deep_to_decode(text: str) -> str:
    """For a body the decoder gave up on: the top-level field whose value it could not decode.

    Reads the top-level object one member at a time with the decoder itself (fast, in C), so the
    value that exhausts the recursion limit is the one named. NON_FIELD for anything else.
    """
    decoder = json.JSONDecoder()
    index = _SPACE.match(text).end()
    if not text.startswith("{", index):
        return NON_FIELD
    index += 1
    try:
        while True:
            key, index = decoder.raw_decode(text, _SPACE.match(text, index).end())
            index = _SPACE.match(text, index).end()
            if not isinstance(key, str) or not text.startswith(":", index):
                return NON_FIELD
            try:
                _, index = decoder.raw_decode(text, _SPACE.match(text, index + 1).end())
            except RecursionError:
                return key
            index = _SPACE.match(text, index).end()
            if not text.startswith(",", index):
                return NON_FIELD
            index += 1
    except ValueError:
        return NON_FIELD


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing nesting deeper than MAX_JSON_DEPTH with a 400 naming the field."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            field = NON_FIELD
            if stream.seekable():
                stream.seek(0)
                encoding = (parser_context or {}).get("encoding") or "utf-8"
                field = _field_too_deep_to_decode(stream.read().decode(encoding, "replace"))
            raise ParseError({field: [TOO_DEEP]}) from None
        if isinstance(data, dict | list):
            field = _too_deep_in(data)
            if field is not None:
                raise ParseError({field: [TOO_DEEP]})
        return data
