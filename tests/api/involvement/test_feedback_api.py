""" "You said, we did" over the API: items, action progress, publishing, and the public list."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.roles import Role
from api.involvement.serializers.feedback import PUBLISHED_CSV_COLUMNS
from involvement.models import Consultation, FeedbackItem, Rung
from tests.api.battery import ResourceBattery
from tests.conftest import client_for_user
from tests.factories import (
    ActivityFactory,
    ConsultationFactory,
    ConsultationInvitationFactory,
    ConsultationResponseFactory,
    FeedbackItemFactory,
    ParticipantFactory,
    ParticipationFactory,
    TeamFactory,
    ThemeFactory,
    UserFactory,
)

ActionStatus = FeedbackItem.ActionStatus
PUBLISHED_LIST = "/api/v1/involvement/published-changes"
PUBLISHED_CSV = "/api/v1/involvement/published-changes.csv"


def _staff():
    return UserFactory(roles=[Role.SUPERVISOR])


def _published(**kwargs) -> FeedbackItem:
    fields = {
        "action_status": ActionStatus.DONE,
        "we_did": "Letters now go out 14 days ahead, and by text.",
        "completed_on": timezone.localdate(),
        "published": True,
        "published_at": timezone.now(),
    }
    fields.update(kwargs)
    return FeedbackItemFactory(**fields)


class TestFeedbackItemResource(ResourceBattery):
    basename = "feedback-item"
    reader_role = Role.INVOLVEMENT_LEAD
    writer_role = Role.INVOLVEMENT_LEAD
    forbidden_role = Role.PEER_WORKER
    hidden_from_role = Role.PEER_WORKER

    def make_object(self) -> FeedbackItem:
        item = FeedbackItemFactory(action_owner=_staff())
        item.themes.set([ThemeFactory()])
        return item

    def create_payload(self) -> dict:
        return {
            "activity": ActivityFactory().pk,
            "you_said": "The leaflet uses too much jargon.",
            "themes": [ThemeFactory().pk],
            "action": "Rewrite it with the reading group.",
            "action_owner": _staff().pk,
            "action_due": (timezone.localdate() + dt.timedelta(days=45)).isoformat(),
        }

    def update_payload(self, obj: FeedbackItem) -> dict:
        return {
            "you_said": "The leaflet is hard to read.",
            "action_due": (timezone.localdate() + dt.timedelta(days=60)).isoformat(),
        }

    def test_delete(self):
        # An unpublished item is deleted; a published one must come off the public list first.
        lead = client_for_user(UserFactory(roles=[Role.INVOLVEMENT_LEAD]))
        assert lead.delete(self.detail_url(self.make_object())).status_code == 204
        public = _published()
        response = lead.delete(self.detail_url(public))
        assert response.status_code == 409
        assert "unpublish" in response.json()["detail"]
        assert FeedbackItem.objects.filter(pk=public.pk).exists()


@pytest.fixture
def lead(db):
    return client_for_user(UserFactory(roles=[Role.INVOLVEMENT_LEAD]))


def url(name: str, pk: int | None = None) -> str:
    return reverse(f"api:{name}", kwargs={"pk": pk}) if pk is not None else reverse(f"api:{name}")


def _payload(**overrides) -> dict:
    payload = {
        "you_said": "Appointment letters arrive too late.",
        "action": "Send letters earlier.",
        "action_owner": _staff().pk,
        "action_due": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
    }
    payload.update(overrides)
    return payload


@pytest.mark.django_db
class TestFeedbackBadInput:
    def test_needs_an_activity_or_a_consultation(self, lead):
        response = lead.post(url("feedback-item-list"), _payload(), format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["activity"]
        assert not FeedbackItem.objects.exists()

    def test_not_both(self, lead):
        payload = _payload(activity=ActivityFactory().pk, consultation=ConsultationFactory().pk)
        response = lead.post(url("feedback-item-list"), payload, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["consultation"]
        assert not FeedbackItem.objects.exists()

    def test_action_owner_must_be_staff(self, lead):
        payload = _payload(
            activity=ActivityFactory().pk, action_owner=UserFactory(roles=[Role.PARTICIPANT]).pk
        )
        response = lead.post(url("feedback-item-list"), payload, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["action_owner"]
        assert not FeedbackItem.objects.exists()

    def test_the_source_cannot_be_changed(self, lead):
        item = FeedbackItemFactory()
        other = ActivityFactory()
        response = lead.patch(url("feedback-item-detail", item.pk), {"activity": other.pk}, format="json")
        assert response.status_code == 200
        item.refresh_from_db()
        assert item.activity_id != other.pk

    def test_unknown_query_parameter_is_refused(self, lead):
        response = lead.get(url("feedback-item-list"), {"publisehd": "true"})
        assert response.status_code == 400
        assert "publisehd" in response.json()["errors"]


@pytest.mark.django_db
class TestActionOwner:
    def test_sees_and_updates_their_own_actions_only(self):
        owner = _staff()
        mine = FeedbackItemFactory(action_owner=owner)
        theirs = FeedbackItemFactory()
        client = client_for_user(owner)
        ids = [row["id"] for row in client.get(url("feedback-item-list")).json()["results"]]
        assert ids == [mine.pk]
        assert client.get(url("feedback-item-detail", theirs.pk)).status_code == 404
        response = client.post(
            url("feedback-item-action", theirs.pk), {"action_status": "in_progress"}, format="json"
        )
        assert response.status_code == 404
        theirs.refresh_from_db()
        assert theirs.action_status == ActionStatus.OPEN

    def test_done_needs_we_did_then_sets_completed_on(self):
        owner = _staff()
        item = FeedbackItemFactory(action_owner=owner)
        client = client_for_user(owner)
        response = client.post(url("feedback-item-action", item.pk), {"action_status": "done"}, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["we_did"]
        item.refresh_from_db()
        assert item.action_status == ActionStatus.OPEN and item.completed_on is None

        response = client.post(
            url("feedback-item-action", item.pk),
            {"action_status": "done", "we_did": "Letters now go out two weeks ahead."},
            format="json",
        )
        assert response.status_code == 200
        body = response.json()
        assert body["action_status"] == "done"
        assert body["completed_on"] == timezone.localdate().isoformat()

    def test_not_doing_needs_a_reason(self):
        owner = _staff()
        item = FeedbackItemFactory(action_owner=owner)
        response = client_for_user(owner).post(
            url("feedback-item-action", item.pk), {"action_status": "not_doing"}, format="json"
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["we_did"]

    def test_empty_action_update_is_refused(self):
        owner = _staff()
        item = FeedbackItemFactory(action_owner=owner)
        response = client_for_user(owner).post(url("feedback-item-action", item.pk), {}, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["action_status"]

    def test_cannot_rewrite_the_item_or_publish_it(self):
        owner = _staff()
        item = FeedbackItemFactory(action_owner=owner, action_status=ActionStatus.DONE, we_did="Done.")
        client = client_for_user(owner)
        response = client.patch(url("feedback-item-detail", item.pk), {"you_said": "Other"}, format="json")
        assert response.status_code == 403
        assert client.post(url("feedback-item-publish", item.pk)).status_code == 403
        item.refresh_from_db()
        assert item.you_said != "Other" and not item.published


@pytest.mark.django_db
class TestPublishing:
    def test_publish_and_unpublish(self, lead):
        item = FeedbackItemFactory(action_status=ActionStatus.DONE, we_did="Done.")
        response = lead.post(url("feedback-item-publish", item.pk))
        assert response.status_code == 200
        assert response.json()["published"] is True and response.json()["published_at"]
        assert lead.post(url("feedback-item-publish", item.pk)).status_code == 409
        response = lead.post(url("feedback-item-unpublish", item.pk))
        assert response.status_code == 200
        assert response.json()["published"] is False and response.json()["published_at"] is None
        assert lead.post(url("feedback-item-unpublish", item.pk)).status_code == 409

    def test_unfinished_action_is_409(self, lead):
        item = FeedbackItemFactory(action_status=ActionStatus.IN_PROGRESS, we_did="Halfway.")
        response = lead.post(url("feedback-item-publish", item.pk))
        assert response.status_code == 409
        assert list(response.json()["errors"]) == ["action_status"]
        item.refresh_from_db()
        assert not item.published

    def test_missing_we_did_names_we_did(self, lead):
        item = FeedbackItemFactory(action_status=ActionStatus.DONE, we_did="")
        response = lead.post(url("feedback-item-publish", item.pk))
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["we_did"]
        item.refresh_from_db()
        assert not item.published

    def test_not_doing_with_reason_is_published(self, lead):
        item = FeedbackItemFactory(
            action_status=ActionStatus.NOT_DOING, we_did="The form is required by law."
        )
        assert lead.post(url("feedback-item-publish", item.pk)).status_code == 200

    def test_participants_see_published_items_only(self):
        person = ParticipantFactory(user=UserFactory(roles=[Role.PARTICIPANT]))
        public = _published()
        hidden = FeedbackItemFactory()
        client = client_for_user(person.user)
        ids = [row["id"] for row in client.get(url("feedback-item-list")).json()["results"]]
        assert ids == [public.pk]
        assert client.get(url("feedback-item-detail", hidden.pk)).status_code == 404
        assert client.post(url("feedback-item-unpublish", public.pk)).status_code == 403


@pytest.mark.django_db
class TestFeedbackFilters:
    def test_by_status_published_owner_and_due_dates(self, lead):
        owner = _staff()
        today = timezone.localdate()
        match = FeedbackItemFactory(action_owner=owner, action_due=today + dt.timedelta(days=5))
        FeedbackItemFactory(action_owner=owner, action_due=today + dt.timedelta(days=50))
        FeedbackItemFactory(action_due=today + dt.timedelta(days=5))
        _published(action_owner=owner, action_due=today + dt.timedelta(days=5))
        params = {
            "owner": owner.pk,
            "published": "false",
            "action_status": "open",
            "due_before": (today + dt.timedelta(days=10)).isoformat(),
        }
        rows = lead.get(url("feedback-item-list"), params).json()["results"]
        assert [row["id"] for row in rows] == [match.pk]

    def test_overdue_source_team_theme_and_consultation(self, lead):
        team = TeamFactory()
        theme = ThemeFactory()
        consultation = ConsultationFactory(team=team)
        late = FeedbackItemFactory(
            activity=None, consultation=consultation, action_due=timezone.localdate() - dt.timedelta(days=1)
        )
        late.themes.set([theme])
        FeedbackItemFactory(activity=None, consultation=consultation)
        FeedbackItemFactory(action_due=timezone.localdate() - dt.timedelta(days=1))
        params = {
            "overdue": "true",
            "source": "consultation",
            "team": team.pk,
            "theme": theme.pk,
            "consultation": consultation.pk,
        }
        rows = lead.get(url("feedback-item-list"), params).json()["results"]
        assert [row["id"] for row in rows] == [late.pk]
        assert rows[0]["overdue"] is True


@pytest.fixture
def published_world(db):
    """A realistic mix: named people everywhere in the working data, one item published of each source."""
    participant = ParticipantFactory(name="Test Participant Zed", email="zed.participant@test.example")
    owner = UserFactory(
        roles=[Role.SUPERVISOR], first_name="Ownerfirst", last_name="Ownerlast", email="owner.x@test.example"
    )
    lead_user = UserFactory(
        roles=[Role.INVOLVEMENT_LEAD],
        first_name="Leadfirst",
        last_name="Leadlast",
        email="lead.y@test.example",
    )
    theme = ThemeFactory(code="crisis-care", name="Crisis care")
    activity = ActivityFactory(title="Leaflet redesign workshop", rung=Rung.CO_DESIGN, leads=[lead_user])
    ParticipationFactory(activity=activity, participant=participant)
    consultation = ConsultationFactory(
        title="Draft crisis plan", owner=owner, status=Consultation.Status.CLOSED, closed_at=timezone.now()
    )
    ConsultationInvitationFactory(consultation=consultation, participant=participant, invited_by=lead_user)
    ConsultationResponseFactory(
        consultation=consultation, participant=participant, body="Private words from Zed about my own crisis."
    )
    from_activity = _published(
        activity=activity, action_owner=owner, you_said="The leaflet was hard to read.", we_did="Rewritten."
    )
    from_activity.themes.set([theme])
    from_consultation = _published(
        activity=None,
        consultation=consultation,
        action_owner=owner,
        action_status=ActionStatus.NOT_DOING,
        completed_on=None,
        you_said="Phone the crisis team at night.",
        we_did="We cannot staff this yet; the night line is being funded for next year.",
    )
    unpublished = FeedbackItemFactory(
        activity=activity, action_owner=owner, you_said="Unpublished secret point.", we_did="Not yet."
    )
    return {
        "people": [participant, owner, lead_user],
        "published": [from_activity, from_consultation],
        "unpublished": unpublished,
        "theme": theme,
    }


def _personal_strings(world) -> list[str]:
    participant, owner, lead_user = world["people"]
    return [
        participant.name,
        participant.email,
        "Zed",
        owner.email,
        owner.first_name,
        owner.last_name,
        lead_user.email,
        lead_user.first_name,
        lead_user.last_name,
        "Private words",
    ]


@pytest.mark.django_db
class TestPublishedList:
    def test_anyone_can_read_it_without_signing_in(self, published_world):
        response = APIClient().get(PUBLISHED_LIST)
        assert response.status_code == 200
        body = response.json()
        assert {"count", "next", "previous", "results"} <= set(body)
        assert body["count"] == 2

    def test_only_published_rows_and_only_public_fields(self, published_world):
        body = APIClient().get(PUBLISHED_LIST).json()
        ids = {row["id"] for row in body["results"]}
        assert ids == {item.pk for item in published_world["published"]}
        assert published_world["unpublished"].pk not in ids
        for row in body["results"]:
            assert set(row) == set(PUBLISHED_CSV_COLUMNS)
        by_id = {row["id"]: row for row in body["results"]}
        activity_row = by_id[published_world["published"][0].pk]
        assert activity_row["source_type"] == "activity"
        assert activity_row["source_title"] == "Leaflet redesign workshop"
        assert activity_row["ladder_rung"] == "co_design"
        assert activity_row["ladder_rung_label"] == "Co-design"
        assert activity_row["themes"] == ["Crisis care"]
        assert activity_row["status"] == "done"
        consultation_row = by_id[published_world["published"][1].pk]
        assert consultation_row["source_type"] == "consultation"
        assert consultation_row["source_title"] == "Draft crisis plan"
        assert consultation_row["ladder_rung"] is None
        assert consultation_row["status"] == "not_doing"

    def test_json_holds_no_personal_data(self, published_world):
        text = APIClient().get(PUBLISHED_LIST).content.decode()
        for value in _personal_strings(published_world):
            assert value not in text, f"{value!r} appears in the public list"
        assert "Unpublished secret point" not in text

    def test_filters(self, published_world):
        client = APIClient()
        rows = client.get(PUBLISHED_LIST, {"source_type": "consultation"}).json()["results"]
        assert [row["id"] for row in rows] == [published_world["published"][1].pk]
        rows = client.get(PUBLISHED_LIST, {"theme": "crisis-care"}).json()["results"]
        assert [row["id"] for row in rows] == [published_world["published"][0].pk]
        rows = client.get(PUBLISHED_LIST, {"ladder_rung": "co_design", "status": "done"}).json()["results"]
        assert [row["id"] for row in rows] == [published_world["published"][0].pk]
        response = client.get(PUBLISHED_LIST, {"owner": 1})
        assert response.status_code == 400
        assert "owner" in response.json()["errors"]

    def test_query_count_does_not_grow_with_rows(self, published_world):
        client = APIClient()
        with CaptureQueriesContext(connection) as few:
            assert client.get(PUBLISHED_LIST).status_code == 200
        for _ in range(6):
            _published().themes.set([ThemeFactory()])
        with CaptureQueriesContext(connection) as many:
            assert client.get(PUBLISHED_LIST).json()["count"] == 8
        assert len(many) == len(few) <= 4

    def test_csv_download(self, published_world):
        response = APIClient().get(PUBLISHED_CSV)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert response["Content-Disposition"].startswith("attachment;")
        assert ".csv" in response["Content-Disposition"]
        text = response.content.decode()
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == PUBLISHED_CSV_COLUMNS
        records = list(csv.DictReader(io.StringIO(text)))
        assert sorted(int(r["id"]) for r in records) == sorted(i.pk for i in published_world["published"])
        by_source = {r["source_type"]: r for r in records}
        assert by_source["activity"]["themes"] == "Crisis care"
        assert by_source["activity"]["ladder_rung"] == "co_design"
        assert by_source["consultation"]["ladder_rung"] == ""
        assert by_source["consultation"]["we_did"].startswith("We cannot staff this yet")
        for value in [*_personal_strings(published_world), "Unpublished secret point"]:
            assert value not in text, f"{value!r} appears in the public CSV"

    def test_csv_with_a_browser_accept_header_and_filters(self, published_world):
        response = APIClient().get(PUBLISHED_CSV, {"source_type": "activity"}, HTTP_ACCEPT="text/csv")
        assert response.status_code == 200
        records = list(csv.DictReader(io.StringIO(response.content.decode())))
        assert [int(r["id"]) for r in records] == [published_world["published"][0].pk]

    def test_csv_bad_filter_is_a_json_400(self, published_world):
        response = APIClient().get(PUBLISHED_CSV, {"status": "finished"})
        assert response.status_code == 400
        assert "status" in response.json()["errors"]

    def test_csv_cells_cannot_become_spreadsheet_formulas(self, db):
        _published(you_said='=HYPERLINK("http://evil.test.example")')
        records = list(csv.DictReader(io.StringIO(APIClient().get(PUBLISHED_CSV).content.decode())))
        assert records[0]["you_said"].startswith("'=")

    def test_empty_csv_still_has_its_header(self, db):
        FeedbackItemFactory()  # not published
        rows = list(csv.reader(io.StringIO(APIClient().get(PUBLISHED_CSV).content.decode())))
        assert rows == [PUBLISHED_CSV_COLUMNS]

    def test_signed_in_callers_get_the_same_public_list(self, published_world):
        # No token is looked at: a staff login sees no more than the public does.
        client = client_for_user(UserFactory(roles=[Role.INVOLVEMENT_LEAD]))
        assert client.get(PUBLISHED_LIST).json()["count"] == 2
