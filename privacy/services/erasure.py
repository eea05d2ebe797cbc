"""Erasure: a person's identity goes, the rows that feed the trust's figures stay.

What goes (replaced, not deleted): names, email addresses, phone numbers, postal address, free text
written by or about the person (consultation responses, notes, statements, adjustment descriptions,
expense descriptions), the wellness action plan (deleted: it feeds no figure), the employee number,
the login (deactivated, unusable password, tokens ended, email replaced by `erased-<id>@erased.invalid`),
every earlier version of those records in the change history, the text of reminders to or about them,
their name in the back office's record of admin actions, and their sign-in records.

Everything is found by the links the system made (see `privacy.selectors`), never by a name or an
address: a person may call themselves anything and type anyone's address on their register entry, and
an erasure that matched on those would wipe other people's records.

What stays, so the charter dashboard and the equality report read the same before and after:
participations and attendance, claims' amounts and dates, panel seats, applications with their stages
and moves, interviews' outcomes, offers, checks' statuses, employment dates, levels and bands, training
and supervision dates, and the equality monitoring answers (linked to an application that no longer
says whose it was, so the answers describe nobody).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog
from axes.models import AccessLog as SignIn
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from accounts.errors import NotPermitted
from accounts.models import User
from accounts.roles import Role
from accounts.services import access_log_record, auth_tokens_revoke_all
from involvement import models as inv
from involvement import services as involvement_services
from peers import models as pm
from privacy.errors import PrivacyConflict, PrivacyError
from privacy.models import Erasure
from privacy.selectors import (
    Person,
    failed_sign_ins,
    owned_ids,
    person_from_participant,
    person_from_worker,
    reminders_about,
    reminders_to,
    sign_ins,
)
from recruitment import models as rm
from recruitment.models import StageKind
from reminders.models import Reminder

ERASED_TEXT = "Erased at the person's request."
ERASED_DOMAIN = "erased.invalid"
ERASED_PARTICIPANT = "Erased participant"
ERASED_APPLICANT = "Erased applicant"


def erased_email(pk: int) -> str:
    return f"erased-{pk}@{ERASED_DOMAIN}"


@dataclass(frozen=True)
class Scrub:
    """Text columns of one kind of record, found by its owner, and what they become."""

    model: type[models.Model]
    owner: str
    values: dict[str, Any]


PARTICIPANT_RECORDS = [
    Scrub(inv.ConsultationResponse, "participant", {"body": ERASED_TEXT}),
    Scrub(inv.PaymentClaim, "participant", {"rejection_reason": "", "benefits_conversation_note": ""}),
]
CLAIM_RECORDS = [Scrub(inv.ExpenseLine, "claim", {"description": "", "receipt_reference": ""})]
WORKER_RECORDS = [
    Scrub(pm.SupervisionSession, "worker", {"notes": ""}),
    Scrub(pm.CompetenceEvidence, "worker", {"description": ERASED_TEXT, "evidence_reference": ""}),
    Scrub(pm.TrainingRecord, "worker", {"evidence_reference": ""}),
    Scrub(pm.ProgressionReview, "worker", {"notes": ""}),
    Scrub(pm.ReasonableAdjustment, "worker", {"description": ERASED_TEXT}),
]
APPLICATION_RECORDS = [
    Scrub(rm.AdjustmentRequest, "application", {"description": ERASED_TEXT, "note": ""}),
    Scrub(rm.Interview, "application", {"outcome_notes": ""}),
    Scrub(rm.PreEmploymentCheck, "application", {"notes": ""}),
    Scrub(rm.StageMove, "application", {"reason": ""}),
]
INTERVIEW_RECORDS = [Scrub(rm.Score, "interview", {"comment": ""})]


def _tracked(model: type[models.Model]) -> bool:
    return hasattr(model, "history")


def _scrub(scrubs: Iterable[Scrub], owner_ids: list[int], counts: dict[str, int]) -> None:
    """Replace the text of every row these owners have, and drop every earlier version of those rows."""
    if not owner_ids:
        return
    for scrub in scrubs:
        changed = scrub.model.objects.filter(**{f"{scrub.owner}__in": owner_ids}).update(**scrub.values)
        if _tracked(scrub.model):
            scrub.model.history.filter(**{f"{scrub.owner}_id__in": owner_ids}).delete()  # type: ignore[attr-defined]
        if changed:
            counts[scrub.model._meta.label_lower] = counts.get(scrub.model._meta.label_lower, 0) + changed


def _save_erased(obj: models.Model, *, by: User | None, reason: str) -> None:
    """Save a scrubbed record after dropping its history: one version remains, saying it was erased."""
    type(obj).history.filter(id=obj.pk).delete()  # type: ignore[attr-defined]
    obj._change_reason = reason  # type: ignore[attr-defined]
    if by is not None:
        obj._history_user = by  # type: ignore[attr-defined]
    obj.save()


# Records whose name in the back office (their `str`) can carry the person's name.
NAMED_RECORDS = [
    User,
    inv.Participant,
    inv.Participation,
    inv.ConsultationInvitation,
    inv.ConsultationResponse,
    inv.PaymentClaim,
    pm.PeerWorker,
    pm.WellnessActionPlan,
    pm.ReasonableAdjustment,
    pm.SupervisionSession,
    pm.TrainingRecord,
    pm.CompetenceEvidence,
    pm.ProgressionReview,
    pm.LevelChange,
    rm.Application,
    rm.StageMove,
    rm.AdjustmentRequest,
    rm.Interview,
    rm.PanelMember,
    rm.Offer,
    rm.PreEmploymentCheck,
]


def _own_records(person: Person) -> dict[type[models.Model], list[int]]:
    """Every record of the person's, by model: their own rows and the rows hanging off them."""
    owners = {
        User: person.user_ids,
        inv.Participant: person.participant_ids,
        pm.PeerWorker: person.worker_ids,
        rm.Application: person.application_ids,
    }
    found: dict[type[models.Model], list[int]] = {model: ids for model, ids in owners.items() if ids}
    for model in NAMED_RECORDS:
        if model in owners:
            continue
        for field in model._meta.concrete_fields:
            target = getattr(field, "related_model", None)
            if (
                field.is_relation
                and target in (inv.Participant, pm.PeerWorker, rm.Application)
                and owners[target]
            ):
                ids = owned_ids(model, field.name, owners[target])
                if ids:
                    found[model] = sorted(set(found.get(model, [])) | set(ids))
    return found


def _scrub_reminders(to_them: list[int], about: list[int], counts: dict[str, int]) -> None:
    """Reminders to the person, or to staff about one of their records, keep their row (so none is
    planned and sent again) but lose their words, and the person's address; unsent ones are dismissed.

    Found by link only (see `privacy.selectors`): matching a name or an address in the text would take
    in other people's reminders, and anyone may be called "Supervision" or type anyone's address."""
    rows = Reminder.objects.filter(pk__in=[*to_them, *about])
    rows.filter(state__in=[Reminder.State.PLANNED, Reminder.State.FAILED, Reminder.State.SENDING]).update(
        state=Reminder.State.DISMISSED
    )
    placeholder = Concat(Value("erased-reminder-"), Cast("pk", CharField()), Value(f"@{ERASED_DOMAIN}"))
    Reminder.objects.filter(pk__in=to_them).update(recipient_email=placeholder)
    changed = rows.update(subject_line="(erased)", body="", link="", last_error="")
    if changed:
        counts["reminders.reminder"] = changed


def _scrub_admin_log(records: dict[type[models.Model], list[int]], counts: dict[str, int]) -> None:
    """The back office's list of admin actions names the records changed: not this person any more."""
    about = Q(pk__in=[])
    for model, ids in records.items():
        if ids:
            content_type = ContentType.objects.get_for_model(model)
            about |= Q(content_type=content_type, object_id__in=[str(pk) for pk in ids])
    changed = LogEntry.objects.filter(about).update(object_repr="(erased)", change_message="")
    if changed:
        counts["admin.logentry"] = changed


def _forget_sign_ins(records: dict[type[models.Model], list[int]], counts: dict[str, int]) -> None:
    """Sign-ins and failed attempts (django-axes) hold the address typed, a network address, a browser."""
    for model in (SignIn, AccessAttempt, AccessFailureLog):
        deleted, _ = model.objects.filter(pk__in=records.get(model, [])).delete()
        if deleted:
            counts[model._meta.label_lower] = deleted


def _erase(person: Person, *, by: User | None, reason: str) -> dict[str, int]:
    """Scrub everything in `person`; the caller has checked that it may. Returns rows changed per kind.

    Only rows linked to the person are touched (see `privacy.selectors`); nothing is found by a name or
    an address in free text. For an erasure of some applications only (the retention rule) the person
    holds just those applications, so reminders to a login or register entry they may also have go on.
    """
    counts: dict[str, int] = {}
    # Found before anything changes: the links below run through the addresses and the history.
    records = _own_records(person)
    to_them = list(reminders_to(person).values_list("pk", flat=True))
    about = list(reminders_about(person).values_list("pk", flat=True))
    records[Reminder] = sorted({*to_them, *about})
    records[SignIn] = list(sign_ins(person).values_list("pk", flat=True))
    attempts, failures = failed_sign_ins(person)
    records[AccessAttempt] = list(attempts.values_list("pk", flat=True))
    records[AccessFailureLog] = list(failures.values_list("pk", flat=True))

    # Records hanging off the person: text replaced, earlier versions dropped.
    _scrub(PARTICIPANT_RECORDS, person.participant_ids, counts)
    _scrub(CLAIM_RECORDS, owned_ids(inv.PaymentClaim, "participant", person.participant_ids), counts)
    plans = pm.WellnessActionPlan.objects.filter(worker__in=person.worker_ids)
    deleted, _ = plans.delete()
    if deleted:
        counts["peers.wellnessactionplan"] = deleted
    pm.WellnessActionPlan.history.filter(worker_id__in=person.worker_ids).delete()  # type: ignore[attr-defined]
    _scrub(WORKER_RECORDS, person.worker_ids, counts)
    _scrub(INTERVIEW_RECORDS, owned_ids(rm.Interview, "application", person.application_ids), counts)
    _scrub(APPLICATION_RECORDS, person.application_ids, counts)

    # The person's own records: identity replaced; the history keeps one version, saying so.
    for application in person.applications:
        application.applicant_name = ERASED_APPLICANT
        application.email = erased_email(application.pk)
        application.phone = ""
        application.supporting_statement = ""
        _save_erased(application, by=by, reason=reason)
    for worker in person.workers:
        worker.employee_number = f"erased-{worker.pk}"
        worker.exit_interview_notes = ""
        _save_erased(worker, by=by, reason=reason)
    for participant in person.participants:
        participant.name = ERASED_PARTICIPANT
        for blank in (
            "pronouns",
            "email",
            "phone",
            "postal_address",
            "accessibility_needs",
            "consent_purposes",
            "payroll_reference",
        ):
            setattr(participant, blank, "")
        _save_erased(participant, by=by, reason=reason)
    for user in person.users:
        user.first_name = user.last_name = user.preferred_name = ""
        user.email = erased_email(user.pk)
        user.is_active = user.is_staff = user.is_superuser = False
        user.set_unusable_password()
        _save_erased(user, by=by, reason=reason)
        auth_tokens_revoke_all(user=user)
    for label, rows in (
        ("recruitment.application", person.applications),
        ("peers.peerworker", person.workers),
        ("involvement.participant", person.participants),
        ("accounts.user", person.users),
    ):
        if rows:
            counts[label] = len(rows)

    _scrub_reminders(to_them, about, counts)
    _scrub_admin_log(records, counts)
    _forget_sign_ins(records, counts)
    return counts


# --- erasing a person on request ---------------------------------------------------------------


def _check(person: Person, *, by: User, reason: str) -> str:
    if not by.has_role(Role.ADMIN):
        raise NotPermitted("Only an administrator may erase a person's records.")
    reason = (reason or "").strip()
    if not reason:
        raise PrivacyError("Say why: for example the reference of the person's request.", field="reason")
    if len(reason) > 500:
        raise PrivacyError("Keep the reason to 500 characters.", field="reason")
    lowered = reason.lower()
    if any(value.lower() in lowered for value in person.identity_strings()):
        raise PrivacyError(
            "The reason is kept after the erasure, so it must not name the person or give their contact "
            "details; use the request's reference.",
            field="reason",
        )
    if by.pk in person.user_ids:
        raise PrivacyConflict("You cannot erase your own account; ask another administrator.")
    current = [w for w in person.workers if w.status != pm.PeerWorker.Status.LEFT]
    if current:
        raise PrivacyConflict(
            "This person is still employed as a peer worker; record their leaving before erasing them."
        )
    open_applications = [
        a for a in person.applications if a.stage.kind == StageKind.STEP and a.hired_worker_id is None
    ]
    if open_applications:
        raise PrivacyConflict(
            "This person has an application still in progress; withdraw or reject it before erasing them."
        )
    return reason


def _finish(
    person: Person, *, subject: str, subject_record: models.Model, by: User, reason: str, path: str
) -> Erasure:
    now = timezone.now()
    erasure = Erasure.objects.create(
        subject=subject, subject_id=str(subject_record.pk), reason=reason, erased_at=now, erased_by=by
    )
    erasure.counts = _erase(person, by=by, reason=f"Erased (erasure {erasure.pk})")
    erasure.save(update_fields=["counts"])
    access_log_record(user=by, records=[subject_record], action="erase", path=path)
    return erasure


def _stop_contact(participants: Iterable[inv.Participant], *, by: User) -> None:
    """Through involvement's own services: consent withdrawn, pending invitations lapse, entry marked left.

    The entry's address goes first. Those services stop reminders by address, and the address on an
    entry is whatever the person typed: it may be someone else's, whose reminders must go on. The
    erasure stops the person's own reminders by link instead (`_scrub_reminders`).
    """
    for participant in participants:
        inv.Participant.objects.filter(pk=participant.pk).update(email="")
        participant.refresh_from_db()
        if participant.consent_given_at and not participant.consent_withdrawn_at:
            involvement_services.participant_consent_withdraw(participant=participant, by=by)
        if participant.status != inv.Participant.Status.LEFT:
            participant.refresh_from_db()
            involvement_services.participant_update(
                participant=participant, by=by, status=inv.Participant.Status.LEFT
            )
        participant.refresh_from_db()


@transaction.atomic
def participant_erase(*, participant: inv.Participant, by: User, reason: str, path: str = "") -> Erasure:
    """Erase the person behind a register entry: their entry, login, applications and any employment."""
    participant = inv.Participant.objects.select_for_update().get(pk=participant.pk)
    person = person_from_participant(participant)
    reason = _check(person, by=by, reason=reason)
    _stop_contact(person.participants, by=by)
    return _finish(
        person,
        subject=Erasure.Subject.PARTICIPANT,
        subject_record=participant,
        by=by,
        reason=reason,
        path=path,
    )


@transaction.atomic
def peer_worker_erase(*, worker: pm.PeerWorker, by: User, reason: str, path: str = "") -> Erasure:
    """Erase the person behind an employment that has ended: every employment, login, entry, application."""
    worker = pm.PeerWorker.objects.select_for_update().select_related("user").get(pk=worker.pk)
    person = person_from_worker(worker)
    reason = _check(person, by=by, reason=reason)
    _stop_contact(person.participants, by=by)
    return _finish(
        person, subject=Erasure.Subject.PEER_WORKER, subject_record=worker, by=by, reason=reason, path=path
    )


# --- erasing applications on a schedule ----------------------------------------------------------


def applications_erase(*, applications: list[rm.Application]) -> dict[str, int]:
    """Erase the applicant's identity from these applications only (the retention rule's action).

    The person's register entry, login or employment, if any, are not touched: they are kept for
    their own reasons. Stages, moves, outcomes and equality answers stay for the figures.
    """
    if not applications:
        return {}
    reason = "Erased: the recruitment retention period ended"
    return _erase(Person(applications=applications), by=None, reason=reason)
