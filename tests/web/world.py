"""A small synthetic world with one person in every role, for the home page and browser tests.

Every name is invented and obviously so; nothing here comes from a real person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from involvement import services as involvement
from involvement.models import Activity, Participant, Participation, PaymentClaim
from peers.models import PeerWorker
from recruitment.models import Vacancy
from tests.factories import (
    ActivityFactory,
    ConsultationFactory,
    FeedbackItemFactory,
    ParticipantFactory,
    ParticipationFactory,
    RateCardEntryFactory,
    TeamFactory,
    UserFactory,
)
from tests.peers.factories import PeerWorkerFactory, SupervisionPolicyFactory, TrainingRecordFactory

NAMES = {
    Role.ADMIN: ("Avery", "Admin-Test"),
    Role.INVOLVEMENT_LEAD: ("Indra", "Lead-Test"),
    Role.HR: ("Hollis", "People-Test"),
    Role.LINE_MANAGER: ("Marlo", "Manager-Test"),
    Role.SUPERVISOR: ("Sasha", "Supervisor-Test"),
    Role.PEER_WORKER: ("Perry", "Peer-Test"),
    Role.FINANCE: ("Fenn", "Finance-Test"),
    Role.BOARD_MEMBER: ("Bryn", "Board-Test"),
    Role.PARTICIPANT: ("Rowan", "Voice-Test"),
}


def at(days: int, hour: int = 14) -> dt.datetime:
    moment = timezone.localtime() + dt.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


@dataclass
class World:
    users: dict[str, User] = field(default_factory=dict)
    participant: Participant | None = None
    invitation: Participation | None = None  # waiting for a reply
    full_invitation: Participation | None = None  # a reply would join the waiting list
    waitlisted: Participation | None = None
    place: Participation | None = None  # accepted, still to come
    unclaimed: Participation | None = None  # attended, no claim yet
    claim: PaymentClaim | None = None  # with expense lines
    worker: PeerWorker | None = None


def build() -> World:
    world = World()
    team = TeamFactory(name="Community Team Test", code="community-team-test")
    for role, (first, last) in NAMES.items():
        user = UserFactory(
            email=f"{role.value.replace('_', '-')}@test.example",
            first_name=first,
            last_name=last,
            roles=[role],
            teams=[team],
        )
        if role == Role.ADMIN:
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
        world.users[role] = user
    Group.objects.get_or_create(name=Role.ADMIN)
    lead = world.users[Role.INVOLVEMENT_LEAD]

    person = ParticipantFactory(
        user=world.users[Role.PARTICIPANT],
        name="Rowan Voice-Test",
        email="rowan.register@test.example",
        phone="07700 900123",
    )
    world.participant = person
    workshop = ActivityFactory(
        title="Designing the crisis line leaflet",
        starts_at=at(9, 10),
        ends_at=at(9, 12),
        venue="Room 2, Test Resource Centre",
        accessibility_arrangements="Step-free access; hearing loop; quiet room.",
        description="We will read the draft leaflet together and agree what to change.",
        team=team,
        leads=[lead],
    )
    RateCardEntryFactory(activity_kind=workshop.kind, amount=Decimal("15.00"))
    world.invitation = ParticipationFactory(participant=person, activity=workshop, invited_by=lead)

    full = ActivityFactory(
        title="Ward 5 environment walk-round", starts_at=at(12), ends_at=at(12, 16), capacity=1, team=team
    )
    ParticipationFactory(activity=full, status=Participation.Status.ACCEPTED)
    world.full_invitation = ParticipationFactory(participant=person, activity=full)

    waiting = ActivityFactory(
        title="Recovery college course review", starts_at=at(15), ends_at=at(15, 16), capacity=1, team=team
    )
    ParticipationFactory(activity=waiting, status=Participation.Status.ACCEPTED)
    world.waitlisted = ParticipationFactory(
        participant=person,
        activity=waiting,
        status=Participation.Status.WAITLISTED,
        waitlisted_at=timezone.now(),
    )

    steering = ActivityFactory(
        title="Service user and carer steering group",
        starts_at=at(5),
        ends_at=at(5, 16),
        team=team,
        leads=[lead],
    )
    world.place = ParticipationFactory(
        participant=person, activity=steering, status=Participation.Status.ACCEPTED
    )

    for days, title, hours in (
        (-20, "Interview panel practice", "2.00"),
        (-40, "Reading group: discharge letters", "1.50"),
    ):
        held = ActivityFactory(
            title=title, starts_at=at(days, 10), ends_at=at(days, 12), status=Activity.Status.HELD, team=team
        )
        RateCardEntryFactory(activity_kind=held.kind, amount=Decimal("15.00"))
        participation = ParticipationFactory(
            participant=person,
            activity=held,
            status=Participation.Status.ACCEPTED,
            attendance=Participation.Attendance.ATTENDED,
            hours=Decimal(hours),
        )
        if world.unclaimed is None:
            world.unclaimed = participation
        else:
            world.claim = involvement.payment_claim_create(
                participation=participation,
                by=person.user,
                expenses=[
                    {"kind": "travel", "amount": "6.40", "description": "Bus fare there and back"},
                    {"kind": "care", "amount": "12.00", "description": "Childminder for two hours"},
                ],
            )

    ConsultationFactory(
        title="Draft carers' strategy", owner=lead, closes_at=timezone.now() + dt.timedelta(days=5)
    )
    FeedbackItemFactory(
        action_owner=lead, action_due=timezone.localdate() - dt.timedelta(days=3), activity=steering
    )

    worker = PeerWorkerFactory(
        user=world.users[Role.PEER_WORKER],
        line_manager=world.users[Role.LINE_MANAGER],
        supervisors=[world.users[Role.SUPERVISOR]],
        team=team,
        start_date=timezone.localdate() - dt.timedelta(days=200),
    )
    SupervisionPolicyFactory(level=worker.level, frequency_days=28)
    TrainingRecordFactory(
        worker=worker,
        completed_on=timezone.localdate() - dt.timedelta(days=350),
        expires_on=timezone.localdate() + dt.timedelta(days=12),
    )
    world.worker = worker
    # Made directly, not through the service: the service needs the default pipeline template, a
    # data migration's row that a transactional test's flush may have removed.
    Vacancy.objects.create(
        title="Senior peer support worker",
        level=worker.level,
        band=worker.level.band,
        team=team,
        hiring_manager=world.users[Role.LINE_MANAGER],
        opens_at=timezone.now() - dt.timedelta(days=10),
        closes_at=timezone.now() + dt.timedelta(days=4),
        status=Vacancy.Status.OPEN,
    )
    return world
