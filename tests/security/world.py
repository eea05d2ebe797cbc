"""One shared world of synthetic records for the authorization matrix, built once per test module.

Every role user holds exactly one role. Each resource has an "other" record that none of them is
specially related to (another manager's worker, another person's claim, another hiring manager's
vacancy), and, where a role has a rule of its own, records that belong to that role's user: the
peer worker's own employment, the participant's own register entry, the supervisor's supervisee,
the hiring manager's own vacancy, the panel member's own interview. Nothing here is real data.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from charter.models import Charter, Indicator, Snapshot
from involvement import models as inv
from peers import models as pm
from recruitment import models as rm
from recruitment import services as recruitment
from reminders.models import Reminder
from tests.factories import (
    TEST_PASSWORD,
    ActivityFactory,
    ActivityKindFactory,
    AttendedParticipationFactory,
    ConsultationFactory,
    ConsultationInvitationFactory,
    ConsultationResponseFactory,
    DirectorateFactory,
    FeedbackItemFactory,
    ParticipantFactory,
    ParticipationFactory,
    PartnerContactFactory,
    PartnerOrganisationFactory,
    PaymentClaimFactory,
    RateCardEntryFactory,
    TeamFactory,
    ThemeFactory,
    UserFactory,
)
from tests.peers.factories import (
    CompetenceDomainFactory,
    CompetenceEvidenceFactory,
    CompetenceFactory,
    LevelChangeFactory,
    OnboardingItemFactory,
    OnboardingTemplateItemFactory,
    PathwayLevelFactory,
    PeerWorkerFactory,
    ProgressionReviewFactory,
    ReasonableAdjustmentFactory,
    SupervisionPolicyFactory,
    SupervisionSessionFactory,
    TrainingCourseFactory,
    TrainingRecordFactory,
    WellnessActionPlanFactory,
    _level,
)
from tests.recruitment.factories import ApplicationFactory, VacancyFactory, move_to
from tests.recruitment.late_stage import accepted, clear_checks, interview, offer, panel_rate

ANONYMOUS = "anonymous"
# The matrix's columns: every role in accounts.roles, then nobody signed in.
ROLES: tuple[str, ...] = tuple(str(role) for role in Role)
COLUMNS: tuple[str, ...] = (*ROLES, ANONYMOUS)


def _today() -> dt.date:
    return timezone.localdate()


def build() -> SimpleNamespace:
    """Make every record the matrix needs; returns them as attributes of one namespace."""
    w = SimpleNamespace()
    w.password = TEST_PASSWORD
    _people(w)
    _involvement(w)
    _peers(w)
    _recruitment(w)
    _charter(w)
    _reminders(w)
    return w


def _people(w: SimpleNamespace) -> None:
    w.directorate = DirectorateFactory()
    w.team_own = TeamFactory(parent=w.directorate, name="Test own team")
    w.team_other = TeamFactory(parent=w.directorate, name="Test other team")
    w.team_spare = TeamFactory(
        parent=w.directorate, name="Test spare team"
    )  # in no use: admins may delete it
    # One user per role, holding that role alone. The line manager manages the own team.
    w.users: dict[str, User] = {}
    for role in ROLES:
        teams = [w.team_own] if role == Role.LINE_MANAGER else []
        w.users[role] = UserFactory(roles=[role], teams=teams, email=f"matrix-{role}@test.example")
    # Bystanders: the people the "other" records belong to.
    w.other_manager = UserFactory(roles=[Role.LINE_MANAGER], teams=[w.team_other])
    w.other_supervisor = UserFactory(roles=[Role.SUPERVISOR])
    w.other_staff = UserFactory(roles=[Role.SUPERVISOR])
    w.other_user = UserFactory(roles=[Role.PEER_WORKER])
    w.new_starter = UserFactory(roles=[Role.PEER_WORKER])  # no employment yet: HR may start one


def _involvement(w: SimpleNamespace) -> None:
    u = w.users
    w.theme_used = ThemeFactory()
    w.theme = ThemeFactory()  # in no use: a lead may delete it
    w.kind_used = ActivityKindFactory(code="matrix-used-kind", name="Test used kind")
    w.kind = ActivityKindFactory(code="matrix-spare-kind", name="Test spare kind")
    w.rate = RateCardEntryFactory(activity_kind=w.kind_used, role=inv.ParticipationRole.PARTICIPANT)
    w.rate_spare = RateCardEntryFactory(activity_kind=w.kind_used, role=inv.ParticipationRole.CO_FACILITATOR)
    w.panel_rate = panel_rate()
    w.partner = PartnerOrganisationFactory()
    w.partner_contact = PartnerContactFactory(organisation=w.partner)

    # The register: someone else, and the participant role's own entry.
    w.participant_other = ParticipantFactory()
    w.participant_spare = ParticipantFactory()  # on nothing: a lead may invite them
    w.participant_invited = ParticipantFactory()  # invited to a consultation, not yet responded
    w.participant_own = ParticipantFactory(user=u[Role.PARTICIPANT])

    # Activities: one led by another member of staff, one the participant has a place at.
    w.activity_other = ActivityFactory(
        kind=w.kind_used, team=w.team_other, leads=[w.other_staff], status=inv.Activity.Status.PLANNED
    )
    w.activity_other.themes.set([w.theme_used])
    w.activity_own = ActivityFactory(kind=w.kind_used, team=w.team_own, leads=[w.other_staff])
    w.participation_other = ParticipationFactory(activity=w.activity_other, participant=w.participant_other)
    w.participation_own = ParticipationFactory(activity=w.activity_own, participant=w.participant_own)
    # A planned activity nobody is invited to (it may be deleted), and one under way since yesterday.
    w.activity_empty = ActivityFactory(
        kind=w.kind_used, team=w.team_other, leads=[w.other_staff], status=inv.Activity.Status.PLANNED
    )
    started = timezone.now() - dt.timedelta(days=1)
    w.activity_past = ActivityFactory(
        kind=w.kind_used, team=w.team_other, leads=[w.other_staff], starts_at=started
    )
    w.participation_past = ParticipationFactory(
        activity=w.activity_past, participant=w.participant_other, status=inv.Participation.Status.ACCEPTED
    )

    # Consultations: another owner's, and an open one the participant is invited to.
    w.consultation_other = ConsultationFactory(owner=w.other_staff, status=inv.Consultation.Status.OPEN)
    w.consultation_own = ConsultationFactory(owner=w.other_staff, status=inv.Consultation.Status.OPEN)
    w.consultation_draft = ConsultationFactory(owner=w.other_staff, status=inv.Consultation.Status.DRAFT)
    w.consultation_closed = ConsultationFactory(
        owner=w.other_staff,
        status=inv.Consultation.Status.CLOSED,
        opens_at=timezone.now() - dt.timedelta(days=20),
        closes_at=timezone.now() - dt.timedelta(days=2),
    )
    w.invitation_other = ConsultationInvitationFactory(
        consultation=w.consultation_other, participant=w.participant_other
    )
    w.invitation_unanswered = ConsultationInvitationFactory(
        consultation=w.consultation_other, participant=w.participant_invited
    )
    w.invitation_own = ConsultationInvitationFactory(
        consultation=w.consultation_own, participant=w.participant_own
    )
    w.response_other = ConsultationResponseFactory(
        consultation=w.consultation_other, participant=w.participant_other
    )
    w.response_own = ConsultationResponseFactory(
        consultation=w.consultation_own, participant=w.participant_own
    )

    # "You said, we did": a finished item not yet published, and one on the public list.
    finished = {
        "action_status": inv.FeedbackItem.ActionStatus.DONE,
        "we_did": "Test: the letters now go out two weeks ahead.",
        "completed_on": _today(),
    }
    w.feedback_other = FeedbackItemFactory(activity=w.activity_other, action_owner=w.other_staff, **finished)
    w.feedback_published = FeedbackItemFactory(
        activity=w.activity_own,
        action_owner=w.other_staff,
        published=True,
        published_at=timezone.now(),
        you_said="Test published: evening sessions please.",
        **finished,
    )

    # Claims: someone else's (submitted), and the participant's own.
    w.attended_other = AttendedParticipationFactory(
        participant=w.participant_other, activity__kind=w.kind_used, activity__team=w.team_other
    )
    w.claim_other = PaymentClaimFactory(participation=w.attended_other)
    w.activity_held = w.attended_other.activity
    w.claim_approved = PaymentClaimFactory(
        participation=AttendedParticipationFactory(
            participant=w.participant_other, activity__kind=w.kind_used, activity__team=w.team_other
        ),
        status=inv.PaymentClaim.Status.APPROVED,
        approved_at=timezone.now(),
        approved_by=u[Role.INVOLVEMENT_LEAD],
    )
    w.attended_own = AttendedParticipationFactory(participant=w.participant_own, activity__kind=w.kind_used)
    w.claim_own = PaymentClaimFactory(participation=w.attended_own)
    # An attended place with no claim yet, so a claim can be made for it.
    w.attended_unclaimed = AttendedParticipationFactory(
        participant=w.participant_other, activity__kind=w.kind_used, activity__team=w.team_other
    )


def _peers(w: SimpleNamespace) -> None:
    u = w.users
    w.level = _level()
    w.level_next = PathwayLevelFactory(order=2, band=pm.Band.B4)
    w.level_spare = PathwayLevelFactory()  # in no use: HR may delete it
    w.domain = CompetenceDomainFactory()
    w.domain_spare = CompetenceDomainFactory()
    w.competence = CompetenceFactory(domain=w.domain)
    w.competence_spare = CompetenceFactory(domain=w.domain)
    w.course = TrainingCourseFactory(validity_months=12)
    w.course_lapsed = TrainingCourseFactory(validity_months=12)
    w.course_spare = TrainingCourseFactory()  # in no use: HR may delete it
    w.policy = SupervisionPolicyFactory(level=w.level, kind=pm.SupervisionKind.LINE_MANAGEMENT)
    # Peer supervision every fortnight, never held: both workers are overdue for it.
    w.policy_overdue = SupervisionPolicyFactory(
        level=w.level, kind=pm.SupervisionKind.PEER, frequency_days=14
    )
    w.policy_spare = SupervisionPolicyFactory(level=w.level_next, kind=pm.SupervisionKind.CLINICAL)

    # The peer worker's own employment: managed by the line manager, supervised by the supervisor.
    w.worker_own = PeerWorkerFactory(
        user=u[Role.PEER_WORKER],
        team=w.team_own,
        line_manager=u[Role.LINE_MANAGER],
        supervisors=[u[Role.SUPERVISOR]],
        level=w.level,
    )
    w.worker_other = PeerWorkerFactory(
        user=w.other_user,
        team=w.team_other,
        line_manager=w.other_manager,
        supervisors=[w.other_supervisor],
        level=w.level,
    )
    # A worker in the line manager's team who is managed by someone else: the team's manager sees
    # their record, but their wellbeing is for their own line manager only.
    w.worker_teammate = PeerWorkerFactory(
        team=w.team_own, line_manager=w.other_manager, supervisors=[w.other_supervisor], level=w.level
    )
    w.plan_teammate = WellnessActionPlanFactory(worker=w.worker_teammate)
    w.adjustment_teammate = ReasonableAdjustmentFactory(worker=w.worker_teammate)
    # Training that runs out within the month, and training already expired, for both workers.
    soon = _today() - dt.timedelta(days=350)
    for name, worker in (("own", w.worker_own), ("other", w.worker_other)):
        setattr(
            w, f"training_{name}", TrainingRecordFactory(worker=worker, course=w.course, completed_on=soon)
        )
        expired = TrainingRecordFactory(worker=worker, course=w.course_lapsed, completed_on=soon)
        expired.expires_on = _today() - dt.timedelta(days=3)
        expired.save(update_fields=["expires_on"])
        setattr(w, f"training_expired_{name}", expired)
        setattr(w, f"evidence_{name}", CompetenceEvidenceFactory(worker=worker, competence=w.competence))
        setattr(w, f"review_{name}", ProgressionReviewFactory(worker=worker))
        setattr(w, f"level_change_{name}", LevelChangeFactory(worker=worker, to_level=w.level_next))
        setattr(w, f"plan_{name}", WellnessActionPlanFactory(worker=worker))
        setattr(w, f"adjustment_{name}", ReasonableAdjustmentFactory(worker=worker))
        supervisor = worker.supervisors.get()
        setattr(w, f"session_{name}", SupervisionSessionFactory(worker=worker, supervisor=supervisor))
        # A step of each one's onboarding checklist, added for them (so it may be deleted), not done.
        setattr(w, f"onboarding_{name}", OnboardingItemFactory(worker=worker))
    w.onboarding_done_other = OnboardingItemFactory(worker=w.worker_other, done_on=_today())
    w.onboarding_step_spare = OnboardingTemplateItemFactory(title="Test matrix step")


def _recruitment(w: SimpleNamespace) -> None:
    u = w.users
    hr = u[Role.HR]
    w.template = recruitment.template_create(
        by=hr,
        name="Test matrix template",
        stages=[
            {"code": "applied", "name": "Applied"},
            {"code": "conversation", "name": "Conversation", "kind": "step"},
            {"code": "hired", "name": "Hired", "kind": "hired"},
            {"code": "rejected", "name": "Rejected", "kind": "rejected"},
            {"code": "withdrawn", "name": "Withdrawn", "kind": "withdrawn"},
        ],
    )
    # Another hiring manager's vacancy, with an application at interview and a panel's score.
    w.vacancy_other = VacancyFactory(hiring_manager=w.other_manager, team=w.team_other, posts=5)
    w.criterion_other = recruitment.criterion_create(vacancy=w.vacancy_other, name="Test listening", by=hr)
    w.criterion_spare = recruitment.criterion_create(vacancy=w.vacancy_other, name="Test spare", by=hr)
    w.application_other = move_to(
        ApplicationFactory(vacancy=w.vacancy_other, adjustments=["Test: questions in advance"]),
        "interview",
        by=hr,
    )
    w.adjustment_request_other = w.application_other.adjustments.get()
    # Held this morning; a register member without a login sat on it, so HR may score for them.
    w.interview_other = interview(
        w.application_other,
        panel=[{"user": w.other_manager, "lived_experience": True}, {"participant": w.participant_other}],
        by=hr,
    )
    w.seat_register = w.interview_other.panel.get(participant=w.participant_other)
    w.score_other = recruitment.score_record(
        interview=w.interview_other,
        panel_member=w.interview_other.panel.get(user=w.other_manager),
        criterion=w.criterion_other,
        score=3,
        by=hr,
    )
    # An application at the offer stage with an offer made; one with its checks clear, ready to hire.
    w.offer_other = offer(ApplicationFactory(vacancy=w.vacancy_other), by=hr)
    w.application_hire = accepted(ApplicationFactory(vacancy=w.vacancy_other), by=hr)
    clear_checks(w.application_hire, by=hr)
    w.check_other = w.application_hire.checks.order_by("id").first()
    w.application_to_offer = move_to(ApplicationFactory(vacancy=w.vacancy_other), "offer", by=hr)
    w.vacancy_draft = VacancyFactory(
        hiring_manager=w.other_manager, team=w.team_other, status=rm.Vacancy.Status.DRAFT
    )

    # The line manager's own vacancy: the supervisor and the participant sit on its panel.
    w.vacancy_own = VacancyFactory(hiring_manager=u[Role.LINE_MANAGER], team=w.team_own, posts=3)
    w.criterion_own = recruitment.criterion_create(vacancy=w.vacancy_own, name="Test own criterion", by=hr)
    w.application_own = move_to(
        ApplicationFactory(vacancy=w.vacancy_own, adjustments=["Test: a quiet room"]), "interview", by=hr
    )
    w.adjustment_request_own = w.application_own.adjustments.get()
    w.interview_own = interview(
        w.application_own,
        panel=[
            {"user": u[Role.SUPERVISOR], "lived_experience": True},
            {"participant": w.participant_own},
        ],
        starts_in=dt.timedelta(days=3),
        by=hr,
    )
    w.score_supervisor = recruitment.score_record(
        interview=w.interview_own,
        panel_member=w.interview_own.panel.get(user=u[Role.SUPERVISOR]),
        criterion=w.criterion_own,
        score=4,
        by=hr,
    )
    w.score_participant = recruitment.score_record(
        interview=w.interview_own,
        panel_member=w.interview_own.panel.get(participant=w.participant_own),
        criterion=w.criterion_own,
        score=5,
        by=hr,
    )
    w.offer_own = offer(ApplicationFactory(vacancy=w.vacancy_own), by=hr)
    w.application_own_checks = accepted(ApplicationFactory(vacancy=w.vacancy_own), by=hr)
    w.check_own = w.application_own_checks.checks.order_by("id").first()
    w.stage_move_other = w.application_other.moves.order_by("id").last()
    w.stage_move_own = w.application_own.moves.order_by("id").last()


def _charter(w: SimpleNamespace) -> None:
    w.charter = Charter.objects.get(is_current=True)
    w.commitment = w.charter.commitments.order_by("number").first()
    w.indicator = Indicator.objects.order_by("id").first()
    w.snapshot = Snapshot.objects.create(
        indicator=w.indicator,
        period_type="month",
        period="2001-01",
        period_start=dt.date(2001, 1, 1),
        period_end=dt.date(2001, 1, 31),
        numerator=10,
        denominator=20,
        value=Decimal("50.0"),
        rag="amber",
        computed_at=timezone.now(),
    )


def _reminder(user: User, n: str) -> Reminder:
    return Reminder.objects.create(
        rule="test-matrix-rule",
        subject_type="test-thing",
        subject_id=n,
        recipient_user=user,
        recipient_email=user.email,
        occasion="1d",
        due_at=timezone.now() + dt.timedelta(days=2),
        subject_line=f"Test reminder {n}",
        body="Test body.",
    )


def _reminders(w: SimpleNamespace) -> None:
    w.reminder_other = _reminder(w.other_user, "other")
    w.reminders_own = {role: _reminder(user, role) for role, user in w.users.items()}
