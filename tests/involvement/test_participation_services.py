"""Participation services: places, the waiting list and consent, straight against the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.errors import NotPermitted
from accounts.roles import Role
from involvement import services
from involvement.errors import InvolvementConflict, InvolvementError
from involvement.models import Activity, Participation
from tests.factories import (
    ActivityFactory,
    ParticipantFactory,
    ParticipationFactory,
    PaymentClaimFactory,
    UserFactory,
)


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


def _started(capacity: int | None = None, **kwargs) -> Activity:
    """An activity that began two hours ago and lasts three."""
    start = timezone.now() - dt.timedelta(hours=2)
    return ActivityFactory(
        starts_at=start, ends_at=start + dt.timedelta(hours=3), capacity=capacity, **kwargs
    )


def _booked(activity: Activity, name: str = "Test Alex Example", **kwargs) -> Participation:
    """A place at `activity` (or, given `status`, an invitation in that state)."""
    kwargs.setdefault("status", "accepted")
    return ParticipationFactory(activity=activity, participant=ParticipantFactory(name=name), **kwargs)


@pytest.mark.django_db
class TestAttendance:
    @pytest.mark.parametrize(
        ("status", "reason"),
        [
            ("invited", "Test Alex Example has not answered this invitation"),
            ("waitlisted", "Test Alex Example is on the waiting list and has no place"),
            ("declined", "Test Alex Example declined this invitation"),
            ("withdrawn", "Test Alex Example gave up their place"),
        ],
    )
    @pytest.mark.parametrize("attendance", ["attended", "no_show", "unknown"])
    def test_only_a_booked_place_has_attendance(self, lead, status, reason, attendance):
        row = _booked(_started(), status=status)
        with pytest.raises(InvolvementConflict) as refused:
            services.participation_record_attendance(participation=row, attendance=attendance, by=lead)
        assert refused.value.message == f"{reason}, so their attendance cannot be recorded."
        assert refused.value.field == "attendance"
        stored = Participation.objects.get(pk=row.pk)
        assert (stored.attendance, stored.hours) == ("unknown", None)

    def test_not_before_the_activity_starts(self, lead):
        start = timezone.now() + dt.timedelta(days=2)
        row = _booked(ActivityFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2)))
        with pytest.raises(InvolvementConflict) as refused:
            services.participation_record_attendance(participation=row, attendance="attended", by=lead)
        assert "once the activity has started" in refused.value.message
        assert Participation.objects.get(pk=row.pk).attendance == "unknown"

    def test_no_more_attended_than_the_activity_has_places(self, lead):
        activity = _started(capacity=2)
        first, second = _booked(activity), _booked(activity)
        # A seat agreed beforehand (an interview panel's) is a booked place beyond the capacity.
        third = _booked(activity, name="Test Kit Example")
        for row in (first, second):
            services.participation_record_attendance(participation=row, attendance="attended", by=lead)
        with pytest.raises(InvolvementConflict) as refused:
            services.participation_record_attendance(participation=third, attendance="attended", by=lead)
        assert refused.value.field == "attendance"
        assert refused.value.message.startswith(
            "This activity has 2 places and 2 already marked attended, so Test Kit Example cannot be"
        )
        assert activity.participations.filter(attendance="attended").count() == 2
        # Recording that they did not come is still fine.
        services.participation_record_attendance(participation=third, attendance="no_show", by=lead)
        assert Participation.objects.get(pk=third.pk).attendance == "no_show"

    def test_every_role_takes_one_of_the_places(self, lead):
        activity = _started(capacity=1)
        facilitator = _booked(activity, role="co_facilitator")
        member = _booked(activity)
        services.participation_record_attendance(participation=facilitator, attendance="attended", by=lead)
        with pytest.raises(InvolvementConflict):
            services.participation_record_attendance(participation=member, attendance="attended", by=lead)

    def test_correcting_the_hours_of_someone_already_attended_is_not_a_second_place(self, lead):
        activity = _started(capacity=1)
        row = _booked(activity)
        services.participation_record_attendance(participation=row, attendance="attended", by=lead)
        again = services.participation_record_attendance(
            participation=row, attendance="attended", hours=Decimal("1.50"), by=lead
        )
        assert again.hours == Decimal("1.50")

    def test_a_freed_place_can_be_marked_again(self, lead):
        activity = _started(capacity=1)
        wrong, right = _booked(activity), _booked(activity)
        services.participation_record_attendance(participation=wrong, attendance="attended", by=lead)
        services.participation_record_attendance(participation=wrong, attendance="no_show", by=lead)
        services.participation_record_attendance(participation=right, attendance="attended", by=lead)
        assert Participation.objects.get(pk=right.pk).attendance == "attended"

    def test_no_one_records_their_own_attendance(self, lead):
        login = UserFactory(roles=[Role.PARTICIPANT])
        row = ParticipationFactory(
            activity=_started(), participant=ParticipantFactory(user=login), status="accepted"
        )
        with pytest.raises(NotPermitted):
            services.participation_record_attendance(participation=row, attendance="attended", by=login)
        assert Participation.objects.get(pk=row.pk).attendance == "unknown"

    def test_attendance_with_a_claim_cannot_change(self, lead):
        row = _booked(_started())
        row = services.participation_record_attendance(participation=row, attendance="attended", by=lead)
        PaymentClaimFactory(participation=row)
        with pytest.raises(InvolvementConflict) as refused:
            services.participation_record_attendance(participation=row, attendance="no_show", by=lead)
        assert "A claim has been made for this attendance" in refused.value.message
        assert Participation.objects.get(pk=row.pk).attendance == "attended"

    def test_a_place_that_was_attended_cannot_be_given_up(self, lead):
        activity = _started(capacity=1)
        row = _booked(activity)
        waiting = ParticipationFactory(activity=activity, status="waitlisted", waitlisted_at=timezone.now())
        services.participation_record_attendance(participation=row, attendance="attended", by=lead)
        with pytest.raises(InvolvementConflict) as refused:
            services.participation_decline(participation=row, by=lead)
        assert refused.value.message == (
            "Test Alex Example is recorded as having attended this activity, "
            "so their place can no longer be given up."
        )
        assert Participation.objects.get(pk=row.pk).status == "accepted"
        assert Participation.objects.get(pk=waiting.pk).status == "waitlisted"
