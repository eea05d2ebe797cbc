"""Every endpoint-action the v1 API offers, read from the routers' registry and Django's URL resolver.

A router resource contributes one entry per action its viewset answers (list, retrieve, create,
update, partial_update, destroy, where its `http_method_names` allow them, and each `@action`);
a plain path (`me`, `auth/*`, reports, exports, calendars) contributes one entry per HTTP method
its view handles. Keys read `<basename>.<action>` and `<url name>.<method>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.urls import URLPattern, URLResolver, get_resolver

# The standard actions, the method each answers, and whether it acts on one record.
STANDARD_ACTIONS: tuple[tuple[str, str, bool], ...] = (
    ("list", "get", False),
    ("retrieve", "get", True),
    ("create", "post", False),
    ("update", "put", True),
    ("partial_update", "patch", True),
    ("destroy", "delete", True),
)
HANDLER_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class EndpointAction:
    key: str
    method: str
    url_name: str  # reversed as f"api:{url_name}"
    detail: bool  # the URL takes the pk of one record

    @property
    def is_read(self) -> bool:
        return self.method == "get"


def _router_actions() -> dict[str, EndpointAction]:
    from api.urls import registry

    found: dict[str, EndpointAction] = {}
    for _prefix, viewset, basename in registry:
        allowed = set(viewset.http_method_names)
        for action, method, detail in STANDARD_ACTIONS:
            if hasattr(viewset, action) and method in allowed:
                suffix = "detail" if detail else "list"
                key = f"{basename}.{action}"
                found[key] = EndpointAction(key, method, f"{basename}-{suffix}", detail)
        for extra in viewset.get_extra_actions():
            methods = [m for m in extra.mapping if m in allowed]
            for method in methods:
                key = f"{basename}.{extra.__name__}" + (f".{method}" if len(methods) > 1 else "")
                found[key] = EndpointAction(key, method, f"{basename}-{extra.url_name}", extra.detail)
    return found


def _leaves(patterns: list) -> list[URLPattern]:
    """The URL patterns in `patterns`, with those of every URLconf included there (each app's urls.py)."""
    found: list[URLPattern] = []
    for entry in patterns:
        found.extend(_leaves(entry.url_patterns) if isinstance(entry, URLResolver) else [entry])
    return found


def _api_patterns() -> list[URLPattern]:
    """The URL patterns under the `api` namespace, found through the project's root resolver."""
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace == "api":
            return _leaves(entry.url_patterns)
    raise LookupError("No URL namespace 'api' in the root URLconf.")


def _plain_actions() -> dict[str, EndpointAction]:
    found: dict[str, EndpointAction] = {}
    for pattern in _api_patterns():
        callback = pattern.callback
        if hasattr(callback, "actions"):  # a router route: covered through the registry
            continue
        view_class = getattr(callback, "view_class", None) or callback.cls
        detail = "pk" in pattern.pattern.converters or "pk" in pattern.pattern.regex.groupindex
        for method in HANDLER_METHODS:
            if hasattr(view_class, method):
                key = f"{pattern.name}.{method}"
                found.setdefault(key, EndpointAction(key, method, pattern.name, detail))
    return found


@cache
def endpoint_actions() -> dict[str, EndpointAction]:
    """Every endpoint-action of the API, by key."""
    return {**_router_actions(), **_plain_actions()}


def resolved_router_names() -> set[str]:
    """URL names the resolver serves for router routes (to check the registry's view of them)."""
    return {p.name for p in _api_patterns() if hasattr(p.callback, "actions")}


def registry_url_names() -> set[str]:
    """URL names the router's registry implies for the actions found there."""
    return {action.url_name for action in _router_actions().values()}
