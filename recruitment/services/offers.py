"""Offers: one wins the last post, even when two are made at the same moment."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NoReturn

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from recruitment.errors import RecruitmentConflict, RecruitmentError
from recruitment.models import Application, Offer, StageKind, Vacancy, VacancyStage
from recruitment.services.applications import stage_move_record

__all__ = ["offer_delete", "offer_make", "offer_respond", "offer_withdraw", "posts_taken"]

LIVE = [Offer.Status.MADE, Offer.Status.ACCEPTED]


def posts_taken(*, vacancy: Vacancy) -> int:
    """Posts spoken for: live offers (made or accepted) and people already hired without one."""
    offered = Offer.objects.filter(application__vacancy=vacancy, status__in=LIVE).values("application")
    hired = Application.objects.filter(vacancy=vacancy, hired_worker__isnull=False).exclude(pk__in=offered)
    return Offer.objects.filter(application__vacancy=vacancy, status__in=LIVE).count() + hired.count()


@transaction.atomic
def offer_make(
    *,
    application: Application,
    start_date: date,
    salary_point: str,
    by: User,
    annual_salary: Decimal | None = None,
) -> Offer:
    # Lock the vacancy: offers for it queue here, so the count of posts taken is true for each.
    vacancy = Vacancy.objects.select_for_update().get(pk=application.vacancy_id)
    application = Application.objects.select_related("stage").get(pk=application.pk)
    if vacancy.status not in (Vacancy.Status.OPEN, Vacancy.Status.CLOSED):
        raise RecruitmentConflict(
            f"This vacancy is {vacancy.get_status_display().lower()}; no offer can be made.", field="vacancy"
        )
    if application.stage.is_end:
        raise RecruitmentConflict("This application has ended.", field="application")
    taken = posts_taken(vacancy=vacancy)
    if taken >= vacancy.posts:
        raise RecruitmentConflict(
            f"All {vacancy.posts} post(s) for this vacancy are already offered or filled.",
            field="application",
        )
    if not salary_point.strip():
        raise RecruitmentError("Give the salary point.", field="salary_point")
    if annual_salary is not None and annual_salary <= 0:
        raise RecruitmentError("The salary must be more than 0.", field="annual_salary")
    if start_date < timezone.localdate():
        raise RecruitmentError("The start date cannot be in the past.", field="start_date")
    try:
        with transaction.atomic():
            return Offer.objects.create(
                application=application,
                start_date=start_date,
                salary_point=salary_point,
                annual_salary=annual_salary,
                made_at=timezone.now(),
                made_by=by,
            )
    except IntegrityError as exc:
        raise RecruitmentConflict("This applicant already has an offer.", field="application") from exc


@transaction.atomic
def offer_respond(*, offer: Offer, accepted: bool, by: User) -> Offer:
    """The applicant's answer, recorded by HR. Yes opens the checks and moves the application on to
    the last step before hired (pre-employment checks), so it can be hired once they are clear. No
    ends the application as withdrawn, and the post is free for someone else."""
    from recruitment.services.checks import checks_open

    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if offer.status != Offer.Status.MADE:
        raise RecruitmentConflict(
            f"This offer is already {offer.get_status_display().lower()}.", field="status"
        )
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("stage", "vacancy")
        .get(pk=offer.application_id)
    )
    if accepted and application.stage.is_end:
        raise RecruitmentConflict(
            f"This application has ended ({application.stage.name.lower()}), so the offer cannot be "
            "accepted. Withdraw the offer.",
            field="status",
        )
    offer.status = Offer.Status.ACCEPTED if accepted else Offer.Status.DECLINED
    offer.responded_at = timezone.now()
    offer.save(update_fields=["status", "responded_at"])
    if accepted:
        checks_open(application=application, by=by)
    next_stage = _stage_after_answer(application, accepted=accepted)
    if next_stage is not None:
        reason = "Offer accepted" if accepted else "Offer declined"
        stage_move_record(application=application, to_stage=next_stage, by=by, reason=reason)
    return offer


def _stage_after_answer(application: Application, *, accepted: bool) -> VacancyStage | None:
    """Where an answered offer takes the application, or None to leave it where it is.

    Accepted: the last step before the hired stage, unless the application is there already. Declined:
    the withdrawn stage, unless the application has ended already. A pipeline without such a stage
    leaves the application where it is."""
    if application.stage.is_end:
        return None
    stages = list(application.vacancy.stages.all())
    if not accepted:
        return next((s for s in stages if s.kind == StageKind.WITHDRAWN), None)
    hired = min((s.order for s in stages if s.kind == StageKind.HIRED), default=None)
    if hired is None:
        return None
    before_hire = [s for s in stages if s.kind == StageKind.STEP and s.order < hired]
    target = max(before_hire, key=lambda s: s.order, default=None)
    if target is None or target.order <= application.stage.order:
        return None
    return target


@transaction.atomic
def offer_withdraw(*, offer: Offer, by: User) -> Offer:
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if offer.status not in LIVE:
        raise RecruitmentConflict(
            f"This offer is already {offer.get_status_display().lower()}.", field="status"
        )
    if offer.application.hired_worker_id:
        raise RecruitmentConflict(
            "This person has been hired; the offer cannot be withdrawn.", field="status"
        )
    offer.status = Offer.Status.WITHDRAWN
    offer.responded_at = timezone.now()
    offer.save(update_fields=["status", "responded_at"])
    return offer


def offer_delete(*, offer: Offer, by: User) -> NoReturn:
    """Refused always: what was offered stays on record; an offer the trust takes back is withdrawn."""
    raise RecruitmentConflict("Offers are kept on record; withdraw it instead.")
