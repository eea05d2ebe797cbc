"""One way to write a record's fields: refuse what may not be set, validate, save only what changed.

What a service may change is declared once, as a `TypedDict` (`ActivityChanges`, say), used both
in its signature (`**changes: Unpack[ActivityChanges]`) and here as the list of allowed fields, so
the type checker and the refusal can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from functools import cache
from typing import Any, TypeVar

from django.db import models

from accounts.errors import DomainError

__all__ = ["Fields", "apply_changes", "field_names", "refuse_unknown"]

ModelT = TypeVar("ModelT", bound=models.Model)
# A `TypedDict` class: its keys are the fields that may be written.
Fields = type[Mapping[str, object]]

SET = "{field} cannot be set here."
CHANGED = "{field} cannot be changed here."


@cache
def field_names(fields: Fields) -> frozenset[str]:
    """The keys a `TypedDict` declares, required or not."""
    return frozenset(fields.__required_keys__ | fields.__optional_keys__)  # type: ignore[attr-defined]


def refuse_unknown(
    given: Collection[str], fields: Fields, *, error: type[DomainError], message: str = CHANGED
) -> None:
    """Refuse the first (alphabetically) field not declared in `fields`, naming it."""
    unknown = sorted(set(given) - field_names(fields))
    if unknown:
        raise error(message.format(field=unknown[0]), field=unknown[0])


def apply_changes(
    obj: ModelT,
    changes: Mapping[str, Any],
    fields: Fields,
    *,
    error: type[DomainError],
    validate: Callable[[ModelT], object] | None = None,
    refusal: str | None = None,
) -> set[str]:
    """Set `changes` on `obj`, validate it, save it, and return the names of the fields that changed.

    A field not in `fields` is refused with `error` before anything is set ("x cannot be changed
    here.", or "cannot be set here." for a record not yet saved; `refusal` overrides the wording).
    `validate` runs after the values are set, instead of `obj.full_clean()`; a service's own rules
    go there, and it may adjust values (rounding, say): what it changes is saved too.

    A new record is saved whole. A saved one writes only the columns whose value differs from
    before, with its `auto_now` stamp; when nothing differs nothing is written (no query, no
    history entry, `updated_at` kept), so repeating an update has the effect of doing it once.
    """
    adding = obj._state.adding
    refuse_unknown(changes, fields, error=error, message=refusal or (SET if adding else CHANGED))
    columns = [f for f in obj._meta.concrete_fields if not f.primary_key]
    deferred = obj.get_deferred_fields()
    before = {f.attname: getattr(obj, f.attname) for f in columns if f.attname not in deferred}
    for name, value in changes.items():
        setattr(obj, name, value)
    if validate is None:
        obj.full_clean()
    else:
        validate(obj)
    if adding:
        obj.save()
        return set(changes)
    changed = [
        f.name
        for f in columns
        if (f.attname in before and getattr(obj, f.attname) != before[f.attname])
        or (f.attname in deferred and f.name in changes)
    ]
    if changed:
        stamps = [f.name for f in columns if getattr(f, "auto_now", False)]
        obj.save(update_fields=list(dict.fromkeys(changed + stamps)))
    return set(changed)
