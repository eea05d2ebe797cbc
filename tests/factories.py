"""factory_boy factories; every value is synthetic."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import Team, User
from involvement import models as inv

TEST_PASSWORD = "correct-horse-battery-staple"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Test team {n}")
    code = factory.Sequence(lambda n: f"team-{n}")
    kind = Team.Kind.TEAM
    parent = factory.LazyAttribute(
        lambda o: (
            DirectorateFactory()
            if o.kind == Team.Kind.TEAM
            else (TrustFactory() if o.kind == Team.Kind.DIRECTORATE else None)
        )
    )


class TrustFactory(TeamFactory):
    name = "Test NHS Foundation Trust"
    code = "test-trust"
    kind = Team.Kind.TRUST
    parent = None


class DirectorateFactory(TeamFactory):
    name = factory.Sequence(lambda n: f"Test directorate {n}")
    code = factory.Sequence(lambda n: f"directorate-{n}")
    kind = Team.Kind.DIRECTORATE
    parent = factory.SubFactory(TrustFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@test.example")
    first_name = factory.Faker("first_name")
    last_name = factory.Sequence(lambda n: f"Testperson{n}")
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set([Group.objects.get_or_create(name=name)[0] for name in extracted])
            self.__dict__.pop("role_names", None)

    @factory.post_generation
    def teams(self, create, extracted, **kwargs):
        if create and extracted:
            self.teams.set(extracted)


# --- involvement ----------------------------------------------------------------------


def _soon(days: int = 7, hour: int = 10) -> _dt.datetime:
    base = timezone.localtime() + _dt.timedelta(days=days)
    return base.replace(hour=hour, minute=0, second=0, microsecond=0)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = inv.Theme
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"theme-{n}")
    name = factory.Sequence(lambda n: f"Theme {n}")


class ActivityKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = inv.ActivityKind
        django_get_or_create = ("code",)

    code = "co-production-workshop"
    name = "Co-production workshop"


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = inv.PartnerOrganisation

    name = factory.Sequence(lambda n: f"Test Community Partner {n}")
    kind = inv.PartnerOrganisation.Kind.VOLUNTARY


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = inv.Participant
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test Participant {n}")
    pronouns = "they/them"
    email = factory.Sequence(lambda n: f"participant{n}@test.example")
    experience = inv.Participant.Experience.SERVICE_USER
    consent_given_at = factory.LazyFunction(lambda: timezone.now() - _dt.timedelta(days=30))
    consent_purposes = "Invitations to involvement activities and consultations"
    joined_on = factory.LazyFunction(lambda: timezone.localdate() - _dt.timedelta(days=30))


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = inv.Activity
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Test workshop {n}")
    kind = factory.SubFactory(ActivityKindFactory)
    rung = inv.Rung.CO_PRODUCTION
    team = factory.SubFactory(TeamFactory)
    starts_at = factory.LazyFunction(_soon)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + _dt.timedelta(hours=2))
    venue = "Room 1, Test Resource Centre"
    capacity = 10
    status = inv.Activity.Status.OPEN

    @factory.post_generation
    def leads(self, create, extracted, **kwargs):
        if create and extracted:
            self.leads.set(extracted)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = inv.Participation

    activity = factory.SubFactory(ActivityFactory)
    participant = factory.SubFactory(ParticipantFactory)
    invited_at = factory.LazyFunction(timezone.now)


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = inv.Consultation

    title = factory.Sequence(lambda n: f"Test consultation {n}")
    summary = "A draft for comment."
    owner = factory.SubFactory(UserFactory)
    opens_at = factory.LazyFunction(lambda: timezone.now() - _dt.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + _dt.timedelta(days=14))
    status = inv.Consultation.Status.OPEN


class FeedbackItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = inv.FeedbackItem

    activity = factory.SubFactory(ActivityFactory)
    you_said = "The waiting room felt unwelcoming."
    action = "Redecorate with people who use the service."
    action_owner = factory.SubFactory(UserFactory)
    action_due = factory.LazyFunction(lambda: timezone.localdate() + _dt.timedelta(days=30))


class RateCardEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = inv.RateCardEntry
        django_get_or_create = ("activity_kind", "role")

    activity_kind = factory.SubFactory(ActivityKindFactory)
    role = inv.ParticipationRole.PARTICIPANT
    unit = inv.RateCardEntry.Unit.HOUR
    amount = Decimal("20.00")


class PartnerContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = inv.PartnerContact

    organisation = factory.SubFactory(PartnerOrganisationFactory)
    name = factory.Sequence(lambda n: f"Test Contact {n}")
    job_title = "Partnership coordinator"
    email = factory.Sequence(lambda n: f"contact{n}@test.example")


class ConsultationInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = inv.ConsultationInvitation

    consultation = factory.SubFactory(ConsultationFactory)
    participant = factory.SubFactory(ParticipantFactory)
    invited_at = factory.LazyFunction(timezone.now)


class ConsultationResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = inv.ConsultationResponse
        skip_postgeneration_save = True

    consultation = factory.SubFactory(ConsultationFactory)
    participant = factory.SubFactory(ParticipantFactory)
    body = "The draft should say more about support after a crisis."
    submitted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


# --- payments -------------------------------------------------------------------------


class AttendedParticipationFactory(ParticipationFactory):
    """A place taken at an activity held last week, attended for two hours."""

    activity = factory.SubFactory(
        ActivityFactory,
        starts_at=factory.LazyFunction(lambda: _soon(days=-7)),
        status=inv.Activity.Status.HELD,
    )
    status = inv.Participation.Status.ACCEPTED
    attendance = inv.Participation.Attendance.ATTENDED
    hours = Decimal("2.00")


def _tax_year_of(moment: _dt.datetime) -> int:
    from involvement.selectors.payments import tax_year_of

    return tax_year_of(moment)


class PaymentClaimFactory(factory.django.DjangoModelFactory):
    """A submitted claim at £20 an hour with no expenses (use the service for real calculations)."""

    class Meta:
        model = inv.PaymentClaim

    participation = factory.SubFactory(AttendedParticipationFactory)
    participant = factory.SelfAttribute("participation.participant")
    hours = factory.SelfAttribute("participation.hours")
    rate_unit = inv.RateCardEntry.Unit.HOUR
    rate_amount = Decimal("20.00")
    involvement_amount = factory.LazyAttribute(lambda o: o.hours * o.rate_amount)
    expenses_amount = Decimal("0.00")
    total_amount = factory.LazyAttribute(lambda o: o.involvement_amount + o.expenses_amount)
    tax_year = factory.LazyAttribute(lambda o: _tax_year_of(o.participation.activity.starts_at))
    submitted_at = factory.LazyFunction(timezone.now)
