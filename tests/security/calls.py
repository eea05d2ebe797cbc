"""How each cell of the authorization matrix is called: which record it acts on, and with what body.

`TARGETS` names the world's record a detail action is made against (by default the resource's
"other" record, which no role user is specially related to). `PAYLOADS` gives a body that is
valid for the roles allowed to act, so an allowed cell shows success and a refused one shows the
refusal, not a validation error. `LIST_PROBES` names, for each list, the rows whose presence
tells who sees what: "other" (nobody's in particular), "published", and each role's own rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from django.utils import timezone

from accounts.roles import Role

Payload = Callable[[SimpleNamespace, str], dict[str, Any]]

LEAD, HR, LM, SUP, PEER, FIN, BOARD, PART, ADMIN = (
    Role.INVOLVEMENT_LEAD,
    Role.HR,
    Role.LINE_MANAGER,
    Role.SUPERVISOR,
    Role.PEER_WORKER,
    Role.FINANCE,
    Role.BOARD_MEMBER,
    Role.PARTICIPANT,
    Role.ADMIN,
)


def _today() -> dt.date:
    return timezone.localdate()


def _days(n: int) -> str:
    return (_today() + dt.timedelta(days=n)).isoformat()


def _at(days: int, hours: int = 0) -> str:
    moment = timezone.now().replace(microsecond=0) + dt.timedelta(days=days, hours=hours)
    return moment.isoformat()


# --- the record each detail action acts on --------------------------------------------------

# Per resource: the "other" record (world attribute names).
DEFAULT_TARGETS: dict[str, str] = {
    "team": "team_spare",
    "user": "other_user",
    "theme": "theme",
    "activity-kind": "kind",
    "partner": "partner",
    "partner-contact": "partner_contact",
    "participant": "participant_other",
    "activity": "activity_other",
    "participation": "participation_other",
    "consultation": "consultation_other",
    "consultation-invitation": "invitation_other",
    "consultation-response": "response_other",
    "feedback-item": "feedback_other",
    "rate-card": "rate_spare",
    "payment-claim": "claim_other",
    "peer-worker": "worker_other",
    "pathway-level": "level_spare",
    "competence-domain": "domain_spare",
    "competence": "competence_spare",
    "training-course": "course_spare",
    "supervision-policy": "policy_spare",
    "competence-evidence": "evidence_other",
    "progression-review": "review_other",
    "level-change": "level_change_other",
    "wellness-plan": "plan_other",
    "reasonable-adjustment": "adjustment_other",
    "training-record": "training_other",
    "supervision-session": "session_other",
    "onboarding-template-item": "onboarding_step_spare",
    "onboarding-item": "onboarding_other",
    "pipeline-template": "template",
    "vacancy": "vacancy_other",
    "criterion": "criterion_other",
    "application": "application_other",
    "stage-move": "stage_move_other",
    "adjustment-request": "adjustment_request_other",
    "interview": "interview_other",
    "score": "score_other",
    "offer": "offer_other",
    "pre-employment-check": "check_other",
    "commitment": "commitment",
    "indicator": "indicator",
    "snapshot": "snapshot",
    "reminder": "reminder_other",
    # plain paths with a pk
    "activity-calendar": "activity_other",
    "application-hire": "application_hire",
    "privacy-participant-export": "participant_other",
    "privacy-participant-erase": "participant_other",
    "privacy-peer-worker-export": "worker_other",
    "privacy-peer-worker-erase": "worker_other",
}

# Where one action needs a record in another state to be able to succeed at all (a draft to
# open, an activity already under way to mark held, an unused row to delete), it says which.
TARGETS: dict[str, str] = {
    "activity.destroy": "activity_empty",
    "activity.held": "activity_past",
    "activity.close": "activity_held",
    "participation.attendance": "participation_past",
    "consultation.destroy": "consultation_draft",
    "consultation.open": "consultation_draft",
    "consultation.publish_outcome": "consultation_closed",
    "consultation-invitation.destroy": "invitation_unanswered",
    "feedback-item.unpublish": "feedback_published",
    "payment-claim.mark_paid": "claim_approved",
    "vacancy.destroy": "vacancy_draft",
    "vacancy.open": "vacancy_draft",
    "criterion.destroy": "criterion_spare",
    "onboarding-item.undone": "onboarding_done_other",
}


def target_name(key: str) -> str:
    return TARGETS.get(key) or DEFAULT_TARGETS[key.split(".", 1)[0]]


# --- bodies ---------------------------------------------------------------------------------


def _team(w, role):
    return {
        "name": "Test matrix team",
        "code": "test-matrix-team",
        "kind": "team",
        "parent": w.directorate.pk,
    }


def _activity(w, role):
    return {
        "title": "Test matrix workshop",
        "kind": w.kind_used.pk,
        "rung": "co_design",
        "team": w.team_other.pk,
        "starts_at": _at(10),
        "ends_at": _at(10, 3),
        "venue": "Test Community Hall",
        "capacity": 12,
    }


def _consultation(w, role):
    return {
        "title": "Test matrix consultation",
        "summary": "What should change?",
        "audience": "everyone",
        "opens_at": _at(1),
        "closes_at": _at(29),
    }


def _participant(w, role):
    return {"name": "Test Newcomer", "experience": "carer", "email": "newcomer@test.example"}


def _feedback(w, role):
    return {
        "activity": w.activity_other.pk,
        "you_said": "Test: the leaflet uses jargon.",
        "action": "Rewrite it with the reading group.",
        "action_owner": w.other_staff.pk,
        "action_due": _days(45),
    }


def _worker(w, role):
    return {
        "user": w.new_starter.pk,
        "employee_number": "T-MATRIX-1",
        "level": w.level.pk,
        "team": w.team_other.pk,
        "line_manager": w.other_manager.pk,
        "supervisors": [w.other_supervisor.pk],
        "start_date": _days(-3),
        "contracted_hours": "30.00",
        "status": "probation",
    }


def _vacancy(w, role):
    return {
        "title": "Test matrix vacancy",
        "level": w.level.pk,
        "team": w.team_other.pk,
        "hiring_manager": w.other_manager.pk,
        "posts": 1,
        "lived_experience_criteria": "Lived experience of mental health challenges.",
        "advert_text": "Join us.",
        "opens_at": _at(1),
        "closes_at": _at(29),
    }


def _template(w, role):
    return {
        "name": "Test matrix template two",
        "stages": [
            {"code": "applied", "name": "Applied"},
            {"code": "hired", "name": "Hired", "kind": "hired"},
            {"code": "rejected", "name": "Rejected", "kind": "rejected"},
            {"code": "withdrawn", "name": "Withdrawn", "kind": "withdrawn"},
        ],
    }


def _application(w, role):
    return {
        "vacancy": w.vacancy_other.pk,
        "applicant_name": "Test Applicant Matrix",
        "email": "applicant-matrix@test.example",
        "source": "open_advert",
        "supporting_statement": "Test statement.",
    }


def _interview(w, role):
    return {
        "application": w.application_other.pk,
        "starts_at": _at(5),
        "ends_at": _at(5, 1),
        "location": "Test Room 4",
        "panel": [{"user": w.other_manager.pk, "lived_experience": True}],
    }


def _session(w, role):
    return {
        "worker": w.worker_other.pk,
        "supervisor": w.other_supervisor.pk,
        "kind": "peer",
        "held_on": _days(-1),
        "duration_minutes": 60,
    }


def _indicator(w, role):
    return {"name": "Test renamed indicator"}


PAYLOADS: dict[str, Payload] = {
    # accounts
    "team.create": _team,
    "team.update": lambda w, r: {**_team(w, r), "name": "Test renamed team"},
    "team.partial_update": lambda w, r: {"name": "Test renamed team"},
    "user.create": lambda w, r: {
        "email": "matrix-new@test.example",
        "first_name": "Test",
        "last_name": "Newperson",
        "roles": ["peer_worker"],
    },
    "user.update": lambda w, r: {"first_name": "Test", "last_name": "Renamed", "roles": ["peer_worker"]},
    "user.partial_update": lambda w, r: {"preferred_name": "Sunny"},
    "auth-login.post": lambda w, r: (
        {"email": w.users[r].email, "password": w.password}
        if r in w.users
        else {"email": "nobody@test.example", "password": "not-the-password"}
    ),
    "reminder-preference.put": lambda w, r: {"mode": "digest"},
    "reminder.snooze": lambda w, r: {"until": _at(3)},
    # involvement: reference lists and partners
    "theme.create": lambda w, r: {"code": "test-matrix-theme", "name": "Test matrix theme", "group": "topic"},
    "theme.update": lambda w, r: {"code": w.theme.code, "name": "Test renamed theme", "group": "topic"},
    "theme.partial_update": lambda w, r: {"name": "Test renamed theme"},
    "activity-kind.create": lambda w, r: {"code": "test-matrix-kind", "name": "Test matrix kind"},
    "activity-kind.update": lambda w, r: {"code": w.kind.code, "name": "Test renamed kind"},
    "activity-kind.partial_update": lambda w, r: {"name": "Test renamed kind"},
    "partner.create": lambda w, r: {"name": "Test Matrix Partner", "kind": "faith"},
    "partner.update": lambda w, r: {"name": "Test Renamed Partner", "kind": "voluntary"},
    "partner.partial_update": lambda w, r: {"description": "Test: runs a drop-in."},
    "partner-contact.create": lambda w, r: {"organisation": w.partner.pk, "name": "Test Contact Matrix"},
    "partner-contact.update": lambda w, r: {"organisation": w.partner.pk, "name": "Test Renamed Contact"},
    "partner-contact.partial_update": lambda w, r: {"job_title": "Test coordinator"},
    "rate-card.create": lambda w, r: {
        "activity_kind": w.kind.pk,
        "role": "participant",
        "unit": "hour",
        "amount": "21.00",
    },
    "rate-card.update": lambda w, r: {
        "activity_kind": w.kind_used.pk,
        "role": "co_facilitator",
        "unit": "session",
        "amount": "30.00",
    },
    "rate-card.partial_update": lambda w, r: {"amount": "22.50"},
    # involvement: the register, activities, consultations, feedback, claims
    "participant.create": _participant,
    "participant.update": _participant,
    "participant.partial_update": lambda w, r: {"pronouns": "he/him"},
    "participant.give_consent": lambda w, r: {"purposes": "Test: invitations to workshops"},
    "activity.create": _activity,
    "activity.update": _activity,
    "activity.partial_update": lambda w, r: {"title": "Test renamed workshop"},
    "activity.series": lambda w, r: {**_activity(w, r), "frequency": "weekly", "occurrences": 2},
    "activity.invite": lambda w, r: {"participant": w.participant_spare.pk},
    "activity.cancel": lambda w, r: {"reason": "Test: the venue flooded."},
    "activity.close": lambda w, r: {
        "summary": "Test summary.",
        "attendee_count": 1,
        "changes_agreed": "None.",
    },
    "participation.create": lambda w, r: {
        "activity": w.activity_other.pk,
        "participant": w.participant_spare.pk,
        "role": "co_facilitator",
    },
    "participation.update": lambda w, r: {"role": "co_facilitator"},
    "participation.partial_update": lambda w, r: {"role": "co_facilitator"},
    "participation.attendance": lambda w, r: {"attendance": "attended"},
    "consultation.create": _consultation,
    "consultation.update": _consultation,
    "consultation.partial_update": lambda w, r: {"title": "Test renamed consultation"},
    "consultation.publish_outcome": lambda w, r: {"outcome_summary": "Test: we heard you."},
    "consultation.invite": lambda w, r: {"participant": w.participant_spare.pk},
    "consultation-invitation.create": lambda w, r: {
        "consultation": w.consultation_other.pk,
        "participant": w.participant_spare.pk,
    },
    "consultation-invitation.update": lambda w, r: {"participant": w.participant_spare.pk},
    "consultation-invitation.partial_update": lambda w, r: {"participant": w.participant_spare.pk},
    "consultation-response.create": lambda w, r: {
        "consultation": w.consultation_other.pk,
        "participant": w.participant_invited.pk,
        "body": "Test: evening sessions please.",
    },
    # What a participant wrote is theirs: PUT sends it back unchanged and tags it.
    "consultation-response.update": lambda w, r: {"body": w.response_other.body, "themes": [w.theme_used.pk]},
    "consultation-response.partial_update": lambda w, r: {"themes": [w.theme_used.pk]},
    "feedback-item.create": _feedback,
    "feedback-item.update": _feedback,
    "feedback-item.partial_update": lambda w, r: {"you_said": "Test: the leaflet is hard to read."},
    "feedback-item.update_action": lambda w, r: {"action_status": "done", "we_did": "Test: rewritten."},
    "payment-claim.create": lambda w, r: {
        "participation": w.attended_unclaimed.pk,
        "expenses": [{"kind": "travel", "amount": "3.20", "receipt_reference": "BUS-1"}],
    },
    "payment-claim.update": lambda w, r: {
        "expenses": [{"kind": "travel", "amount": "7.40", "receipt_reference": "BUS-7"}]
    },
    "payment-claim.partial_update": lambda w, r: {
        "expenses": [{"kind": "travel", "amount": "7.40", "receipt_reference": "BUS-7"}]
    },
    "payment-claim.reject": lambda w, r: {"reason": "Test: no receipt."},
    "payment-claim.mark_paid": lambda w, r: {"paid_on": _days(0), "payment_reference": "Test: BACS-1"},
    # peers
    "peer-worker.create": _worker,
    "peer-worker.update": lambda w, r: {
        "employee_number": w.worker_other.employee_number,
        "team": w.team_other.pk,
        "line_manager": w.other_manager.pk,
        "supervisors": [w.other_supervisor.pk],
        "start_date": w.worker_other.start_date.isoformat(),
        "contracted_hours": "22.50",
        "status": "long_term_leave",
    },
    "peer-worker.partial_update": lambda w, r: {"contracted_hours": "22.50"},
    "peer-worker.leave": lambda w, r: {"leaving_date": _days(0), "reason": "new_job"},
    "peer-worker.promote": lambda w, r: {"to_level": w.level_next.pk, "effective_date": _days(0)},
    "pathway-level.create": lambda w, r: {
        "code": "test-matrix-level",
        "name": "Test level",
        "order": 77,
        "band": "4",
    },
    "pathway-level.update": lambda w, r: {
        "code": w.level_spare.code,
        "name": "Test renamed level",
        "order": w.level_spare.order,
        "band": "5",
    },
    "pathway-level.partial_update": lambda w, r: {"name": "Test renamed level"},
    "competence-domain.create": lambda w, r: {
        "code": "test-matrix-domain",
        "name": "Test domain",
        "order": 12,
    },
    "competence-domain.update": lambda w, r: {
        "code": w.domain_spare.code,
        "name": "Test renamed",
        "order": 3,
    },
    "competence-domain.partial_update": lambda w, r: {"name": "Test renamed domain"},
    "competence.create": lambda w, r: {
        "domain": w.domain.pk,
        "code": "test-matrix-comp",
        "name": "Test comp",
    },
    "competence.update": lambda w, r: {
        "domain": w.domain.pk,
        "code": w.competence_spare.code,
        "name": "Test renamed competence",
    },
    "competence.partial_update": lambda w, r: {"name": "Test renamed competence"},
    "training-course.create": lambda w, r: {
        "code": "test-matrix-course",
        "name": "Test course",
        "category": "statutory",
        "validity_months": 24,
    },
    "training-course.update": lambda w, r: {
        "code": w.course_spare.code,
        "name": "Test renamed course",
        "category": "statutory",
    },
    "training-course.partial_update": lambda w, r: {"validity_months": 36},
    "supervision-policy.create": lambda w, r: {
        "level": w.level_spare.pk,
        "kind": "peer",
        "frequency_days": 28,
    },
    "supervision-policy.update": lambda w, r: {
        "level": w.level_next.pk,
        "kind": "clinical",
        "frequency_days": 42,
    },
    "supervision-policy.partial_update": lambda w, r: {"frequency_days": 42},
    "competence-evidence.create": lambda w, r: {
        "worker": w.worker_other.pk,
        "competence": w.competence.pk,
        "description": "Test: co-facilitated a recovery group.",
    },
    "competence-evidence.update": lambda w, r: {"description": "Test: reworded."},
    "competence-evidence.partial_update": lambda w, r: {"description": "Test: reworded."},
    "progression-review.create": lambda w, r: {
        "worker": w.worker_other.pk,
        "reviewed_on": _days(-2),
        "outcome": "development_plan",
    },
    "progression-review.update": lambda w, r: {"reviewed_on": _days(-2), "outcome": "ready"},
    "progression-review.partial_update": lambda w, r: {"outcome": "ready"},
    "wellness-plan.create": lambda w, r: {"worker": w.worker_other.pk, "keeps_me_well": "Test: cycling."},
    "wellness-plan.update": lambda w, r: {"keeps_me_well": "Test: walking."},
    "wellness-plan.partial_update": lambda w, r: {"keeps_me_well": "Test: walking."},
    "reasonable-adjustment.create": lambda w, r: {
        "worker": w.worker_other.pk,
        "description": "Test: a later start on Mondays.",
        "status": "requested",
    },
    "reasonable-adjustment.update": lambda w, r: {
        "description": w.adjustment_other.description,
        "status": "agreed",
        "agreed_on": _days(-3),
        "review_on": _days(30),
    },
    "reasonable-adjustment.partial_update": lambda w, r: {"review_on": _days(30)},
    "training-record.create": lambda w, r: {
        "worker": w.worker_other.pk,
        "course": w.course_spare.pk,
        "completed_on": _days(-10),
    },
    "training-record.update": lambda w, r: {"completed_on": _days(-20), "evidence_reference": "Test-CERT"},
    "training-record.partial_update": lambda w, r: {"evidence_reference": "Test-CERT"},
    "supervision-session.create": _session,
    "supervision-session.update": lambda w, r: {
        "duration_minutes": 45,
        "held_on": _days(-7),
        "kind": "line_management",
    },
    "supervision-session.partial_update": lambda w, r: {"duration_minutes": 45},
    "onboarding-template-item.create": lambda w, r: {
        "title": "Test matrix new step",
        "owner_role": "hr",
        "due_days": 1,
    },
    "onboarding-template-item.update": lambda w, r: {
        "title": "Test renamed step",
        "owner_role": "worker",
        "due_days": 3,
    },
    "onboarding-template-item.partial_update": lambda w, r: {"due_days": 2},
    "onboarding-template-item.move": lambda w, r: {"direction": "up"},
    "onboarding-item.create": lambda w, r: {
        "worker": w.worker_other.pk,
        "title": "Test matrix one-off step",
        "owner_role": "line_manager",
        "due_on": _days(5),
    },
    "onboarding-item.update": lambda w, r: {"title": "Test renamed step", "due_on": _days(9)},
    "onboarding-item.partial_update": lambda w, r: {"due_on": _days(9)},
    "onboarding-item.done": lambda w, r: {"notes": "Test: done."},
    "onboarding-checklists.post": lambda w, r: {"worker": w.worker_teammate.pk},
    # recruitment
    "pipeline-template.create": _template,
    "pipeline-template.update": lambda w, r: {**_template(w, r), "name": "Test renamed template"},
    "pipeline-template.partial_update": lambda w, r: {"name": "Test renamed template"},
    "vacancy.create": _vacancy,
    "vacancy.update": lambda w, r: {**_vacancy(w, r), "title": "Test renamed vacancy", "posts": 5},
    "vacancy.partial_update": lambda w, r: {"title": "Test renamed vacancy"},
    "criterion.create": lambda w, r: {
        "vacancy": w.vacancy_other.pk,
        "name": "Test listening",
        "max_score": 5,
    },
    # Scored already, so its maximum stays as it is.
    "criterion.update": lambda w, r: {
        "name": "Test renamed criterion",
        "max_score": w.criterion_other.max_score,
    },
    "criterion.partial_update": lambda w, r: {"name": "Test renamed criterion"},
    "application.create": _application,
    "application.update": lambda w, r: {
        "applicant_name": "Test Renamed Applicant",
        "email": "renamed@test.example",
        "source": "open_advert",
        "supporting_statement": "Test statement.",
    },
    "application.partial_update": lambda w, r: {"applicant_name": "Test Renamed Applicant"},
    "application.advance": lambda w, r: {"to_stage": "withdrawn", "reason": "Test: moved away."},
    "application-hire.post": lambda w, r: {"employee_number": "T-MATRIX-HIRE"},
    "adjustment-request.create": lambda w, r: {
        "application": w.application_other.pk,
        "description": "Test: an online interview.",
    },
    "adjustment-request.update": lambda w, r: {"description": "Test: a quiet room."},
    "adjustment-request.partial_update": lambda w, r: {"description": "Test: a quiet room."},
    "adjustment-request.decide": lambda w, r: {"provided": True},
    "interview.create": _interview,
    "interview.update": lambda w, r: {
        "starts_at": w.interview_other.starts_at.isoformat(),
        "ends_at": w.interview_other.ends_at.isoformat(),
        "location": "Test Room 9",
    },
    "interview.partial_update": lambda w, r: {"location": "Test Room 9"},
    "interview.outcome": lambda w, r: {"outcome": "appointable"},
    "score.create": lambda w, r: {
        "interview": w.interview_other.pk,
        "panel_member": w.seat_register.pk,
        "criterion": w.criterion_other.pk,
        "score": 4,
    },
    "score.update": lambda w, r: {"score": 5, "comment": "Test: clear examples."},
    "score.partial_update": lambda w, r: {"score": 5},
    "offer.create": lambda w, r: {
        "application": w.application_to_offer.pk,
        "start_date": _days(28),
        "salary_point": "Band 3, step 1",
    },
    "pre-employment-check.update": lambda w, r: {"status": "in_progress", "required": True, "notes": "Test."},
    "pre-employment-check.partial_update": lambda w, r: {"notes": "Test: chased the referee."},
    # charter
    "indicator.partial_update": _indicator,
    # data rights
    "privacy-participant-erase.post": lambda w, r: {"reason": "Test request SAR-0001"},
    "privacy-peer-worker-erase.post": lambda w, r: {"reason": "Test request SAR-0002"},
}


def payload(key: str, world: SimpleNamespace, role: str) -> dict[str, Any] | None:
    build = PAYLOADS.get(key)
    return None if build is None else build(world, role)


# --- who sees which rows --------------------------------------------------------------------


def _worker_record(x: str) -> dict:
    return {"other": [f"{x}_other"], **{role: [f"{x}_own"] for role in (LM, SUP, PEER)}}


# For each list: label -> world attribute names of the rows that tell who sees what.
LIST_PROBES: dict[str, dict[str, list[str]]] = {
    "team.list": {"other": ["team_spare"]},
    "user.list": {"other": ["other_user"]},  # and each role's own account (added below)
    "theme.list": {"other": ["theme"]},
    "activity-kind.list": {"other": ["kind"]},
    "partner.list": {"other": ["partner"]},
    "partner-contact.list": {"other": ["partner_contact"]},
    "participant.list": {"other": ["participant_other"], PART: ["participant_own"]},
    "activity.list": {"other": ["activity_other"], PART: ["activity_own"]},
    "participation.list": {"other": ["participation_other"], PART: ["participation_own"]},
    "consultation.list": {"other": ["consultation_other"], PART: ["consultation_own"]},
    "consultation-invitation.list": {"other": ["invitation_other"], PART: ["invitation_own"]},
    "consultation-response.list": {"other": ["response_other"], PART: ["response_own"]},
    "feedback-item.list": {"other": ["feedback_other"], "published": ["feedback_published"]},
    "published-change-list.get": {"other": ["feedback_other"], "published": ["feedback_published"]},
    "rate-card.list": {"other": ["rate_spare"]},
    "payment-claim.list": {"other": ["claim_other"], PART: ["claim_own"]},
    "peer-worker.list": _worker_record("worker"),
    "pathway-level.list": {"other": ["level_spare"]},
    "competence-domain.list": {"other": ["domain_spare"]},
    "competence.list": {"other": ["competence_spare"]},
    "training-course.list": {"other": ["course_spare"]},
    "supervision-policy.list": {"other": ["policy_spare"]},
    "competence-evidence.list": _worker_record("evidence"),
    "progression-review.list": _worker_record("review"),
    "level-change.list": _worker_record("level_change"),
    "training-record.list": _worker_record("training"),
    "supervision-session.list": _worker_record("session"),
    "onboarding-template-item.list": {"other": ["onboarding_step_spare"]},
    "onboarding-item.list": _worker_record("onboarding"),
    "onboarding-checklists.get": _worker_record("worker"),
    # The teammate's records belong to nobody here: the line manager shares their team only.
    "wellness-plan.list": {"other": ["plan_other", "plan_teammate"], LM: ["plan_own"], PEER: ["plan_own"]},
    "reasonable-adjustment.list": {
        "other": ["adjustment_other", "adjustment_teammate"],
        LM: ["adjustment_own"],
        PEER: ["adjustment_own"],
    },
    "supervision-due.get": _worker_record("worker"),
    "supervision-overdue.get": _worker_record("worker"),
    "training-expiring.get": _worker_record("training"),
    "training-expired.get": _worker_record("training_expired"),
    "training-compliance.get": _worker_record("worker"),
    "training-compliance-teams.get": {
        "other": ["team_other"],
        LM: ["team_own"],
        SUP: ["team_own"],
        PEER: ["team_own"],
    },
    "pipeline-template.list": {"other": ["template"]},
    "vacancy.list": {"other": ["vacancy_other"], LM: ["vacancy_own"]},
    "criterion.list": {"other": ["criterion_other"], LM: ["criterion_own"]},
    "application.list": {
        "other": ["application_other"],
        LM: ["application_own"],
        SUP: ["application_own"],
        PART: ["application_own"],
    },
    "stage-move.list": {"other": ["stage_move_other"], LM: ["stage_move_own"]},
    "adjustment-request.list": {"other": ["adjustment_request_other"], LM: ["adjustment_request_own"]},
    "interview.list": {
        "other": ["interview_other"],
        LM: ["interview_own"],
        SUP: ["interview_own"],
        PART: ["interview_own"],
    },
    "score.list": {
        "other": ["score_other"],
        LM: ["score_supervisor", "score_participant"],
        SUP: ["score_supervisor"],
        PART: ["score_participant"],
    },
    "offer.list": {"other": ["offer_other"], LM: ["offer_own"]},
    "pre-employment-check.list": {"other": ["check_other"], LM: ["check_own"]},
    "commitment.list": {"other": ["commitment"]},
    "indicator.list": {"other": ["indicator"]},
    "snapshot.list": {"other": ["snapshot"]},
    "reminder.list": {"other": ["reminder_other"]},  # and each role's own reminder (added below)
}

# Rows that are not resources of their own carry the record's id elsewhere.
ROW_ID: dict[str, tuple[str, ...]] = {
    "supervision-due.get": ("worker", "id"),
    "supervision-overdue.get": ("worker", "id"),
    "training-compliance.get": ("worker", "id"),
    "onboarding-checklists.get": ("worker", "id"),
    "training-compliance-teams.get": ("team", "id"),
}


def probes(key: str, world: SimpleNamespace) -> dict[str, set[int]]:
    """The probe rows of one list as ids, by label."""
    spec = dict(LIST_PROBES[key])
    found: dict[str, set[int]] = {
        label: {getattr(world, name).pk for name in names} for label, names in spec.items()
    }
    if key == "user.list":
        found.update({role: {user.pk} for role, user in world.users.items()})
        # Accounts held only to take part in involvement: not HR's to list.
        found["register"] = {world.users[PART].pk}
    if key == "reminder.list":
        found.update({role: {reminder.pk} for role, reminder in world.reminders_own.items()})
    return found


def row_id(key: str, row: dict) -> int:
    value: Any = row
    for part in ROW_ID.get(key, ("id",)):
        value = value[part]
    return value
