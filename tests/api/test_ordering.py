"""`?ordering=` on every list: a field the list cannot sort by is a 400 naming `ordering`.

Before, `?ordering=titel` quietly gave the default order with a 200, which a client reads as sorted.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.roles import Role
from api.urls import registry

pytestmark = pytest.mark.django_db

LISTS = sorted(
    basename for _prefix, viewset, basename in registry if "get" in getattr(viewset, "http_method_names", [])
)


@pytest.mark.parametrize("basename", LISTS)
def test_an_unknown_ordering_is_refused_naming_it_and_a_known_one_sorts(client_for, basename):
    client = client_for(Role.ADMIN)
    url = reverse(f"api:{basename}-list")
    response = client.get(url, {"ordering": "titel"})
    assert response.status_code == 400, response.content
    message = response.json()["errors"]["ordering"][0]
    assert message.startswith("Cannot sort by titel.")
    viewset = {name: view for _prefix, view, name in registry}[basename]
    fields = getattr(viewset, "ordering_fields", None)
    if fields and fields != "__all__":
        assert client.get(url, {"ordering": f"-{fields[0]}"}).status_code == 200
        assert fields[0] in message
