"""A small synthetic world for the data-rights tests: one person with a record in every app, and others.

The subject, "Robin Quillfeather", is on the register (with a login), took part and was paid, answered a
consultation, sat on an interview panel, applied for a job (rejected, with adjustments and equality
answers), and was employed as a peer worker who has since left (training, supervision, evidence, a
review, a promotion, a wellness plan, adjustments). Their old email address survives only in the change
history and in a sign-in record. Other people share the same activity, vacancy and team, so a test can
check that an export carries none of them and an erasure touches none of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from axes.models import AccessAttempt
from axes.models import AccessLog as SignIn
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.services import access_log_record
from involvement import models as inv
from peers import models as pm
from recruitment import models as rm
from recruitment import services as recruitment_services
from reminders.models import Reminder
from tests.factories import (
    AttendedParticipationFactory,
    ConsultationResponseFactory,
    ParticipantFactory,
    PaymentClaimFactory,
    UserFactory,
)
from tests.peers import factories as pf
from tests.recruitment.factories import ApplicationFactory, VacancyFactory, move_to
from tests.recruitment.late_stage import interview, panel_rate

SUBJECT_NAME = "Robin Quillfeather"
SUBJECT_EMAIL = "robin.quillfeather@test.example"
SUBJECT_OLD_EMAIL = "robin.q.old@test.example"
SUBJECT_PHONE = "07700 900123"
SUBJECT_SIGN_IN_ADDRESS = "203.0.113.9"
SUBJECT_BROWSER = "Quillbrowser/1.0"
OTHER_NAME = "Sasha Otherington"
OTHER_EMAIL = "sasha.otherington@test.example"
OTHER_APPLICANT = "Kit Elsewhereton"
OTHER_WORKER_EMAIL = "jo.colleaguesworth@test.example"
EQUALITY = {
    "ethnic_group": "black",
    "age_band": "35_44",
    "disabled": "yes",
    "sex": "female",
    "lgb_plus": "no",
    "gender_same_as_at_birth": "yes",
}


@dataclass
class World:
    user: User
    participant: inv.Participant
    worker: pm.PeerWorker
    application: rm.Application
    other_participant: inv.Participant
    other_worker: pm.PeerWorker
    other_application: rm.Application
    lead: User
    hr: User


def build() -> World:
    lead = UserFactory(roles=[Role.INVOLVEMENT_LEAD])
    hr = UserFactory(roles=[Role.HR])
    user = UserFactory(
        email=SUBJECT_OLD_EMAIL, first_name="Robin", last_name="Quillfeather", roles=[Role.PARTICIPANT]
    )
    participant = ParticipantFactory(
        name=SUBJECT_NAME,
        email=SUBJECT_OLD_EMAIL,
        phone=SUBJECT_PHONE,
        postal_address="1 Test Lane, Testville",
        accessibility_needs="Step-free access and a quiet room, please.",
        user=user,
    )
    # A sign-in under the first address, then a change of address: the old one now lives only in the
    # change history and in that sign-in record; a failed attempt at the new one.
    SignIn.objects.create(
        username=SUBJECT_OLD_EMAIL,
        ip_address=SUBJECT_SIGN_IN_ADDRESS,
        user_agent=SUBJECT_BROWSER,
        path_info="/",
    )
    user.email = SUBJECT_EMAIL
    user.save()
    participant.email = SUBJECT_EMAIL
    participant.save()
    AccessAttempt.objects.create(
        username=SUBJECT_EMAIL,
        ip_address=SUBJECT_SIGN_IN_ADDRESS,
        user_agent=SUBJECT_BROWSER,
        path_info="/api/v1/auth/login",
        get_data="",
        post_data="",
        failures_since_start=1,
    )

    other = ParticipantFactory(name=OTHER_NAME, email=OTHER_EMAIL)
    place = AttendedParticipationFactory(participant=participant, role=inv.ParticipationRole.CO_FACILITATOR)
    other_place = AttendedParticipationFactory(participant=other, activity=place.activity)
    claim = PaymentClaimFactory(
        participation=place, status=inv.PaymentClaim.Status.PAID, paid_at=timezone.now()
    )
    inv.ExpenseLine.objects.create(
        claim=claim,
        kind=inv.ExpenseLine.Kind.TRAVEL,
        description=f"Taxi home for {SUBJECT_NAME}",
        amount="12.50",
    )
    claim.expenses_amount = Decimal("12.50")
    claim.total_amount = claim.involvement_amount + claim.expenses_amount
    claim.save()
    PaymentClaimFactory(participation=other_place)
    response = ConsultationResponseFactory(
        participant=participant, body=f"{SUBJECT_NAME} says: the crisis plan needs a named contact."
    )
    ConsultationResponseFactory(participant=other, consultation=response.consultation)

    # An application from the register, with an adjustment and equality answers, interviewed and rejected.
    vacancy = VacancyFactory()
    rm.Criterion.objects.get_or_create(vacancy=vacancy, name="Values", defaults={"max_score": 5})
    application = ApplicationFactory(
        vacancy=vacancy,
        applicant_name=SUBJECT_NAME,
        email=SUBJECT_EMAIL,
        phone=SUBJECT_PHONE,
        source=rm.Application.Source.INVOLVEMENT_REGISTER,
        participant=participant,
        supporting_statement=f"I am {SUBJECT_NAME} and I know the crisis team well.",
        adjustments=["Questions in writing ten minutes before the interview."],
        equality=EQUALITY,
    )
    other_application = ApplicationFactory(
        vacancy=vacancy, applicant_name=OTHER_APPLICANT, equality={**EQUALITY, "disabled": "no"}
    )
    other_application = move_to(other_application, "shortlisted", by=hr)
    application = move_to(application, "interview", by=hr)
    held = interview(application, by=hr, location="Room 4, Test House")
    member = held.panel.first()
    criterion = vacancy.criteria.first()
    recruitment_services.score_record(
        interview=held,
        panel_member=member,
        criterion=criterion,
        score=3,
        by=hr,
        comment=f"{SUBJECT_NAME} gave clear examples.",
    )
    recruitment_services.interview_record_outcome(
        interview=held, outcome="not_appointable", by=hr, notes="Not yet ready; encourage to reapply."
    )
    recruitment_services.adjustment_decide(
        adjustment=application.adjustments.get(), provided=True, by=hr, note="Sent by email."
    )
    rejected = application.vacancy.stages.get(code="rejected")
    application = recruitment_services.application_advance(
        application=application, to_stage=rejected, by=hr, reason="Others met the criteria better."
    )

    # The subject also sat on another vacancy's panel as a register member (paid involvement).
    panel_rate()
    other_vacancy_application = move_to(ApplicationFactory(applicant_name="Lee Panelcandidate"), "interview")
    interview(
        other_vacancy_application,
        by=hr,
        panel=[
            {"user": other_vacancy_application.vacancy.hiring_manager},
            {"participant": participant, "lived_experience": True},
        ],
    )

    # An employment that has ended, with every kind of record.
    worker = pf.PeerWorkerFactory(
        user=user,
        status=pm.PeerWorker.Status.LEFT,
        start_date=timezone.localdate() - dt.timedelta(days=700),
        leaving_date=timezone.localdate() - dt.timedelta(days=20),
        leaving_reason=pm.LeavingReason.RESIGNATION_NEW_JOB,
        exit_interview_notes=f"{SUBJECT_NAME} enjoyed the team; would return.",
    )
    other_worker = pf.PeerWorkerFactory(team=worker.team, user=UserFactory(email=OTHER_WORKER_EMAIL))
    pf.TrainingRecordFactory(worker=worker, evidence_reference="CERT-RQ-1")
    pf.SupervisionSessionFactory(worker=worker, notes=f"{SUBJECT_NAME} talked through a hard week.")
    pf.SupervisionSessionFactory(worker=other_worker, notes="Another person's supervision.")
    pf.CompetenceEvidenceFactory(worker=worker, description=f"{SUBJECT_NAME} led a recovery group.")
    pf.ProgressionReviewFactory(worker=worker, notes="Ready soon.")
    pf.LevelChangeFactory(worker=worker)
    plan = pf.WellnessActionPlanFactory(worker=worker, triggers=f"Things {SUBJECT_NAME} finds hard.")
    plan.keeps_me_well = "Walking, and a quiet lunch."
    plan.save()  # a second version in the history
    pf.ReasonableAdjustmentFactory(worker=worker, description="Later start on Mondays.")
    pf.WellnessActionPlanFactory(worker=other_worker, triggers="Another person's triggers.")

    # Reads logged, a reminder to them and one naming them, and a back-office action on their entry.
    access_log_record(
        user=lead, records=[participant], action="read", path="/api/v1/involvement/participants/"
    )
    access_log_record(user=hr, records=[plan], action="read", path="/api/v1/peers/wellness-plans/")
    Reminder.objects.create(
        rule="involvement.activity_tomorrow",
        subject_type="activity",
        subject_id=str(place.activity_id),
        recipient_email=SUBJECT_EMAIL,
        recipient_user=user,
        occasion="1d",
        due_at=timezone.now() - dt.timedelta(days=8),
        state=Reminder.State.SENT,
        sent_at=timezone.now() - dt.timedelta(days=8),
        subject_line="Tomorrow: your involvement activity",
        body=f"Dear {SUBJECT_NAME}, see you tomorrow.",
    )
    Reminder.objects.create(
        rule="involvement.claim_waiting",
        subject_type="payment_claim",
        subject_id=str(claim.pk),
        recipient_email=lead.email,
        recipient_user=lead,
        occasion="waiting",
        due_at=timezone.now() + dt.timedelta(days=1),
        subject_line=f"Claim from {SUBJECT_NAME} waiting",
        body=f"{SUBJECT_NAME}'s claim has waited five working days.",
    )
    LogEntry.objects.create(
        user=lead,
        content_type=ContentType.objects.get_for_model(inv.Participant),
        object_id=str(participant.pk),
        object_repr=str(participant),
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["Phone"]}}]',
    )
    application.refresh_from_db()
    return World(
        user=user,
        participant=participant,
        worker=worker,
        application=application,
        other_participant=other,
        other_worker=other_worker,
        other_application=other_application,
        lead=lead,
        hr=hr,
    )
