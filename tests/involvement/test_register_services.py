"""The register's rules and reads that the lead's pages use: possible duplicates, consent withdrawn
only once given, the search and filters, a person's consultations and hours."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from involvement import selectors, services
from involvement.errors import InvolvementConflict, PossibleDuplicate
from involvement.models import Participant, Participation
from involvement.selectors.payments import UK
from tests.factories import (
    ActivityFactory,
    ConsultationFactory,
    ConsultationInvitationFactory,
    ConsultationResponseFactory,
    ParticipantFactory,
    ParticipationFactory,
    PartnerOrganisationFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead():
    return UserFactory(roles=[Role.INVOLVEMENT_LEAD])


class TestPossibleDuplicates:
    def add(self, lead, **fields):
        fields.setdefault("name", "Test Juniper Vale")
        return services.participant_create(
            by=lead, experience="carer", allow_possible_duplicate=False, **fields
        )

    @pytest.mark.parametrize(
        "existing",
        [
            {"name": "test JUNIPER vale"},
            {"name": "Test Other", "email": "JUNIPER@test.example"},
            {"name": "Test Other", "phone": "+44 (0)7700-900456"},
        ],
    )
    def test_the_same_name_email_or_phone_is_refused_listing_who_matched(self, lead, existing):
        match = ParticipantFactory(**existing)
        ParticipantFactory(name="Test Unrelated", email="unrelated@test.example", phone="07700 900999")
        with pytest.raises(PossibleDuplicate) as refused:
            self.add(lead, name=" Test Juniper Vale ", email="juniper@test.example", phone="07700 900456")
        assert refused.value.matches == [match]
        assert refused.value.status_code == 409
        assert not Participant.objects.filter(name__contains="Juniper Vale").exclude(pk=match.pk).exists()

    def test_empty_contact_details_match_no_one(self, lead):
        ParticipantFactory(name="Test No Details", email="", phone="")
        assert self.add(lead, email="", phone="").pk

    def test_allowed_when_the_caller_confirms_or_does_not_ask(self, lead):
        ParticipantFactory(name="Test Juniper Vale")
        services.participant_create(
            by=lead, name="Test Juniper Vale", experience="carer", allow_possible_duplicate=True
        )
        services.participant_create(by=lead, name="Test Juniper Vale", experience="carer")
        assert Participant.objects.filter(name="Test Juniper Vale").count() == 3


def test_consent_never_given_cannot_be_withdrawn(lead):
    person = ParticipantFactory(consent_given_at=None, consent_purposes="")
    with pytest.raises(InvolvementConflict) as refused:
        services.participant_consent_withdraw(participant=person, by=lead)
    assert "has not given consent" in refused.value.message
    person.refresh_from_db()
    assert person.consent_withdrawn_at is None


def test_withdrawing_lapses_exactly_what_participations_pending_lists(lead):
    person = ParticipantFactory()
    invited = ParticipationFactory(participant=person)
    waiting = ParticipationFactory(participant=person, status="waitlisted", waitlisted_at=timezone.now())
    booked = ParticipationFactory(participant=person, status="accepted")
    past_start = timezone.now() - dt.timedelta(days=3)
    ParticipationFactory(
        participant=person,
        activity=ActivityFactory(starts_at=past_start, ends_at=past_start + dt.timedelta(hours=1)),
    )
    pending = set(selectors.participations_pending(participant=person))
    assert pending == {invited, waiting}
    services.participant_consent_withdraw(participant=person, by=lead)
    lapsed = set(Participation.objects.filter(participant=person, status="withdrawn"))
    assert lapsed == pending
    booked.refresh_from_db()
    assert booked.status == "accepted"


def test_search_joins_text_and_filters_and_repeats_no_one():
    team, other_team = TeamFactory(), TeamFactory()
    partner = PartnerOrganisationFactory()
    both = ParticipantFactory(name="Test Ash Example", experience="carer", referred_by=partner)
    both.teams_of_interest.set([team, other_team])
    ParticipantFactory(name="Test Ash Other", experience="service_user")
    everyone = Participant.objects.all()
    assert list(selectors.participant_search(everyone, text="ash", experience="carer")) == [both]
    assert list(selectors.participant_search(everyone, team_of_interest=team)) == [both]
    assert list(selectors.participant_search(everyone, referred_by=partner, consent="given")) == [both]
    assert list(selectors.participant_search(everyone, consent="withdrawn")) == []
    assert selectors.participant_search(everyone).count() == 2


def test_a_persons_consultations_say_when_they_were_invited_and_responded():
    person = ParticipantFactory()
    invited = ConsultationInvitationFactory(participant=person).consultation
    answered = ConsultationFactory()
    ConsultationInvitationFactory(participant=person, consultation=answered)
    response = ConsultationResponseFactory(participant=person, consultation=answered)
    unasked = ConsultationResponseFactory(participant=person).consultation
    ConsultationInvitationFactory()  # someone else's
    rows = {row.pk: row for row in selectors.participant_consultations(participant=person)}
    assert set(rows) == {invited.pk, answered.pk, unasked.pk}
    assert rows[invited.pk].responded_at is None and rows[invited.pk].invited_at is not None
    assert rows[answered.pk].responded_at == response.submitted_at
    assert rows[unasked.pk].invited_at is None


def test_hours_in_the_tax_year_count_from_6_april_uk_time():
    person = ParticipantFactory()

    def attended(moment: dt.datetime, hours: str, attendance: str = "attended") -> None:
        activity = ActivityFactory(starts_at=moment, ends_at=moment + dt.timedelta(hours=1), status="held")
        ParticipationFactory(
            participant=person,
            activity=activity,
            status="accepted",
            attendance=attendance,
            hours=Decimal(hours),
        )

    attended(dt.datetime(2026, 4, 5, 23, 30, tzinfo=UK), "1.00")  # last tax year, by half an hour
    attended(dt.datetime(2026, 4, 6, 0, 30, tzinfo=UK), "2.50")
    attended(dt.datetime(2027, 4, 5, 12, 0, tzinfo=UK), "0.25")
    attended(dt.datetime(2026, 6, 1, 12, 0, tzinfo=UK), "4.00", attendance="no_show")
    hours = selectors.participant_hours(person.participations.all(), today=dt.date(2026, 12, 1))
    assert (hours.this_tax_year, hours.total, hours.tax_year) == (Decimal("2.75"), Decimal("3.75"), "2026-27")
    none = selectors.participant_hours(ParticipantFactory().participations.all(), today=dt.date(2026, 12, 1))
    assert (none.this_tax_year, none.total) == (Decimal("0.00"), Decimal("0.00"))
