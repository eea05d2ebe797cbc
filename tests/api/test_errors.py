"""Bad input gets one JSON error shape with the field named, never a 500."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from tests.factories import TeamFactory


@pytest.fixture
def client(client_for):
    return client_for(Role.HR)


@pytest.mark.django_db
class TestErrorShape:
    def test_unknown_filter_is_a_400_naming_it(self, client):
        response = client.get("/api/v1/teams/", {"knd": "team"})
        assert response.status_code == 400
        assert response.json() == {
            "detail": "knd: Unknown query parameter for this endpoint.",
            "errors": {"knd": ["Unknown query parameter for this endpoint."]},
        }

    def test_bad_filter_value_names_the_filter(self, client):
        response = client.get("/api/v1/teams/", {"kind": "galaxy"})
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["kind"]

    @pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", ""])
    def test_malformed_page_is_a_400_naming_it(self, client, page):
        response = client.get("/api/v1/teams/", {"page": page})
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["page"]

    def test_page_size_above_500_is_refused(self, client):
        response = client.get("/api/v1/teams/", {"page_size": "501"})
        assert response.status_code == 400
        assert response.json()["errors"] == {"page_size": ["Must be 500 or less."]}

    def test_page_size_is_honoured(self, client):
        TeamFactory()
        TeamFactory()
        body = client.get("/api/v1/teams/", {"page_size": "1"}).json()
        assert len(body["results"]) == 1
        assert body["count"] >= 3
        assert "page=2" in body["next"]

    def test_default_page_size_is_50(self, client):
        for _ in range(26):
            TeamFactory()  # each brings its directorate: 52 teams and a trust
        body = client.get("/api/v1/teams/").json()
        assert len(body["results"]) == 50

    def test_not_found_is_json(self, client):
        response = client.get("/api/v1/teams/999999/")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found.", "errors": {}}

    def test_unknown_url_is_json_404(self, client):
        response = client.get("/api/v1/no-such-thing/")
        assert response.status_code == 404
        assert response.json()["detail"] == "Not found."

    def test_wrong_method_is_405_in_shape(self, client):
        response = client.delete("/api/v1/me")
        assert response.status_code == 405
        assert set(response.json()) == {"detail", "errors"}

    def test_malformed_json_is_a_400(self, client_for):
        client = client_for(Role.ADMIN)
        response = client.post("/api/v1/teams/", data="{not json", content_type="application/json")
        assert response.status_code == 400
        assert "JSON" in response.json()["detail"]

    def test_wrong_type_names_the_field(self, client_for):
        client = client_for(Role.ADMIN)
        response = client.post("/api/v1/teams/", {"name": ["a"], "code": "x", "kind": "team"}, format="json")
        assert response.status_code == 400
        assert "name" in response.json()["errors"]
