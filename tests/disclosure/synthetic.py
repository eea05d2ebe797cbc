"""Synthetic trusts of random small sizes for the disclosure audit, drawn by hypothesis.

A plan says, per directorate (and for the trust itself), how many of each record to make in
each month of the quarter under audit: peer workers and what their records say, activities,
"you said, we did" actions, consultations, and vacancies with applications, equality answers,
shortlisting, offers, adjustments and interviews. `build` bulk-creates it in a few queries per
kind. Every name is synthetic ("Test ...", @test.example).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from hypothesis import strategies as st

from accounts.models import Team, User
from accounts.roles import Role
from charter.periods import Period, month_of
from involvement import models as inv
from peers import models as pm
from recruitment import models as rm
from tests.charter.builders import at
from tests.factories import DirectorateFactory, TeamFactory, TrustFactory, UserFactory
from tests.peers.factories import PathwayLevelFactory, _level
from tests.recruitment.factories import VacancyFactory

EM = rm.EqualityMonitoring
ANSWERS = {
    "ethnic_group": EM.EthnicGroup.values,
    "disabled": EM.YesNo.values,
    "sex": EM.Sex.values,
    "age_band": EM.AgeBand.values,
    "lgb_plus": EM.YesNo.values,
    "gender_same_as_at_birth": EM.YesNo.values,
}
# Skewed towards "prefer not to say" (the default) and one common answer, as real answers are.
answer_sets = st.fixed_dictionaries(
    {
        name: st.sampled_from([values[-1], values[0], *values])
        if len(values) > 3
        else st.sampled_from(values)
        for name, values in ANSWERS.items()
    }
)


@dataclass(frozen=True)
class Worker:
    scope: int  # index into the trust's scopes: 0 is the trust itself, 1.. its directorates
    started: int  # 0 years ago (in the retention cohort), 1 six months before the end, 2 in month 0
    left_in: int | None  # the month of the quarter the worker left in, or still in post
    supervised: bool  # a session held ten days before the end (else overdue since starting)
    courses: tuple[bool, ...]  # mandatory courses in date at the end, one flag per course
    reviewed: bool
    promoted_in: int | None


@dataclass(frozen=True)
class Month:
    """Records in one scope dated in one month of the quarter."""

    workshops: int = 0  # held, at the consultation rung
    training: int = 0  # staff training delivered with lived experience
    coproduced: int = 0  # held at co-production
    cofacilitated: int = 0  # of the workshops, how many had a co-facilitator from the register
    actions_on_time: int = 0
    actions_late: int = 0
    consultations_published: int = 0
    consultations_closed: int = 0


@dataclass(frozen=True)
class Applicant:
    vacancy: int
    month: int
    answers: dict[str, str]
    shortlisted: bool
    hired: bool
    register: bool
    offer: bool
    adjustment: bool | None  # decided and provided / decided and not provided / none
    interview: bool | None  # with a lived-experience panellist / without / none


@dataclass(frozen=True)
class Plan:
    directorates: int
    courses: int
    workers: tuple[Worker, ...]
    months: tuple[tuple[Month, ...], ...]  # [scope][month]
    vacancies: tuple[int, ...]  # the scope of each vacancy (never the trust: vacancies sit in teams)
    applicants: tuple[Applicant, ...]


def _month(scale: int):
    few = st.integers(min_value=0, max_value=scale)
    return st.builds(
        Month,
        workshops=few,
        training=st.integers(min_value=0, max_value=max(scale // 2, 1)),
        coproduced=few,
        cofacilitated=few,
        actions_on_time=few,
        actions_late=st.integers(min_value=0, max_value=3),
        consultations_published=st.integers(min_value=0, max_value=3),
        consultations_closed=st.integers(min_value=0, max_value=3),
    )


@st.composite
def plans(draw, *, max_workers: int = 25) -> Plan:
    directorates = draw(st.integers(min_value=2, max_value=3))
    scopes = directorates + 1
    courses = draw(st.integers(min_value=1, max_value=6))
    # Most workers sit in directorates; now and then one is kept against the trust itself.
    worker = st.builds(
        Worker,
        scope=st.integers(min_value=0, max_value=directorates * 6).map(
            lambda n: 0 if n == 0 else 1 + n % directorates
        ),
        started=st.sampled_from([0, 0, 0, 1, 2]),
        left_in=st.sampled_from([None, None, None, None, 0, 1, 2]),
        supervised=st.booleans(),
        courses=st.tuples(*[st.booleans()] * courses),
        reviewed=st.booleans(),
        promoted_in=st.sampled_from([None, None, 0, 1, 2]),
    )
    workers = draw(st.lists(worker, max_size=max_workers))
    months = tuple(tuple(draw(_month(12 if s else 3)) for _ in range(3)) for s in range(scopes))
    vacancies = tuple(
        draw(st.lists(st.integers(min_value=1, max_value=directorates), min_size=1, max_size=3))
    )
    applicant = st.builds(
        Applicant,
        vacancy=st.integers(min_value=0, max_value=len(vacancies) - 1),
        month=st.integers(min_value=0, max_value=2),
        answers=answer_sets,
        shortlisted=st.booleans(),
        hired=st.booleans(),
        register=st.booleans(),
        offer=st.booleans(),
        adjustment=st.sampled_from([None, None, True, False]),
        interview=st.sampled_from([None, True, False]),
    )
    applicants = tuple(draw(st.lists(applicant, max_size=30)))
    return Plan(directorates, courses, tuple(workers), months, vacancies, applicants)


@dataclass
class Built:
    trust: Team
    directorates: dict[int, str]  # id -> name, in the order made
    mandatory_courses: int
    vacancies: list[rm.Vacancy]


def months_of(quarter: Period, today: date) -> list[Period]:
    """The months of the quarter that have begun."""
    months = [month_of(quarter.start + relativedelta(months=n)) for n in range(3)]
    return [m for m in months if m.start <= today]


def _day(month: Period, today: date, offset: int = 9) -> date:
    return min(month.start + dt.timedelta(days=offset), today)


def build(plan: Plan, quarter: Period, today: date) -> Built:
    """Make the records `plan` describes; the quarter's months not yet begun get none."""
    trust = TrustFactory()
    directorates = [
        DirectorateFactory(parent=trust, name=f"Test Directorate {chr(65 + n)}", code=f"test-dir-{n}")
        for n in range(plan.directorates)
    ]
    teams = [trust] + [
        TeamFactory(parent=d, name=f"Test Team {chr(65 + n)}", code=f"test-team-{n}")
        for n, d in enumerate(directorates)
    ]
    months = months_of(quarter, today)
    end = min(quarter.end, today)
    staff = UserFactory(roles=[Role.INVOLVEMENT_LEAD, Role.HR, Role.LINE_MANAGER])
    # The trust's mandatory courses are these alone (the reference list's are retired for the test).
    pm.TrainingCourse.objects.filter(mandatory=True).update(is_active=False)
    courses = [
        pm.TrainingCourse.objects.create(
            code=f"test-mandatory-{n}", name=f"Test mandatory course {n}", mandatory=True, validity_months=24
        )
        for n in range(plan.courses)
    ]
    _workers(plan, teams, months, end, staff, courses)
    _involvement(plan, teams, months, today, staff)
    vacancies = _recruitment(plan, teams, months, quarter, today)
    return Built(
        trust=trust,
        directorates={d.pk: d.name for d in directorates},
        mandatory_courses=len(courses),
        vacancies=vacancies,
    )


def _workers(plan: Plan, teams, months, end: date, staff: User, courses) -> None:
    if not plan.workers:
        return
    level = _level()
    pm.SupervisionPolicy.objects.update_or_create(
        level=level, kind=pm.SupervisionKind.LINE_MANAGEMENT, defaults={"frequency_days": 28}
    )
    kinds = list(pm.SupervisionPolicy.objects.filter(level=level).values_list("kind", flat=True))
    users = User.objects.bulk_create(
        User(email=f"worker-{n}@test.example", first_name="Test", last_name=f"Worker {n}")
        for n in range(len(plan.workers))
    )
    starts = {0: end - relativedelta(years=3), 1: end - relativedelta(months=6)}
    made = []
    for n, (user, plan_worker) in enumerate(zip(users, plan.workers, strict=True)):
        start = starts.get(plan_worker.started) or months[0].start + dt.timedelta(days=3)
        left = None
        if plan_worker.left_in is not None and plan_worker.left_in < len(months):
            left = max(_day(months[plan_worker.left_in], end, 14), start)
        made.append(
            pm.PeerWorker(
                user=user,
                employee_number=f"T-{n}",
                level=level,
                band=level.band,
                team=teams[plan_worker.scope],
                line_manager=staff,
                start_date=start,
                leaving_date=left,
                leaving_reason=pm.LeavingReason.RESIGNATION_NEW_JOB if left else "",
                contracted_hours=30,
                status=pm.PeerWorker.Status.LEFT if left else pm.PeerWorker.Status.ACTIVE,
            )
        )
    workers = pm.PeerWorker.objects.bulk_create(made)
    records, sessions, reviews, changes = [], [], [], []
    to_level = PathwayLevelFactory(band=pm.Band.B4)
    for worker, plan_worker in zip(workers, plan.workers, strict=True):
        for course, in_date in zip(courses, plan_worker.courses, strict=False):
            completed = worker.start_date if in_date else worker.start_date - relativedelta(years=3)
            records.append(
                pm.TrainingRecord(
                    worker=worker,
                    course=course,
                    completed_on=completed,
                    expires_on=completed + relativedelta(years=5)
                    if in_date
                    else completed + relativedelta(years=1),
                )
            )
        if plan_worker.supervised:
            # Every kind the level's policy asks for, held three days before the end.
            sessions += [
                pm.SupervisionSession(
                    worker=worker,
                    supervisor=staff,
                    kind=kind,
                    held_on=max(end - dt.timedelta(days=3), worker.start_date),
                    duration_minutes=60,
                    status=pm.SupervisionSession.Status.HELD,
                )
                for kind in kinds
            ]
        if plan_worker.reviewed:
            reviews.append(
                pm.ProgressionReview(
                    worker=worker,
                    reviewed_on=max(end - relativedelta(months=2), worker.start_date),
                    reviewer=staff,
                    outcome=pm.ProgressionReview.Outcome.NOT_YET,
                )
            )
        if plan_worker.promoted_in is not None and plan_worker.promoted_in < len(months):
            changes.append(
                pm.LevelChange(
                    worker=worker,
                    from_level=level,
                    from_band=level.band,
                    to_level=to_level,
                    to_band=to_level.band,
                    effective_date=_day(months[plan_worker.promoted_in], end, 5),
                    reason=pm.LevelChange.Reason.PROMOTION,
                )
            )
    pm.TrainingRecord.objects.bulk_create(records)
    pm.SupervisionSession.objects.bulk_create(sessions)
    pm.ProgressionReview.objects.bulk_create(reviews)
    pm.LevelChange.objects.bulk_create(changes)


def _involvement(plan: Plan, teams, months, today: date, staff: User) -> None:
    kinds = {
        k.code: k
        for k in inv.ActivityKind.objects.filter(code__in=["co-production-workshop", "training-delivery"])
    }
    activities: list[inv.Activity] = []
    cofacilitated: list[inv.Activity] = []
    consultations: list[inv.Consultation] = []
    actions: list[tuple[date, int, int, Team]] = []
    for scope, team in enumerate(teams):
        for month, counts in zip(months, plan.months[scope], strict=False):
            starts = at(_day(month, today))

            def held(n: int, rung: str, kind: str, team=team, starts=starts) -> list[inv.Activity]:
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
                    for _ in range(n)
                ]

            workshops = held(counts.workshops, inv.Rung.CONSULTATION, "co-production-workshop")
            activities += workshops
            activities += held(counts.training, inv.Rung.INFORMING, "training-delivery")
            activities += held(counts.coproduced, inv.Rung.CO_PRODUCTION, "co-production-workshop")
            cofacilitated += workshops[: counts.cofacilitated]
            closes = at(_day(month, today, 7), 17)
            for n in range(counts.consultations_published + counts.consultations_closed):
                consultations.append(
                    inv.Consultation(
                        title="Test consultation",
                        summary="A draft for comment.",
                        owner=staff,
                        team=None if scope == 0 else team,
                        opens_at=closes - dt.timedelta(days=21),
                        closes_at=closes,
                        status=inv.Consultation.Status.OUTCOME_PUBLISHED
                        if n < counts.consultations_published
                        else inv.Consultation.Status.CLOSED,
                    )
                )
            if counts.actions_on_time or counts.actions_late:
                actions.append((_day(month, today, 6), counts.actions_on_time, counts.actions_late, team))
    inv.Activity.objects.bulk_create(activities)
    inv.Consultation.objects.bulk_create(consultations)
    if cofacilitated:
        people = inv.Participant.objects.bulk_create(
            inv.Participant(
                name=f"Test Participant {n}",
                experience=inv.Participant.Experience.SERVICE_USER,
                joined_on=today,
            )
            for n in range(len(cofacilitated))
        )
        inv.Participation.objects.bulk_create(
            inv.Participation(
                activity=activity,
                participant=person,
                role=inv.ParticipationRole.CO_FACILITATOR,
                status=inv.Participation.Status.ACCEPTED,
                invited_at=activity.starts_at - dt.timedelta(days=14),
                attendance=inv.Participation.Attendance.ATTENDED,
            )
            for activity, person in zip(cofacilitated, people, strict=True)
        )
    if actions:
        sources = {}
        for _due, _on_time, _late, team in actions:
            if team.pk not in sources:
                sources[team.pk] = inv.Activity.objects.create(
                    title="Test listening event",
                    kind=kinds["co-production-workshop"],
                    rung=inv.Rung.CONSULTATION,
                    team=team,
                    starts_at=at(today - dt.timedelta(days=400)),
                    ends_at=at(today - dt.timedelta(days=400), 12),
                    status=inv.Activity.Status.CLOSED,
                )
        inv.FeedbackItem.objects.bulk_create(
            inv.FeedbackItem(
                activity=sources[team.pk],
                you_said="Test feedback.",
                action="Test action.",
                action_owner=staff,
                action_due=due,
                action_status=inv.FeedbackItem.ActionStatus.DONE,
                completed_on=due if n < on_time else due + dt.timedelta(days=3),
            )
            for due, on_time, late, team in actions
            for n in range(on_time + late)
        )


def _recruitment(plan: Plan, teams, months, quarter: Period, today: date) -> list[rm.Vacancy]:
    vacancies = []
    for n, scope in enumerate(plan.vacancies):
        vacancy = VacancyFactory(team=teams[scope], title=f"Test peer support worker {n}")
        opens = at(quarter.start - dt.timedelta(days=30))
        rm.Vacancy.objects.filter(pk=vacancy.pk).update(opens_at=opens)
        vacancy.opens_at = opens
        vacancies.append(vacancy)
    applicants = [a for a in plan.applicants if a.month < len(months)]
    if not applicants:
        return vacancies
    stages = {
        v.pk: {
            "first": v.stages.filter(kind=rm.StageKind.STEP).order_by("order").first(),
            "shortlisted": v.stages.get(code="shortlisted"),
            "hired": v.stages.filter(kind=rm.StageKind.HIRED).first(),
        }
        for v in vacancies
    }
    people = inv.Participant.objects.bulk_create(
        inv.Participant(
            name=f"Test Applicant {n}", experience=inv.Participant.Experience.CARER, joined_on=today
        )
        for n, a in enumerate(applicants)
        if a.register
    )
    people_iter = iter(people)
    made = []
    for n, a in enumerate(applicants):
        vacancy = vacancies[a.vacancy]
        applied = at(_day(months[a.month], today, 2), 9)
        made.append(
            rm.Application(
                vacancy=vacancy,
                applicant_name=f"Test Applicant {n}",
                email=f"applicant-{n}@test.example",
                source=rm.Application.Source.INVOLVEMENT_REGISTER
                if a.register
                else rm.Application.Source.OPEN_ADVERT,
                participant=next(people_iter) if a.register else None,
                stage=stages[vacancy.pk]["first"],
                stage_entered_at=applied,
                applied_at=applied,
            )
        )
    applications = rm.Application.objects.bulk_create(made)
    rm.EqualityMonitoring.objects.bulk_create(
        rm.EqualityMonitoring(application=application, vacancy=application.vacancy, **a.answers)
        for application, a in zip(applications, applicants, strict=True)
    )
    moves, offers, adjustments, interviews = [], [], [], []
    for application, a in zip(applications, applicants, strict=True):
        stage = stages[application.vacancy_id]
        day = application.applied_at
        if a.shortlisted:
            moves.append(
                rm.StageMove(
                    application=application, from_stage=stage["first"], to_stage=stage["shortlisted"], at=day
                )
            )
            if a.hired:
                moves.append(
                    rm.StageMove(
                        application=application,
                        from_stage=stage["shortlisted"],
                        to_stage=stage["hired"],
                        at=day,
                    )
                )
        if a.offer:
            offers.append(
                rm.Offer(
                    application=application,
                    start_date=day.date() + relativedelta(months=1),
                    salary_point="Band 3, entry step point",
                    status=rm.Offer.Status.MADE,
                    made_at=day,
                )
            )
        if a.adjustment is not None:
            adjustments.append(
                rm.AdjustmentRequest(
                    application=application,
                    description="Questions in writing beforehand.",
                    provided=a.adjustment,
                    note="" if a.adjustment else "No room available.",
                    decided_at=day,
                )
            )
        if a.interview is not None:
            interviews.append((application, a.interview, day))
    rm.StageMove.objects.bulk_create(moves)
    rm.Offer.objects.bulk_create(offers)
    rm.AdjustmentRequest.objects.bulk_create(adjustments)
    if interviews:
        made_interviews = rm.Interview.objects.bulk_create(
            rm.Interview(application=application, starts_at=day, ends_at=day + dt.timedelta(hours=1))
            for application, _lived, day in interviews
        )
        panellists = inv.Participant.objects.bulk_create(
            inv.Participant(
                name=f"Test Panellist {n}",
                experience=inv.Participant.Experience.SERVICE_USER,
                joined_on=today,
            )
            for n, (_a, lived, _d) in enumerate(interviews)
            if lived
        )
        panel_iter = iter(panellists)
        rm.PanelMember.objects.bulk_create(
            rm.PanelMember(interview=interview, participant=next(panel_iter), lived_experience=True)
            for interview, (_a, lived, _d) in zip(made_interviews, interviews, strict=True)
            if lived
        )
    return vacancies
