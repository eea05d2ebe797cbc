"""Consultation services: the lifecycle, invitations with consent, and responses within the deadline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.errors import NotPermitted
from accounts.roles import Role
from involvement import services
from involvement.errors import InvolvementConflict, InvolvementError
from involvement.models import Consultation, ConsultationInvitation, ConsultationResponse, Participant
from tests.factories import (
    ConsultationFactory,
    ConsultationInvitationFactory,
    ConsultationResponseFactory,
    ParticipantFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
Status = Consultation.Status


@pytest.fixture
def lead():
    return UserFactory(roles=[Role.INVOLVEMENT_LEAD])


def _participant_with_login(**kwargs) -> Participant:
    return ParticipantFactory(user=UserFactory(roles=[Role.PARTICIPANT]), **kwargs)


def _create(lead, **overrides) -> Consultation:
    now = timezone.now()
    fields = {
        "title": "Draft crisis care plan",
        "summary": "Tell us what you think of the draft.",
        "opens_at": now,
        "closes_at": now + dt.timedelta(days=21),
    }
    fields.update(overrides)
    return services.consultation_create(by=lead, **fields)


class TestCreateAndUpdate:
    def test_create_makes_a_draft_owned_by_its_creator(self, lead):
        theme = ThemeFactory()
        consultation = _create(lead, themes=[theme])
        assert consultation.status == Status.DRAFT
        assert consultation.owner == lead
        assert list(consultation.themes.all()) == [theme]

    def test_closing_before_opening_is_refused_and_nothing_written(self, lead):
        now = timezone.now()
        with pytest.raises(ValidationError) as caught:
            _create(lead, opens_at=now, closes_at=now - dt.timedelta(hours=1))
        assert "closes_at" in caught.value.message_dict
        assert Consultation.objects.count() == 0

    def test_owner_must_be_staff(self, lead):
        participant_login = UserFactory(roles=[Role.PARTICIPANT])
        with pytest.raises(InvolvementError) as caught:
            _create(lead, owner=participant_login)
        assert caught.value.field == "owner"
        assert Consultation.objects.count() == 0

    def test_any_staff_member_can_own_one(self, lead):
        supervisor = UserFactory(roles=[Role.SUPERVISOR])
        assert _create(lead, owner=supervisor).owner == supervisor

    def test_an_open_consultation_can_have_its_deadline_moved(self, lead):
        consultation = ConsultationFactory(status=Status.OPEN)
        later = consultation.closes_at + dt.timedelta(days=7)
        services.consultation_update(consultation=consultation, by=lead, closes_at=later)
        consultation.refresh_from_db()
        assert consultation.closes_at == later

    @pytest.mark.parametrize("status", [Status.CLOSED, Status.OUTCOME_PUBLISHED])
    def test_no_changes_once_closed(self, lead, status):
        consultation = ConsultationFactory(status=status, title="Before")
        with pytest.raises(InvolvementConflict):
            services.consultation_update(consultation=consultation, by=lead, title="After")
        consultation.refresh_from_db()
        assert consultation.title == "Before"

    def test_status_cannot_be_set_by_update(self, lead):
        consultation = ConsultationFactory(status=Status.DRAFT)
        with pytest.raises(InvolvementError) as caught:
            services.consultation_update(consultation=consultation, by=lead, status=Status.CLOSED)
        assert caught.value.field == "status"
        consultation.refresh_from_db()
        assert consultation.status == Status.DRAFT


class TestLifecycle:
    def test_draft_open_closed_outcome_published(self, lead):
        consultation = _create(lead)
        consultation = services.consultation_open(consultation=consultation, by=lead)
        assert consultation.status == Status.OPEN
        consultation = services.consultation_close(consultation=consultation, by=lead)
        assert consultation.status == Status.CLOSED
        assert consultation.closed_at is not None
        consultation = services.consultation_publish_outcome(
            consultation=consultation, by=lead, outcome_summary="We rewrote the crisis section."
        )
        consultation.refresh_from_db()
        assert consultation.status == Status.OUTCOME_PUBLISHED
        assert consultation.outcome_summary == "We rewrote the crisis section."
        assert consultation.outcome_published_at is not None

    @pytest.mark.parametrize(
        ("status", "service"),
        [
            (Status.OPEN, "consultation_open"),
            (Status.CLOSED, "consultation_open"),
            (Status.DRAFT, "consultation_close"),
            (Status.CLOSED, "consultation_close"),
        ],
    )
    def test_wrong_transition_is_a_conflict(self, lead, status, service):
        consultation = ConsultationFactory(status=status)
        with pytest.raises(InvolvementConflict) as caught:
            getattr(services, service)(consultation=consultation, by=lead)
        assert caught.value.field == "status"
        consultation.refresh_from_db()
        assert consultation.status == status

    def test_cannot_open_once_the_closing_date_has_passed(self, lead):
        now = timezone.now()
        consultation = ConsultationFactory(
            status=Status.DRAFT, opens_at=now - dt.timedelta(days=10), closes_at=now - dt.timedelta(days=1)
        )
        with pytest.raises(InvolvementError) as caught:
            services.consultation_open(consultation=consultation, by=lead)
        assert caught.value.field == "closes_at"
        consultation.refresh_from_db()
        assert consultation.status == Status.DRAFT

    def test_publishing_the_outcome_needs_a_summary(self, lead):
        consultation = ConsultationFactory(status=Status.CLOSED)
        with pytest.raises(InvolvementError) as caught:
            services.consultation_publish_outcome(consultation=consultation, by=lead, outcome_summary="  ")
        assert caught.value.field == "outcome_summary"
        consultation.refresh_from_db()
        assert consultation.status == Status.CLOSED
        assert consultation.outcome_published_at is None

    def test_outcome_only_after_closing(self, lead):
        consultation = ConsultationFactory(status=Status.OPEN)
        with pytest.raises(InvolvementConflict):
            services.consultation_publish_outcome(consultation=consultation, by=lead, outcome_summary="Done.")
        consultation.refresh_from_db()
        assert consultation.status == Status.OPEN

    def test_only_an_untouched_draft_can_be_deleted(self, lead):
        used = ConsultationFactory(status=Status.DRAFT)
        ConsultationInvitationFactory(consultation=used)
        with pytest.raises(InvolvementConflict):
            services.consultation_delete(consultation=used, by=lead)
        assert Consultation.objects.filter(pk=used.pk).exists()
        fresh = ConsultationFactory(status=Status.DRAFT)
        services.consultation_delete(consultation=fresh, by=lead)
        assert not Consultation.objects.filter(pk=fresh.pk).exists()


class TestInvitations:
    def test_invite_one_person(self, lead):
        consultation = ConsultationFactory(status=Status.DRAFT)
        person = ParticipantFactory()
        invitation = services.consultation_invite(consultation=consultation, participant=person, by=lead)
        assert invitation.participant == person
        assert invitation.invited_by == lead

    def test_inviting_the_same_person_twice_is_refused(self, lead):
        consultation = ConsultationFactory()
        person = ParticipantFactory()
        services.consultation_invite(consultation=consultation, participant=person, by=lead)
        with pytest.raises(InvolvementError) as caught:
            services.consultation_invite(consultation=consultation, participant=person, by=lead)
        assert caught.value.field == "participant"
        assert "already invited" in caught.value.message
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
        with pytest.raises(InvolvementError) as caught:
            services.consultation_invite(consultation=consultation, participant=participant, by=lead)
        assert caught.value.field == "participant"
        assert ConsultationInvitation.objects.count() == 0

    def test_no_invitations_once_closed(self, lead):
        consultation = ConsultationFactory(status=Status.CLOSED)
        with pytest.raises(InvolvementConflict) as caught:
            services.consultation_invite(consultation=consultation, participant=ParticipantFactory(), by=lead)
        assert caught.value.field == "consultation"
        assert ConsultationInvitation.objects.count() == 0

    def test_invite_matching_skips_the_uncontactable_and_the_already_invited(self, lead):
        consultation = ConsultationFactory()
        carer = Participant.Experience.CARER
        fresh = ParticipantFactory(experience=carer)
        already = ParticipantFactory(experience=carer)
        ConsultationInvitationFactory(consultation=consultation, participant=already)
        ParticipantFactory(experience=carer, consent_given_at=None)
        ParticipantFactory(experience=carer, consent_withdrawn_at=timezone.now())
        ParticipantFactory(experience=carer, status=Participant.Status.LEFT)
        ParticipantFactory(experience=Participant.Experience.SERVICE_USER)

        created = services.consultation_invite_matching(
            consultation=consultation, participants=Participant.objects.filter(experience=carer), by=lead
        )
        assert [i.participant_id for i in created] == [fresh.pk]
        assert consultation.invitations.count() == 2

    def test_uninvite_refused_once_the_person_has_responded(self, lead):
        invitation = ConsultationInvitationFactory()
        ConsultationResponseFactory(consultation=invitation.consultation, participant=invitation.participant)
        with pytest.raises(InvolvementConflict):
            services.consultation_uninvite(invitation=invitation, by=lead)
        assert ConsultationInvitation.objects.filter(pk=invitation.pk).exists()


class TestResponses:
    def test_participant_responds_for_themselves(self):
        person = _participant_with_login()
        consultation = ConsultationFactory()
        ConsultationInvitationFactory(consultation=consultation, participant=person)
        theme = ThemeFactory()
        response = services.consultation_response_submit(
            consultation=consultation,
            by=person.user,
            participant=person,
            body="More on crisis.",
            themes=[theme],
        )
        assert response.participant == person
        assert response.recorded_by is None
        assert list(response.themes.all()) == [theme]

    def test_staff_record_a_response_for_someone(self, lead):
        person = ParticipantFactory()
        consultation = ConsultationFactory()
        response = services.consultation_response_submit(
            consultation=consultation, by=lead, participant=person, body="Said at the drop-in."
        )
        assert response.recorded_by == lead
        assert response.participant == person

    def test_staff_may_record_an_unnamed_response(self, lead):
        response = services.consultation_response_submit(
            consultation=ConsultationFactory(), by=lead, body="From a paper form."
        )
        assert response.participant is None

    def test_a_response_after_the_deadline_is_refused_saying_when_it_closed(self, lead):
        now = timezone.now()
        closes = now - dt.timedelta(hours=2)
        consultation = ConsultationFactory(opens_at=now - dt.timedelta(days=20), closes_at=closes)
        with pytest.raises(InvolvementConflict) as caught:
            services.consultation_response_submit(
                consultation=consultation, by=lead, participant=ParticipantFactory(), body="Too late?"
            )
        assert caught.value.field == "consultation"
        assert "closed" in caught.value.message
        assert services.consultations.when(closes) in caught.value.message
        assert ConsultationResponse.objects.count() == 0

    @pytest.mark.parametrize("status", [Status.CLOSED, Status.OUTCOME_PUBLISHED])
    def test_a_closed_consultation_takes_no_responses(self, lead, status):
        consultation = ConsultationFactory(status=status, closed_at=timezone.now())
        with pytest.raises(InvolvementConflict) as caught:
            services.consultation_response_submit(consultation=consultation, by=lead, body="Hello")
        assert "closed" in caught.value.message
        assert ConsultationResponse.objects.count() == 0

    def test_a_draft_takes_no_responses(self, lead):
        consultation = ConsultationFactory(status=Status.DRAFT)
        with pytest.raises(InvolvementConflict) as caught:
            services.consultation_response_submit(consultation=consultation, by=lead, body="Hello")
        assert "not open" in caught.value.message
        assert ConsultationResponse.objects.count() == 0

    def test_no_responses_before_it_opens(self, lead):
        now = timezone.now()
        consultation = ConsultationFactory(
            opens_at=now + dt.timedelta(days=1), closes_at=now + dt.timedelta(days=9)
        )
        with pytest.raises(InvolvementConflict) as caught:
            services.consultation_response_submit(consultation=consultation, by=lead, body="Early")
        assert "opens for feedback" in caught.value.message
        assert ConsultationResponse.objects.count() == 0

    def test_a_participant_must_be_invited_to_respond_themselves(self):
        person = _participant_with_login()
        with pytest.raises(InvolvementError) as caught:
            services.consultation_response_submit(
                consultation=ConsultationFactory(), by=person.user, participant=person, body="Hi"
            )
        assert caught.value.field == "consultation"
        assert ConsultationResponse.objects.count() == 0

    def test_an_empty_response_is_refused(self, lead):
        with pytest.raises(InvolvementError) as caught:
            services.consultation_response_submit(consultation=ConsultationFactory(), by=lead, body="   ")
        assert caught.value.field == "body"
        assert ConsultationResponse.objects.count() == 0

    def test_tagging_and_correcting_a_recorded_response(self, lead):
        response = ConsultationResponseFactory(recorded_by=lead, body="Typo here")
        theme = ThemeFactory()
        services.consultation_response_update(response=response, by=lead, body="No typo", themes=[theme])
        response.refresh_from_db()
        assert response.body == "No typo"
        assert list(response.themes.all()) == [theme]

    def test_no_one_rewords_what_a_participant_wrote(self, lead):
        response = ConsultationResponseFactory(recorded_by=None, body="My own words")
        with pytest.raises(InvolvementError) as caught:
            services.consultation_response_update(response=response, by=lead, body="Other words")
        assert caught.value.field == "body"
        response.refresh_from_db()
        assert response.body == "My own words"


class TestOneResponsePerPerson:
    def _invited(self) -> tuple[Participant, Consultation]:
        person = _participant_with_login(name="Test Sam Example")
        consultation = ConsultationFactory()
        ConsultationInvitationFactory(consultation=consultation, participant=person)
        return person, consultation

    def test_a_participant_naming_someone_else_is_refused_naming_participant(self):
        person, consultation = self._invited()
        someone_else = ParticipantFactory()
        ConsultationInvitationFactory(consultation=consultation, participant=someone_else)
        with pytest.raises(InvolvementError) as caught:
            services.consultation_response_submit(
                consultation=consultation, by=person.user, participant=someone_else, body="Hi"
            )
        assert caught.value.field == "participant"
        assert caught.value.message == "You can only respond for yourself."
        assert ConsultationResponse.objects.count() == 0

    def test_a_participant_who_names_no_one_responds_as_themselves(self):
        person, consultation = self._invited()
        response = services.consultation_response_submit(consultation=consultation, by=person.user, body="Hi")
        assert response.participant == person
        assert response.recorded_by is None

    def test_a_second_response_is_a_conflict_pointing_at_the_first(self):
        person, consultation = self._invited()
        first = services.consultation_response_submit(consultation=consultation, by=person.user, body="One")
        with pytest.raises(InvolvementConflict) as caught:
            services.consultation_response_submit(consultation=consultation, by=person.user, body="Two")
        assert caught.value.field == "participant"
        assert f"response {first.pk}" in caught.value.message
        assert "change that response instead of sending another" in caught.value.message
        assert list(ConsultationResponse.objects.values_list("body", flat=True)) == ["One"]

    def test_staff_cannot_add_a_second_response_to_what_the_person_wrote(self, lead):
        person, consultation = self._invited()
        services.consultation_response_submit(consultation=consultation, by=person.user, body="Mine")
        with pytest.raises(InvolvementConflict) as caught:
            services.consultation_response_submit(
                consultation=consultation, by=lead, participant=person, body="Also said on the phone"
            )
        assert "Test Sam Example has already responded" in caught.value.message
        assert "Only they can change its wording" in caught.value.message
        assert ConsultationResponse.objects.count() == 1

    def test_a_response_saved_meanwhile_is_reported_as_the_same_conflict(self, monkeypatch):
        # The check found nothing, then the same person's other response landed first: the database
        # constraint refuses this one, and the answer is the same 409, with nothing half-written.
        person, consultation = self._invited()
        ConsultationResponseFactory(consultation=consultation, participant=person, body="Landed first")
        real = services.consultations._earlier_response
        calls = []

        def missed_once(*args):
            calls.append(args)
            return None if len(calls) == 1 else real(*args)

        monkeypatch.setattr(services.consultations, "_earlier_response", missed_once)
        with pytest.raises(InvolvementConflict) as caught:
            services.consultation_response_submit(
                consultation=consultation,
                by=person.user,
                body="Sent at the same moment",
                themes=[ThemeFactory()],
            )
        assert len(calls) == 2
        assert "already responded" in caught.value.message
        assert list(ConsultationResponse.objects.values_list("body", flat=True)) == ["Landed first"]

    def test_the_database_keeps_one_response_per_named_person(self):
        person, consultation = self._invited()
        ConsultationResponseFactory(consultation=consultation, participant=person)
        with pytest.raises(IntegrityError), transaction.atomic():
            ConsultationResponseFactory(consultation=consultation, participant=person)
        ConsultationResponseFactory.create_batch(2, consultation=consultation, participant=None)
        assert ConsultationResponse.objects.filter(consultation=consultation).count() == 3


class TestChangingYourOwnResponse:
    def test_the_participant_rewords_their_response_while_open(self):
        person = _participant_with_login()
        response = ConsultationResponseFactory(participant=person, recorded_by=None, body="First")
        services.consultation_response_update(response=response, by=person.user, body="Second")
        response.refresh_from_db()
        assert response.body == "Second"

    def test_and_not_once_it_has_closed(self):
        person = _participant_with_login()
        closed = ConsultationFactory(status=Status.CLOSED, closed_at=timezone.now())
        response = ConsultationResponseFactory(consultation=closed, participant=person, body="First")
        with pytest.raises(InvolvementConflict) as caught:
            services.consultation_response_update(response=response, by=person.user, body="Second")
        assert caught.value.field == "consultation"
        response.refresh_from_db()
        assert response.body == "First"

    def test_no_one_else_without_running_involvement_changes_it(self):
        response = ConsultationResponseFactory(body="First")
        stranger = _participant_with_login()
        with pytest.raises(NotPermitted):
            services.consultation_response_update(response=response, by=stranger.user, body="Second")
        response.refresh_from_db()
        assert response.body == "First"
