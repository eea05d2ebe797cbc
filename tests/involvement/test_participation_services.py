"""Participation services: places, the waiting list and consent, straight against the database."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.roles import Role
from involvement import services
from involvement.errors import InvolvementConflict, InvolvementError
from involvement.models import Participation
from tests.factories import ActivityFactory, ParticipantFactory, ParticipationFactory, UserFactory


@pytest.fixture
def lead(db):
    return UserFactory(roles=[Role.INVOLVEMENT_LEAD])


@pytest.mark.django_db
class TestWaitingList:
    def test_raising_capacity_promotes_people_waiting_in_order(self, lead):
        activity = ActivityFactory(capacity=1)
        rows = ParticipationFactory.create_batch(4, activity=activity)
        for row in rows:
            services.participation_accept(participation=row, by=lead)
        services.activity_update(activity=activity, by=lead, capacity=3)
        statuses = [Participation.objects.get(pk=r.pk).status for r in rows]
        assert statuses == ["accepted", "accepted", "accepted", "waitlisted"]

    def test_unlimited_capacity_never_waitlists(self, lead):
        activity = ActivityFactory(capacity=None)
        rows = ParticipationFactory.create_batch(5, activity=activity)
        assert {services.participation_accept(participation=r, by=lead).status for r in rows} == {"accepted"}

    def test_accepting_twice_is_accepting_once(self, lead):
        row = ParticipationFactory(activity=ActivityFactory(capacity=1))
        services.participation_accept(participation=row, by=lead)
        again = services.participation_accept(participation=row, by=lead)
        assert again.status == "accepted"
        assert Participation.objects.filter(status="accepted").count() == 1

    def test_withdrawing_consent_frees_a_waiting_place_for_the_next_person(self, lead):
        activity = ActivityFactory(capacity=1)
        holder, waiting_a, waiting_b = ParticipationFactory.create_batch(3, activity=activity)
        for row in (holder, waiting_a, waiting_b):
            services.participation_accept(participation=row, by=lead)
        services.participant_consent_withdraw(participant=waiting_a.participant, by=lead)
        services.participation_decline(participation=holder, by=lead)
        waiting_a.refresh_from_db()
        waiting_b.refresh_from_db()
        assert (waiting_a.status, waiting_b.status) == ("withdrawn", "accepted")


@pytest.mark.django_db
class TestConsent:
    def test_withdrawal_is_idempotent_and_keeps_the_first_time(self, lead):
        person = ParticipantFactory()
        first = services.participant_consent_withdraw(participant=person, by=lead).consent_withdrawn_at
        second = services.participant_consent_withdraw(participant=person, by=lead).consent_withdrawn_at
        assert first == second is not None

    def test_giving_consent_again_reopens_contact(self, lead):
        person = ParticipantFactory(consent_withdrawn_at=timezone.now())
        person = services.participant_consent_give(participant=person, purposes="Newsletters", by=lead)
        assert person.may_be_contacted

    def test_invite_matching_skips_people_who_may_not_be_contacted(self, lead):
        from involvement.models import Participant

        activity = ActivityFactory()
        ok = ParticipantFactory()
        ParticipantFactory(consent_given_at=None)
        ParticipantFactory(status="left")
        created = services.participations_invite_matching(
            activity=activity, participants=Participant.objects.all(), by=lead
        )
        assert [p.participant_id for p in created] == [ok.pk]

    def test_left_person_cannot_be_invited(self, lead):
        with pytest.raises(InvolvementError) as err:
            services.participation_invite(
                activity=ActivityFactory(), participant=ParticipantFactory(status="left"), by=lead
            )
        assert err.value.field == "participant"


@pytest.mark.django_db
class TestUninvite:
    def test_an_unanswered_invitation_is_removed(self, lead):
        row = ParticipationFactory()
        services.participation_uninvite(participation=row, by=lead)
        assert not Participation.objects.filter(pk=row.pk).exists()

    @pytest.mark.parametrize("status", ["accepted", "waitlisted", "declined", "withdrawn"])
    def test_an_answered_invitation_stays_on_record(self, lead, status):
        row = ParticipationFactory(status=status)
        with pytest.raises(InvolvementConflict) as refused:
            services.participation_uninvite(participation=row, by=lead)
        assert refused.value.message == "Only an unanswered invitation can be removed; decline it instead."
        assert Participation.objects.get(pk=row.pk).status == status

    def test_an_answer_given_meanwhile_is_seen(self, lead):
        row = ParticipationFactory()
        services.participation_accept(participation=Participation.objects.get(pk=row.pk), by=lead)
        with pytest.raises(InvolvementConflict):
            services.participation_uninvite(participation=row, by=lead)  # the caller's copy says invited
        assert Participation.objects.get(pk=row.pk).status == "accepted"


@pytest.mark.django_db
class TestRoleChange:
    def test_the_role_changes_and_nothing_else(self, lead):
        row = ParticipationFactory(status="accepted")
        changed = services.participation_role_change(participation=row, role="co_facilitator", by=lead)
        stored = Participation.objects.get(pk=row.pk)
        assert (changed.role, stored.role, stored.status) == ("co_facilitator", "co_facilitator", "accepted")
        assert stored.history.first().history_type == "~"

    def test_an_unknown_role_is_refused_naming_role(self, lead):
        row = ParticipationFactory()
        with pytest.raises(InvolvementError) as refused:
            services.participation_role_change(participation=row, role="chair", by=lead)
        assert refused.value.field == "role"
        assert Participation.objects.get(pk=row.pk).role == "participant"
