"""Bad input that used to reach a server error, and free text with no limit: each now a 4xx naming it.

Each case answered 500 (or an HTML 400 naming nothing, or 201 for a megabyte of text) before the
fix; here it must answer in the API's one JSON error shape, name the field or parameter at fault,
and write nothing. The server errors are run with the test client's re-raising switched off, so a
regression shows as the 500 a client would see.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import django_filters
import pytest
from django.apps import apps
from django.db import models
from django.urls import URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers

from accounts.models import Team
from accounts.roles import Role
from accounts.text_limits import DEFAULT_TEXT_LIMIT, TEXT_LIMITS, text_limit, text_limit_message
from api.involvement.filters.register import ParticipantFilter
from api.parsers import MAX_JSON_DEPTH
from tests.api.involvement.test_activities_api import _activity_payload
from tests.api.recruitment.test_applications_api import application_payload
from tests.api.recruitment.test_vacancies_api import vacancy_payload
from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent
TOO_DEEP = f"Lists and objects are nested too deeply: at most {MAX_JSON_DEPTH} levels are accepted."
ONE_MEGABYTE = "x" * 1_048_576


@pytest.fixture
def as_role(client_for):
    def make(role: str):
        client = client_for(role)
        client.raise_request_exception = False  # a regression answers 500, as it would in production
        return client

    return make


def assert_refused(response, name: str, status: int = 400) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert name in body["errors"], body
    return body


# --- query parameters -----------------------------------------------------------------------------


@pytest.mark.parametrize("parameter", ["page", "page_size"])
@pytest.mark.parametrize("value", ["\u00b2", "\u0661\u0662", "1" + "0" * 5000])  # ², Arabic-Indic 12
def test_a_page_that_is_not_ascii_digits_is_named(as_role, parameter, value):
    response = as_role(Role.HR).get("/api/v1/teams/", {parameter: value})
    body = assert_refused(response, parameter)
    assert list(body["errors"]) == [parameter]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/recruitment/reports/equality",
        "/api/v1/recruitment/reports/equality.csv",
        "/api/v1/recruitment/reports/analytics",
    ],
)
@pytest.mark.parametrize(
    ("parameter", "value"), [("to", "9999-12-31"), ("to", "0001-01-01"), ("from", "0001-01-01")]
)
def test_report_dates_past_the_calendar_edge_are_named(as_role, path, parameter, value):
    response = as_role(Role.HR).get(path, {parameter: value})
    body = assert_refused(response, parameter)
    assert body["errors"][parameter] == ["Enter a date between 1900 and 2199."]


def test_report_dates_inside_the_range_still_work(as_role):
    response = as_role(Role.HR).get(
        "/api/v1/recruitment/reports/equality", {"from": "1900-01-01", "to": "2199-12-31"}
    )
    assert response.status_code == 200, response.content[:300]
    assert response.json()["period"] == {"from": "1900-01-01", "to": "2199-12-31"}


@pytest.mark.parametrize("path", ["/api/v1/charter/dashboard", "/api/v1/charter/snapshots/"])
@pytest.mark.parametrize("period", ["0001-02-Q1", "0000-01-Q1", "9999-00-Q4", "0000-01", "1899-12"])
def test_a_period_past_the_calendar_edge_is_named(as_role, path, period):
    response = as_role(Role.ADMIN).get(path, {"period": period})
    body = assert_refused(response, "period")
    assert "give a year from 1900 to 2199" in body["errors"]["period"][0]


def test_the_board_page_refuses_it_too(client):
    from tests.factories import UserFactory

    client.raise_request_exception = False
    client.force_login(UserFactory(roles=[Role.BOARD_MEMBER]))
    response = client.get("/board/", {"period": "0001-02-Q1"})
    assert response.status_code == 400
    assert "give a year from 1900 to 2199" in response.content.decode()


def test_a_period_in_digits_of_another_script_is_refused(as_role):
    assert_refused(
        as_role(Role.ADMIN).get(
            "/api/v1/charter/snapshots/", {"period": "\u0662\u0660\u0662\u0666-\u0661\u0661"}
        ),
        "period",
    )


# --- request bodies -------------------------------------------------------------------------------


def _post(client, body: str):
    return client.post("/api/v1/teams/", data=body, content_type="application/json")


def _count(label: str) -> int:
    return apps.get_model(label).objects.count()


def test_a_body_nested_fifty_thousand_deep_is_refused(as_role):
    before = _count("accounts.Team")
    body = assert_refused(_post(as_role(Role.ADMIN), "[" * 50_000 + "]" * 50_000), "non_field_errors")
    assert body["detail"] == TOO_DEEP
    assert _count("accounts.Team") == before


@pytest.mark.parametrize("depth", [2_000, 50_000, 500, MAX_JSON_DEPTH])
def test_a_field_nested_too_deep_is_named(as_role, depth):
    # 2,000 and 50,000 exhaust the decoder's recursion; 500 and 32 (33 levels with the body) decode
    # and are caught after.
    before = _count("accounts.Team")
    nested = "[" * depth + "]" * depth
    response = _post(as_role(Role.ADMIN), f'{{"code": "deep", "kind": "team", "name": {nested}}}')
    body = assert_refused(response, "name")
    assert body == {"detail": f"name: {TOO_DEEP}", "errors": {"name": [TOO_DEEP]}}
    assert _count("accounts.Team") == before


def test_nesting_up_to_the_limit_reaches_the_serializer(as_role):
    nested = "[" * (MAX_JSON_DEPTH - 1) + "]" * (MAX_JSON_DEPTH - 1)
    body = assert_refused(
        _post(as_role(Role.ADMIN), f'{{"code": "deep", "kind": "team", "name": {nested}}}'), "name"
    )
    assert body["errors"]["name"] != [TOO_DEEP]  # refused for being a list, by the serializer


def test_a_body_over_the_size_limit_is_a_json_413(as_role, settings):
    before = _count("accounts.Team")
    oversized = '{"name": "' + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1) + '"}'
    body = assert_refused(_post(as_role(Role.ADMIN), oversized), "non_field_errors", status=413)
    assert body["detail"] == "The request body is too large: at most 2.5 MB is accepted."
    assert _count("accounts.Team") == before


def test_the_login_refuses_an_oversized_body_the_same_way(client, settings):
    client.raise_request_exception = False
    oversized = '{"email": "' + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1) + '"}'
    response = client.post("/api/v1/auth/login", data=oversized, content_type="application/json")
    assert_refused(response, "non_field_errors", status=413)


def test_a_form_body_is_refused_as_not_json(as_role, settings):
    """The API reads JSON only: a form, even one past Django's field limit, is a 415 in the one
    error shape, and nothing is written."""
    before = Team.objects.count()
    for count in (1, settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1):
        fields = "&".join(["name=Form+Team", "kind=team"] + [f"f{n}=1" for n in range(count)])
        response = as_role(Role.ADMIN).post(
            "/api/v1/teams/", data=fields, content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 415, response.content
        assert "application/x-www-form-urlencoded" in response.json()["detail"]
    assert Team.objects.count() == before


# --- free text ------------------------------------------------------------------------------------


def _participant() -> dict:
    return {
        "name": "Test Newcomer",
        "email": "newcomer@test.example",
        "experience": "carer",
        "consent_given": True,
        "consent_purposes": "Invitations to carers' activities",
        "topics": [ThemeFactory().pk],
    }


# (list URL, model, role that creates, payload, free-text field)
FREE_TEXT = {
    "a supporting statement": (
        "/api/v1/recruitment/applications/",
        "recruitment.Application",
        Role.HR,
        application_payload,
        "supporting_statement",
    ),
    "an advert": (
        "/api/v1/recruitment/vacancies/",
        "recruitment.Vacancy",
        Role.HR,
        vacancy_payload,
        "advert_text",
    ),
    "access needs": (
        "/api/v1/involvement/participants/",
        "involvement.Participant",
        Role.INVOLVEMENT_LEAD,
        _participant,
        "accessibility_needs",
    ),
    "a postal address": (
        "/api/v1/involvement/participants/",
        "involvement.Participant",
        Role.INVOLVEMENT_LEAD,
        _participant,
        "postal_address",
    ),
    "an activity's description": (
        "/api/v1/involvement/activities/",
        "involvement.Activity",
        Role.INVOLVEMENT_LEAD,
        _activity_payload,
        "description",
    ),
}


@pytest.mark.parametrize("case", list(FREE_TEXT), ids=list(FREE_TEXT))
class TestFreeTextLimits:
    def _setup(self, as_role, case):
        url, label, role, payload, field = FREE_TEXT[case]
        model = apps.get_model(label)
        return url, model, as_role(role), payload, field, text_limit(model._meta.get_field(field))

    def test_a_megabyte_is_refused_and_nothing_written(self, as_role, case):
        url, model, client, payload, field, limit = self._setup(as_role, case)
        before = model.objects.count()
        body = assert_refused(client.post(url, {**payload(), field: ONE_MEGABYTE}, format="json"), field)
        message = text_limit_message(model._meta.get_field(field))
        assert message == f"Keep the {field.replace('_', ' ')} to {limit:,} characters or fewer."
        assert body["errors"][field] == [message]
        assert model.objects.count() == before

    def test_one_past_the_limit_is_refused_and_the_limit_itself_accepted(self, as_role, case):
        url, _, client, payload, field, limit = self._setup(as_role, case)
        assert_refused(client.post(url, {**payload(), field: "y" * (limit + 1)}, format="json"), field)
        response = client.post(url, {**payload(), field: "y" * limit}, format="json")
        assert response.status_code == 201, response.content[:300]
        assert response.json()[field] == "y" * limit


def test_an_indicator_definition_has_its_limit(as_role):
    client = as_role(Role.ADMIN)
    indicator = apps.get_model("charter.Indicator").objects.order_by("pk").first()
    before = indicator.definition
    url = f"/api/v1/charter/indicators/{indicator.pk}/"
    assert_refused(client.patch(url, {"definition": "z" * 2_001}, format="json"), "definition")
    indicator.refresh_from_db()
    assert indicator.definition == before


def test_more_than_twenty_adjustments_are_refused(as_role):
    before = _count("recruitment.AdjustmentRequest")
    payload = application_payload(adjustments=[f"Adjustment {n}" for n in range(21)])
    response = as_role(Role.HR).post("/api/v1/recruitment/applications/", payload, format="json")
    body = assert_refused(response, "adjustments")
    assert body["errors"]["adjustments"] == ["Give at most 20 adjustments."]
    assert _count("recruitment.AdjustmentRequest") == before


# --- every door keeps to it -----------------------------------------------------------------------


def _request_strings(schema: dict) -> list[str]:
    """Every string a request body may carry without a maxLength, enum or format: free text unbounded."""
    components = schema["components"]["schemas"]
    found: list[str] = []

    def walk(node: dict, where: str, seen: frozenset[str]) -> None:
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name not in seen:
                walk(components[name], name, seen | {name})
            return
        if node.get("readOnly"):
            return
        if node.get("type") == "string" and not ({"maxLength", "enum", "format"} & set(node)):
            found.append(where)
        for key, child in (node.get("properties") or {}).items():
            walk(child, f"{where}.{key}", seen)
        for key in ("items", "additionalProperties"):
            if isinstance(node.get(key), dict):
                walk(node[key], f"{where}[]", seen)
        for key in ("allOf", "oneOf", "anyOf"):
            for child in node.get(key, []):
                walk(child, where, seen)

    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for media in (operation.get("requestBody") or {}).get("content", {}).values():
                walk(media["schema"], f"{method.upper()} {path}", frozenset())
    return sorted(set(found))


# Not free text, though the schema says so: a score's panel member is written as an id; its schema
# shows the read form {id, display, lived_experience} in requests too (a schema fault of its own).
NOT_FREE_TEXT = {"ScoreRequest.panel_member.display"}


def test_every_string_a_request_may_carry_has_a_length_limit():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    assert set(_request_strings(schema)) - NOT_FREE_TEXT == set()


# --- every serializer that reads a body, found from the code rather than the schema ----------------
#
# The schema test above sees only the bodies an operation declares. This one finds what the code
# reads: the serializer of every routed resource that takes a POST, PUT or PATCH (and its update
# variant), and every serializer the API calls with `data=`, whatever its schema says; then it walks
# their fields, nested and listed, for writable text with no max_length.

# A field whose value is handed on to something that bounds its own parts: the register filters an
# invitation takes ("filter": {...}) go through ParticipantFilter, checked below.
HANDED_ON = {
    "InviteSerializer.filter": ParticipantFilter,
    "ConsultationInviteSerializer.filter": ParticipantFilter,
}


def _api_serializer_classes() -> dict[str, set[type]]:
    import api

    for module in pkgutil.walk_packages(api.__path__, "api."):
        importlib.import_module(module.name)
    found: dict[str, set[type]] = {}
    stack = [serializers.BaseSerializer]
    while stack:
        for cls in stack.pop().__subclasses__():
            stack.append(cls)
            if cls.__module__.startswith("api."):
                found.setdefault(cls.__name__, set()).add(cls)
    return found


def _called_with_data(by_name: dict[str, set[type]]) -> set[type]:
    """Serializer classes some code under api/ calls with `data=`: an action's body or query."""
    called: set[type] = set()
    for path in (ROOT / "api").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and any(k.arg == "data" for k in node.keywords):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                called |= by_name.get(name, set())
    return called


def _routed_writers() -> set[type]:
    """The serializer of every routed resource that takes a POST, PUT or PATCH."""
    found: set[type] = set()
    stack = list(get_resolver().url_patterns)
    while stack:
        pattern = stack.pop()
        if isinstance(pattern, URLResolver):
            stack.extend(pattern.url_patterns)
            continue
        view = getattr(pattern.callback, "cls", None)
        methods = set(getattr(pattern.callback, "actions", None) or {})
        if view is None or not methods & {"post", "put", "patch"}:
            continue
        serializer = getattr(view, "serializer_class", None)
        if serializer is not None:
            found.add(serializer)
            if "put" in methods or "patch" in methods:
                found.add(serializer.for_update() if hasattr(serializer, "for_update") else serializer)
    return found


def _unbounded(field: serializers.Field, where: str, found: list[str]) -> None:
    if field.read_only:
        return
    if where in HANDED_ON:
        return
    if isinstance(field, serializers.ListSerializer | serializers.ListField | serializers.DictField):
        child = field.child
        if type(child).__name__ == "_UnvalidatedField":  # a list or mapping of anything at all
            found.append(where)
        else:
            _unbounded(child, f"{where}[]", found)
    elif isinstance(field, serializers.BaseSerializer):
        for name, child in field.fields.items():
            _unbounded(child, f"{where}.{name}", found)
    elif isinstance(field, serializers.CharField) and field.max_length is None:
        found.append(where)
    elif (
        isinstance(field, serializers.JSONField | serializers.HStoreField) or type(field) is serializers.Field
    ):
        found.append(where)  # free-form: any text at any length


def test_every_text_field_the_api_reads_has_a_length_limit():
    by_name = _api_serializer_classes()
    readers = _routed_writers() | _called_with_data(by_name)
    # Enough found that a broken search shows: the resources, the login, and the actions' bodies.
    names = {cls.__name__ for cls in readers}
    assert {
        "CompetenceEvidenceSerializer",
        "LoginSerializer",
        "SignOffSerializer",
        "InviteSerializer",
    } <= names
    found: list[str] = []
    for cls in readers:
        _unbounded(cls(), cls.__name__, found)
    assert sorted(found) == []


def test_the_register_filters_an_invitation_takes_are_bounded_too():
    unbounded = [
        name
        for name, query_filter in ParticipantFilter.base_filters.items()
        if isinstance(query_filter, django_filters.CharFilter) and "max_length" not in query_filter.extra
    ]
    assert unbounded == []


def test_the_walk_finds_an_unbounded_field():
    class Careless(serializers.Serializer):
        note = serializers.CharField()
        tags = serializers.ListField(child=serializers.CharField(max_length=10))
        anything = serializers.DictField()
        shown = serializers.CharField(read_only=True)

    found: list[str] = []
    _unbounded(Careless(), "Careless", found)
    assert found == ["Careless.note", "Careless.anything"]


def test_the_schema_states_each_free_text_limit():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    properties = schema["components"]["schemas"]["ApplicationRequest"]["properties"]
    assert properties["supporting_statement"]["maxLength"] == 15_000
    properties = schema["components"]["schemas"]["ParticipantRequest"]["properties"]
    assert properties["postal_address"]["maxLength"] == 500


def test_every_limit_names_a_free_text_field_and_the_docs_list_it():
    docs = (ROOT / "docs" / "api.md").read_text()
    for name, limit in TEXT_LIMITS.items():
        label, field_name = name.rsplit(".", 1)
        field = apps.get_model(label)._meta.get_field(field_name)
        assert isinstance(field, models.TextField), name
        assert re.search(rf"`{re.escape(name)}` \| {limit:,}\b", docs), f"docs/api.md does not list {name}"
    assert f"{DEFAULT_TEXT_LIMIT:,}" in docs
