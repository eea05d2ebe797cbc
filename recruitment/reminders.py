"""Recruitment's reminder rules: DBS rechecks for people hired, vacancies closing, interviews tomorrow.

Each rule reads what is owed in a fixed number of queries, however many checks, vacancies or
panels there are. The occasion carries the date it is about, so a moved interview or a new
recheck date is a new reminder, and planning again adds nothing. Emails never name an applicant:
a candidate's application is private, even from the inbox of the panel's other members.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from involvement.models import Participation
from involvement.selectors.register import participants_contactable
from peers.selectors.workers import CURRENT_STATUSES
from recruitment.models import CheckKind, Interview, PanelMember, PreEmploymentCheck, StageKind, Vacancy
from reminders import links, wording
from reminders.registry import Due, Rule, register
from reminders.wording import DAY

# --- DBS rechecks -----------------------------------------------------------------------------


def dbs_recheck_due(now: datetime) -> Iterator[Due]:
    """Every HR officer, for each current peer worker's DBS check whose recheck falls due."""
    today = timezone.localdate(now)
    hr = list(User.objects.filter(groups__name=Role.HR, is_active=True).values_list("id", "email").distinct())
    if not hr:
        return
    checks = PreEmploymentCheck.objects.filter(
        kind=CheckKind.DBS,
        recheck_due__isnull=False,
        recheck_due__lte=today + settings.REMINDERS_DBS_RECHECK_DAYS * DAY,
        application__hired_worker__status__in=CURRENT_STATUSES,
    ).values_list("id", "recheck_due", "application__hired_worker__employee_number")
    due_at = wording.morning(today)
    for check_id, recheck_due, employee_number in checks:
        overdue = recheck_due < today
        # The employee number, not the name: an email about criminal record checks says no more
        # than it must; HR opens the record for the rest.
        body = (
            f"The DBS recheck for peer worker {employee_number} {'was' if overdue else 'is'} due on "
            f"{wording.day(recheck_due)}.\n\nPlease start the recheck and record the new certificate date."
        )
        for user_id, email in hr:
            yield Due(
                subject_type="pre_employment_check",
                subject_id=check_id,
                recipient_email=email,
                recipient_user_id=user_id,
                occasion=f"recheck:{recheck_due}",
                due_at=due_at,
                subject_line="A DBS recheck is overdue" if overdue else "A DBS recheck is due soon",
                body=body,
                link=links.HOME,
            )


# --- vacancies --------------------------------------------------------------------------------


def vacancy_closing(now: datetime) -> Iterator[Due]:
    days = settings.REMINDERS_VACANCY_CLOSING_DAYS
    today = timezone.localdate(now)
    day = today + days * DAY
    rows = Vacancy.objects.filter(
        status=Vacancy.Status.OPEN,
        closes_at__gte=wording.start_of(day),
        closes_at__lt=wording.start_of(day + DAY),
        hiring_manager__is_active=True,
    ).values("id", "title", "closes_at", "hiring_manager_id", "hiring_manager__email")
    for row in rows:
        yield Due(
            subject_type="vacancy",
            subject_id=row["id"],
            recipient_email=row["hiring_manager__email"],
            recipient_user_id=row["hiring_manager_id"],
            occasion=f"closing-{days}d:{day}",
            due_at=wording.morning(today),
            subject_line=f"A vacancy you manage closes {wording.in_days(days)}",
            body=(
                f'"{row["title"]}" stops taking applications on {wording.at(row["closes_at"])}.\n\n'
                "If you want to extend it, change the closing date before then; otherwise you can "
                "start shortlisting once it closes."
            ),
            link=links.HOME,
        )


# --- interviews -------------------------------------------------------------------------------


def interview_tomorrow(now: datetime) -> Iterator[Due]:
    """Staff on the panel, and register members on it who may be contacted and kept their place."""
    days = settings.REMINDERS_INTERVIEW_DAYS
    today = timezone.localdate(now)
    day = today + days * DAY
    staff = Q(user__isnull=False, user__is_active=True)
    register_member = (
        Q(participant__in=participants_contactable())
        & ~Q(participant__email="")
        & (Q(participation__isnull=True) | Q(participation__status=Participation.Status.ACCEPTED))
    )
    rows = PanelMember.objects.filter(
        staff | register_member,
        interview__outcome=Interview.Outcome.PENDING,
        interview__starts_at__gte=wording.start_of(day),
        interview__starts_at__lt=wording.start_of(day + DAY),
        interview__application__stage__kind=StageKind.STEP,
    ).values(
        "interview_id",
        "interview__starts_at",
        "interview__location",
        "interview__online_link",
        "interview__application__vacancy__title",
        "participation__activity_id",
        "user_id",
        "user__email",
        "participant_id",
        "participant__email",
        "participant__user_id",
    )
    for row in rows:
        participant_id = None
        if row["user_id"]:
            email, user_id = row["user__email"], row["user_id"]
        else:
            email, user_id = row["participant__email"], row["participant__user_id"]
            participant_id = row["participant_id"]
        where = row["interview__location"] or ("online" if row["interview__online_link"] else "")
        where = f" ({where})" if where else ""
        # A register member with a place on the panel's activity opens it (else their activities);
        # staff open the home page until their workspace is built.
        link = links.HOME
        if participant_id:
            activity_id = row["participation__activity_id"]
            link = (
                links.page("web:involvement:activity", activity_id)
                if activity_id
                else links.page("web:involvement:activities")
            )
        yield Due(
            subject_type="interview",
            subject_id=row["interview_id"],
            recipient_email=email,
            recipient_user_id=user_id,
            recipient_type="participant" if participant_id else "",
            recipient_id=participant_id or "",
            occasion=f"before-{days}d:{day}",
            due_at=wording.morning(today),
            subject_line=f"You are on an interview panel {wording.in_days(days)}",
            body=(
                f'You are on the interview panel for "{row["interview__application__vacancy__title"]}" '
                f"on {wording.at(row['interview__starts_at'])}{where}.\n\n"
                "Thank you for giving your time. If you can no longer make it, please tell the hiring "
                "manager as soon as you can."
            ),
            link=link,
        )


register(
    Rule(
        name="recruitment.dbs_recheck_due",
        who="Every HR officer",
        when=(
            f"{settings.REMINDERS_DBS_RECHECK_DAYS} days before a current peer worker's DBS recheck is due "
            "(REMINDERS_DBS_RECHECK_DAYS)"
        ),
        due=dbs_recheck_due,
    )
)
register(
    Rule(
        name="recruitment.vacancy_closing",
        who="The hiring manager",
        when=(
            f"{settings.REMINDERS_VACANCY_CLOSING_DAYS} day(s) before an open vacancy closes "
            "(REMINDERS_VACANCY_CLOSING_DAYS)"
        ),
        due=vacancy_closing,
    )
)
register(
    Rule(
        name="recruitment.interview_tomorrow",
        who="The panel: staff, and register members who may be contacted",
        when=f"{settings.REMINDERS_INTERVIEW_DAYS} day(s) before the interview (REMINDERS_INTERVIEW_DAYS)",
        due=interview_tomorrow,
    )
)
