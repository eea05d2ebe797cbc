"""Onboarding: the induction template HR keeps, and each new worker's checklist made from it.

A checklist is copied from the template's steps in use when a worker is hired (recruitment's
`application_hire` calls `onboarding_checklist_create` in its transaction), or by HR for a worker
who has none. Each step has an owner, a person found from the step's part (the line manager, the
first supervisor, the HR officer who hired, the worker themself) and a due date counted from the
start date. The owner, the worker's managers and HR mark steps done; managers and HR move owners
and due dates and add steps of their own. A step marked done stops its overdue reminder.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Literal, NoReturn, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts.models import User
from accounts.roles import Role
from accounts.updates import apply_changes, refuse_unknown
from peers.errors import PeersConflict, PeersError
from peers.models import OnboardingItem, OnboardingOwner, OnboardingTemplateItem, PeerWorker
from peers.reminders import ONBOARDING_RULE, ONBOARDING_SUBJECT
from peers.visibility import (
    check_may_edit_onboarding_template,
    check_may_manage_onboarding,
    check_may_start_onboarding,
    check_may_tick_onboarding,
)
from reminders.services import reminders_dismiss_about

__all__ = [
    "onboarding_checklist_create",
    "onboarding_item_add",
    "onboarding_item_delete",
    "onboarding_item_done",
    "onboarding_item_undone",
    "onboarding_item_update",
    "onboarding_owner_role",
    "onboarding_supervisor_named",
    "onboarding_template_item_create",
    "onboarding_template_item_deactivate",
    "onboarding_template_item_delete",
    "onboarding_template_item_move",
    "onboarding_template_item_update",
]

Owner = OnboardingOwner
# The furthest before the start a step may be due or done: the template's own limit.
EARLIEST = timedelta(days=365)


class TemplateItemChanges(TypedDict, total=False):
    title: str
    description: str
    owner_role: str
    due_days: int
    is_active: bool


class ItemChanges(TypedDict, total=False):
    owner: User | None
    due_on: date
    title: str
    description: str
    notes: str


def _clean(obj: models.Model, exclude: list[str] | None = None) -> None:
    """The model's own checks, refused as a PeersError naming the first field at fault."""
    try:
        obj.full_clean(exclude=exclude, validate_constraints=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise PeersError(messages[0], field=None if field == "__all__" else field) from exc


def _check_title(title: str) -> None:
    if not (title or "").strip():
        raise PeersError("Give the step a title.", field="title")


# --- the template ---------------------------------------------------------------------------------


def _check_template_item(item: OnboardingTemplateItem) -> None:
    _check_title(item.title)
    if item.owner_role not in Owner.values:
        raise PeersError("Choose who does the step from the list.", field="owner_role")
    _clean(item)


@transaction.atomic
def onboarding_template_item_create(
    *,
    by: User,
    title: str,
    owner_role: str,
    due_days: int,
    description: str = "",
    is_active: bool = True,
) -> OnboardingTemplateItem:
    """A new step, last in the order. New starters get it from now on; checklists made already do not."""
    check_may_edit_onboarding_template(by)
    last = OnboardingTemplateItem.objects.aggregate(last=models.Max("order"))["last"] or 0
    item = OnboardingTemplateItem(
        title=title.strip(),
        description=description,
        owner_role=owner_role,
        due_days=due_days,
        is_active=is_active,
        order=last + 1,
    )
    _check_template_item(item)
    item.save()
    return item


@transaction.atomic
def onboarding_template_item_update(
    *, item: OnboardingTemplateItem, by: User, **changes: Unpack[TemplateItemChanges]
) -> OnboardingTemplateItem:
    """Change a step of the template; checklists already made keep the step as it was."""
    check_may_edit_onboarding_template(by)
    refuse_unknown(changes, TemplateItemChanges, error=PeersError)
    item = OnboardingTemplateItem.objects.select_for_update().get(pk=item.pk)
    if "title" in changes:
        changes["title"] = (changes["title"] or "").strip()
    apply_changes(item, changes, TemplateItemChanges, error=PeersError, validate=_check_template_item)
    return item


@transaction.atomic
def onboarding_template_item_deactivate(*, item: OnboardingTemplateItem, by: User) -> OnboardingTemplateItem:
    """Stop giving the step to new starters. It is kept (checklists made from it point at it);
    doing it twice changes nothing."""
    return onboarding_template_item_update(item=item, by=by, is_active=False)


def onboarding_template_item_delete(*, item: OnboardingTemplateItem, by: User) -> NoReturn:
    """Refused always: checklists made from the step point at it. Stop using it instead."""
    check_may_edit_onboarding_template(by)
    raise PeersConflict("Template steps are kept; stop using this one instead.", field="is_active")


@transaction.atomic
def onboarding_template_item_move(
    *, item: OnboardingTemplateItem, by: User, direction: Literal["up", "down"]
) -> OnboardingTemplateItem:
    """Swap the step with the one in use above or below it. Steps not in use keep their places
    among the rest but are stepped over."""
    check_may_edit_onboarding_template(by)
    if direction not in ("up", "down"):
        raise PeersError("Move a step up or down.", field="direction")
    steps = list(OnboardingTemplateItem.objects.select_for_update().order_by("order", "id"))
    # Number them 1, 2, 3... first: two steps with the same number could not be swapped.
    for number, step in enumerate(steps, start=1):
        step.order = number
    index = next((i for i, step in enumerate(steps) if step.pk == item.pk), None)
    if index is None:
        raise OnboardingTemplateItem.DoesNotExist
    if not steps[index].is_active:
        raise PeersConflict("This step is not in use; use it again before moving it.", field="direction")
    others = range(index - 1, -1, -1) if direction == "up" else range(index + 1, len(steps))
    neighbour = next((i for i in others if steps[i].is_active), None)
    if neighbour is None:
        where = "first" if direction == "up" else "last"
        raise PeersConflict(f"This step is already {where}.", field="direction")
    steps[index].order, steps[neighbour].order = steps[neighbour].order, steps[index].order
    OnboardingTemplateItem.objects.bulk_update(steps, ["order"])
    return steps[index]


# --- a worker's checklist -------------------------------------------------------------------------


def _first_supervisor(worker: PeerWorker) -> User | None:
    return worker.supervisors.order_by("last_name", "first_name", "pk").first()


def _person_for(worker: PeerWorker, role: str, hr: User | None) -> User | None:
    """The person who holds `role` in this worker's start, or None when nobody does yet."""
    if role == Owner.WORKER:
        return worker.user
    if role == Owner.LINE_MANAGER:
        return worker.line_manager
    if role == Owner.SUPERVISOR:
        return _first_supervisor(worker)
    return hr


def onboarding_owner_role(*, worker: PeerWorker, person: User, prefer: str | None = None) -> str | None:
    """The part `person` plays in this worker's start (`prefer` when they play it, since one person
    may play several), or None when they play none: only those people own a step."""
    roles = []
    if person.pk == worker.user_id:
        roles.append(Owner.WORKER)
    if person.pk == worker.line_manager_id:
        roles.append(Owner.LINE_MANAGER)
    if worker.supervisors.filter(pk=person.pk).exists():
        roles.append(Owner.SUPERVISOR)
    if person.has_role(Role.HR):
        roles.append(Owner.HR)
    if prefer in roles:
        return prefer
    return roles[0] if roles else None


def _check_owner(worker: PeerWorker, owner: User, prefer: str | None = None) -> str:
    role = onboarding_owner_role(worker=worker, person=owner, prefer=prefer)
    if role is None:
        raise PeersError(
            "Choose the worker, their line manager, one of their supervisors or someone in HR.",
            field="owner",
        )
    if not owner.is_active:
        raise PeersError(f"{owner} can no longer sign in; choose someone else.", field="owner")
    return role


def _check_due_on(worker: PeerWorker, due_on: date) -> None:
    if due_on < worker.start_date - EARLIEST:
        raise PeersError("A step cannot be due more than a year before the worker starts.", field="due_on")


def _has_checklist(worker: PeerWorker) -> bool:
    return OnboardingItem.objects.filter(worker=worker).exists()


def _current(worker: PeerWorker) -> PeerWorker:
    """The worker locked for the write, refused once they have left."""
    worker = PeerWorker.objects.select_for_update().get(pk=worker.pk)
    if worker.status == PeerWorker.Status.LEFT:
        raise PeersConflict("This person has left; their onboarding is closed.", field="worker")
    return worker


@transaction.atomic
def onboarding_checklist_create(
    *, worker: PeerWorker, by: User, hr: User | None = None, empty_ok: bool = False
) -> list[OnboardingItem]:
    """The worker's checklist, one item per step of the template in use, each with its owner.

    The HR steps go to `hr` (the HR officer who hired them; `by` when left out and they are in HR).
    Due dates count from the start date; a step whose date has already gone by when the checklist
    is made is due that day instead, so nobody is chased for what they could not have done. A second
    checklist is refused. An empty template is refused too, unless `empty_ok` (a hire goes ahead
    without a checklist).
    """
    check_may_start_onboarding(by)
    worker = _current(worker)
    if _has_checklist(worker):
        raise PeersConflict("This worker already has an onboarding checklist.", field="worker")
    steps = list(OnboardingTemplateItem.objects.filter(is_active=True).order_by("order", "id"))
    if not steps:
        if empty_ok:
            return []
        raise PeersError("The onboarding template has no steps in use; add one first.", field="worker")
    if hr is None and by.has_role(Role.HR):
        hr = by
    today = timezone.localdate()
    people = {role: _person_for(worker, role, hr) for role in Owner.values}
    items = [
        OnboardingItem(
            worker=worker,
            template_item=step,
            title=step.title,
            description=step.description,
            owner=people[step.owner_role],
            owner_role=step.owner_role,
            due_on=max(worker.start_date + timedelta(days=step.due_days), today),
        )
        for step in steps
    ]
    try:
        with transaction.atomic():
            return bulk_create_with_history(items, OnboardingItem, default_user=by)
    except IntegrityError as exc:  # made at the same moment by someone else
        raise PeersConflict("This worker already has an onboarding checklist.", field="worker") from exc


def onboarding_supervisor_named(*, worker: PeerWorker) -> int:
    """Give the supervisor's steps still to do that nobody owns (a hire has no supervisor yet) to the
    worker's first supervisor, now one is named. Called by `peer_worker_update`; returns how many."""
    supervisor = _first_supervisor(worker)
    if supervisor is None:
        return 0
    steps = OnboardingItem.objects.filter(
        worker=worker, owner__isnull=True, owner_role=Owner.SUPERVISOR, done_on__isnull=True
    )
    # One by one, so each change is in the step's history.
    for step in steps:
        step.owner = supervisor
        step.save(update_fields=["owner"])
    return len(steps)


@transaction.atomic
def onboarding_item_add(
    *,
    worker: PeerWorker,
    by: User,
    title: str,
    due_on: date,
    owner: User | None = None,
    owner_role: str | None = None,
    description: str = "",
) -> OnboardingItem:
    """A step for this worker only. Give its owner as a person, or as a part to find the person from."""
    check_may_manage_onboarding(by, worker)
    worker = _current(worker)
    if not _has_checklist(worker):
        raise PeersConflict(
            "This worker has no onboarding checklist yet; start it from the template first.", field="worker"
        )
    _check_title(title)
    if owner is not None:
        owner_role = _check_owner(worker, owner, prefer=owner_role)
    elif owner_role in Owner.values:
        owner = _person_for(worker, owner_role, by if by.has_role(Role.HR) else None)
    else:
        raise PeersError("Choose who does this step.", field="owner")
    _check_due_on(worker, due_on)
    item = OnboardingItem(
        worker=worker,
        title=title.strip(),
        description=description,
        owner=owner,
        owner_role=owner_role,
        due_on=due_on,
    )
    _clean(item, exclude=["owner", "done_by"])
    item.save()
    return item


def _locked(item: OnboardingItem) -> OnboardingItem:
    return OnboardingItem.objects.select_for_update(of=("self",)).select_related("worker").get(pk=item.pk)


def _stop_reminders(item: OnboardingItem) -> None:
    reminders_dismiss_about(rules=[ONBOARDING_RULE], subject_type=ONBOARDING_SUBJECT, subject_id=item.pk)


@transaction.atomic
def onboarding_item_done(
    *, item: OnboardingItem, by: User, done_on: date, notes: str | None = None
) -> OnboardingItem:
    """Mark the step done on a day (today or before); its reminder, if not yet sent, is stopped."""
    check_may_tick_onboarding(by, item)
    item = _locked(item)
    if item.done_on is not None:
        raise PeersConflict(
            f"This step is already marked done, on {item.done_on:%d %B %Y}. Mark it not done first to "
            "change the date.",
            field="done_on",
        )
    if done_on > timezone.localdate():
        raise PeersError("A step cannot be done on a date still to come.", field="done_on")
    if done_on < item.worker.start_date - EARLIEST:
        raise PeersError("A step cannot be done more than a year before the worker started.", field="done_on")
    item.done_on, item.done_by = done_on, by
    if notes is not None:
        item.notes = notes
    _clean(item, exclude=["owner", "done_by"])
    item.save()
    _stop_reminders(item)
    return item


@transaction.atomic
def onboarding_item_undone(*, item: OnboardingItem, by: User) -> OnboardingItem:
    """Mark a step not done after all (marked by mistake); if it is past due it is overdue again."""
    check_may_tick_onboarding(by, item)
    item = _locked(item)
    if item.done_on is None:
        raise PeersConflict("This step is not marked done.", field="done_on")
    item.done_on, item.done_by = None, None
    item.save()
    return item


@transaction.atomic
def onboarding_item_delete(*, item: OnboardingItem, by: User) -> None:
    """Remove a step added for this worker by mistake (its history keeps a record that it was there).
    A step from the template, or one marked done, stays on the worker's record."""
    check_may_manage_onboarding(by, item.worker)
    item = _locked(item)
    if item.template_item_id is not None:
        raise PeersConflict(
            "Steps from the template stay on the checklist; change the owner or the date instead.",
            field="template_item",
        )
    if item.done_on is not None:
        raise PeersConflict("A step marked done stays on the worker's record.", field="done_on")
    _stop_reminders(item)
    item.delete()


# Who may change what: the owner writes notes; managers and HR also the rest.
MANAGED = frozenset({"owner", "due_on", "title", "description"})


@transaction.atomic
def onboarding_item_update(
    *, item: OnboardingItem, by: User, **changes: Unpack[ItemChanges]
) -> OnboardingItem:
    """Change a step: HR and the worker's managers move its owner and due date or reword it; its
    owner may change its notes. A reminder planned for the old owner or date is stopped."""
    refuse_unknown(changes, ItemChanges, error=PeersError)
    if MANAGED & _asked(item, changes):
        check_may_manage_onboarding(by, item.worker)
    else:
        check_may_tick_onboarding(by, item)
    item = _locked(item)
    worker = item.worker

    def check(item: OnboardingItem) -> None:
        _check_title(item.title)
        if "owner" in changes:
            if item.owner is None:
                raise PeersError("Choose who does this step.", field="owner")
            item.owner_role = _check_owner(worker, item.owner, prefer=item.owner_role)
        _check_due_on(worker, item.due_on)
        _clean(item, exclude=["owner", "done_by"])

    if "title" in changes:
        changes["title"] = (changes["title"] or "").strip()
    changed = apply_changes(item, changes, ItemChanges, error=PeersError, validate=check)
    if {"owner", "owner_role", "due_on"} & changed:
        _stop_reminders(item)
    return item


def _asked(item: OnboardingItem, changes: Mapping[str, object]) -> set[str]:
    """The fields `changes` would really change (the same value sent back is no change)."""
    asked = set()
    for name, value in changes.items():
        current = item.owner if name == "owner" else getattr(item, name)
        if current != value:
            asked.add(name)
    return asked
