"""Peer workforce reminder rules: supervision due and overdue, training expiry, probation reviews,
onboarding steps overdue.

Each rule reads what is owed in a fixed number of queries, however many workers there are. The
occasion carries the date it is about, so a session held (a new due date) or training renewed is
a new reminder later, and planning again adds nothing. People on long-term leave are not chased:
a reminder to someone off work is no kindness, and their manager plans their return separately.
Subject lines name no one and say nothing about anyone's wellbeing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from peers.models import OnboardingItem, PeerWorker, SupervisionKind
from peers.selectors.onboarding import onboarding_overdue as overdue_step
from peers.selectors.supervision import supervision_due
from peers.selectors.training import latest_training_records
from peers.selectors.workers import CURRENT_STATUSES
from reminders import links, wording
from reminders.registry import Due, Rule, register
from reminders.wording import DAY

KIND_NAMES = {kind.value: kind.label for kind in SupervisionKind}
# Chased: current workers other than those on long-term leave.
CHASED = [s for s in CURRENT_STATUSES if s != PeerWorker.Status.LONG_TERM_LEAVE]


def _name(row: dict, prefix: str) -> str:
    preferred = row[f"{prefix}preferred_name"]
    full = f"{row[f'{prefix}first_name']} {row[f'{prefix}last_name']}".strip()
    return preferred or full or "a peer worker"


NAME_FIELDS = ("preferred_name", "first_name", "last_name")


# The worker's own pages for the worker; supervisors' and managers' workspaces are not built
# yet, so their reminders open the home page.
MY_SUPERVISION = "web:peers:supervision"
MY_TRAINING = "web:peers:training"


# --- supervision ------------------------------------------------------------------------------


def supervision(now: datetime) -> Iterator[Due]:
    """Due soon: the worker and their supervisors. Overdue: the supervisors (the line manager
    when none is named). Overdue by more than the escalation days: the line manager as well."""
    today = timezone.localdate(now)
    horizon = today + settings.REMINDERS_SUPERVISION_DUE_DAYS * DAY
    escalate_days = settings.REMINDERS_SUPERVISION_ESCALATE_DAYS
    kinds = list(KIND_NAMES)
    soon = Q()
    for kind in kinds:
        soon |= Q(**{f"due_{kind}__lte": horizon})
    workers = (
        supervision_due(PeerWorker.objects.filter(status__in=CHASED))
        .filter(soon)
        .values(
            "id",
            "user_id",
            "user__email",
            "user__is_active",
            "line_manager_id",
            "line_manager__email",
            "line_manager__is_active",
            *(f"user__{f}" for f in NAME_FIELDS),
            *(f"due_{kind}" for kind in kinds),
        )
    )
    supervisors: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for worker_id, user_id, email in PeerWorker.supervisors.through.objects.filter(
        peerworker__status__in=CHASED, user__is_active=True
    ).values_list("peerworker_id", "user_id", "user__email"):
        supervisors[worker_id].append((user_id, email))
    due_at = wording.morning(today)

    for row in workers:
        name = _name(row, "user__")
        manager = (
            (row["line_manager_id"], row["line_manager__email"]) if row["line_manager__is_active"] else None
        )
        chasers = supervisors.get(row["id"]) or ([manager] if manager else [])
        for kind in kinds:
            due_on: date | None = row[f"due_{kind}"]
            if due_on is None or due_on > horizon:
                continue
            what = KIND_NAMES[kind].lower()
            base = {
                "subject_type": "supervision",
                "subject_id": f"{row['id']}:{kind}",
                "due_at": due_at,
                "link": links.HOME,
            }
            if due_on >= today:
                occasion = f"due:{due_on}"
                if row["user__is_active"]:
                    yield Due(
                        **{**base, "link": links.page(MY_SUPERVISION)},
                        recipient_email=row["user__email"],
                        recipient_user_id=row["user_id"],
                        occasion=occasion,
                        subject_line="Your supervision is due soon",
                        body=(
                            f"Your {what} is due by {wording.day(due_on)}.\n\n"
                            "If a time is not booked yet, please arrange one with your supervisor. "
                            "Supervision is your time: it is there to support you."
                        ),
                    )
                for user_id, email in supervisors.get(row["id"], []):
                    yield Due(
                        **base,
                        recipient_email=email,
                        recipient_user_id=user_id,
                        occasion=occasion,
                        subject_line="Supervision is due soon",
                        body=(
                            f"{what.capitalize()} for {name} is due by {wording.day(due_on)}.\n\n"
                            "If a time is not booked yet, please arrange one."
                        ),
                    )
                continue
            overdue_days = (today - due_on).days
            for user_id, email in chasers:
                yield Due(
                    **base,
                    recipient_email=email,
                    recipient_user_id=user_id,
                    occasion=f"overdue:{due_on}",
                    subject_line="Supervision is overdue",
                    body=(
                        f"{what.capitalize()} for {name} was due on {wording.day(due_on)}.\n\n"
                        "Please arrange a session soon and record it once it is held."
                    ),
                )
            if overdue_days > escalate_days and manager:
                yield Due(
                    **base,
                    recipient_email=manager[1],
                    recipient_user_id=manager[0],
                    occasion=f"escalated:{due_on}",
                    subject_line=f"Supervision is more than {escalate_days} days overdue",
                    body=(
                        f"{what.capitalize()} for {name}, whom you line manage, was due on "
                        f"{wording.day(due_on)} and has not been recorded since.\n\n"
                        "Please check that a session is arranged, and that they are getting the "
                        "support they need."
                    ),
                )


# --- training ---------------------------------------------------------------------------------


def training_expiry(now: datetime) -> Iterator[Due]:
    """The worker and their line manager, about each course's latest record only."""
    today = timezone.localdate(now)
    rows = (
        latest_training_records()
        .filter(
            worker__status__in=CHASED,
            course__is_active=True,
            expires_on__isnull=False,
            expires_on__lte=today + settings.REMINDERS_TRAINING_EXPIRING_DAYS * DAY,
        )
        .values(
            "id",
            "expires_on",
            "course__name",
            "worker_id",
            "worker__user_id",
            "worker__user__email",
            "worker__user__is_active",
            "worker__line_manager_id",
            "worker__line_manager__email",
            "worker__line_manager__is_active",
            *(f"worker__user__{f}" for f in NAME_FIELDS),
        )
    )
    due_at = wording.morning(today)
    for row in rows:
        expires_on: date = row["expires_on"]
        expired = expires_on < today
        course = row["course__name"]
        base = {
            "subject_type": "training_record",
            "subject_id": row["id"],
            "occasion": f"{'expired' if expired else 'expiring'}:{expires_on}",
            "due_at": due_at,
            "link": links.HOME,
        }
        verb = "expired on" if expired else "expires on"
        if row["worker__user__is_active"]:
            yield Due(
                **{**base, "link": links.page(MY_TRAINING)},
                recipient_email=row["worker__user__email"],
                recipient_user_id=row["worker__user_id"],
                subject_line="Your training has expired" if expired else "Your training expires soon",
                body=(
                    f'Your "{course}" training {verb} {wording.day(expires_on)}.\n\n'
                    "Please book a refresher with your line manager; once it is done it will be "
                    "recorded on your training record."
                ),
            )
        if row["worker__line_manager__is_active"]:
            name = _name(row, "worker__user__")
            yield Due(
                **base,
                recipient_email=row["worker__line_manager__email"],
                recipient_user_id=row["worker__line_manager_id"],
                subject_line=(
                    "Training has expired for someone you manage"
                    if expired
                    else "Training expires soon for someone you manage"
                ),
                body=(
                    f'{name}\'s "{course}" training {verb} {wording.day(expires_on)}.\n\n'
                    "Please help them book a refresher."
                ),
            )


# --- probation --------------------------------------------------------------------------------


def probation_review_due(now: datetime) -> Iterator[Due]:
    today = timezone.localdate(now)
    rows = PeerWorker.objects.filter(
        status__in=[PeerWorker.Status.PRE_START, PeerWorker.Status.PROBATION],
        probation_review_date__gte=today,
        probation_review_date__lte=today + settings.REMINDERS_PROBATION_REVIEW_DAYS * DAY,
        line_manager__is_active=True,
    ).values(
        "id",
        "probation_review_date",
        "line_manager_id",
        "line_manager__email",
        *(f"user__{f}" for f in NAME_FIELDS),
    )
    for row in rows:
        review_on: date = row["probation_review_date"]
        yield Due(
            subject_type="peer_worker",
            subject_id=row["id"],
            recipient_email=row["line_manager__email"],
            recipient_user_id=row["line_manager_id"],
            occasion=f"probation:{review_on}",
            due_at=wording.morning(today),
            subject_line="A probation review is due soon",
            body=(
                f"The probation review for {_name(row, 'user__')} is due on {wording.day(review_on)}.\n\n"
                "Please book a time with them, and record the outcome on their record afterwards."
            ),
            link=links.HOME,
        )


# --- onboarding -------------------------------------------------------------------------------

ONBOARDING_RULE = "peers.onboarding_overdue"
ONBOARDING_SUBJECT = "onboarding_item"
# The worker's own checklist for the worker; the worker's checklist page for everyone else (it
# shows an owner at least the steps they own).
MY_ONBOARDING = "web:onboarding:mine"
CHECKLIST = "web:onboarding:checklist"


def onboarding_overdue(now: datetime) -> Iterator[Due]:
    """A step past its due date and not done: its owner, once. With nobody to act on it (no owner,
    or one who can no longer sign in), the worker's line manager instead. Marking it done stops a
    reminder not yet sent (peers.services.onboarding); a new due date is a new occasion."""
    today = timezone.localdate(now)
    rows = OnboardingItem.objects.filter(overdue_step(today), worker__status__in=CHASED).values(
        "id",
        "title",
        "due_on",
        "worker_id",
        "worker__user_id",
        "owner_id",
        "owner__email",
        "owner__is_active",
        "worker__line_manager_id",
        "worker__line_manager__email",
        "worker__line_manager__is_active",
        *(f"worker__user__{f}" for f in NAME_FIELDS),
    )
    due_at = wording.morning(today)
    for row in rows:
        due_on: date = row["due_on"]
        owned = bool(row["owner_id"] and row["owner__is_active"])
        if owned:
            user_id, email = row["owner_id"], row["owner__email"]
        elif row["worker__line_manager__is_active"]:
            user_id, email = row["worker__line_manager_id"], row["worker__line_manager__email"]
        else:
            continue
        title = row["title"]
        if user_id == row["worker__user_id"]:
            link = links.page(MY_ONBOARDING)
            subject = "A step of your onboarding is overdue"
            body = (
                f'"{title}" on your onboarding checklist was due on {wording.day(due_on)}.\n\n'
                "If it is done, mark it done on your checklist. If you need a hand with it, talk to "
                "your line manager."
            )
        else:
            link = links.page(CHECKLIST, row["worker_id"])
            subject = "An onboarding step is overdue"
            name = _name(row, "worker__user__")
            whose = "it is yours to do" if owned else "nobody who can act on it owns it"
            body = (
                f'"{title}" on {name}\'s onboarding checklist was due on {wording.day(due_on)}, and '
                f"{whose}.\n\nIf it is done, please mark it done. If someone else should do it, "
                "HR or their line manager can change who owns it."
            )
        yield Due(
            subject_type=ONBOARDING_SUBJECT,
            subject_id=row["id"],
            recipient_email=email,
            recipient_user_id=user_id,
            occasion=f"overdue:{due_on}",
            due_at=due_at,
            subject_line=subject,
            body=body,
            link=link,
        )


register(
    Rule(
        name="peers.supervision",
        who=(
            "Due soon: the worker and their supervisors. Overdue: the supervisors (the line manager if "
            f"none). Overdue by more than {settings.REMINDERS_SUPERVISION_ESCALATE_DAYS} days: the line "
            "manager too."
        ),
        when=(
            f"{settings.REMINDERS_SUPERVISION_DUE_DAYS} days before it is due "
            "(REMINDERS_SUPERVISION_DUE_DAYS), "
            f"once overdue, and once more than {settings.REMINDERS_SUPERVISION_ESCALATE_DAYS} days overdue "
            "(REMINDERS_SUPERVISION_ESCALATE_DAYS)"
        ),
        due=supervision,
    )
)
register(
    Rule(
        name="peers.training_expiry",
        who="The worker and their line manager",
        when=(
            f"{settings.REMINDERS_TRAINING_EXPIRING_DAYS} days before a course's latest record expires, "
            "and once expired "
            "(REMINDERS_TRAINING_EXPIRING_DAYS)"
        ),
        due=training_expiry,
    )
)
register(
    Rule(
        name="peers.probation_review_due",
        who="The line manager",
        when=(
            f"{settings.REMINDERS_PROBATION_REVIEW_DAYS} days before the probation review date "
            "(REMINDERS_PROBATION_REVIEW_DAYS)"
        ),
        due=probation_review_due,
    )
)
register(
    Rule(
        name=ONBOARDING_RULE,
        who=(
            "The step's owner; the worker's line manager when nobody who can sign in owns it. Not for "
            "leavers or workers on long-term leave"
        ),
        when="Once, the morning after an onboarding step's due date passes without it being marked done",
        due=onboarding_overdue,
    )
)
