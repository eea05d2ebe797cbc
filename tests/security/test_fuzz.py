"""Every API operation fuzzed from its own OpenAPI schema (schemathesis), as an admin and as a lead.

The demo's synthetic world is loaded first, so detail, update and delete operations reach real
rows, not only 404s. For each operation schemathesis draws a few requests, valid and invalid,
from /api/schema/ and sends them through the WSGI app in this process (inside the test's
transaction). Every answer must be no server error, a status code the schema documents, the
content type it documents, and a body of the documented shape.

Examples are drawn deterministically (derandomize), so a failure reproduces on the next run.

The run sends some 2,500 requests after seeding the whole demo world: a few minutes on an idle
machine, and several times that on a busy one. So it has a time budget of its own, and a timeout is
reported as a timeout: pytest-timeout fails a test by raising pytest's `Failed` wherever the test is,
and inside a fuzzing run hypothesis took that for a failing example, replayed it, saw it pass, and
reported "Inconsistent results" for whichever operation happened to be running.

Below the fuzzing, explicit cases on five busy create endpoints: NUL bytes, over-long strings and
wrong types each get a 400 naming the field, and nothing is written.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
from collections.abc import Iterator
from types import SimpleNamespace

import hypothesis
import pytest
import schemathesis
from django.apps import apps
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection
from hypothesis import HealthCheck, Phase
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.test import Client

from accounts import services
from accounts.models import User
from accounts.roles import Role

EXAMPLES_PER_OPERATION = 5
# Seconds for one role's run, set-up included. pytest's 300 fits an ordinary test; this one takes
# about 10 minutes on PostgreSQL when both cores are busy with other work. A hang still ends it.
TIME_BUDGET = 1200
# pytest's own outcomes (a timeout is a Failed): never a finding about the API, always re-raised.
PYTEST_OUTCOMES = (pytest.fail.Exception, pytest.skip.Exception, pytest.exit.Exception)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Share of read operations that must have answered 2xx at least once: proof the requests got past
# authentication and routing. A lead may not read HR's or the board's resources, so less for them.
MIN_READS_ANSWERED = {Role.ADMIN: 0.8, Role.INVOLVEMENT_LEAD: 0.4}


def seed_world() -> None:
    """Every app's synthetic demo data, as `manage.py seed_demo` loads it."""
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name).seed()


def fresh_statistics() -> None:
    """Let PostgreSQL's planner see the world just written, as autovacuum would in a live trust.

    Earlier tests leave tables the planner believes empty (rolled-back rows, vacuumed away), and the
    world is written inside this test's transaction where autovacuum cannot see it. ANALYZE in the
    same transaction counts its rows. (The queries must still cope with stale statistics: a
    visibility rule that joined everything before filtering ran for minutes on them, issue 14.)
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


@contextlib.contextmanager
def same_connection() -> Iterator[None]:
    """Requests run on this test's database connection, inside its transaction, as Django's own
    test client arranges: the handler must not close the connection when a request ends."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _fuzzing_user(role: str) -> User:
    user = User.objects.filter(groups__name=role, is_active=True).order_by("pk").first()
    assert user is not None, f"the demo world has no {role}"
    return user


def _existing_ids(app, token: str, schema, spare: User) -> dict[str, int]:
    """For each collection path, the id of a row the admin can see, to aim detail operations at."""
    client = Client(app)
    ids: dict[str, int] = {}
    paths = schema.raw_schema["paths"]
    for path, operations in paths.items():
        if "{" in path or "get" not in operations:
            continue
        if not any(other.startswith(f"{path}{{id}}/") for other in paths):
            continue  # no detail operation to aim (reports and dashboards cost a lot to ask for)
        response = client.get(path, headers={"Authorization": f"Token {token}"})
        if response.status_code != 200 or not response.is_json:
            continue
        body = response.get_json()
        rows = body.get("results") if isinstance(body, dict) else body
        if not (isinstance(rows, list) and rows and isinstance(rows[0], dict) and "id" in rows[0]):
            continue
        # Never aim at the fuzzing accounts themselves: deactivating one would end the run early.
        usable = [row["id"] for row in rows if path != "/api/v1/users/" or row["id"] not in spare]
        if usable:
            ids[path] = usable[0]
    return ids


def _operation_order(operation) -> tuple[int, str]:
    # Deletes last, so the rows other operations aim at are still there while they run.
    return (1 if operation.method.upper() == "DELETE" else 0, operation.label)


def _pytest_outcome(exc: BaseException, depth: int = 0) -> BaseException | None:
    """pytest's own outcome inside what a fuzzing run raised, however hypothesis wrapped it."""
    if isinstance(exc, PYTEST_OUTCOMES):
        return exc
    if depth > 10:
        return None
    inner = [*exc.exceptions] if isinstance(exc, BaseExceptionGroup) else []
    for candidate in [*inner, exc.__cause__]:
        found = candidate and _pytest_outcome(candidate, depth + 1)
        if found:
            return found
    return None


def _describe(exc: BaseException) -> str:
    """What failed. For hypothesis's "Inconsistent results" that is the exception it saw the first
    time, which its own message leaves out."""
    text = str(exc)
    if isinstance(exc, hypothesis.errors.FlakyFailure):
        for inner in exc.exceptions:
            text += f"\n  first seen: {type(inner).__name__}: {inner}"
            if inner.__cause__ is not None:
                text += f" (from {type(inner.__cause__).__name__}: {inner.__cause__})"
    return text


def _run(strategy, headers: dict[str, str], seen: set[int]) -> None:
    @hypothesis.given(case=strategy)
    @hypothesis.settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        response = case.call(headers=headers)
        seen.add(response.status_code)
        case.validate_response(response, checks=CHECKS, headers=headers)

    run()


def fuzz(role: str) -> tuple[list[str], dict[str, set[int]]]:
    """Fuzz every operation as `role`: the failures, and the status codes each operation answered."""
    app = get_wsgi_application()
    schema = schemathesis.openapi.from_wsgi("/api/schema/", app)
    user = _fuzzing_user(role)
    admin = _fuzzing_user(Role.ADMIN)
    _, admin_token = services.auth_token_issue(user=admin)
    ids = _existing_ids(app, admin_token, schema, spare={user.pk, admin.pk})
    failures: list[str] = []
    statuses: dict[str, set[int]] = {}
    operations = sorted((result.ok() for result in schema.get_all_operations()), key=_operation_order)
    for operation in operations:
        # A token of its own: logging out, or logging out everywhere, must not end the run.
        _, token = services.auth_token_issue(user=user)
        headers = {"Authorization": f"Token {token}"}
        seen = statuses.setdefault(operation.label, set())
        path_parameters = None
        if "{id}" in operation.path:
            collection = operation.path.split("{id}/")[0]
            if collection in ids:
                path_parameters = {"id": ids[collection]}
        modes = [schemathesis.GenerationMode.POSITIVE]
        free = (
            len(operation.query)
            + len(operation.body)
            + (0 if path_parameters else len(operation.path_parameters))
        )
        if free:  # something a client could get wrong: send it wrong too
            modes.append(schemathesis.GenerationMode.NEGATIVE)
        for mode in modes:
            strategy = operation.as_strategy(generation_mode=mode, path_parameters=path_parameters)
            try:
                _run(strategy, headers, seen)
            except hypothesis.errors.Unsatisfiable:
                continue  # schemathesis found no way to make this request invalid
            except (Exception, BaseExceptionGroup) as exc:  # one entry per operation: the report lists all
                outcome = _pytest_outcome(exc)
                if outcome is not None:
                    raise outcome from None
                failures.append(f"{operation.label} [{mode.value}]: {_describe(exc)[:2000]}")
    return failures, statuses


@pytest.mark.django_db
@pytest.mark.timeout(TIME_BUDGET)
@pytest.mark.parametrize("role", [Role.ADMIN, Role.INVOLVEMENT_LEAD])
def test_every_operation_survives_fuzzing(role):
    seed_world()
    fresh_statistics()
    with same_connection():
        failures, statuses = fuzz(role)
    assert not failures, f"{len(failures)} operations failed:\n\n" + "\n\n".join(failures)
    # The run reached the application, not only the door: most reads answered with data.
    reads = [label for label in statuses if label.startswith("GET ")]
    answered = [label for label in reads if any(200 <= code < 300 for code in statuses[label])]
    assert len(reads) > 80
    assert len(answered) / len(reads) > MIN_READS_ANSWERED[role], sorted(set(reads) - set(answered))


# --- explicit bad input on the busiest create endpoints ------------------------------------------


def _participant() -> dict:
    from tests.factories import ThemeFactory

    return {
        "name": "Test Newcomer",
        "email": "newcomer@test.example",
        "experience": "carer",
        "consent_given": True,
        "consent_purposes": "Invitations to carers' activities",
        "topics": [ThemeFactory().pk],
    }


def _activity() -> dict:
    from tests.api.involvement.test_activities_api import _activity_payload

    return _activity_payload()


def _vacancy() -> dict:
    from tests.api.recruitment.test_vacancies_api import vacancy_payload

    return vacancy_payload()


def _application() -> dict:
    from tests.api.recruitment.test_applications_api import application_payload

    return application_payload()


def _peer_worker() -> dict:
    from tests.api.peers.test_workers_api import _payload

    return _payload()


# (list URL, model, role that may create, valid payload, a short text field, a number or list field)
CREATE_ENDPOINTS = {
    "participants": (
        "/api/v1/involvement/participants/",
        "involvement.Participant",
        Role.INVOLVEMENT_LEAD,
        _participant,
        "name",
        "topics",
    ),
    "activities": (
        "/api/v1/involvement/activities/",
        "involvement.Activity",
        Role.INVOLVEMENT_LEAD,
        _activity,
        "title",
        "capacity",
    ),
    "vacancies": (
        "/api/v1/recruitment/vacancies/",
        "recruitment.Vacancy",
        Role.HR,
        _vacancy,
        "title",
        "posts",
    ),
    "applications": (
        "/api/v1/recruitment/applications/",
        "recruitment.Application",
        Role.HR,
        _application,
        "applicant_name",
        "vacancy",
    ),
    "peer workers": (
        "/api/v1/peers/workers/",
        "peers.PeerWorker",
        Role.HR,
        _peer_worker,
        "employee_number",
        "contracted_hours",
    ),
}
BAD_TEXT = {
    "a NUL byte": "Test\x00Name",
    "ten thousand characters": "x" * 10_000,
    "an object": {"first": "Test"},
    "a list": ["Test", "Name"],
}
BAD_NUMBER_OR_LIST = {"words": "a great many", "an object": {"value": 1}, "true": True}


@pytest.fixture(params=list(CREATE_ENDPOINTS), ids=list(CREATE_ENDPOINTS))
def endpoint(request, client_for):
    url, model_label, role, payload, text_field, number_field = CREATE_ENDPOINTS[request.param]
    return SimpleNamespace(
        url=url,
        model=apps.get_model(model_label),
        client=client_for(role),
        payload=payload,
        text_field=text_field,
        number_field=number_field,
    )


def _refused(endpoint, payload: dict, field: str) -> None:
    before = endpoint.model.objects.count()
    response = endpoint.client.post(endpoint.url, payload, format="json")
    assert response.status_code == 400, (field, response.status_code, response.content[:300])
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert field in body["errors"], body
    assert body["detail"].startswith(f"{field}:")
    assert endpoint.model.objects.count() == before


@pytest.mark.django_db
class TestBadInputIsNamed:
    def test_the_valid_payload_is_accepted(self, endpoint):
        # The bad-input cases below differ from this one in a single field.
        before = endpoint.model.objects.count()
        response = endpoint.client.post(endpoint.url, endpoint.payload(), format="json")
        assert response.status_code == 201, response.content[:500]
        assert endpoint.model.objects.count() == before + 1

    @pytest.mark.parametrize("bad", list(BAD_TEXT), ids=list(BAD_TEXT))
    def test_bad_text(self, endpoint, bad):
        _refused(endpoint, {**endpoint.payload(), endpoint.text_field: BAD_TEXT[bad]}, endpoint.text_field)

    @pytest.mark.parametrize("bad", list(BAD_NUMBER_OR_LIST), ids=list(BAD_NUMBER_OR_LIST))
    def test_wrong_type(self, endpoint, bad):
        payload = {**endpoint.payload(), endpoint.number_field: BAD_NUMBER_OR_LIST[bad]}
        _refused(endpoint, payload, endpoint.number_field)

    def test_a_body_that_is_not_an_object(self, endpoint):
        before = endpoint.model.objects.count()
        response = endpoint.client.post(endpoint.url, [endpoint.payload()], format="json")
        assert response.status_code == 400
        assert "non_field_errors" in response.json()["errors"]
        assert endpoint.model.objects.count() == before

    def test_broken_json(self, endpoint):
        before = endpoint.model.objects.count()
        response = endpoint.client.post(endpoint.url, '{"name": "Test', content_type="application/json")
        assert response.status_code == 400
        assert set(response.json()) == {"detail", "errors"}
        assert endpoint.model.objects.count() == before


@pytest.mark.django_db
def test_a_nul_byte_inside_a_list_is_refused(client_for):
    payload = {**_application(), "adjustments": ["A quiet room", "Questions\x00in writing"]}
    before = apps.get_model("recruitment.Application").objects.count()
    response = client_for(Role.HR).post("/api/v1/recruitment/applications/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["adjustments"] == ["Null characters are not allowed."]
    assert apps.get_model("recruitment.Application").objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "parameter", "value"),
    [
        ("/api/v1/involvement/participants/", "topic", "99999999999999999999999"),
        ("/api/v1/involvement/published-changes", "published_after", "1175-07-04T11:11:14-19:14"),
    ],
    ids=["an id past 64 bits", "a moment the database cannot hold"],
)
def test_filter_values_the_database_would_fail_on_are_named(client_for, path, parameter, value):
    response = client_for(Role.INVOLVEMENT_LEAD).get(path, {parameter: value})
    assert response.status_code == 400, response.content[:300]
    assert parameter in response.json()["errors"]
