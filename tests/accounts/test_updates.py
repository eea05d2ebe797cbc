"""The one update helper: what may change is refused or written, and only what changed is saved."""

from __future__ import annotations

from datetime import timedelta
from typing import TypedDict

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.errors import DomainError
from accounts.models import Team
from accounts.updates import apply_changes, field_names, refuse_unknown
from involvement.models import Participant
from tests.factories import ParticipantFactory, TeamFactory, TrustFactory

pytestmark = pytest.mark.django_db


class TeamChanges(TypedDict, total=False):
    name: str
    code: str
    is_active: bool


class ContactChanges(TypedDict, total=False):
    phone: str
    pronouns: str
    email: str


class Refused(DomainError):
    pass


def _updates(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]


def _stamped_yesterday(person: Participant) -> Participant:
    Participant.objects.filter(pk=person.pk).update(updated_at=timezone.now() - timedelta(days=1))
    person.refresh_from_db()
    return person


def test_the_allowed_fields_are_the_typed_dicts_keys():
    assert field_names(TeamChanges) == {"name", "code", "is_active"}


def test_a_field_not_allowed_is_refused_by_name_and_nothing_is_saved():
    team = TeamFactory(name="Crisis team")
    with pytest.raises(Refused) as caught:
        apply_changes(team, {"name": "Renamed", "kind": Team.Kind.TRUST}, TeamChanges, error=Refused)
    assert (caught.value.field, caught.value.message) == ("kind", "kind cannot be changed here.")
    team.refresh_from_db()
    assert (team.name, team.kind) == ("Crisis team", Team.Kind.TEAM)


def test_a_new_record_is_refused_as_set_and_the_wording_can_be_the_services_own():
    with pytest.raises(Refused) as caught:
        apply_changes(Team(), {"kind": Team.Kind.TRUST}, TeamChanges, error=Refused)
    assert caught.value.message == "kind cannot be set here."
    with pytest.raises(Refused) as caught:
        refuse_unknown({"diagnosis": "x"}, ContactChanges, error=Refused, message="{field} is not asked.")
    assert (caught.value.field, caught.value.message) == ("diagnosis", "diagnosis is not asked.")
    assert not Team.objects.filter(kind=Team.Kind.TRUST).exclude(code="test-trust").exists()


def test_an_unchanged_value_saves_nothing_no_history_and_no_new_stamp():
    person = _stamped_yesterday(ParticipantFactory(phone="01632 960000"))
    stamped, versions = person.updated_at, person.history.count()
    with CaptureQueriesContext(connection) as queries:
        changed = apply_changes(person, {"phone": "01632 960000"}, ContactChanges, error=Refused)
    assert changed == set()
    assert _updates(queries) == []
    person.refresh_from_db()
    assert (person.updated_at, person.history.count()) == (stamped, versions)


def test_only_the_changed_fields_and_the_stamp_are_written():
    person = _stamped_yesterday(ParticipantFactory(phone="01632 960000", pronouns="they/them"))
    yesterday = person.updated_at
    with CaptureQueriesContext(connection) as queries:
        changed = apply_changes(
            person, {"phone": "01632 960001", "pronouns": "they/them"}, ContactChanges, error=Refused
        )
    assert changed == {"phone"}
    [update] = _updates(queries)
    assert '"phone"' in update and '"updated_at"' in update
    assert '"pronouns"' not in update and '"name"' not in update
    person.refresh_from_db()
    assert person.phone == "01632 960001"
    assert person.updated_at > yesterday + timedelta(hours=23)
    assert person.history.latest("history_date").phone == "01632 960001"


def test_a_column_someone_else_changed_meanwhile_is_not_written_back():
    team = TeamFactory(name="Crisis team")
    stale = Team.objects.get(pk=team.pk)
    Team.objects.filter(pk=team.pk).update(name="Home treatment team")
    apply_changes(stale, {"is_active": False}, TeamChanges, error=Refused)
    team.refresh_from_db()
    assert (team.name, team.is_active) == ("Home treatment team", False)


def test_a_model_rule_that_fails_names_its_field_and_nothing_is_saved():
    team = TeamFactory(name="Crisis team", code="crisis")
    with pytest.raises(ValidationError) as caught:
        apply_changes(team, {"name": "Renamed", "code": "not a slug!"}, TeamChanges, error=Refused)
    assert set(caught.value.message_dict) == {"code"}
    team.refresh_from_db()
    assert (team.name, team.code) == ("Crisis team", "crisis")


def test_the_services_own_check_replaces_full_clean_and_what_it_adjusts_is_saved():
    person = ParticipantFactory(email="someone@test.example")

    def lower_the_email(person: Participant) -> None:
        person.email = person.email.lower()

    changed = apply_changes(
        person, {"email": "New@Test.Example"}, ContactChanges, error=Refused, validate=lower_the_email
    )
    assert changed == {"email"}
    person.refresh_from_db()
    assert person.email == "new@test.example"


def test_a_new_record_is_checked_and_saved_whole():
    team = Team(kind=Team.Kind.DIRECTORATE, parent=TrustFactory())
    changed = apply_changes(team, {"name": "Adult services", "code": "adult"}, TeamChanges, error=Refused)
    assert changed == {"name", "code"}
    assert Team.objects.get(code="adult").kind == Team.Kind.DIRECTORATE
    orphan = Team(kind=Team.Kind.TEAM)
    with pytest.raises(ValidationError) as caught:
        apply_changes(orphan, {"name": "Orphan", "code": "orphan"}, TeamChanges, error=Refused)
    assert "parent" in caught.value.message_dict
    assert not Team.objects.filter(code="orphan").exists()
