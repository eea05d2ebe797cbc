"""Responses the involvement team enters for someone (a paper form, a phone call), marked with how they
came; who an invitation to everyone a search finds would reach; and who may own an action."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.errors import NotPermitted
from accounts.roles import Role
from involvement import selectors, services
from involvement.errors import InvolvementConflict, InvolvementError
from involvement.models import Consultation, ConsultationInvitation, ConsultationResponse, Participant
from tests.factories import (
    ConsultationFactory,
    ConsultationInvitationFactory,
    ConsultationResponseFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
ReceivedVia = ConsultationResponse.ReceivedVia


@pytest.fixture
def lead():
    return UserFactory(roles=[Role.INVOLVEMENT_LEAD])


class TestEnteredResponses:
    def test_a_lead_enters_a_paper_response_marked_as_paper(self, lead):
        consultation = ConsultationFactory()
        person = ParticipantFactory()
        response = services.consultation_response_record(
            consultation=consultation, by=lead, participant=person, body=" Too long. ", received_via="paper"
        )
        response.refresh_from_db()
        assert (response.received_via, response.recorded_by, response.body) == ("paper", lead, "Too long.")
        # The history records it as entered, from the first version on.
        assert response.history.count() == 1
        assert response.history.get().received_via == "paper"

    def test_a_response_a_participant_sends_is_online(self):
        consultation = ConsultationFactory()
        person = ParticipantFactory(user=UserFactory(roles=[Role.PARTICIPANT]))
        ConsultationInvitationFactory(consultation=consultation, participant=person)
        response = services.consultation_response_submit(
            consultation=consultation, by=person.user, body="Mine."
        )
        assert response.received_via == ReceivedVia.ONLINE

    @pytest.mark.parametrize("how", ["online", "", "fax"])
    def test_how_it_came_must_be_paper_phone_or_another_way(self, lead, how):
        with pytest.raises(InvolvementError) as refused:
            services.consultation_response_record(
                consultation=ConsultationFactory(), by=lead, body="Words.", received_via=how
            )
        assert refused.value.field == "received_via"
        assert not ConsultationResponse.objects.exists()

    def test_only_the_involvement_team_enters_responses_for_others(self):
        consultation = ConsultationFactory()
        person = ParticipantFactory(user=UserFactory(roles=[Role.PARTICIPANT]))
        ConsultationInvitationFactory(consultation=consultation, participant=person)
        for someone in (person.user, UserFactory(roles=[Role.SUPERVISOR])):
            with pytest.raises(NotPermitted):
                services.consultation_response_record(
                    consultation=consultation, by=someone, body="Words.", received_via="paper"
                )
        assert not ConsultationResponse.objects.exists()

    def test_the_rules_of_any_response_still_apply(self, lead):
        closed = ConsultationFactory(status=Consultation.Status.CLOSED, closed_at=timezone.now())
        with pytest.raises(InvolvementConflict):
            services.consultation_response_record(
                consultation=closed, by=lead, body="Late.", received_via="phone"
            )
        earlier = ConsultationResponseFactory()
        with pytest.raises(InvolvementConflict) as twice:
            services.consultation_response_record(
                consultation=earlier.consultation,
                by=lead,
                participant=earlier.participant,
                body="Again.",
                received_via="phone",
            )
        assert twice.value.field == "participant"
        assert ConsultationResponse.objects.count() == 1


class TestWhoAnInvitationReaches:
    def test_only_people_who_may_be_contacted_and_are_not_invited_yet(self, lead):
        consultation = ConsultationFactory(status=Consultation.Status.DRAFT)
        yes = ParticipantFactory()
        ParticipantFactory(consent_given_at=None)
        ParticipantFactory(consent_withdrawn_at=timezone.now())
        ParticipantFactory(status=Participant.Status.PAUSED)
        already = ParticipantFactory()
        ConsultationInvitationFactory(consultation=consultation, participant=already)

        reached = selectors.consultation_invitable(consultation, Participant.objects.all())
        assert list(reached) == [yes]
        # The invitation to everyone a search finds sends to exactly that set.
        made = services.consultation_invite_matching(
            consultation=consultation, participants=Participant.objects.all(), by=lead
        )
        assert [invitation.participant for invitation in made] == [yes]
        assert ConsultationInvitation.objects.filter(consultation=consultation).count() == 2


def test_owners_are_active_staff_and_peer_workers_by_name():
    staff = UserFactory(roles=[Role.FINANCE], first_name="Ada")
    peer = UserFactory(roles=[Role.PEER_WORKER], first_name="Bea")
    UserFactory(roles=[Role.PARTICIPANT], first_name="Cal")
    UserFactory(roles=[Role.BOARD_MEMBER], first_name="Dee")
    UserFactory(roles=[Role.SUPERVISOR], first_name="Eve", is_active=False)
    assert list(selectors.owner_choices()) == [staff, peer]
