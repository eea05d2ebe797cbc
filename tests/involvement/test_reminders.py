"""Involvement's reminder rules: who is reminded, when, never the uncontactable, and at a fixed query cost."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from involvement import services
from involvement.models import Activity, Consultation, FeedbackItem, Participant, Participation, PaymentClaim
from involvement.reminders import _waited_since
from reminders import registry
from reminders.models import Reminder
from reminders.services import reminders_plan, reminders_send_due
from tests.factories import (
    ActivityFactory,
    ConsultationFactory,
    ConsultationInvitationFactory,
    ConsultationResponseFactory,
    FeedbackItemFactory,
    ParticipantFactory,
    ParticipationFactory,
    PaymentClaimFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def next_tuesday_at(hour: int = 10) -> dt.datetime:
    """A fixed 'now' a few days ahead, on a Tuesday, so working-day arithmetic is predictable."""
    today = timezone.localdate()
    ahead = (1 - today.weekday()) % 7 or 7
    return timezone.make_aware(dt.datetime.combine(today + ahead * DAY, dt.time(hour)))


@pytest.fixture
def now() -> dt.datetime:
    return next_tuesday_at()


def owed(rule: str, now: dt.datetime) -> list[registry.Due]:
    return list(registry.get(f"involvement.{rule}").due(now))


def to(items: list[registry.Due]) -> set[tuple[str, str]]:
    return {(d.recipient_email, d.occasion) for d in items}


def queries(rule: str, now: dt.datetime) -> int:
    with CaptureQueriesContext(connection) as ctx:
        list(registry.get(f"involvement.{rule}").due(now))
    return len(ctx.captured_queries)


def consultation(now, *, closes_in: dt.timedelta, **kwargs) -> Consultation:
    return ConsultationFactory(opens_at=now - 10 * DAY, closes_at=now + closes_in, **kwargs)


# --- consultation closing: the owner ------------------------------------------------------------


class TestConsultationClosingOwner:
    def test_owner_hears_a_week_ahead_then_the_day_before(self, now):
        c = consultation(now, closes_in=7 * DAY)
        week = owed("consultation_closing_owner", now - 10 * 60 * dt.timedelta(seconds=1))
        assert week == []  # not yet: 7 days and 10 minutes before
        week = owed("consultation_closing_owner", now + dt.timedelta(minutes=5))
        closes_on = timezone.localtime(c.closes_at).date()
        assert to(week) == {(c.owner.email, f"7d:{closes_on}")}
        assert week[0].subject_line == "A consultation you own closes in 7 days"
        assert week[0].recipient_user_id == c.owner_id
        assert week[0].link == f"/lead/consultations/{c.pk}/"  # the owner's page of it
        assert c.title in week[0].body
        day_before = owed("consultation_closing_owner", c.closes_at - dt.timedelta(hours=20))
        assert to(day_before) == {(c.owner.email, f"1d:{closes_on}")}
        assert day_before[0].subject_line == "A consultation you own closes within a day"

    def test_planning_across_the_week_gives_exactly_two_reminders(self, now):
        c = consultation(now, closes_in=7 * DAY)
        for hours in range(0, 7 * 24, 6):
            reminders_plan(now=now + dt.timedelta(hours=hours, minutes=1))
        rows = Reminder.objects.filter(rule="involvement.consultation_closing_owner")
        assert sorted(r.occasion.split(":")[0] for r in rows) == ["1d", "7d"]
        assert {r.recipient_email for r in rows} == {c.owner.email}

    def test_a_consultation_opened_late_gets_only_what_still_makes_sense(self, now):
        c = consultation(now, closes_in=3 * DAY)
        items = owed("consultation_closing_owner", now)
        assert [d.occasion.split(":")[0] for d in items] == ["7d"]
        assert items[0].subject_line == "A consultation you own closes in 3 days"
        assert c.owner.email == items[0].recipient_email

    def test_nothing_for_far_off_draft_closed_or_inactive_owner(self, now):
        consultation(now, closes_in=10 * DAY)
        consultation(now, closes_in=2 * DAY, status=Consultation.Status.DRAFT)
        consultation(now, closes_in=2 * DAY, status=Consultation.Status.CLOSED)
        consultation(now, closes_in=2 * DAY, owner=UserFactory(is_active=False))
        assert owed("consultation_closing_owner", now) == []

    def test_a_new_closing_date_is_a_new_reminder(self, now):
        c = consultation(now, closes_in=5 * DAY)
        assert reminders_plan(now=now) == 1
        Consultation.objects.filter(pk=c.pk).update(closes_at=c.closes_at + 14 * DAY)
        assert reminders_plan(now=now) == 0  # three weeks off now: nothing yet
        assert reminders_plan(now=now + 14 * DAY) == 1


# --- consultation closing: invited people who have not responded -------------------------------------


class TestConsultationClosingInvitee:
    def test_invited_without_a_response_hear_three_days_ahead_at_their_email(self, now):
        c = consultation(now, closes_in=3 * DAY - dt.timedelta(minutes=5))
        login = UserFactory(roles=[Role.PARTICIPANT])
        with_login = ParticipantFactory(user=login, email="own.address@test.example")
        without_login = ParticipantFactory()
        for person in (with_login, without_login):
            ConsultationInvitationFactory(consultation=c, participant=person)
        items = owed("consultation_closing_invitee", now)
        closes_on = timezone.localtime(c.closes_at).date()
        assert to(items) == {
            ("own.address@test.example", f"invited-3d:{closes_on}"),
            (without_login.email, f"invited-3d:{closes_on}"),
        }
        users = {d.recipient_email: d.recipient_user_id for d in items}
        assert users == {"own.address@test.example": login.pk, without_login.email: None}
        assert {d.subject_line for d in items} == {"A consultation you were invited to closes in 3 days"}

    def test_not_before_three_days(self, now):
        c = consultation(now, closes_in=4 * DAY)
        ConsultationInvitationFactory(consultation=c)
        assert owed("consultation_closing_invitee", now) == []

    def test_never_those_who_responded_or_may_not_be_contacted(self, now):
        c = consultation(now, closes_in=2 * DAY)
        responded = ParticipantFactory()
        ConsultationResponseFactory(consultation=c, participant=responded)
        withdrawn = ParticipantFactory(consent_withdrawn_at=timezone.now())
        never_consented = ParticipantFactory(consent_given_at=None)
        paused = ParticipantFactory(status=Participant.Status.PAUSED)
        left = ParticipantFactory(status=Participant.Status.LEFT)
        no_email = ParticipantFactory(email="")
        for person in (responded, withdrawn, never_consented, paused, left, no_email):
            ConsultationInvitationFactory(consultation=c, participant=person)
        # Someone else's response to another consultation does not count for this one.
        other = ParticipantFactory()
        ConsultationInvitationFactory(consultation=c, participant=other)
        ConsultationResponseFactory(participant=other)
        assert to(owed("consultation_closing_invitee", now)) == {
            (other.email, f"invited-3d:{timezone.localtime(c.closes_at).date()}")
        }


# --- consultation closed with no outcome ------------------------------------------------------------


class TestConsultationOutcomeWaiting:
    def test_owner_hears_fourteen_days_after_closing(self, now):
        closed = ConsultationFactory(
            opens_at=now - 40 * DAY,
            closes_at=now - 20 * DAY,
            closed_at=now - 15 * DAY,
            status=Consultation.Status.CLOSED,
        )
        past_deadline = ConsultationFactory(opens_at=now - 40 * DAY, closes_at=now - 14 * DAY - DAY)
        items = owed("consultation_outcome_waiting", now)
        assert to(items) == {
            (closed.owner.email, "outcome-14d"),
            (past_deadline.owner.email, "outcome-14d"),
        }
        assert {d.subject_line for d in items} == {"A consultation you own is waiting for its outcome"}

    def test_nothing_before_fourteen_days_or_once_published(self, now):
        ConsultationFactory(
            opens_at=now - 40 * DAY,
            closes_at=now - 20 * DAY,
            closed_at=now - 13 * DAY,
            status=Consultation.Status.CLOSED,
        )
        ConsultationFactory(
            opens_at=now - 40 * DAY,
            closes_at=now - 20 * DAY,
            closed_at=now - 20 * DAY,
            status=Consultation.Status.OUTCOME_PUBLISHED,
            outcome_published_at=now - 2 * DAY,
        )
        assert owed("consultation_outcome_waiting", now) == []


# --- activity tomorrow ------------------------------------------------------------------------------


def tomorrow_at(now: dt.datetime, hour: int = 14) -> dt.datetime:
    day = timezone.localdate(now) + DAY
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


class TestActivityTomorrow:
    def test_leads_and_people_with_a_place(self, now):
        lead, other_lead = UserFactory(), UserFactory()
        activity = ActivityFactory(starts_at=tomorrow_at(now), leads=[lead, other_lead])
        login = UserFactory(roles=[Role.PARTICIPANT])
        coming = ParticipationFactory(
            activity=activity,
            participant=ParticipantFactory(user=login),
            status=Participation.Status.ACCEPTED,
        )
        for status in ("invited", "waitlisted", "declined", "withdrawn"):
            ParticipationFactory(activity=activity, status=status)
        for person in (
            ParticipantFactory(consent_withdrawn_at=timezone.now()),
            ParticipantFactory(status=Participant.Status.PAUSED),
        ):
            ParticipationFactory(activity=activity, participant=person, status="accepted")
        items = owed("activity_tomorrow", now)
        day = timezone.localdate(now) + DAY
        assert to(items) == {
            (lead.email, f"before-1d:{day}"),
            (other_lead.email, f"before-1d:{day}"),
            (coming.participant.email, f"before-1d:{day}"),
        }
        subjects = {d.recipient_email: d.subject_line for d in items}
        assert subjects[lead.email] == "An activity you lead is tomorrow"
        assert subjects[coming.participant.email] == "An activity you are taking part in is tomorrow"
        assert {d.recipient_user_id for d in items} == {lead.pk, other_lead.pk, login.pk}
        # Planned in the night, it goes out in the morning, not at midnight.
        morning = timezone.make_aware(dt.datetime.combine(timezone.localdate(now), dt.time(8)))
        assert {d.due_at for d in items} == {morning}

    def test_nothing_for_other_days_or_cancelled_activities(self, now):
        lead = UserFactory()
        ActivityFactory(starts_at=tomorrow_at(now) + DAY, leads=[lead])
        ActivityFactory(starts_at=tomorrow_at(now) - DAY, leads=[lead])
        ActivityFactory(starts_at=tomorrow_at(now), leads=[lead], status=Activity.Status.CANCELLED)
        ActivityFactory(starts_at=tomorrow_at(now), leads=[UserFactory(is_active=False)])
        assert owed("activity_tomorrow", now) == []


# --- "you said, we did" actions ---------------------------------------------------------------------


class TestFeedbackActionDue:
    def test_due_within_a_week_then_overdue(self, now):
        today = timezone.localdate(now)
        item = FeedbackItemFactory(action_due=today + 7 * DAY)
        assert to(owed("feedback_action_due", now)) == {(item.action_owner.email, f"due:{item.action_due}")}
        later = owed("feedback_action_due", now + 8 * DAY)
        assert to(later) == {(item.action_owner.email, f"overdue:{item.action_due}")}
        assert later[0].subject_line == 'A "you said, we did" action you own is overdue'
        assert later[0].link == f"/lead/consultations/you-said-we-did/{item.pk}/"
        reminders_plan(now=now)
        reminders_plan(now=now + 8 * DAY)
        reminders_plan(now=now + 9 * DAY)
        occasions = Reminder.objects.filter(rule="involvement.feedback_action_due").values_list(
            "occasion", flat=True
        )
        assert sorted(occasions) == [f"due:{item.action_due}", f"overdue:{item.action_due}"]

    def test_nothing_far_off_or_finished(self, now):
        today = timezone.localdate(now)
        FeedbackItemFactory(action_due=today + 8 * DAY)
        FeedbackItemFactory(action_due=today - DAY, action_status=FeedbackItem.ActionStatus.DONE)
        FeedbackItemFactory(action_due=today - DAY, action_status=FeedbackItem.ActionStatus.NOT_DOING)
        assert owed("feedback_action_due", now) == []


# --- payment claims waiting -------------------------------------------------------------------------


class TestClaimWaitingApproval:
    def test_the_waited_since_day_counts_working_days_only(self):
        tuesday = dt.date(2025, 3, 11)
        assert _waited_since(tuesday, 5) == dt.date(2025, 3, 4)  # the Tuesday before
        saturday = dt.date(2025, 3, 15)
        assert _waited_since(saturday, 5) == dt.date(2025, 3, 7)  # Fri, Thu, Wed, Tue, Mon; then Fri
        monday = dt.date(2025, 3, 10)
        assert _waited_since(monday, 5) == dt.date(2025, 3, 3)

    def test_every_lead_hears_of_each_claim_waiting_more_than_five_working_days(self, now):
        leads = [UserFactory(roles=[Role.INVOLVEMENT_LEAD]) for _ in range(2)]
        UserFactory(roles=[Role.FINANCE])
        # now is a Tuesday: a claim from the Monday eight days ago has waited six working days.
        waiting = PaymentClaimFactory(submitted_at=now - 8 * DAY)
        PaymentClaimFactory(submitted_at=now - 7 * DAY)  # last Tuesday: five working days, not more
        PaymentClaimFactory(submitted_at=now - 20 * DAY, status=PaymentClaim.Status.APPROVED)
        PaymentClaimFactory(submitted_at=now - 20 * DAY, status=PaymentClaim.Status.REJECTED)
        items = owed("claim_waiting_approval", now)
        assert to(items) == {(lead.email, "waiting") for lead in leads}
        assert {d.subject_id for d in items} == {waiting.pk}
        assert {d.subject_line for d in items} == {"A payment claim is waiting for approval"}
        assert waiting.participant.name not in items[0].body
        assert "£40.00" in items[0].body  # two hours at £20

    def test_nobody_to_tell_means_nothing_planned(self, now):
        PaymentClaimFactory(submitted_at=now - 20 * DAY)
        assert owed("claim_waiting_approval", now) == []


# --- consent withdrawn: nothing more goes -----------------------------------------------------------


class TestConsentWithdrawn:
    def _planned_nudge(self, now) -> tuple[Participant, Reminder]:
        c = consultation(now, closes_in=2 * DAY)
        person = ParticipantFactory()
        ConsultationInvitationFactory(consultation=c, participant=person)
        reminders_plan(now=now)
        return person, Reminder.objects.get(recipient_email=person.email)

    def test_a_planned_reminder_is_dismissed_the_moment_consent_is_withdrawn_and_never_sent(self, now):
        person, reminder = self._planned_nudge(now)
        assert reminder.state == Reminder.State.PLANNED
        services.participant_consent_withdraw(participant=person, by=UserFactory())
        reminder.refresh_from_db()
        assert reminder.state == Reminder.State.DISMISSED
        mail.outbox.clear()
        reminders_send_due(now=now + dt.timedelta(hours=1))
        assert [m for m in mail.outbox if person.email in m.to] == []
        assert reminders_plan(now=now + dt.timedelta(hours=2)) == 0

    @pytest.mark.parametrize("status", [Participant.Status.PAUSED, Participant.Status.LEFT])
    def test_pausing_or_leaving_the_register_dismisses_too(self, now, status):
        person, reminder = self._planned_nudge(now)
        services.participant_update(participant=person, by=UserFactory(), status=status)
        reminder.refresh_from_db()
        assert reminder.state == Reminder.State.DISMISSED
        assert reminders_plan(now=now + dt.timedelta(hours=1)) == 0

    def test_a_new_email_address_stops_the_old_one_and_the_rules_use_the_new(self, now):
        person, reminder = self._planned_nudge(now)
        services.participant_update(participant=person, by=UserFactory(), email="new.address@test.example")
        reminder.refresh_from_db()
        assert reminder.state == Reminder.State.DISMISSED
        assert reminders_plan(now=now + dt.timedelta(hours=1)) == 1
        assert Reminder.objects.filter(recipient_email="new.address@test.example", state="planned").exists()

    def test_other_peoples_reminders_are_untouched(self, now):
        person, _ = self._planned_nudge(now)
        other = FeedbackItemFactory(action_due=timezone.localdate(now) + DAY)
        reminders_plan(now=now)
        services.participant_consent_withdraw(participant=person, by=UserFactory())
        assert Reminder.objects.get(recipient_email=other.action_owner.email).state == Reminder.State.PLANNED


class TestAnAddressIsNotAPerson:
    """Reminders are stopped through the register entry they were planned for, never by an address.

    A participant may put any address on their own entry, another member's included: what they do
    with their entry afterwards (withdraw consent, change the address back, leave) must not touch
    the reminders of the member whose address they borrowed.
    """

    VICTIM = "victim.member@test.example"

    def _victim_with_a_planned_reminder(self, now) -> tuple[Participant, Reminder]:
        victim = ParticipantFactory(email=self.VICTIM)
        ConsultationInvitationFactory(consultation=consultation(now, closes_in=2 * DAY), participant=victim)
        reminders_plan(now=now)
        planned = Reminder.objects.get(recipient_type="participant", recipient_id=str(victim.pk))
        assert (planned.state, planned.recipient_email) == (Reminder.State.PLANNED, self.VICTIM)
        return victim, planned

    def _impostor_using(self, address: str) -> tuple[Participant, User]:
        login = UserFactory(roles=[Role.PARTICIPANT])
        impostor = ParticipantFactory(user=login, email="impostor.member@test.example")
        services.participant_update(participant=impostor, by=login, self_service=True, email=address)
        return impostor, login

    def _still_goes_to_the_victim(self, planned: Reminder, now) -> None:
        planned.refresh_from_db()
        assert planned.state == Reminder.State.PLANNED
        mail.outbox.clear()
        reminders_send_due(now=now + dt.timedelta(hours=1))
        assert len([m for m in mail.outbox if m.to == [self.VICTIM]]) == 1

    def test_withdrawing_consent_with_another_members_address_leaves_their_reminders(self, now):
        _, planned = self._victim_with_a_planned_reminder(now)
        impostor, login = self._impostor_using(self.VICTIM)
        services.participant_consent_withdraw(participant=impostor, by=login)
        self._still_goes_to_the_victim(planned, now)

    def test_changing_the_borrowed_address_back_leaves_their_reminders(self, now):
        _, planned = self._victim_with_a_planned_reminder(now)
        impostor, login = self._impostor_using(self.VICTIM)
        services.participant_update(
            participant=impostor, by=login, self_service=True, email="impostor.member@test.example"
        )
        self._still_goes_to_the_victim(planned, now)

    @pytest.mark.parametrize("status", [Participant.Status.PAUSED, Participant.Status.LEFT])
    def test_leaving_with_another_members_address_leaves_their_reminders(self, now, status):
        _, planned = self._victim_with_a_planned_reminder(now)
        impostor, _ = self._impostor_using(self.VICTIM)
        services.participant_update(participant=impostor, by=UserFactory(), status=status)
        self._still_goes_to_the_victim(planned, now)

    def test_a_borrowed_address_does_not_take_the_members_own_reminder(self, now):
        # Invited to the same consultation, both are owed a reminder at one address: each keeps their own,
        # so the impostor withdrawing (and their row dismissed) cannot leave the member with none.
        impostor, login = self._impostor_using(self.VICTIM)
        victim = ParticipantFactory(email=self.VICTIM)
        both = consultation(now, closes_in=2 * DAY)
        for person in (impostor, victim):
            ConsultationInvitationFactory(consultation=both, participant=person)
        reminders_plan(now=now)
        services.participant_consent_withdraw(participant=impostor, by=login)
        reminders_plan(now=now + dt.timedelta(minutes=30))
        own = Reminder.objects.get(recipient_type="participant", recipient_id=str(victim.pk))
        self._still_goes_to_the_victim(own, now)

    def test_the_persons_own_reminders_stop_whatever_address_they_were_planned_to(self, now):
        # The impostor's own reminder went to the borrowed address; withdrawing stops it all the same.
        impostor, login = self._impostor_using(self.VICTIM)
        ConsultationInvitationFactory(consultation=consultation(now, closes_in=2 * DAY), participant=impostor)
        reminders_plan(now=now)
        own = Reminder.objects.get(recipient_type="participant", recipient_id=str(impostor.pk))
        assert own.recipient_email == self.VICTIM
        services.participant_consent_withdraw(participant=impostor, by=login)
        own.refresh_from_db()
        assert own.state == Reminder.State.DISMISSED
        mail.outbox.clear()
        reminders_send_due(now=now + dt.timedelta(hours=1))
        assert [m for m in mail.outbox if self.VICTIM in m.to] == []

    def test_a_register_member_who_is_also_staff_keeps_the_reminders_of_their_job(self, now):
        login = UserFactory(roles=[Role.INVOLVEMENT_LEAD], email="lead.and.member@test.example")
        member = ParticipantFactory(user=login, email=login.email)
        led = ActivityFactory(starts_at=tomorrow_at(now), leads=[login])
        attended = ActivityFactory(starts_at=tomorrow_at(now, hour=10))
        ParticipationFactory(activity=attended, participant=member, status="accepted")
        reminders_plan(now=now)
        as_lead = Reminder.objects.get(rule="involvement.activity_tomorrow", subject_id=str(led.pk))
        as_member = Reminder.objects.get(rule="involvement.activity_tomorrow", subject_id=str(attended.pk))
        services.participant_consent_withdraw(participant=member, by=login)
        as_lead.refresh_from_db()
        as_member.refresh_from_db()
        assert (as_lead.state, as_member.state) == (Reminder.State.PLANNED, Reminder.State.DISMISSED)


# --- planning twice, query counts, end to end -------------------------------------------------------


def one_of_each(now: dt.datetime, index: int = 0) -> None:
    """One subject due for every involvement rule."""
    UserFactory(roles=[Role.INVOLVEMENT_LEAD])
    soon = consultation(now, closes_in=2 * DAY)
    ConsultationInvitationFactory(consultation=soon)
    ConsultationFactory(
        opens_at=now - 40 * DAY, closes_at=now - 30 * DAY, closed_at=now - 30 * DAY, status="closed"
    )
    # Activities are led by staff: here a clinician from a team (a line manager).
    activity = ActivityFactory(starts_at=tomorrow_at(now), leads=[UserFactory(roles=[Role.LINE_MANAGER])])
    ParticipationFactory(activity=activity, status="accepted")
    FeedbackItemFactory(action_due=timezone.localdate(now) - DAY)
    PaymentClaimFactory(submitted_at=now - 10 * DAY)


def test_planning_twice_adds_nothing(now):
    one_of_each(now)
    first = reminders_plan(now=now)
    assert first >= 7
    assert reminders_plan(now=now) == 0
    assert reminders_plan(now=now + dt.timedelta(minutes=10)) == 0
    assert Reminder.objects.count() == first


def make_many(rule: str, now: dt.datetime, n: int) -> None:
    if rule == "consultation_closing_owner":
        for _ in range(n):
            consultation(now, closes_in=2 * DAY)
    elif rule == "consultation_closing_invitee":
        c = consultation(now, closes_in=2 * DAY)
        for _ in range(n):
            ConsultationInvitationFactory(consultation=c, participant=ParticipantFactory(user=UserFactory()))
    elif rule == "consultation_outcome_waiting":
        for _ in range(n):
            ConsultationFactory(opens_at=now - 40 * DAY, closes_at=now - 30 * DAY, status="closed")
    elif rule == "activity_tomorrow":
        for _ in range(n):
            activity = ActivityFactory(starts_at=tomorrow_at(now), leads=[UserFactory()])
            ParticipationFactory(activity=activity, status="accepted")
    elif rule == "feedback_action_due":
        for _ in range(n):
            FeedbackItemFactory(action_due=timezone.localdate(now) + DAY)
    elif rule == "claim_waiting_approval":
        if not User.objects.filter(groups__name=Role.INVOLVEMENT_LEAD).exists():
            UserFactory(roles=[Role.INVOLVEMENT_LEAD])
        for _ in range(n):
            PaymentClaimFactory(submitted_at=now - 10 * DAY)


RULES = [
    "consultation_closing_owner",
    "consultation_closing_invitee",
    "consultation_outcome_waiting",
    "activity_tomorrow",
    "feedback_action_due",
    "claim_waiting_approval",
]


@pytest.mark.parametrize("rule", RULES)
def test_query_count_does_not_grow_with_subjects(rule, now):
    make_many(rule, now, 3)
    few_items = len(owed(rule, now))
    few = queries(rule, now)
    make_many(rule, now, 27)
    assert len(owed(rule, now)) == 10 * few_items  # the rule really sees the 30
    assert queries(rule, now) == few


def bulk_claims(n: int, submitted_at: dt.datetime) -> None:
    """n submitted claims, inserted in bulk: the planner's cost is what is measured, not the setup."""
    activity = ActivityFactory(starts_at=submitted_at - 2 * DAY, status=Activity.Status.HELD)
    people = Participant.objects.bulk_create(
        Participant(
            name=f"Test Participant B{i}",
            email=f"bulk{i}@test.example",
            experience="service_user",
            joined_on=timezone.localdate(),
        )
        for i in range(n)
    )
    places = Participation.objects.bulk_create(
        Participation(
            activity=activity,
            participant=p,
            status="accepted",
            attendance="attended",
            invited_at=submitted_at - 5 * DAY,
            hours=Decimal("2.00"),
        )
        for p in people
    )
    PaymentClaim.objects.bulk_create(
        PaymentClaim(
            participation=place,
            participant_id=place.participant_id,
            hours=Decimal("2.00"),
            involvement_amount=Decimal("40.00"),
            total_amount=Decimal("40.00"),
            tax_year=2025,
            submitted_at=submitted_at,
        )
        for place in places
    )


def _reads_and_inserts(ctx: CaptureQueriesContext) -> tuple[int, int]:
    inserts = sum(1 for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("INSERT"))
    return len(ctx.captured_queries) - inserts, inserts


def test_planning_query_count_does_not_grow_with_subjects(now):
    UserFactory(roles=[Role.INVOLVEMENT_LEAD])
    bulk_claims(10, now - 10 * DAY)
    with CaptureQueriesContext(connection) as few:
        assert reminders_plan(now=now) == 10
    Reminder.objects.all().delete()
    bulk_claims(190, now - 10 * DAY)
    with CaptureQueriesContext(connection) as many:
        assert reminders_plan(now=now) == 200
    few_reads, few_inserts = _reads_and_inserts(few)
    many_reads, many_inserts = _reads_and_inserts(many)
    # Every rule reads with the same queries for 10 subjects as for 200.
    assert many_reads == few_reads
    # Inserts: one statement per planning batch (1,000 rows), unless the database caps a statement's
    # size: SQLite takes 999 variables, so Django splits 200 rows of 19 columns into 52-row inserts.
    fields = [f for f in Reminder._meta.concrete_fields if not f.primary_key]
    per_statement = min(
        settings.REMINDERS_PLAN_BATCH_SIZE, connection.ops.bulk_batch_size(fields, [Reminder()] * 200)
    )
    assert few_inserts == 1
    assert many_inserts == math.ceil(200 / per_statement)
    if connection.vendor == "postgresql":
        assert len(many.captured_queries) == len(few.captured_queries)


def test_end_to_end_emails_name_no_participant(now):
    one_of_each(now)
    names = list(Participant.objects.values_list("name", flat=True))
    assert names
    created = reminders_plan(now=now)
    mail.outbox.clear()
    sent = reminders_send_due(now=now)
    assert sent == created == len(mail.outbox)
    for message in mail.outbox:
        assert not any(name in message.subject for name in names), message.subject
        assert "Open it here: http" in message.body or "\n  http" in message.body
        assert "/api/" not in message.body
    # The participant nudged about the consultation and the one coming tomorrow both got theirs.
    participant_emails = set(Participant.objects.values_list("email", flat=True))
    reached = {address for m in mail.outbox for address in m.to}
    assert len(reached & participant_emails) == 2
    assert set(Reminder.objects.values_list("state", flat=True)) == {"sent"}
