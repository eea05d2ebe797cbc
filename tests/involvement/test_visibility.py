"""Involvement predicates the API and the pages both ask: who sees a participant's contact details."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from involvement.visibility import may_see_participant_contact, may_see_payee
from tests.factories import ParticipantFactory, PaymentClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("sharing_level", ["leads_only", "activity_leads"])
def test_an_involvement_lead_always_sees_them(sharing_level):
    person = ParticipantFactory(sharing_level=sharing_level)
    assert may_see_participant_contact(UserFactory(roles=[Role.INVOLVEMENT_LEAD]), person)


def test_the_person_sees_their_own():
    me = UserFactory(roles=[Role.PARTICIPANT])
    person = ParticipantFactory(sharing_level="leads_only", user=me)
    assert may_see_participant_contact(me, person)


def test_an_activity_lead_sees_them_only_when_the_person_shares_with_activity_leads():
    staff = UserFactory(roles=[Role.LINE_MANAGER])
    assert may_see_participant_contact(staff, ParticipantFactory(sharing_level="activity_leads"))
    assert not may_see_participant_contact(staff, ParticipantFactory(sharing_level="leads_only"))


def test_another_participant_does_not_see_someone_who_keeps_them_to_leads():
    other = UserFactory(roles=[Role.PARTICIPANT])
    ParticipantFactory(user=other)
    assert not may_see_participant_contact(other, ParticipantFactory(sharing_level="leads_only"))


# --- who is paid: the payee block on a claim ---------------------------------------------------


@pytest.mark.parametrize("role", [Role.FINANCE, Role.INVOLVEMENT_LEAD, Role.ADMIN])
def test_those_who_handle_payments_see_who_a_claim_pays(role):
    assert may_see_payee(UserFactory(roles=[role]), PaymentClaimFactory())


def test_the_person_paid_sees_their_own_payee_details_and_no_one_elses():
    me = UserFactory(roles=[Role.PARTICIPANT])
    mine = PaymentClaimFactory(participation__participant=ParticipantFactory(user=me))
    assert may_see_payee(me, mine)
    assert not may_see_payee(me, PaymentClaimFactory())


@pytest.mark.parametrize("role", [Role.LINE_MANAGER, Role.HR, Role.PEER_WORKER, Role.BOARD_MEMBER])
def test_other_staff_do_not_see_who_a_claim_pays(role):
    """Activity leads (line managers here), HR and the rest: not even for an activity they lead."""
    staff = UserFactory(roles=[role])
    claim = PaymentClaimFactory(participation__activity__leads=[staff])
    assert not may_see_payee(staff, claim)
