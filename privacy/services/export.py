"""Subject access export: one ZIP of everything held about a person, as JSON and as CSV, with a README.

The ZIP is built in memory (a person's records are small) and holds:
- `README.txt`: what each file is, how many rows it has, and what is deliberately left out;
- `data.json`: every kind of record, keyed by kind;
- `csv/<kind>.csv`: the same rows, one file per kind the person has records of (the README lists
  the kinds with none, so "nothing held" is said rather than left to guess).

Only the person's own records go in. Staff appear by name where they acted in their work role
(a supervisor, a reviewer, a reader in the access log); other participants, applicants and workers
never appear: a panel seat names the vacancy, not the candidate, and scores given to a candidate
name the criterion, not who gave them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from accounts.models import AccessLog, User
from accounts.services import access_log_record
from accounts.spreadsheet import spreadsheet_cell
from involvement import models as inv
from peers import models as pm
from privacy.selectors import Person, owned_ids, reminders_to, sign_ins
from recruitment import models as rm

Row = dict[str, Any]


@dataclass(frozen=True)
class Kind:
    """One kind of record in the export: its file name, what it is, and how to find the rows."""

    name: str
    description: str
    rows: Callable[[Person], Iterable[Row]]


def _plain(value: Any) -> Any:
    """A value JSON and CSV can carry: dates as ISO 8601, money as a string of pounds and pence."""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def _name(user: User | None) -> str:
    return user.display_name if user else ""


def _choice(obj: models.Model, field: str) -> str:
    return getattr(obj, f"get_{field}_display")()


# --- the register ------------------------------------------------------------------------------


def _accounts(person: Person) -> Iterable[Row]:
    for user in User.objects.filter(pk__in=person.user_ids).prefetch_related("groups", "teams"):
        yield {
            "id": user.pk,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "preferred_name": user.preferred_name,
            "roles": ", ".join(sorted(group.name for group in user.groups.all())),
            "teams": ", ".join(sorted(team.name for team in user.teams.all())),
            "is_active": user.is_active,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        }


def _register(person: Person) -> Iterable[Row]:
    entries = (
        inv.Participant.objects.filter(pk__in=person.participant_ids)
        .select_related("referred_by")
        .prefetch_related("topics", "teams_of_interest")
    )
    for p in entries:
        yield {
            "id": p.pk,
            "name": p.name,
            "pronouns": p.pronouns,
            "email": p.email,
            "phone": p.phone,
            "postal_address": p.postal_address,
            "preferred_contact": _choice(p, "preferred_contact"),
            "experience": _choice(p, "experience"),
            "topics": ", ".join(sorted(theme.name for theme in p.topics.all())),
            "teams_of_interest": ", ".join(sorted(team.name for team in p.teams_of_interest.all())),
            "accessibility_needs": p.accessibility_needs,
            "consent_given_at": p.consent_given_at,
            "consent_purposes": p.consent_purposes,
            "consent_withdrawn_at": p.consent_withdrawn_at,
            "sharing_level": _choice(p, "sharing_level"),
            "payment_preference": _choice(p, "payment_preference"),
            "payroll_reference": p.payroll_reference,
            "status": _choice(p, "status"),
            "referred_by": p.referred_by,
            "joined_on": p.joined_on,
            "created_at": p.created_at,
            "updated_at": p.updated_at,
        }


def _participations(person: Person) -> Iterable[Row]:
    rows = inv.Participation.objects.filter(participant__in=person.participant_ids).select_related(
        "activity__team", "activity__kind"
    )
    for r in rows.order_by("activity__starts_at", "id"):
        yield {
            "id": r.pk,
            "activity": r.activity.title,
            "activity_kind": r.activity.kind,
            "team": r.activity.team,
            "starts_at": r.activity.starts_at,
            "role": _choice(r, "role"),
            "status": _choice(r, "status"),
            "invited_at": r.invited_at,
            "responded_at": r.responded_at,
            "waitlisted_at": r.waitlisted_at,
            "attendance": _choice(r, "attendance"),
            "hours": r.hours,
        }


def _invitations(person: Person) -> Iterable[Row]:
    rows = inv.ConsultationInvitation.objects.filter(participant__in=person.participant_ids)
    for r in rows.select_related("consultation").order_by("invited_at", "id"):
        yield {"id": r.pk, "consultation": r.consultation.title, "invited_at": r.invited_at}


def _responses(person: Person) -> Iterable[Row]:
    rows = inv.ConsultationResponse.objects.filter(participant__in=person.participant_ids)
    for r in rows.select_related("consultation").prefetch_related("themes"):
        yield {
            "id": r.pk,
            "consultation": r.consultation.title,
            "submitted_at": r.submitted_at,
            "received_via": _choice(r, "received_via"),
            "body": r.body,
            "themes": ", ".join(sorted(theme.name for theme in r.themes.all())),
        }


def _claims(person: Person) -> Iterable[Row]:
    rows = inv.PaymentClaim.objects.filter(participant__in=person.participant_ids)
    for c in rows.select_related("participation__activity").order_by("submitted_at", "id"):
        yield {
            "id": c.pk,
            "activity": c.participation.activity.title,
            "status": _choice(c, "status"),
            "hours": c.hours,
            "rate_unit": c.rate_unit,
            "rate_amount": c.rate_amount,
            "involvement_amount": c.involvement_amount,
            "expenses_amount": c.expenses_amount,
            "total_amount": c.total_amount,
            "tax_year": c.tax_year,
            "submitted_at": c.submitted_at,
            "approved_at": c.approved_at,
            "benefits_conversation_note": c.benefits_conversation_note,
            "benefits_conversation_at": c.benefits_conversation_at,
            "paid_at": c.paid_at,
            "paid_on": c.paid_on,
            "payment_reference": c.payment_reference,
            "rejected_at": c.rejected_at,
            "rejection_reason": c.rejection_reason,
        }


def _expenses(person: Person) -> Iterable[Row]:
    rows = inv.ExpenseLine.objects.filter(claim__participant__in=person.participant_ids)
    for e in rows.order_by("claim_id", "id"):
        yield {
            "id": e.pk,
            "claim_id": e.claim_id,
            "kind": _choice(e, "kind"),
            "description": e.description,
            "amount": e.amount,
            "receipt_reference": e.receipt_reference,
        }


def _panel_seats(person: Person) -> Iterable[Row]:
    # The seat says which vacancy and when; never whom the panel interviewed.
    seats = rm.PanelMember.objects.filter(participant__in=person.participant_ids).select_related(
        "interview__application__vacancy"
    )
    for s in seats.order_by("interview__starts_at", "id"):
        yield {
            "id": s.pk,
            "vacancy": s.interview.application.vacancy.title,
            "interview_starts_at": s.interview.starts_at,
            "lived_experience_member": s.lived_experience,
        }


# --- applications ---------------------------------------------------------------------------------


def _applications(person: Person) -> Iterable[Row]:
    rows = rm.Application.objects.filter(pk__in=person.application_ids).select_related(
        "vacancy__team", "stage", "referred_by"
    )
    for a in rows.order_by("applied_at", "id"):
        yield {
            "id": a.pk,
            "vacancy": a.vacancy.title,
            "team": a.vacancy.team,
            "applicant_name": a.applicant_name,
            "email": a.email,
            "phone": a.phone,
            "source": _choice(a, "source"),
            "referred_by": a.referred_by,
            "supporting_statement": a.supporting_statement,
            "stage": a.stage.name,
            "stage_entered_at": a.stage_entered_at,
            "applied_at": a.applied_at,
            "hired": a.hired_worker_id is not None,
        }


def _stage_moves(person: Person) -> Iterable[Row]:
    rows = rm.StageMove.objects.filter(application__in=person.application_ids)
    for m in rows.select_related("from_stage", "to_stage").order_by("application_id", "at", "id"):
        yield {
            "application_id": m.application_id,
            "from_stage": m.from_stage.name if m.from_stage else "",
            "to_stage": m.to_stage.name,
            "at": m.at,
            "reason": m.reason,
        }


def _recruitment_adjustments(person: Person) -> Iterable[Row]:
    for r in rm.AdjustmentRequest.objects.filter(application__in=person.application_ids):
        yield {
            "id": r.pk,
            "application_id": r.application_id,
            "description": r.description,
            "provided": r.provided,
            "note": r.note,
            "decided_at": r.decided_at,
        }


def _interviews(person: Person) -> Iterable[Row]:
    for i in rm.Interview.objects.filter(application__in=person.application_ids):
        yield {
            "id": i.pk,
            "application_id": i.application_id,
            "starts_at": i.starts_at,
            "ends_at": i.ends_at,
            "location": i.location,
            "online_link": i.online_link,
            "outcome": _choice(i, "outcome"),
            "outcome_notes": i.outcome_notes,
            "outcome_at": i.outcome_at,
        }


def _scores(person: Person) -> Iterable[Row]:
    # The panel's view of the candidate is the candidate's data; who on the panel gave it is not.
    rows = rm.Score.objects.filter(interview__application__in=person.application_ids)
    for s in rows.select_related("criterion", "interview").order_by("interview_id", "criterion__order", "id"):
        yield {
            "application_id": s.interview.application_id,
            "interview_id": s.interview_id,
            "criterion": s.criterion.name,
            "max_score": s.criterion.max_score,
            "score": s.score,
            "comment": s.comment,
        }


def _offers(person: Person) -> Iterable[Row]:
    for o in rm.Offer.objects.filter(application__in=person.application_ids):
        yield {
            "id": o.pk,
            "application_id": o.application_id,
            "start_date": o.start_date,
            "salary_point": o.salary_point,
            "annual_salary": o.annual_salary,
            "status": _choice(o, "status"),
            "made_at": o.made_at,
            "responded_at": o.responded_at,
        }


def _checks(person: Person) -> Iterable[Row]:
    for c in rm.PreEmploymentCheck.objects.filter(application__in=person.application_ids):
        yield {
            "id": c.pk,
            "application_id": c.application_id,
            "kind": _choice(c, "kind"),
            "status": _choice(c, "status"),
            "required": c.required,
            "dbs_certificate_date": c.dbs_certificate_date,
            "recheck_due": c.recheck_due,
            "notes": c.notes,
        }


def _equality(person: Person) -> Iterable[Row]:
    # The person's own answers are theirs to see; nobody else ever sees a row of them.
    for e in rm.EqualityMonitoring.objects.filter(application__in=person.application_ids):
        yield {
            "application_id": e.application_id,
            "age_band": _choice(e, "age_band"),
            "ethnic_group": _choice(e, "ethnic_group"),
            "disabled": _choice(e, "disabled"),
            "sex": _choice(e, "sex"),
            "gender_same_as_at_birth": _choice(e, "gender_same_as_at_birth"),
            "lgb_plus": _choice(e, "lgb_plus"),
            "recorded_at": e.recorded_at,
        }


# --- employment -----------------------------------------------------------------------------------


def _employments(person: Person) -> Iterable[Row]:
    rows = pm.PeerWorker.objects.filter(pk__in=person.worker_ids).select_related(
        "level", "team", "line_manager"
    )
    for w in rows.prefetch_related("supervisors").order_by("start_date", "id"):
        yield {
            "id": w.pk,
            "employee_number": w.employee_number,
            "level": w.level.name,
            "band": _choice(w, "band"),
            "team": w.team,
            "line_manager": _name(w.line_manager),
            "supervisors": ", ".join(sorted(_name(s) for s in w.supervisors.all())),
            "start_date": w.start_date,
            "contracted_hours": w.contracted_hours,
            "status": _choice(w, "status"),
            "probation_review_date": w.probation_review_date,
            "leaving_date": w.leaving_date,
            "leaving_reason": _choice(w, "leaving_reason") if w.leaving_reason else "",
            "exit_interview_notes": w.exit_interview_notes,
        }


def _level_history(person: Person) -> Iterable[Row]:
    rows = pm.LevelChange.objects.filter(worker__in=person.worker_ids).select_related(
        "from_level", "to_level"
    )
    for c in rows.order_by("worker_id", "effective_date", "id"):
        yield {
            "employment_id": c.worker_id,
            "effective_date": c.effective_date,
            "reason": _choice(c, "reason"),
            "from_level": c.from_level.name if c.from_level else "",
            "from_band": c.from_band,
            "to_level": c.to_level.name,
            "to_band": c.to_band,
        }


def _training(person: Person) -> Iterable[Row]:
    rows = pm.TrainingRecord.objects.filter(worker__in=person.worker_ids).select_related("course")
    for t in rows.order_by("worker_id", "completed_on", "id"):
        yield {
            "employment_id": t.worker_id,
            "course": t.course.name,
            "mandatory": t.course.mandatory,
            "completed_on": t.completed_on,
            "expires_on": t.expires_on,
            "evidence_reference": t.evidence_reference,
        }


def _supervision(person: Person) -> Iterable[Row]:
    # Notes are included: they are about the worker, who may already read them in the app.
    rows = pm.SupervisionSession.objects.filter(worker__in=person.worker_ids).select_related("supervisor")
    for s in rows.order_by("worker_id", "held_on", "id"):
        yield {
            "employment_id": s.worker_id,
            "held_on": s.held_on,
            "kind": _choice(s, "kind"),
            "supervisor": _name(s.supervisor),
            "duration_minutes": s.duration_minutes,
            "status": _choice(s, "status"),
            "notes": s.notes,
        }


def _competence_evidence(person: Person) -> Iterable[Row]:
    rows = pm.CompetenceEvidence.objects.filter(worker__in=person.worker_ids).select_related(
        "competence", "signed_off_by"
    )
    for e in rows.order_by("worker_id", "recorded_at", "id"):
        yield {
            "employment_id": e.worker_id,
            "competence": e.competence.name,
            "description": e.description,
            "evidence_reference": e.evidence_reference,
            "recorded_at": e.recorded_at,
            "signed_off_by": _name(e.signed_off_by),
            "signed_off_on": e.signed_off_on,
        }


def _reviews(person: Person) -> Iterable[Row]:
    rows = pm.ProgressionReview.objects.filter(worker__in=person.worker_ids).select_related("reviewer")
    for r in rows.order_by("worker_id", "reviewed_on", "id"):
        yield {
            "employment_id": r.worker_id,
            "reviewed_on": r.reviewed_on,
            "reviewer": _name(r.reviewer),
            "outcome": _choice(r, "outcome"),
            "notes": r.notes,
            "next_review_on": r.next_review_on,
        }


def _wellness(person: Person) -> Iterable[Row]:
    for w in pm.WellnessActionPlan.objects.filter(worker__in=person.worker_ids):
        yield {
            "employment_id": w.worker_id,
            "keeps_me_well": w.keeps_me_well,
            "triggers": w.triggers,
            "early_warning_signs": w.early_warning_signs,
            "impact_on_work": w.impact_on_work,
            "agreed_support": w.agreed_support,
            "updated_at": w.updated_at,
        }


def _work_adjustments(person: Person) -> Iterable[Row]:
    for a in pm.ReasonableAdjustment.objects.filter(worker__in=person.worker_ids).order_by("worker_id", "id"):
        yield {
            "employment_id": a.worker_id,
            "description": a.description,
            "status": _choice(a, "status"),
            "agreed_on": a.agreed_on,
            "review_on": a.review_on,
            "updated_at": a.updated_at,
        }


# --- around the records -----------------------------------------------------------------------------


def sensitive_records(person: Person) -> list[models.Model]:
    """The records whose every read is logged: register entries, wellbeing, adjustments, equality."""
    return [
        *person.participants,
        *pm.WellnessActionPlan.objects.filter(worker__in=person.worker_ids),
        *pm.ReasonableAdjustment.objects.filter(worker__in=person.worker_ids),
        *rm.AdjustmentRequest.objects.filter(application__in=person.application_ids),
        *rm.EqualityMonitoring.objects.filter(application__in=person.application_ids),
    ]


def _records_by_type(person: Person) -> dict[str, list[int]]:
    by_type: dict[str, list[int]] = {}
    for record in [*person.users, *person.workers, *person.applications, *sensitive_records(person)]:
        by_type.setdefault(record._meta.label_lower, []).append(record.pk)
    return by_type


def _access_log(person: Person) -> Iterable[Row]:
    # Who has seen this person's records: the reason the access log is kept.
    wanted = Q(pk__in=[])
    for record_type, ids in _records_by_type(person).items():
        wanted |= Q(record_type=record_type, record_id__in=[str(pk) for pk in ids])
    for entry in AccessLog.objects.filter(wanted).select_related("user").order_by("at", "id"):
        yield {
            "at": entry.at,
            "by": _name(entry.user),
            "action": entry.action,
            "record_type": entry.record_type,
            "record_id": entry.record_id,
        }


def _reminders(person: Person) -> Iterable[Row]:
    for r in reminders_to(person).order_by("due_at", "id"):
        yield {
            "subject_line": r.subject_line,
            "body": r.body,
            "due_at": r.due_at,
            "state": r.state,
            "sent_at": r.sent_at,
        }


def _sign_ins(person: Person) -> Iterable[Row]:
    # Successful sign-ins only. Failed attempts are counters kept for the lockout's cool-off, and anyone
    # may type the person's address: the network address on one may be someone else's.
    for s in sign_ins(person):
        yield {
            "signed_in_at": s.attempt_time,
            "signed_out_at": s.logout_time,
            "signed_in_as": s.username,
            "network_address": s.ip_address,
            "browser": s.user_agent,
            "page": s.path_info,
        }


# Change-history fields that say how the version was made, not what the record held.
HISTORY_META = {"history_id", "history_date", "history_type", "history_user", "history_change_reason", "id"}


def _tracked(person: Person) -> list[tuple[type[models.Model], Q, set[str]]]:
    """Each kind of record with a change history, the link that makes a version the person's, and any
    field left out of it. Links are followed in the history itself, so versions of records since
    deleted (an expense line replaced, a plan rewritten) are found as well as those of live records."""
    claims = owned_ids(inv.PaymentClaim, "participant", person.participant_ids)
    interviews = owned_ids(rm.Interview, "application", person.application_ids)
    by_entry = Q(participant_id__in=person.participant_ids)
    by_worker = Q(worker_id__in=person.worker_ids)
    by_application = Q(application_id__in=person.application_ids)
    return [
        (User, Q(id__in=person.user_ids), set()),
        (inv.Participant, Q(id__in=person.participant_ids), set()),
        (inv.Participation, by_entry, set()),
        (inv.ConsultationResponse, by_entry, set()),
        (inv.PaymentClaim, by_entry, set()),
        (inv.ExpenseLine, Q(claim_id__in=claims), set()),
        (pm.PeerWorker, Q(id__in=person.worker_ids), set()),
        (pm.LevelChange, by_worker, set()),
        (pm.TrainingRecord, by_worker, set()),
        (pm.SupervisionSession, by_worker, set()),
        (pm.CompetenceEvidence, by_worker, set()),
        (pm.ProgressionReview, by_worker, set()),
        (pm.WellnessActionPlan, by_worker, set()),
        (pm.ReasonableAdjustment, by_worker, set()),
        (rm.Application, Q(id__in=person.application_ids), set()),
        (rm.AdjustmentRequest, by_application, set()),
        (rm.Interview, by_application, set()),
        # Which panel member gave a score is not theirs to know; the score and the comment are.
        (rm.Score, Q(interview_id__in=interviews), {"panel_member_id"}),
        (rm.Offer, by_application, set()),
        (rm.PreEmploymentCheck, by_application, set()),
        (rm.EqualityMonitoring, by_application, set()),
        # Seats the person held on panels: the seat, never the candidate.
        (rm.PanelMember, by_entry, set()),
    ]


def _history(person: Person) -> Iterable[Row]:
    """Every version of every record of the person's that keeps a change history, oldest first."""
    for model, mine, left_out in _tracked(person):
        versions = model.history.filter(mine).order_by("id", "history_date", "history_id")  # type: ignore[attr-defined]
        for version in versions:
            values = {
                f.attname: _plain(getattr(version, f.attname))
                for f in version._meta.concrete_fields
                if f.name not in HISTORY_META and f.attname != "history_user_id" and f.attname not in left_out
            }
            yield {
                "record_type": model._meta.label_lower,
                "record_id": version.id,
                "changed_at": version.history_date,
                "change": {"+": "created", "~": "changed", "-": "deleted"}[version.history_type],
                "values": json.dumps(values, sort_keys=True),
            }


KINDS: list[Kind] = [
    Kind("account", "Your login: email, names, roles and teams.", _accounts),
    Kind("register_entry", "Your entry on the involvement register, with consent and sharing.", _register),
    Kind("participations", "Activities you were invited to, took part in or attended.", _participations),
    Kind("consultation_invitations", "Consultations you were asked to comment on.", _invitations),
    Kind("consultation_responses", "What you said in consultations.", _responses),
    Kind("payment_claims", "Involvement payments and expenses claimed, and what happened.", _claims),
    Kind("expenses", "The expense lines of your claims.", _expenses),
    Kind("panel_seats", "Interview panels you sat on as a member of the register.", _panel_seats),
    Kind("applications", "Jobs you applied for and how far each application went.", _applications),
    Kind("application_stage_moves", "Each move of your applications between stages.", _stage_moves),
    Kind(
        "recruitment_adjustments", "Adjustments you asked for during recruitment.", _recruitment_adjustments
    ),
    Kind("interviews", "Your interviews and their outcomes.", _interviews),
    Kind("interview_scores", "The panel's scores and comments on you, per criterion.", _scores),
    Kind("offers", "Job offers made to you.", _offers),
    Kind("pre_employment_checks", "Pre-employment checks for your applications.", _checks),
    Kind(
        "equality_monitoring",
        "Your equality monitoring answers (only ever reported in aggregate).",
        _equality,
    ),
    Kind("employments", "Your employment as a peer worker.", _employments),
    Kind("level_history", "Your level and band over time.", _level_history),
    Kind("training_records", "Training you completed and when it expires.", _training),
    Kind("supervision_sessions", "Your supervision sessions, with their notes.", _supervision),
    Kind("competence_evidence", "Evidence of your competences and who signed it off.", _competence_evidence),
    Kind("progression_reviews", "Your progression reviews.", _reviews),
    Kind("wellness_action_plans", "Your wellness action plan.", _wellness),
    Kind("work_adjustments", "Reasonable adjustments at work.", _work_adjustments),
    Kind("access_log", "Who has read or exported your sensitive records, and when.", _access_log),
    Kind("reminders", "Reminders and invitations sent to you.", _reminders),
    Kind(
        "sign_ins",
        "Each time you signed in: when, from which network address, with which browser.",
        _sign_ins,
    ),
    Kind(
        "history",
        "Every version of your records kept in the change history, earlier wellness plans included.",
        _history,
    ),
]


README = """Subject access export
=====================

{trust} holds the information in this file about {subject}.
Made on {made_at}.

data.json holds everything, keyed by the names below. The csv folder holds the same rows
as spreadsheets, one file per kind of record we hold about you; a kind marked "none held"
has no file. Dates and times are in UK time (ISO 8601); money is in pounds.

{files}

What is not in this export, and why
-----------------------------------
- Other people: names of other participants, candidates and workers are left out. Staff
  appear by name only where they acted in their work role (for example your supervisor).
- Who on an interview panel gave which score: the scores and comments about you are here,
  not which panel member wrote them.
- Figures for the trust board: they are counts with small numbers suppressed, and no one
  can be picked out of them.
- Failed attempts to sign in with your address: anyone can type an address, so the network
  address and browser on a failed attempt may be someone else's. They are kept only while
  they count towards locking the account.
- Records that nothing in our systems links to you: an application made with your email
  address but not linked to your register entry or your employment is not in this file
  (an address is not proof of who made it). Ask the data protection officer to look for it.

To ask a question about this export, or to ask for your information to be corrected or
erased, contact the trust's data protection officer.
"""


@dataclass(frozen=True)
class Export:
    filename: str
    content: bytes
    counts: dict[str, int]


def _csv(rows: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: spreadsheet_cell(value) for key, value in row.items()})
    return buffer.getvalue()


def subject_access_export(*, person: Person, subject: str, by: User | None, path: str = "") -> Export:
    """Everything held about `person` as one ZIP, and an access-log entry for each sensitive record.

    `subject` names the request in the README and file name (e.g. "participant-12").
    """
    made_at = timezone.now()
    kind_of_record, _, record_id = subject.rpartition("-")
    data: dict[str, list[Row]] = {}
    for kind in KINDS:
        data[kind.name] = [{key: _plain(value) for key, value in row.items()} for row in kind.rows(person)]

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        files = []
        for kind in KINDS:
            rows = data[kind.name]
            if rows:
                archive.writestr(f"csv/{kind.name}.csv", _csv(rows))
                count = f"{len(rows)} row" if len(rows) == 1 else f"{len(rows)} rows"
                files.append(f"- csv/{kind.name}.csv ({count}): {kind.description}")
            else:
                files.append(f"- {kind.name} (none held): {kind.description}")
        payload = {"subject": subject, "made_at": _plain(made_at), "records": data}
        archive.writestr("data.json", json.dumps(payload, indent=2, ensure_ascii=False))
        readme = README.format(
            trust=settings.TRUST_NAME,
            subject=f"the person behind {kind_of_record.replace('-', ' ')} #{record_id}",
            made_at=_plain(made_at),
            files="\n".join(files),
        )
        archive.writestr("README.txt", readme)

    # The export reads every sensitive record at once: each goes in the access log as exported.
    logged = [*person.users, *person.workers, *person.applications, *sensitive_records(person)]
    access_log_record(user=by, records=logged, action="export", path=path)
    return Export(
        filename=f"subject-access-{subject}-{made_at:%Y%m%d}.zip",
        content=buffer.getvalue(),
        counts={name: len(rows) for name, rows in data.items()},
    )
