"""Applications and the pipeline: applying, moving between stages, adjustments for the process."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NoReturn, TypedDict, Unpack

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from accounts.updates import apply_changes
from involvement.models import Participant, PartnerOrganisation
from recruitment.errors import RecruitmentConflict, RecruitmentError
from recruitment.models import (
    AdjustmentRequest,
    Application,
    EqualityMonitoring,
    StageKind,
    StageMove,
    Vacancy,
    VacancyStage,
)

__all__ = [
    "adjustment_decide",
    "adjustment_request_create",
    "adjustment_request_delete",
    "adjustment_request_update",
    "allowed_moves",
    "application_advance",
    "application_create",
    "application_delete",
    "application_update",
]

EQUALITY_FIELDS = {"age_band", "ethnic_group", "disabled", "sex", "gender_same_as_at_birth", "lgb_plus"}


@transaction.atomic
def application_create(
    *,
    vacancy: Vacancy,
    by: User | None,
    applicant_name: str,
    email: str,
    source: str,
    phone: str = "",
    participant: Participant | None = None,
    referred_by: PartnerOrganisation | None = None,
    supporting_statement: str = "",
    adjustments: Iterable[str] = (),
    equality: Mapping[str, str] | None = None,
) -> Application:
    now = timezone.now()
    if vacancy.status != Vacancy.Status.OPEN or not (vacancy.opens_at <= now < vacancy.closes_at):
        raise RecruitmentConflict("This vacancy is not open for applications.", field="vacancy")
    if source == Application.Source.INVOLVEMENT_REGISTER and participant is None:
        raise RecruitmentError("Link the applicant's entry on the involvement register.", field="participant")
    if source == Application.Source.PARTNER_REFERRAL and referred_by is None:
        raise RecruitmentError("Say which partner organisation referred the applicant.", field="referred_by")
    equality = dict(equality or {})
    unknown = set(equality) - EQUALITY_FIELDS
    if unknown:
        name = sorted(unknown)[0]
        raise RecruitmentError("Not an equality monitoring question.", field=f"equality.{name}")
    first = vacancy.stages.filter(kind=StageKind.STEP).order_by("order").first()
    application = Application(
        vacancy=vacancy,
        applicant_name=applicant_name,
        email=email.lower(),
        phone=phone,
        source=source,
        participant=participant,
        referred_by=referred_by,
        supporting_statement=supporting_statement,
        stage=first,
        stage_entered_at=now,
        applied_at=now,
    )
    application.full_clean(exclude=["stage"], validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:
        raise RecruitmentError(
            "This email address has already applied for this vacancy.", field="email"
        ) from exc
    StageMove.objects.create(application=application, from_stage=None, to_stage=first, by=by, at=now)
    AdjustmentRequest.objects.bulk_create(
        AdjustmentRequest(application=application, description=text.strip())
        for text in adjustments
        if text.strip()
    )
    answers = EqualityMonitoring(application=application, vacancy=vacancy, **equality)
    answers.full_clean(exclude=["application", "vacancy"])
    answers.save()
    return application


def allowed_moves(*, application: Application) -> list[VacancyStage]:
    """The next step in order, or an ending (rejected, withdrawn); hiring has its own action."""
    current = application.stage
    if current.is_end:
        return []
    stages = list(application.vacancy.stages.all())
    forward = [s for s in stages if s.kind == StageKind.STEP and s.order > current.order]
    nxt = min(forward, key=lambda s: s.order) if forward else None
    ends = [s for s in stages if s.kind in (StageKind.REJECTED, StageKind.WITHDRAWN)]
    return [*([nxt] if nxt else []), *ends]


@transaction.atomic
def application_advance(
    *, application: Application, to_stage: VacancyStage, by: User, reason: str = ""
) -> Application:
    application = (
        Application.objects.select_for_update().select_related("stage", "vacancy").get(pk=application.pk)
    )
    if to_stage.vacancy_id != application.vacancy_id:
        raise RecruitmentError("That stage belongs to another vacancy.", field="to_stage")
    if to_stage.kind == StageKind.HIRED:
        raise RecruitmentConflict(
            "Use the hire action: it checks the pre-employment checks.", field="to_stage"
        )
    allowed = allowed_moves(application=application)
    if to_stage not in allowed:
        names = ", ".join(s.name for s in allowed) or "none: this application has ended"
        raise RecruitmentConflict(
            f"An application at {application.stage.name} cannot move to {to_stage.name}. Allowed: {names}.",
            field="to_stage",
        )
    if to_stage.kind == StageKind.REJECTED and not reason.strip():
        raise RecruitmentError("Give a reason for rejecting the application.", field="reason")
    return stage_move_record(application=application, to_stage=to_stage, by=by, reason=reason)


def stage_move_record(
    *, application: Application, to_stage: VacancyStage, by: User | None, reason: str = ""
) -> Application:
    """Put the application at `to_stage` and keep the move. The caller has checked the move is
    allowed and holds the application's row lock."""
    now = timezone.now()
    StageMove.objects.create(
        application=application, from_stage=application.stage, to_stage=to_stage, by=by, at=now, reason=reason
    )
    application.stage = to_stage
    application.stage_entered_at = now
    application.save(update_fields=["stage", "stage_entered_at"])
    return application


@transaction.atomic
def adjustment_decide(
    *, adjustment: AdjustmentRequest, provided: bool, by: User, note: str = ""
) -> AdjustmentRequest:
    if not provided and not note.strip():
        raise RecruitmentError("Say why the adjustment could not be provided.", field="note")
    adjustment.provided = provided
    adjustment.note = note
    adjustment.decided_at = timezone.now()
    adjustment.save(update_fields=["provided", "note", "decided_at"])
    return adjustment


class ApplicationChanges(TypedDict, total=False):
    applicant_name: str
    email: str
    phone: str
    supporting_statement: str


@transaction.atomic
def application_update(
    *, application: Application, by: User, **changes: Unpack[ApplicationChanges]
) -> Application:
    """Correct the applicant's details; the stage moves only through advance and hire."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if "email" in changes:
        changes["email"] = changes["email"].lower()
    try:
        with transaction.atomic():
            apply_changes(
                application,
                changes,
                ApplicationChanges,
                error=RecruitmentError,
                validate=lambda a: a.full_clean(validate_unique=False, validate_constraints=False),
            )
    except IntegrityError as exc:
        raise RecruitmentError(
            "This email address has already applied for this vacancy.", field="email"
        ) from exc
    return application


@transaction.atomic
def adjustment_request_create(*, application: Application, description: str, by: User) -> AdjustmentRequest:
    """An adjustment asked for later in the process (for the interview day, say)."""
    if not description.strip():
        raise RecruitmentError("Say what adjustment is asked for.", field="description")
    return AdjustmentRequest.objects.create(application=application, description=description.strip())


@transaction.atomic
def adjustment_request_update(
    *, adjustment: AdjustmentRequest, by: User, description: str
) -> AdjustmentRequest:
    adjustment = AdjustmentRequest.objects.select_for_update().get(pk=adjustment.pk)
    if adjustment.provided is not None:
        raise RecruitmentConflict(
            "This adjustment has been decided; record a new request instead of rewording it.",
            field="description",
        )
    if not description.strip():
        raise RecruitmentError("Say what adjustment is asked for.", field="description")
    adjustment.description = description.strip()
    adjustment.save(update_fields=["description"])
    return adjustment


def application_delete(*, application: Application, by: User) -> NoReturn:
    """Refused always: an application is kept for the record; it ends withdrawn or rejected instead."""
    raise RecruitmentConflict(
        "Applications are kept for the record; move this one to withdrawn or rejected instead."
    )


def adjustment_request_delete(*, adjustment: AdjustmentRequest, by: User) -> NoReturn:
    """Refused always: what was asked stays on record; one not provided is decided so, with a note."""
    raise RecruitmentConflict(
        "What was asked is kept for the record; decide it as not provided, with a note, instead."
    )
