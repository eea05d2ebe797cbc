"""What the matrix needs around each request: a count of database writes, and the request itself."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.db import connection
from django.urls import reverse

from tests.security.calls import LIST_PROBES, payload, target_name
from tests.security.endpoints import EndpointAction


def writes_so_far() -> int:
    """Rows inserted, updated or deleted on this connection so far (in this transaction on PostgreSQL).

    Read before and after a refused request: if the figure moved, the refusal came after a write.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT total_changes()")
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables"
            )
        else:  # pragma: no cover - the project runs on these two only
            raise NotImplementedError(connection.vendor)
        return int(cursor.fetchone()[0])


def url_for(endpoint: EndpointAction, world: SimpleNamespace) -> str:
    kwargs = {"pk": getattr(world, target_name(endpoint.key)).pk} if endpoint.detail else None
    return reverse(f"api:{endpoint.url_name}", kwargs=kwargs)


def call(endpoint: EndpointAction, world: SimpleNamespace, role: str) -> Any:
    """Make the cell's request as `role` and return the response."""
    client = world.clients[role]
    url = url_for(endpoint, world)
    if endpoint.is_read:
        # A whole list on one page, so a missing row means hidden, not on page two.
        query = {"page_size": 500} if endpoint.key in LIST_PROBES else None
        return client.get(url, query)
    body = payload(endpoint.key, world, role)
    return getattr(client, endpoint.method)(url, body, format="json")
