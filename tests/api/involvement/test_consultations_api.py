"""Consultations over the API: lifecycle, invitations, responses, the deadline, and who sees what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from involvement.models import Consultation, ConsultationInvitation, ConsultationResponse, Participant
from involvement.services.consultations import when
from tests.api.battery import ResourceBattery
from tests.conftest import client_for_user
from tests.factories import (
    ConsultationFactory,
    ConsultationInvitationFactory,
    ConsultationResponseFactory,
    ParticipantFactory,
    TeamFactory,
    ThemeFactory,
    UserFactory,
)

Status = Consultation.Status


def _lead_user():
    return UserFactory(roles=[Role.INVOLVEMENT_LEAD])


def _consultation_payload() -> dict:
    opens = timezone.now() + dt.timedelta(days=1)
    return {
        "title": "Draft carers' strategy",
        "summary": "What should the trust do better for carers?",
        "document_url": "https://docs.test.example/carers-strategy.pdf",
        "audience": "carers",
        "team": TeamFactory().pk,
        "themes": [ThemeFactory().pk],
        "opens_at": opens.isoformat(),
        "closes_at": (opens + dt.timedelta(days=28)).isoformat(),
    }


class TestConsultationResource(ResourceBattery):
    basename = "consultation"
    reader_role = Role.INVOLVEMENT_LEAD
    writer_role = Role.INVOLVEMENT_LEAD
    forbidden_role = Role.PEER_WORKER
    hidden_from_role = Role.PEER_WORKER

    def make_object(self) -> Consultation:
        consultation = ConsultationFactory(
            status=Status.DRAFT, owner=UserFactory(roles=[Role.SUPERVISOR]), team=TeamFactory()
        )
        consultation.themes.set([ThemeFactory()])
        return consultation

    def create_payload(self) -> dict:
        return _consultation_payload()

    def update_payload(self, obj: Consultation) -> dict:
        return {"title": "Draft carers' strategy, second version", "audience": "everyone"}

    def test_delete(self):
        # An untouched draft is deleted; once people are involved it is kept (close it instead).
        lead = client_for_user(_lead_user())
        assert lead.delete(self.detail_url(self.make_object())).status_code == 204
        used = self.make_object()
        ConsultationInvitationFactory(consultation=used)
        response = lead.delete(self.detail_url(used))
        assert response.status_code == 409
        assert "Only a draft" in response.json()["detail"]
        assert Consultation.objects.filter(pk=used.pk).exists()


class TestConsultationInvitationResource(ResourceBattery):
    basename = "consultation-invitation"
    reader_role = Role.INVOLVEMENT_LEAD
    writer_role = Role.INVOLVEMENT_LEAD
    forbidden_role = Role.PEER_WORKER
    hidden_from_role = Role.PEER_WORKER

    def make_object(self) -> ConsultationInvitation:
        return ConsultationInvitationFactory(invited_by=_lead_user())

    def create_payload(self) -> dict:
        return {"consultation": ConsultationFactory().pk, "participant": ParticipantFactory().pk}

    def update_payload(self, obj: ConsultationInvitation) -> dict:
        return {"participant": ParticipantFactory().pk}

    def test_update(self):
        # An invitation has nothing to edit: the refusal says so and the row is unchanged.
        obj = self.make_object()
        lead = client_for_user(_lead_user())
        response = lead.patch(self.detail_url(obj), self.update_payload(obj), format="json")
        assert response.status_code == 405
        assert "remove it and invite again" in response.json()["detail"]
        before = obj.participant_id
        obj.refresh_from_db()
        assert obj.participant_id == before


class TestConsultationResponseResource(ResourceBattery):
    basename = "consultation-response"
    reader_role = Role.INVOLVEMENT_LEAD
    writer_role = Role.INVOLVEMENT_LEAD
    forbidden_role = Role.PEER_WORKER
    hidden_from_role = Role.PEER_WORKER

    def make_object(self) -> ConsultationResponse:
        return ConsultationResponseFactory(recorded_by=_lead_user(), themes=[ThemeFactory()])

    def create_payload(self) -> dict:
        return {
            "consultation": ConsultationFactory().pk,
            "participant": ParticipantFactory().pk,
            "body": "Said at the carers' drop-in: evening sessions please.",
            "themes": [ThemeFactory().pk],
        }

    def update_payload(self, obj: ConsultationResponse) -> dict:
        return {"body": "Said at the carers' drop-in: evening and weekend sessions please."}


@pytest.fixture
def lead_user(db):
    return _lead_user()


@pytest.fixture
def lead(lead_user):
    return client_for_user(lead_user)


def url(name: str, pk: int | None = None) -> str:
    return reverse(f"api:{name}", kwargs={"pk": pk}) if pk is not None else reverse(f"api:{name}")


def _participant_with_login(**kwargs) -> Participant:
    return ParticipantFactory(user=UserFactory(roles=[Role.PARTICIPANT]), **kwargs)


@pytest.mark.django_db
class TestConsultationBadInput:
    def test_closing_before_opening_names_closes_at(self, lead):
        payload = _consultation_payload()
        payload["opens_at"], payload["closes_at"] = payload["closes_at"], payload["opens_at"]
        response = lead.post(url("consultation-list"), payload, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["closes_at"]
        assert not Consultation.objects.exists()

    def test_moving_the_close_before_the_opening_names_closes_at(self, lead):
        consultation = ConsultationFactory(status=Status.DRAFT)
        before = consultation.closes_at
        bad = (consultation.opens_at - dt.timedelta(days=1)).isoformat()
        response = lead.patch(url("consultation-detail", consultation.pk), {"closes_at": bad}, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["closes_at"]
        consultation.refresh_from_db()
        assert consultation.closes_at == before

    def test_a_participant_login_cannot_own_a_consultation(self, lead):
        payload = {**_consultation_payload(), "owner": UserFactory(roles=[Role.PARTICIPANT]).pk}
        response = lead.post(url("consultation-list"), payload, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["owner"]
        assert not Consultation.objects.exists()

    def test_a_closed_consultation_cannot_be_edited(self, lead):
        consultation = ConsultationFactory(status=Status.CLOSED, title="Before")
        response = lead.patch(url("consultation-detail", consultation.pk), {"title": "After"}, format="json")
        assert response.status_code == 409
        consultation.refresh_from_db()
        assert consultation.title == "Before"

    def test_unknown_query_parameter_is_refused(self, lead):
        response = lead.get(url("consultation-list"), {"stauts": "open"})
        assert response.status_code == 400
        assert "stauts" in response.json()["errors"]


@pytest.mark.django_db
class TestLifecycle:
    def test_draft_open_closed_outcome_published(self, lead):
        response = lead.post(url("consultation-list"), _consultation_payload(), format="json")
        assert response.status_code == 201, response.content
        pk = response.json()["id"]
        assert response.json()["status"] == "draft"
        assert lead.post(url("consultation-open", pk)).json()["status"] == "open"
        closed = lead.post(url("consultation-close", pk)).json()
        assert closed["status"] == "closed" and closed["closed_at"]
        response = lead.post(
            url("consultation-publish-outcome", pk),
            {"outcome_summary": "Evening sessions start in May."},
            format="json",
        )
        assert response.status_code == 200
        body = response.json()
        assert body["status"] == "outcome_published"
        assert body["outcome_summary"] == "Evening sessions start in May."
        assert body["outcome_published_at"]

    @pytest.mark.parametrize(
        ("status", "name"),
        [
            (Status.DRAFT, "consultation-close"),
            (Status.OPEN, "consultation-open"),
            (Status.CLOSED, "consultation-open"),
            (Status.OUTCOME_PUBLISHED, "consultation-close"),
        ],
    )
    def test_wrong_transition_is_409(self, lead, status, name):
        consultation = ConsultationFactory(status=status)
        response = lead.post(url(name, consultation.pk))
        assert response.status_code == 409
        assert "status" in response.json()["errors"]
        consultation.refresh_from_db()
        assert consultation.status == status

    def test_outcome_before_closing_is_409(self, lead):
        consultation = ConsultationFactory(status=Status.OPEN)
        response = lead.post(
            url("consultation-publish-outcome", consultation.pk), {"outcome_summary": "x"}, format="json"
        )
        assert response.status_code == 409
        consultation.refresh_from_db()
        assert consultation.status == Status.OPEN and not consultation.outcome_summary

    def test_outcome_needs_a_summary(self, lead):
        consultation = ConsultationFactory(status=Status.CLOSED)
        response = lead.post(url("consultation-publish-outcome", consultation.pk), {}, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["outcome_summary"]
        consultation.refresh_from_db()
        assert consultation.status == Status.CLOSED

    def test_the_owner_runs_their_own_consultation(self):
        owner = UserFactory(roles=[Role.SUPERVISOR])
        consultation = ConsultationFactory(status=Status.DRAFT, owner=owner)
        other = ConsultationFactory(status=Status.DRAFT)
        client = client_for_user(owner)
        assert client.post(url("consultation-open", consultation.pk)).status_code == 200
        assert client.post(url("consultation-open", other.pk)).status_code == 404
        ids = [row["id"] for row in client.get(url("consultation-list")).json()["results"]]
        assert ids == [consultation.pk]


@pytest.mark.django_db
class TestInviting:
    def test_invite_one_person(self, lead):
        consultation = ConsultationFactory()
        person = ParticipantFactory()
        response = lead.post(
            url("consultation-invite", consultation.pk), {"participant": person.pk}, format="json"
        )
        assert response.status_code == 201, response.content
        assert response.json()["invited"] == 1
        assert consultation.invitations.get().participant == person

    def test_inviting_the_same_person_twice_names_participant(self, lead):
        consultation = ConsultationFactory()
        person = ParticipantFactory()
        ConsultationInvitationFactory(consultation=consultation, participant=person)
        response = lead.post(
            url("consultation-invite", consultation.pk), {"participant": person.pk}, format="json"
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["participant"]
        assert "already invited" in response.json()["detail"]
        assert consultation.invitations.count() == 1

    def test_inviting_twice_through_the_invitation_resource_names_participant(self, lead):
        invitation = ConsultationInvitationFactory()
        payload = {"consultation": invitation.consultation_id, "participant": invitation.participant_id}
        response = lead.post(url("consultation-invitation-list"), payload, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["participant"]
        assert ConsultationInvitation.objects.count() == 1

    @pytest.mark.parametrize(
        "person",
        [
            {"consent_given_at": None},
            {"consent_withdrawn_at": timezone.now()},
            {"status": Participant.Status.PAUSED},
            {"status": Participant.Status.LEFT},
        ],
        ids=["never-consented", "withdrew-consent", "paused", "left"],
    )
    def test_no_invitation_without_consent_or_when_not_active(self, lead, person):
        consultation = ConsultationFactory()
        participant = ParticipantFactory(**person)
        response = lead.post(
            url("consultation-invite", consultation.pk), {"participant": participant.pk}, format="json"
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["participant"]
        assert not ConsultationInvitation.objects.exists()

    def test_invite_by_register_filter_skips_the_uncontactable_and_already_invited(self, lead):
        consultation = ConsultationFactory()
        fresh = ParticipantFactory(experience="carer")
        already = ParticipantFactory(experience="carer")
        ConsultationInvitationFactory(consultation=consultation, participant=already)
        ParticipantFactory(experience="carer", consent_withdrawn_at=timezone.now())
        ParticipantFactory(experience="carer", status=Participant.Status.PAUSED)
        ParticipantFactory(experience="service_user")
        response = lead.post(
            url("consultation-invite", consultation.pk), {"filter": {"experience": "carer"}}, format="json"
        )
        assert response.status_code == 201, response.content
        assert response.json()["invited"] == 1
        assert [row["participant"]["id"] for row in response.json()["invitations"]] == [fresh.pk]
        assert consultation.invitations.count() == 2

    def test_unknown_register_filter_is_refused(self, lead):
        consultation = ConsultationFactory()
        response = lead.post(
            url("consultation-invite", consultation.pk), {"filter": {"mood": "x"}}, format="json"
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["filter.mood"]
        assert not ConsultationInvitation.objects.exists()

    def test_neither_participant_nor_filter_is_refused(self, lead):
        consultation = ConsultationFactory()
        response = lead.post(url("consultation-invite", consultation.pk), {}, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["participant"]

    def test_no_invitations_once_closed(self, lead):
        consultation = ConsultationFactory(status=Status.CLOSED)
        response = lead.post(
            url("consultation-invite", consultation.pk),
            {"participant": ParticipantFactory().pk},
            format="json",
        )
        assert response.status_code == 409
        assert not ConsultationInvitation.objects.exists()

    def test_an_owner_who_is_not_a_lead_cannot_invite_from_the_register(self):
        owner = UserFactory(roles=[Role.SUPERVISOR])
        consultation = ConsultationFactory(owner=owner)
        response = client_for_user(owner).post(
            url("consultation-invite", consultation.pk),
            {"participant": ParticipantFactory().pk},
            format="json",
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["participant"]
        assert not ConsultationInvitation.objects.exists()


@pytest.mark.django_db
class TestResponding:
    def test_participant_responds_for_themselves_without_naming_anyone(self):
        person = _participant_with_login()
        consultation = ConsultationFactory()
        ConsultationInvitationFactory(consultation=consultation, participant=person)
        theme = ThemeFactory()
        response = client_for_user(person.user).post(
            url("consultation-response-list"),
            {"consultation": consultation.pk, "body": "Please add evening sessions.", "themes": [theme.pk]},
            format="json",
        )
        assert response.status_code == 201, response.content
        saved = ConsultationResponse.objects.get()
        assert saved.participant == person
        assert saved.recorded_by is None
        assert [t["id"] for t in response.json()["themes"]] == [theme.pk]

    def test_participant_naming_someone_else_is_refused_not_rewritten(self):
        person = _participant_with_login()
        someone_else = ParticipantFactory()
        consultation = ConsultationFactory()
        ConsultationInvitationFactory(consultation=consultation, participant=person)
        ConsultationInvitationFactory(consultation=consultation, participant=someone_else)
        response = client_for_user(person.user).post(
            url("consultation-response-list"),
            {"consultation": consultation.pk, "participant": someone_else.pk, "body": "Evening sessions."},
            format="json",
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["participant"]
        assert "only respond for themselves" in response.json()["errors"]["participant"][0]
        assert not ConsultationResponse.objects.exists()

    def test_a_second_response_is_refused_and_says_how_to_change_the_first(self):
        person = _participant_with_login()
        consultation = ConsultationFactory()
        ConsultationInvitationFactory(consultation=consultation, participant=person)
        client = client_for_user(person.user)
        payload = {"consultation": consultation.pk, "participant": person.pk, "body": "First thoughts."}
        first = client.post(url("consultation-response-list"), payload, format="json")
        assert first.status_code == 201
        again = client.post(
            url("consultation-response-list"), {**payload, "body": "Second thoughts."}, format="json"
        )
        assert again.status_code == 409
        assert list(again.json()["errors"]) == ["participant"]
        first_id = first.json()["id"]
        detail = again.json()["detail"]
        assert "already responded" in detail
        assert f"(response {first_id})" in detail and "change that response" in detail
        assert when(consultation.closes_at) in detail
        assert list(ConsultationResponse.objects.values_list("body", flat=True)) == ["First thoughts."]

    def test_participant_changes_their_response_while_it_is_open(self):
        person = _participant_with_login()
        consultation = ConsultationFactory()
        ConsultationInvitationFactory(consultation=consultation, participant=person)
        mine = ConsultationResponseFactory(consultation=consultation, participant=person, body="First")
        response = client_for_user(person.user).patch(
            url("consultation-response-detail", mine.pk),
            {"body": "First, and evenings please"},
            format="json",
        )
        assert response.status_code == 200, response.content
        mine.refresh_from_db()
        assert mine.body == "First, and evenings please"
        assert mine.recorded_by is None

    def test_staff_record_a_response_for_someone_once(self, lead, lead_user):
        person = ParticipantFactory(name="Test Robin Example")
        consultation = ConsultationFactory()
        payload = {"consultation": consultation.pk, "participant": person.pk, "body": "Said on the phone."}
        first = lead.post(url("consultation-response-list"), payload, format="json")
        assert first.status_code == 201
        assert first.json()["recorded_by"]["id"] == lead_user.pk
        again = lead.post(url("consultation-response-list"), payload, format="json")
        assert again.status_code == 409
        assert list(again.json()["errors"]) == ["participant"]
        detail = again.json()["detail"]
        assert "Test Robin Example already has a response" in detail
        assert f"(response {first.json()['id']})" in detail
        assert ConsultationResponse.objects.count() == 1

    def test_staff_record_several_comments_that_name_no_one(self, lead):
        consultation = ConsultationFactory()
        for body in ("From a paper form.", "From another paper form."):
            response = lead.post(
                url("consultation-response-list"),
                {"consultation": consultation.pk, "participant": None, "body": body},
                format="json",
            )
            assert response.status_code == 201, response.content
        assert ConsultationResponse.objects.filter(participant__isnull=True).count() == 2

    def test_after_the_deadline_is_refused_saying_it_closed_and_when(self):
        person = _participant_with_login()
        now = timezone.now()
        closes = now - dt.timedelta(hours=3)
        consultation = ConsultationFactory(opens_at=now - dt.timedelta(days=14), closes_at=closes)
        ConsultationInvitationFactory(consultation=consultation, participant=person)
        response = client_for_user(person.user).post(
            url("consultation-response-list"),
            {"consultation": consultation.pk, "body": "Late"},
            format="json",
        )
        assert response.status_code == 409
        detail = response.json()["detail"]
        assert "closed" in detail and when(closes) in detail
        assert list(response.json()["errors"]) == ["consultation"]
        assert not ConsultationResponse.objects.exists()

    def test_staff_recording_after_closing_is_refused_too(self, lead):
        consultation = ConsultationFactory(status=Status.CLOSED, closed_at=timezone.now())
        response = lead.post(
            url("consultation-response-list"),
            {"consultation": consultation.pk, "participant": ParticipantFactory().pk, "body": "Late"},
            format="json",
        )
        assert response.status_code == 409
        assert "closed" in response.json()["detail"]
        assert not ConsultationResponse.objects.exists()

    def test_not_invited_means_no_such_consultation(self):
        person = _participant_with_login()
        consultation = ConsultationFactory()
        response = client_for_user(person.user).post(
            url("consultation-response-list"), {"consultation": consultation.pk, "body": "Hi"}, format="json"
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["consultation"]
        assert not ConsultationResponse.objects.exists()

    def test_empty_body_names_body(self, lead):
        response = lead.post(
            url("consultation-response-list"),
            {"consultation": ConsultationFactory().pk, "body": ""},
            format="json",
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["body"]
        assert not ConsultationResponse.objects.exists()

    def test_no_one_rewords_what_a_participant_wrote(self, lead):
        response_row = ConsultationResponseFactory(recorded_by=None, body="My own words")
        response = lead.patch(
            url("consultation-response-detail", response_row.pk), {"body": "Tidier words"}, format="json"
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["body"]
        response_row.refresh_from_db()
        assert response_row.body == "My own words"

    def test_leads_tag_a_participants_response_with_themes(self, lead):
        response_row = ConsultationResponseFactory(recorded_by=None)
        theme = ThemeFactory()
        response = lead.patch(
            url("consultation-response-detail", response_row.pk), {"themes": [theme.pk]}, format="json"
        )
        assert response.status_code == 200
        assert list(response_row.themes.all()) == [theme]


@pytest.mark.django_db
class TestWhoSeesWhat:
    def test_participant_sees_only_their_own_responses(self):
        person = _participant_with_login()
        consultation = ConsultationFactory()
        ConsultationInvitationFactory(consultation=consultation, participant=person)
        mine = ConsultationResponseFactory(consultation=consultation, participant=person)
        theirs = ConsultationResponseFactory(consultation=consultation)
        client = client_for_user(person.user)
        ids = [row["id"] for row in client.get(url("consultation-response-list")).json()["results"]]
        assert ids == [mine.pk]
        assert client.get(url("consultation-response-detail", theirs.pk)).status_code == 404
        assert client.get(url("consultation-response-detail", mine.pk)).status_code == 200

    def test_participant_cannot_change_their_response_after_closing(self):
        person = _participant_with_login()
        closed = ConsultationFactory(status=Status.CLOSED, closed_at=timezone.now())
        ConsultationInvitationFactory(consultation=closed, participant=person)
        mine = ConsultationResponseFactory(consultation=closed, participant=person, body="Sent")
        response = client_for_user(person.user).patch(
            url("consultation-response-detail", mine.pk), {"body": "Changed"}, format="json"
        )
        assert response.status_code == 409
        assert "closed" in response.json()["detail"]
        mine.refresh_from_db()
        assert mine.body == "Sent"

    def test_participant_cannot_change_someone_elses_response(self):
        person = _participant_with_login()
        consultation = ConsultationFactory()
        ConsultationInvitationFactory(consultation=consultation, participant=person)
        theirs = ConsultationResponseFactory(consultation=consultation, body="Theirs")
        response = client_for_user(person.user).patch(
            url("consultation-response-detail", theirs.pk), {"body": "Changed"}, format="json"
        )
        assert response.status_code == 404
        theirs.refresh_from_db()
        assert theirs.body == "Theirs"

    def test_participant_sees_consultations_they_are_invited_to_once_not_draft(self):
        person = _participant_with_login()
        opened = ConsultationFactory(status=Status.OPEN)
        draft = ConsultationFactory(status=Status.DRAFT)
        not_invited = ConsultationFactory(status=Status.OPEN)
        ConsultationInvitationFactory(consultation=opened, participant=person)
        draft_invitation = ConsultationInvitationFactory(consultation=draft, participant=person)
        client = client_for_user(person.user)
        ids = [row["id"] for row in client.get(url("consultation-list")).json()["results"]]
        assert ids == [opened.pk]
        assert client.get(url("consultation-detail", draft.pk)).status_code == 404
        assert client.get(url("consultation-detail", not_invited.pk)).status_code == 404
        # The invitation to the draft stays hidden too, so its title does not leak early.
        invitations = [row["id"] for row in client.get(url("consultation-invitation-list")).json()["results"]]
        assert draft_invitation.pk not in invitations and len(invitations) == 1
        assert client.get(url("consultation-invitation-detail", draft_invitation.pk)).status_code == 404

    def test_participant_cannot_run_a_consultation(self):
        person = _participant_with_login()
        consultation = ConsultationFactory(status=Status.OPEN)
        ConsultationInvitationFactory(consultation=consultation, participant=person)
        response = client_for_user(person.user).post(url("consultation-close", consultation.pk))
        assert response.status_code == 403
        consultation.refresh_from_db()
        assert consultation.status == Status.OPEN

    def test_owner_sees_responses_to_their_consultation_only(self):
        owner = UserFactory(roles=[Role.LINE_MANAGER])
        theirs = ConsultationResponseFactory(consultation=ConsultationFactory(owner=owner))
        other = ConsultationResponseFactory()
        client = client_for_user(owner)
        ids = [row["id"] for row in client.get(url("consultation-response-list")).json()["results"]]
        assert ids == [theirs.pk]
        assert client.get(url("consultation-response-detail", other.pk)).status_code == 404

    def test_owner_cannot_record_responses(self):
        owner = UserFactory(roles=[Role.LINE_MANAGER])
        consultation = ConsultationFactory(owner=owner)
        response = client_for_user(owner).post(
            url("consultation-response-list"), {"consultation": consultation.pk, "body": "x"}, format="json"
        )
        assert response.status_code == 403
        assert not ConsultationResponse.objects.exists()


@pytest.mark.django_db
class TestFilters:
    def test_consultations_by_status_owner_team_and_dates(self, lead):
        owner = UserFactory(roles=[Role.SUPERVISOR])
        team = TeamFactory()
        now = timezone.now()
        match = ConsultationFactory(status=Status.OPEN, owner=owner, team=team)
        ConsultationFactory(status=Status.DRAFT, owner=owner, team=team)
        ConsultationFactory(status=Status.OPEN)
        ConsultationFactory(status=Status.OPEN, owner=owner, team=team, closes_at=now + dt.timedelta(days=90))
        params = {
            "status": "open",
            "owner": owner.pk,
            "team": team.pk,
            "closes_before": (now + dt.timedelta(days=30)).isoformat(),
        }
        rows = lead.get(url("consultation-list"), params).json()["results"]
        assert [row["id"] for row in rows] == [match.pk]

    def test_consultation_counts(self, lead):
        consultation = ConsultationFactory()
        ConsultationInvitationFactory.create_batch(3, consultation=consultation)
        ConsultationResponseFactory.create_batch(2, consultation=consultation)
        body = lead.get(url("consultation-detail", consultation.pk)).json()
        assert (body["invitation_count"], body["response_count"]) == (3, 2)

    def test_responses_by_consultation_and_theme(self, lead):
        theme = ThemeFactory()
        consultation = ConsultationFactory()
        tagged = ConsultationResponseFactory(consultation=consultation, themes=[theme])
        ConsultationResponseFactory(consultation=consultation)
        ConsultationResponseFactory(themes=[theme])
        rows = lead.get(
            url("consultation-response-list"), {"consultation": consultation.pk, "theme": theme.pk}
        ).json()["results"]
        assert [row["id"] for row in rows] == [tagged.pk]

    def test_responses_recorded_by_staff(self, lead, lead_user):
        recorded = ConsultationResponseFactory(recorded_by=lead_user)
        ConsultationResponseFactory(recorded_by=None)
        rows = lead.get(url("consultation-response-list"), {"recorded_by_staff": "true"}).json()["results"]
        assert [row["id"] for row in rows] == [recorded.pk]

    def test_invitations_by_consultation(self, lead):
        invitation = ConsultationInvitationFactory()
        ConsultationInvitationFactory()
        rows = lead.get(
            url("consultation-invitation-list"), {"consultation": invitation.consultation_id}
        ).json()["results"]
        assert [row["id"] for row in rows] == [invitation.pk]
