"""Every list filter that names a record confirms nothing about it, on every list, for every role.

A filter that checked its id against the whole table answered 400 for an id that names nothing and
200 for one that names a record the requester may not see: a way to test which records exist. Now
every such filter takes a plain id (api.filters.IdFilter, IdViaFilter, IdsFilter) matched among the
rows the list already shows. The cases are read from the API itself: every list endpoint with a
filterset, every id filter in it. So a new list or a new filter is covered the day it is added,
and the meta-tests below fail for a filter that checks a table, or that this module cannot place.

For each case and each role: an id that names nothing answers 200 and no rows; an id of a record
the role may not see (and that no row of the list shows them) answers exactly the same; a value
that is not a whole number is a 400 naming the parameter. The records come from the authorization
matrix's world (tests/security/world.py), where every role has records it may not see.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from urllib.parse import urlparse

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import Max, Model
from django.urls import Resolver404, resolve, reverse
from django_filters.rest_framework import DjangoFilterBackend

import api
from accounts.models import Team, User
from accounts.roles import Role
from accounts.visibility import restrict
from api.filters import IdFilter, IdsFilter, IdViaFilter
from involvement.models import Activity, ActivitySeries, Participant
from tests.conftest import client_for_user
from tests.factories import (
    ConsultationFactory,
    ConsultationInvitationFactory,
    FeedbackItemFactory,
    ParticipantFactory,
    ThemeFactory,
)
from tests.peers.factories import PeerWorkerFactory, SupervisionSessionFactory
from tests.security import world as world_module
from tests.security.endpoints import endpoint_actions
from tests.security.world import ROLES

pytestmark = pytest.mark.django_db

ID_FILTERS = (IdFilter, IdsFilter)
NOT_A_NUMBER = "abc"
# An id filter with a method of its own says nothing a program can read about what it names: it is
# listed here with the record it names and the path from the list's rows to that record.
METHOD_TARGETS: dict[tuple[str, str], tuple[type[Model], str]] = {
    ("ActivityFilter", "participant"): (Participant, "participations__participant"),
    ("ConsultationFilter", "participant"): (Participant, "invitations__participant"),
    ("SupervisionDueFilter", "supervisor"): (User, "supervisors"),
}
# Where a list's rows leave out what a filter picks on, but the same person reads it on another list:
# the places at the activities a member of staff leads, the supervisors of the workers whose
# records they read, the vacancy of an interview a panel member sits on (shown on the interview,
# though the vacancy itself is HR's). An id shown there is not one the person may not see.
SHOWN_ELSEWHERE: dict[tuple[str, str], str] = {
    ("ActivityFilter", "participant"): "participation-list",
    ("ConsultationFilter", "participant"): "consultation-invitation-list",
    ("SupervisionDueFilter", "supervisor"): "peer-worker-list",
    ("ScoreFilter", "vacancy"): "interview-list",
}


# --- what the API offers: lists, their filtersets, the id filters in them ----------------------------


def _filters_with_django_filter(view_class: type) -> bool:
    return any(issubclass(backend, DjangoFilterBackend) for backend in view_class.filter_backends)


@cache
def list_filtersets() -> dict[str, type[django_filters.FilterSet]]:
    """Every list endpoint of the API that filters with django-filter: its URL name and filterset."""
    found = {}
    for endpoint in endpoint_actions().values():
        if endpoint.detail or endpoint.method != "get":
            continue
        function = resolve(reverse(f"api:{endpoint.url_name}")).func
        actions = getattr(function, "actions", None)  # a router route: only its list action filters
        if actions is not None and actions.get("get") != "list":
            continue
        view_class = getattr(function, "cls", None) or function.view_class
        filterset = getattr(view_class, "filterset_class", None)
        if filterset is not None and _filters_with_django_filter(view_class):
            found[endpoint.url_name] = filterset
    return found


@cache
def api_filtersets() -> list[type[django_filters.FilterSet]]:
    """Every FilterSet class written under api/, whether or not a list uses it."""
    for module in pkgutil.walk_packages(api.__path__, "api."):
        importlib.import_module(module.name)
    found, stack = [], list(django_filters.FilterSet.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("api."):
            found.append(cls)
    return sorted(set(found), key=lambda cls: f"{cls.__module__}.{cls.__name__}")


def _walk(model: type[Model], path: str):
    """The model field (or reverse relation) at the end of `path` from `model`."""
    field = None
    for part in path.split("__"):
        if part == "pk":
            field = model._meta.pk
            continue
        field = model._meta.get_field(part)
        if field.is_relation:
            model = field.related_model
    return field


def _path(filterset: type[django_filters.FilterSet], name: str) -> str:
    query_filter = filterset.base_filters[name]
    if isinstance(query_filter, IdViaFilter):
        return f"{query_filter.via[0]}__{query_filter.field_name}"
    return query_filter.field_name


def target(filterset: type[django_filters.FilterSet], name: str) -> tuple[type[Model], str]:
    """The kind of record an id filter names, and the path from the list's rows to it."""
    if filterset.base_filters[name].method is not None:
        for cls in filterset.__mro__:
            if (cls.__name__, name) in METHOD_TARGETS:
                return METHOD_TARGETS[(cls.__name__, name)]
        raise LookupError(f"{filterset.__name__}.{name} filters by a method: add it to METHOD_TARGETS")
    model = filterset._meta.model
    path = _path(filterset, name)
    field = _walk(model, path)
    if getattr(field, "primary_key", False) and not field.is_relation:
        return field.model, path
    return field.related_model, path


def _names_a_record(filterset: type[django_filters.FilterSet], name: str) -> bool:
    query_filter = filterset.base_filters[name]
    if issubclass(query_filter.field_class, forms.ModelChoiceField | forms.ModelMultipleChoiceField):
        return True
    if query_filter.method is not None or query_filter.lookup_expr != "exact":
        return False
    model = filterset._meta.model
    if model is None:
        return False
    try:
        field = _walk(model, _path(filterset, name))
    except FieldDoesNotExist:
        return False
    return field.is_relation or getattr(field, "primary_key", False)


def _cases() -> list:
    return [
        pytest.param(url_name, name, id=f"{url_name}?{name}")
        for url_name, filterset in sorted(list_filtersets().items())
        for name, query_filter in filterset.base_filters.items()
        if isinstance(query_filter, ID_FILTERS) or _names_a_record(filterset, name)
    ]


# --- the world, and what a response shows ------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The matrix's world, built once for the module and rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = world_module.build()
        # A series of activities, which only involvement leads see: the matrix's world has none.
        built.series = ActivitySeries.objects.create(title="Test series", frequency="monthly", occurrences=3)
        Activity.objects.filter(pk=built.activity_other.pk).update(series=built.series)
        # A consultation the supervisor owns, with someone invited: owners read responses, not who
        # was invited, so `?participant=` must not tell them.
        built.consultation_supervised = ConsultationFactory(owner=built.users[Role.SUPERVISOR])
        ConsultationInvitationFactory(
            consultation=built.consultation_supervised, participant=built.participant_other
        )
        built.clients = {role: client_for_user(user) for role, user in built.users.items()}
        yield built
        transaction.set_rollback(True)


def _answer(client, url_name: str, **params) -> tuple[int, object]:
    response = client.get(reverse(f"api:{url_name}"), {"page_size": 500, **params})
    return response.status_code, response.json()


def _rows(body) -> list:
    return body["results"] if isinstance(body, dict) and "results" in body else body


def _could_be_a(model: type[Model], url: object) -> bool:
    """Whether an object shown with this link could be a `model` record (yes, when it cannot be told)."""
    if not isinstance(url, str):
        return True
    try:
        view_class = getattr(resolve(urlparse(url).path).func, "cls", None)
    except Resolver404:
        return True
    queryset = getattr(view_class, "queryset", None)
    return queryset is None or queryset.model is model


@cache
def relation_names() -> frozenset[str]:
    """Every name a relation has on some model: a number under one of these keys may be an id."""
    return frozenset(
        field.name for model in apps.get_models() for field in model._meta.get_fields() if field.is_relation
    )


def _may_name_a_record(key: str | None) -> bool:
    return key is not None and (key in relation_names() or key.endswith("_id"))


def shown_ids(body, model: type[Model]) -> set[int]:
    """Every number in a response that could be the id of a `model` record the rows show.

    Generous on purpose, so a record the rows name is never taken for one they hide: the id of any
    object that is not linked to another kind of record, and any number under a relation's name.
    """
    found: set[int] = set()

    def walk(node, key=None):
        if isinstance(node, dict):
            if isinstance(node.get("id"), int) and _could_be_a(model, node.get("url")):
                found.add(node["id"])
            for child_key, child in node.items():
                if child_key != "id":
                    walk(child, child_key)
        elif isinstance(node, list):
            for child in node:
                walk(child, key)
        elif isinstance(node, int) and not isinstance(node, bool) and _may_name_a_record(key):
            found.add(node)

    walk(body)
    return found


def hidden_ids(model: type[Model], path: str, rows_model: type[Model], user: User, body) -> list[int]:
    """Records of `model` the user may not see and the list does not show them: a few of them.

    Records that rows of the whole table point at come first: they are the ones a filter that
    looked past the user's rows would find.
    """
    visible = restrict(model.objects.all(), user, "view").values("pk")
    hidden = model.objects.exclude(pk__in=visible).exclude(pk__in=shown_ids(body, model)).order_by("pk")
    pointed_at = list(hidden.filter(pk__in=rows_model.objects.values(path)).values_list("pk", flat=True)[:2])
    return pointed_at or list(hidden.values_list("pk", flat=True)[:1])


# --- the cases ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("url_name", "name"), _cases())
def test_an_id_filter_confirms_nothing(world, url_name, name):
    filterset = list_filtersets()[url_name]
    model, path = target(filterset, name)
    made_up = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1000
    hidden_tried, listed_by, some_hidden = 0, [], False
    for role in ROLES:
        client, user = world.clients[role], world.users[role]
        status, everything = _answer(client, url_name)
        nothing = _answer(client, url_name, **{name: made_up})
        if status != 200:
            assert nothing[0] == status, f"{role}: refused the list, but not with the filter"
            continue
        listed_by.append(role)
        some_hidden |= restrict(model.objects.all(), user, "view").count() < model.objects.count()
        assert nothing[0] == 200 and _rows(nothing[1]) == [], f"{role}: an id that names nothing: {nothing}"
        shown = [everything]
        if (filterset.__name__, name) in SHOWN_ELSEWHERE:
            shown.append(_answer(client, SHOWN_ELSEWHERE[(filterset.__name__, name)])[1])
        for hidden in hidden_ids(model, path, filterset._meta.model, user, shown):
            answer = _answer(client, url_name, **{name: hidden})
            assert answer == nothing, f"{role}: a {model.__name__} they may not see ({hidden}) told apart"
            hidden_tried += 1
        bad_status, bad = _answer(client, url_name, **{name: NOT_A_NUMBER})
        assert bad_status == 400 and name in bad["errors"], f"{role}: {bad_status} {bad}"
    assert listed_by, "no role may read this list: the case proves nothing"
    # Where some role reading the list may not see some of these records (everyone reads teams,
    # themes and activity kinds), at least one such record was asked about.
    assert hidden_tried or not some_hidden, (
        f"no role was asked about a {model.__name__} it may not see: add one to the world"
    )


# --- the meta-tests: no filter escapes the cases -----------------------------------------------------


def test_no_filter_checks_an_id_against_a_table():
    # A choice over a queryset answers 400 for an id that names nothing: every record is a plain id.
    offenders = [
        f"{filterset.__module__}.{filterset.__name__}.{name} ({type(query_filter).__name__})"
        for filterset in api_filtersets()
        for name, query_filter in filterset.base_filters.items()
        if _names_a_record(filterset, name) and not isinstance(query_filter, ID_FILTERS)
    ]
    assert not offenders, f"filters naming a record that are not api.filters id filters: {offenders}"


def test_every_filterset_is_used_by_a_list_the_cases_cover():
    used = set(list_filtersets().values())
    unused = [cls.__name__ for cls in api_filtersets() if cls._meta.model is not None and cls not in used]
    assert not unused, f"filtersets no list endpoint uses, so no case covers: {unused}"
    assert len(_cases()) > 80  # the enumeration found the lists, not nothing


def test_every_id_filter_names_a_kind_of_record_and_method_targets_are_current():
    for url_name, filterset in list_filtersets().items():
        for name, query_filter in filterset.base_filters.items():
            if isinstance(query_filter, ID_FILTERS):
                model, _path_to = target(filterset, name)
                assert issubclass(model, Model), (url_name, name)
    assert all(url_name in list_filtersets() for url_name in SHOWN_ELSEWHERE.values())
    methods = {
        (cls.__name__, name)
        for filterset in list_filtersets().values()
        for cls in filterset.__mro__
        if issubclass(cls, django_filters.FilterSet)
        for name, query_filter in getattr(cls, "declared_filters", {}).items()
        if isinstance(query_filter, ID_FILTERS) and query_filter.method is not None
    }
    assert methods == set(METHOD_TARGETS)


def test_shown_ids_leave_out_only_objects_linked_to_another_kind_of_record():
    team_url = reverse("api:team-detail", kwargs={"pk": 7})
    row = {"id": 3, "team": {"id": 7, "url": team_url}, "series": 9, "score": 4, "parent_id": 5}
    body = {"count": 1, "results": [row]}
    # A row with no link could be anything; a team's link is not a user; a score is no id.
    assert shown_ids(body, User) == {3, 9, 5}
    assert shown_ids(body, Team) == {3, 7, 9, 5}


# --- the filters that go through other records, and the many-id filter -------------------------------


def test_a_supervisor_learns_no_team_or_level_through_a_worker_they_no_longer_see(world):
    supervisor = world.users[Role.SUPERVISOR]
    moved_on = PeerWorkerFactory(supervisors=[world.other_supervisor], team=world.team_other)
    held = SupervisionSessionFactory(worker=moved_on, supervisor=supervisor)
    client = client_for_user(supervisor)

    def session_ids(who, **params) -> set[int]:
        status, body = _answer(who, "supervision-session-list", **params)
        assert status == 200, body
        return {row["id"] for row in _rows(body)}

    assert held.pk in session_ids(client)
    # Their team is a team none of the supervisor's own workers is in: as if it had no one.
    assert _answer(client, "supervision-session-list", team=moved_on.team_id) == _answer(
        client, "supervision-session-list", team=world.team_spare.pk
    )
    assert held.pk not in session_ids(client, level=moved_on.level_id)
    assert world.session_own.pk in session_ids(client, level=world.worker_own.level_id)
    # HR sees the worker, so the same filters find the session.
    hr = world.clients[Role.HR]
    assert held.pk in session_ids(hr, team=moved_on.team_id) & session_ids(hr, level=moved_on.level_id)


def test_an_action_owner_learns_no_team_through_an_activity_they_may_not_see(world):
    owner = world.users[Role.SUPERVISOR]
    item = FeedbackItemFactory(activity=world.activity_other, action_owner=owner)
    client = client_for_user(owner)
    assert [row["id"] for row in _rows(_answer(client, "feedback-item-list")[1])] == [item.pk]
    nothing = _answer(client, "feedback-item-list", team=world.team_spare.pk)
    assert nothing[0] == 200 and _rows(nothing[1]) == []
    assert _answer(client, "feedback-item-list", team=world.activity_other.team_id) == nothing
    # The involvement lead sees the activity, so for them the team picks the item.
    lead = world.clients[Role.INVOLVEMENT_LEAD]
    found = _rows(_answer(lead, "feedback-item-list", team=world.activity_other.team_id)[1])
    assert item.pk in {row["id"] for row in found}


def test_several_ids_match_any_of_them_once_and_each_is_checked(world):
    first, second, unused = ThemeFactory(), ThemeFactory(), ThemeFactory()
    both = ParticipantFactory()
    both.topics.set([first, second])
    one = ParticipantFactory()
    one.topics.set([second])
    client = world.clients[Role.INVOLVEMENT_LEAD]
    url = reverse("api:participant-list")

    def ids(query: str) -> list[int]:
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200, response.content[:300]
        return sorted(row["id"] for row in response.json()["results"])

    assert ids(f"topic={first.pk}&topic={second.pk}") == sorted([both.pk, one.pk])  # each once
    assert ids(f"topic={first.pk}") == [both.pk]
    assert ids(f"topic={unused.pk}") == ids("topic=999999999") == []
    for query in (f"topic={first.pk}&topic={NOT_A_NUMBER}", "topic=1.5", f"topic={2**63}"):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400 and "topic" in response.json()["errors"], query


def test_inviting_by_a_register_filter_reads_ids_the_same_way(world):
    # The invite actions take the register's filterset from a JSON body: an unknown id invites
    # nobody, and a bad one is a 400 naming the filter, never a database error.
    client = world.clients[Role.INVOLVEMENT_LEAD]
    url = reverse("api:activity-invite", kwargs={"pk": world.activity_empty.pk})

    def invite(**register_filter):
        return client.post(url, {"filter": register_filter}, format="json")

    for name in ("topic", "team_of_interest", "referred_by"):
        made_up = invite(**{name: [10**9] if name == "topic" else 10**9})
        assert made_up.status_code == 201 and made_up.json()["invited"] == 0, made_up.content[:300]
        for value in (NOT_A_NUMBER, 2**63, [2**63]):
            refused = invite(**{name: value})
            assert refused.status_code == 400 and f"filter.{name}" in refused.json()["errors"], value
