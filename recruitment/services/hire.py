"""Hiring: the application's final move and the new peer worker, in one transaction."""

from __future__ import annotations

from collections.abc import Iterable

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts import services as accounts
from accounts.models import User
from accounts.roles import Role
from peers import services as peers
from peers.models import PeerWorker
from recruitment.errors import RecruitmentConflict, RecruitmentError
from recruitment.models import (
    Application,
    CheckKind,
    Offer,
    PreEmploymentCheck,
    StageKind,
    StageMove,
    Vacancy,
)
from recruitment.visibility import check_may_hire

__all__ = ["application_hire", "checks_outstanding"]


def checks_outstanding(checks: Iterable[PreEmploymentCheck]) -> list[str]:
    """The required checks not yet clear, named in the standards' own order (as the checklist
    reads): what stands between an accepted offer and the hire."""
    ordered = sorted(checks, key=lambda c: CheckKind.values.index(c.kind))
    return [
        c.get_kind_display() for c in ordered if c.required and c.status != PreEmploymentCheck.Status.CLEAR
    ]


@transaction.atomic
def application_hire(
    *, application: Application, employee_number: str, by: User, user: User | None = None
) -> PeerWorker:
    """The new peer worker's employment, made from the vacancy and the accepted offer, with their
    onboarding checklist made from the template.

    The employment goes on the login of the applicant's register entry, on the account HR names as
    theirs (`user`), or on a new account; never on one found by the application's email address.
    Only HR hires.
    """
    check_may_hire(by)
    vacancy = Vacancy.objects.select_for_update().get(pk=application.vacancy_id)
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("stage", "participant__user")
        .get(pk=application.pk)
    )
    if application.hired_worker_id:
        raise RecruitmentConflict("This applicant is already hired.", field="application")
    if application.stage.is_end:
        raise RecruitmentConflict("This application has ended.", field="application")
    offer = application.offers.filter(status=Offer.Status.ACCEPTED).first()
    if offer is None:
        raise RecruitmentConflict("Hiring needs an accepted offer.", field="offer")
    checks = list(application.checks.all())
    if not checks:
        raise RecruitmentConflict("The pre-employment checks have not been started.", field="checks")
    outstanding = checks_outstanding(checks)
    if outstanding:
        raise RecruitmentConflict(
            f"Hiring needs every required check clear. Not clear yet: {', '.join(outstanding)}.",
            field="checks",
        )
    if not employee_number.strip():
        raise RecruitmentError("Give the new starter's employee number.", field="employee_number")
    hired_stage = vacancy.stages.filter(kind=StageKind.HIRED).first()
    if hired_stage is None:
        raise RecruitmentError("This vacancy's pipeline has no hired stage.", field="application")

    user = _new_starters_account(application, named=user)
    if user is None:
        first, _, last = application.applicant_name.partition(" ")
        user = accounts.user_create(
            email=application.email, password=None, first_name=first, last_name=last, roles=[Role.PEER_WORKER]
        )
    elif not user.has_role(Role.PEER_WORKER):
        accounts.user_add_roles(user=user, roles=[Role.PEER_WORKER])
    start = offer.start_date
    worker = peers.peer_worker_create(
        by=by,
        user=user,
        employee_number=employee_number,
        level=vacancy.level,
        band=vacancy.band,
        team=vacancy.team,
        line_manager=vacancy.hiring_manager,
        start_date=start,
        contracted_hours=vacancy.contracted_hours,
        status=PeerWorker.Status.PROBATION if start <= timezone.localdate() else PeerWorker.Status.PRE_START,
        probation_review_date=start + relativedelta(months=settings.RECRUITMENT_PROBATION_MONTHS),
    )
    now = timezone.now()
    StageMove.objects.create(
        application=application,
        from_stage=application.stage,
        to_stage=hired_stage,
        by=by,
        at=now,
        reason="Hired",
    )
    application.stage = hired_stage
    application.stage_entered_at = now
    application.hired_worker = worker
    application.save(update_fields=["stage", "stage_entered_at", "hired_worker"])
    # Their induction checklist, from the onboarding template, with the hiring HR officer owning
    # HR's steps. An empty template does not hold up the hire.
    peers.onboarding_checklist_create(worker=worker, by=by, empty_ok=True)
    if vacancy.applications.filter(hired_worker__isnull=False).count() >= vacancy.posts:
        vacancy.status = Vacancy.Status.FILLED
        vacancy.save(update_fields=["status"])
    return worker


def _new_starters_account(application: Application, *, named: User | None) -> User | None:
    """The account the new employment goes on, or None for a new one made from the application.

    Only a link a member of staff made decides it: the login on the applicant's register entry, or the
    account HR names for this hire. The application's email address never does: applicants type it,
    and it may be anyone's, a staff member's included, whose account would then gain the employment
    and the peer worker role. An address that already belongs to an account is refused instead, so
    HR decides whose it is.
    """
    linked = application.participant.user if application.participant_id else None
    if linked is not None:
        if named is not None and named.pk != linked.pk:
            raise RecruitmentConflict(
                "The applicant's register entry is linked to a different account. Hire them into that "
                "one, or correct the login on their register entry first.",
                field="user",
            )
        return linked
    if named is not None:
        return named
    if User.objects.filter(email__iexact=application.email).exists():
        raise RecruitmentConflict(
            "The application's email address already belongs to an account, and an account is never "
            "taken over by its address. If it is the applicant's own, name it as the account to hire "
            "them into; if not, correct the email address on the application.",
            field="user",
        )
    return None
