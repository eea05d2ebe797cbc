"""Synthetic records for the charter's metrics, each built so the raw figure it adds is known.

A builder makes the records one subject adds to a metric (an activity, a peer worker, a
vacancy) in a given team on a given day. Everything is synthetic ("Test ..." names,
@test.example emails).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from accounts.models import Team, User
from accounts.roles import Role
from charter.periods import Period, quarter_of
from involvement import models as inv
from peers import models as pm
from recruitment import models as rm
from tests.factories import (
    DirectorateFactory,
    ParticipantFactory,
    TeamFactory,
    TrustFactory,
    UserFactory,
)
from tests.peers.factories import PathwayLevelFactory, PeerWorkerFactory, TrainingCourseFactory, _level
from tests.recruitment.factories import ApplicationFactory, VacancyFactory

LONDON = ZoneInfo("Europe/London")
# A quarter long past, so no factory default ("now") falls into it by accident.
Q = quarter_of(date(2025, 10, 1))  # 2025-26-Q3: 1 October to 31 December 2025
# The first quarter of a financial year: 1 April 2025 is in British Summer Time, so a time
# just after midnight there is still 31 March in UTC.
Q1 = quarter_of(date(2025, 4, 1))


def at(day: date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


@dataclass
class Trust:
    trust: Team
    north: Team  # directorate
    south: Team  # directorate
    north_team: Team
    south_team: Team
    staff: User

    @property
    def teams(self) -> list[Team]:
        return [self.north_team, self.south_team]


def trust() -> Trust:
    top = TrustFactory()
    north = DirectorateFactory(parent=top, name="Test North Directorate", code="test-north")
    south = DirectorateFactory(parent=top, name="Test South Directorate", code="test-south")
    return Trust(
        trust=top,
        north=north,
        south=south,
        north_team=TeamFactory(parent=north, name="Test North Team", code="test-north-team"),
        south_team=TeamFactory(parent=south, name="Test South Team", code="test-south-team"),
        staff=UserFactory(roles=[Role.INVOLVEMENT_LEAD, Role.HR, Role.LINE_MANAGER]),
    )


# --- involvement ------------------------------------------------------------------------


def activity(
    team: Team,
    day: date,
    *,
    rung: str = inv.Rung.CO_PRODUCTION,
    status: str = inv.Activity.Status.HELD,
    kind: str = "co-production-workshop",
    hour: int = 10,
    minute: int = 0,
) -> inv.Activity:
    starts = at(day, hour, minute)
    return inv.Activity.objects.create(
        title="Test workshop",
        kind=inv.ActivityKind.objects.get(code=kind),
        rung=rung,
        team=team,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        status=status,
    )


def cofacilitator(
    activity: inv.Activity, *, attended: bool = True, participant: inv.Participant | None = None
) -> inv.Participation:
    return inv.Participation.objects.create(
        activity=activity,
        participant=participant or ParticipantFactory(),
        role=inv.ParticipationRole.CO_FACILITATOR,
        status=inv.Participation.Status.ACCEPTED,
        invited_at=activity.starts_at - dt.timedelta(days=14),
        attendance=inv.Participation.Attendance.ATTENDED
        if attended
        else inv.Participation.Attendance.NO_SHOW,
    )


def consultation(
    team: Team | None, closes: date, *, owner: User, status: str = inv.Consultation.Status.CLOSED
) -> inv.Consultation:
    return inv.Consultation.objects.create(
        title="Test consultation",
        summary="A draft for comment.",
        owner=owner,
        team=team,
        opens_at=at(closes - dt.timedelta(days=21)),
        closes_at=at(closes, 17),
        status=status,
    )


def feedback(
    due: date,
    *,
    owner: User,
    activity: inv.Activity | None = None,
    consultation: inv.Consultation | None = None,
    done_on: date | None = None,
    status: str | None = None,
) -> inv.FeedbackItem:
    if status is None:
        status = inv.FeedbackItem.ActionStatus.DONE if done_on else inv.FeedbackItem.ActionStatus.IN_PROGRESS
    return inv.FeedbackItem.objects.create(
        activity=activity,
        consultation=consultation,
        you_said="The waiting room felt unwelcoming.",
        action="Redecorate with people who use the service.",
        action_owner=owner,
        action_due=due,
        action_status=status,
        completed_on=done_on,
    )


# --- peer workforce ---------------------------------------------------------------------


def worker(
    team: Team,
    *,
    start: date,
    leaving: date | None = None,
    status: str | None = None,
    level: pm.PathwayLevel | None = None,
    manager: User | None = None,
) -> pm.PeerWorker:
    if status is None:
        status = pm.PeerWorker.Status.LEFT if leaving else pm.PeerWorker.Status.ACTIVE
    fields = {"line_manager": manager} if manager else {}
    return PeerWorkerFactory(
        team=team,
        start_date=start,
        leaving_date=leaving,
        leaving_reason=pm.LeavingReason.RESIGNATION_NEW_JOB if leaving else "",
        status=status,
        level=level or _level(),
        **fields,
    )


def session(
    worker: pm.PeerWorker,
    day: date,
    *,
    kind: str = pm.SupervisionKind.LINE_MANAGEMENT,
    status: str = pm.SupervisionSession.Status.HELD,
    peer_led: bool = False,
) -> pm.SupervisionSession:
    return pm.SupervisionSession.objects.create(
        worker=worker,
        supervisor=worker.line_manager,
        kind=kind,
        held_on=day,
        duration_minutes=60,
        status=status,
        peer_led=peer_led,
    )


def policy(level: pm.PathwayLevel, kind: str, days: int) -> pm.SupervisionPolicy:
    return pm.SupervisionPolicy.objects.update_or_create(
        level=level, kind=kind, defaults={"frequency_days": days}
    )[0]


def course(*, mandatory: bool = True, active: bool = True) -> pm.TrainingCourse:
    return TrainingCourseFactory(mandatory=mandatory, is_active=active)


def trained(
    worker: pm.PeerWorker, course: pm.TrainingCourse, completed: date, expires: date | None
) -> pm.TrainingRecord:
    return pm.TrainingRecord.objects.create(
        worker=worker, course=course, completed_on=completed, expires_on=expires
    )


def promotion(
    worker: pm.PeerWorker, day: date, *, reason: str = pm.LevelChange.Reason.PROMOTION
) -> pm.LevelChange:
    to_level = PathwayLevelFactory(band=pm.Band.B4)
    return pm.LevelChange.objects.create(
        worker=worker,
        from_level=worker.level,
        from_band=worker.band,
        to_level=to_level,
        to_band=to_level.band,
        effective_date=day,
        reason=reason,
    )


def review(worker: pm.PeerWorker, day: date) -> pm.ProgressionReview:
    return pm.ProgressionReview.objects.create(
        worker=worker,
        reviewed_on=day,
        reviewer=worker.line_manager,
        outcome=pm.ProgressionReview.Outcome.NOT_YET,
    )


# --- recruitment ------------------------------------------------------------------------


def vacancy(team: Team, *, lived: bool = True, opens: dt.datetime | None = None) -> rm.Vacancy:
    made = VacancyFactory(team=team, lived_experience_role=lived)
    if opens is not None:
        # Applications need an open vacancy now; the advert's history is set afterwards.
        rm.Vacancy.objects.filter(pk=made.pk).update(opens_at=opens)
        made.opens_at = opens
    return made


def application(
    vacancy: rm.Vacancy,
    *,
    applied: dt.datetime | None = None,
    participant: inv.Participant | None = None,
    equality: dict[str, str] | None = None,
) -> rm.Application:
    made = ApplicationFactory(vacancy=vacancy, participant=participant, equality=equality)
    if applied is not None:
        rm.Application.objects.filter(pk=made.pk).update(applied_at=applied)
        made.applied_at = applied
    return made


def interview(application: rm.Application, day: date, *, lived_panellist: bool) -> rm.Interview:
    starts = at(day, 14)
    made = rm.Interview.objects.create(
        application=application, starts_at=starts, ends_at=starts + dt.timedelta(hours=1)
    )
    rm.PanelMember.objects.create(interview=made, user=UserFactory(), lived_experience=False)
    if lived_panellist:
        rm.PanelMember.objects.create(interview=made, participant=ParticipantFactory(), lived_experience=True)
    return made


def offer(application: rm.Application, made: dt.datetime, *, status: str = rm.Offer.Status.MADE) -> rm.Offer:
    return rm.Offer.objects.create(
        application=application,
        start_date=made.date() + relativedelta(months=1),
        salary_point="Band 3, entry step point",
        status=status,
        made_at=made,
    )


def adjustment(
    application: rm.Application, *, decided: dt.datetime | None, provided: bool | None
) -> rm.AdjustmentRequest:
    return rm.AdjustmentRequest.objects.create(
        application=application,
        description="Questions in writing beforehand.",
        provided=provided,
        note="" if provided is not False else "No room available.",
        decided_at=decided,
    )


def moved(application: rm.Application, *, code: str | None = None, kind: str | None = None) -> rm.StageMove:
    """A move in the application's history to the stage with this code (or the stage of this kind)."""
    stages = application.vacancy.stages
    stage = stages.get(code=code) if code else stages.filter(kind=kind).first()
    return rm.StageMove.objects.create(
        application=application, from_stage=application.stage, to_stage=stage, at=application.applied_at
    )


def shortlisted(application: rm.Application, *, hired: bool) -> rm.Application:
    moved(application, code="shortlisted")
    if hired:
        moved(application, kind=rm.StageKind.HIRED)
    return application


def period_days(period: Period) -> tuple[date, date, date, date]:
    """The first and last day of a period, and the day before and after it."""
    return period.start, period.end, period.start - dt.timedelta(days=1), period.end + dt.timedelta(days=1)


# --- many records at once (property and performance tests) ---------------------------------


@dataclass(frozen=True)
class Sizes:
    """How many of each kind of record one team gets; the raw figures follow from these."""

    rungs: tuple[int, ...] = (0,) * len(inv.Rung.values)  # held activities at each rung, lowest first
    training: int = 0  # staff training sessions delivered with lived experience
    cofacilitated: int = 0  # held activities with a co-facilitator from the register
    workers: int = 0  # peer workers in post
    promotions: int = 0  # of those workers, how many were promoted in the period
    actions_on_time: int = 0  # "you said, we did" actions done by their due date
    actions_late: int = 0
    register_applications: int = 0


def populate(team: Team, sizes: Sizes, day: date, *, staff: User, tag: str) -> None:
    """Bulk-create the records `sizes` describes in `team`, dated `day`; a few queries whatever the sizes."""
    starts = at(day)
    kinds = {
        k.code: k
        for k in inv.ActivityKind.objects.filter(code__in=["co-production-workshop", "training-delivery"])
    }

    def activities(count: int, rung: str, kind: str) -> list[inv.Activity]:
        return [
            inv.Activity(
                title="Test workshop",
                kind=kinds[kind],
                rung=rung,
                team=team,
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2),
                status=inv.Activity.Status.HELD,
            )
            for _ in range(count)
        ]

    held = [
        a
        for rung, n in zip(inv.Rung.values, sizes.rungs, strict=True)
        for a in activities(n, rung, "co-production-workshop")
    ]
    held += activities(sizes.training, inv.Rung.CO_PRODUCTION, "training-delivery")
    cofacilitated = activities(sizes.cofacilitated, inv.Rung.ENGAGEMENT, "co-production-workshop")
    inv.Activity.objects.bulk_create(held + cofacilitated)
    if cofacilitated:
        people = inv.Participant.objects.bulk_create(
            inv.Participant(
                name=f"Test Participant {tag}-{i}",
                experience=inv.Participant.Experience.SERVICE_USER,
                joined_on=day,
            )
            for i in range(len(cofacilitated))
        )
        inv.Participation.objects.bulk_create(
            inv.Participation(
                activity=activity,
                participant=person,
                role=inv.ParticipationRole.CO_FACILITATOR,
                status=inv.Participation.Status.ACCEPTED,
                invited_at=starts,
                attendance=inv.Participation.Attendance.ATTENDED,
            )
            for activity, person in zip(cofacilitated, people, strict=True)
        )
    if sizes.actions_on_time or sizes.actions_late:
        source = inv.Activity.objects.create(
            title="Test listening event",
            kind=kinds["co-production-workshop"],
            rung=inv.Rung.CONSULTATION,
            team=team,
            starts_at=at(day - dt.timedelta(days=200)),
            ends_at=at(day - dt.timedelta(days=200), 12),
            status=inv.Activity.Status.CLOSED,
        )
        inv.FeedbackItem.objects.bulk_create(
            inv.FeedbackItem(
                activity=source,
                you_said="Test feedback.",
                action="Test action.",
                action_owner=staff,
                action_due=day,
                action_status=inv.FeedbackItem.ActionStatus.DONE,
                completed_on=day if i < sizes.actions_on_time else day + dt.timedelta(days=3),
            )
            for i in range(sizes.actions_on_time + sizes.actions_late)
        )
    if sizes.workers:
        level = _level()
        users = User.objects.bulk_create(
            User(email=f"worker-{tag}-{i}@test.example", first_name="Test", last_name=f"Worker {tag}-{i}")
            for i in range(sizes.workers)
        )
        workers = pm.PeerWorker.objects.bulk_create(
            pm.PeerWorker(
                user=user,
                employee_number=f"T-{tag}-{i}",
                level=level,
                band=level.band,
                team=team,
                line_manager=staff,
                start_date=day - dt.timedelta(days=500),
                contracted_hours=30,
                status=pm.PeerWorker.Status.ACTIVE,
            )
            for i, user in enumerate(users)
        )
        to_level = PathwayLevelFactory(band=pm.Band.B4)
        pm.LevelChange.objects.bulk_create(
            pm.LevelChange(
                worker=worker,
                from_level=level,
                from_band=level.band,
                to_level=to_level,
                to_band=to_level.band,
                effective_date=day,
                reason=pm.LevelChange.Reason.PROMOTION,
            )
            for worker in workers[: sizes.promotions]
        )
    if sizes.register_applications:
        vacancy = VacancyFactory(team=team)
        first = vacancy.stages.filter(kind=rm.StageKind.STEP).order_by("order").first()
        people = inv.Participant.objects.bulk_create(
            inv.Participant(
                name=f"Test Applicant {tag}-{i}", experience=inv.Participant.Experience.CARER, joined_on=day
            )
            for i in range(sizes.register_applications)
        )
        rm.Application.objects.bulk_create(
            rm.Application(
                vacancy=vacancy,
                applicant_name=person.name,
                email=f"applicant-{tag}-{i}@test.example",
                source=rm.Application.Source.INVOLVEMENT_REGISTER,
                participant=person,
                stage=first,
                stage_entered_at=starts,
                applied_at=starts,
            )
            for i, person in enumerate(people)
        )
