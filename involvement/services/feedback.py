""" "We asked, you said, we did": feedback items, the action each led to, and publishing the outcome."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, TypedDict, Unpack

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.updates import apply_changes, refuse_unknown
from involvement.errors import InvolvementConflict, InvolvementError
from involvement.models import Activity, Consultation, FeedbackItem, Theme
from involvement.services.consultations import require_staff

__all__ = [
    "feedback_action_update",
    "feedback_item_create",
    "feedback_item_delete",
    "feedback_item_publish",
    "feedback_item_unpublish",
    "feedback_item_update",
]

ActionStatus = FeedbackItem.ActionStatus
# The states in which there is an outcome to tell people about.
FINISHED = {ActionStatus.DONE, ActionStatus.NOT_DOING}


class FeedbackChanges(TypedDict, total=False):
    you_said: str
    action: str
    action_owner: User
    action_due: date


def _lock(item: FeedbackItem) -> FeedbackItem:
    return FeedbackItem.objects.select_for_update().get(pk=item.pk)


@transaction.atomic
def feedback_item_create(
    *,
    by: User,
    activity: Activity | None = None,
    consultation: Consultation | None = None,
    themes: Iterable[Theme] | None = None,
    **fields: Any,
) -> FeedbackItem:
    """Record what people said at one activity or in one consultation, and the action it leads to."""
    if activity is None and consultation is None:
        raise InvolvementError(
            "Give the activity or the consultation this feedback came from.", field="activity"
        )
    if activity is not None and consultation is not None:
        raise InvolvementError(
            "Feedback comes from one activity or one consultation, not both.", field="consultation"
        )
    refuse_unknown(fields, FeedbackChanges, error=InvolvementError, message="{field} cannot be set here.")
    require_staff(fields.get("action_owner"), field="action_owner")
    item = FeedbackItem(activity=activity, consultation=consultation, **fields)
    item.full_clean()
    item.save()
    if themes is not None:
        item.themes.set(list(themes))
    return item


@transaction.atomic
def feedback_item_update(
    *,
    item: FeedbackItem,
    by: User,
    themes: Iterable[Theme] | None = None,
    **changes: Unpack[FeedbackChanges],
) -> FeedbackItem:
    """Change what was said, the action, its owner or due date. Progress goes through the action update."""
    item = _lock(item)
    refuse_unknown(changes, FeedbackChanges, error=InvolvementError, message="{field} cannot be set here.")
    if "action_owner" in changes:
        require_staff(changes["action_owner"], field="action_owner")
    apply_changes(item, changes, FeedbackChanges, error=InvolvementError)
    if themes is not None:
        item.themes.set(list(themes))
    return item


@transaction.atomic
def feedback_action_update(
    *, item: FeedbackItem, by: User, status: str | None = None, we_did: str | None = None
) -> FeedbackItem:
    """The action owner's progress: its status and what was done (or why it will not be)."""
    item = _lock(item)
    if status is not None and status not in ActionStatus.values:
        raise InvolvementError(f"Choose one of: {', '.join(ActionStatus.values)}.", field="action_status")
    new_status = status or item.action_status
    new_we_did = item.we_did if we_did is None else we_did.strip()
    if new_status == ActionStatus.DONE and not new_we_did:
        raise InvolvementError("Say what was done before marking the action done.", field="we_did")
    if new_status == ActionStatus.NOT_DOING and not new_we_did:
        raise InvolvementError("Say why this will not be done.", field="we_did")
    if item.published and new_status not in FINISHED:
        raise InvolvementConflict(
            "This item is published as finished; unpublish it before reopening the action.",
            field="action_status",
        )
    if new_status == ActionStatus.DONE and item.action_status != ActionStatus.DONE:
        item.completed_on = timezone.localdate()
    elif new_status != ActionStatus.DONE:
        item.completed_on = None
    item.action_status = new_status
    item.we_did = new_we_did
    item.save(update_fields=["action_status", "we_did", "completed_on"])
    return item


@transaction.atomic
def feedback_item_publish(*, item: FeedbackItem, by: User) -> FeedbackItem:
    """Put the item on the public "you said, we did" list.

    Only a finished action is published: done and saying what was done, or not being done and
    saying why. A consultation still in draft is not public, so nothing from it is either.
    """
    item = _lock(item)
    if item.published:
        raise InvolvementConflict("This item is already published.", field="published")
    if item.action_status not in FINISHED:
        raise InvolvementConflict(
            "Publish once the action is done, or marked not doing with the reason.", field="action_status"
        )
    if not item.we_did.strip():
        raise InvolvementError("Say what we did (or why not) before publishing.", field="we_did")
    if item.consultation_id and item.consultation.status == Consultation.Status.DRAFT:
        raise InvolvementConflict(
            "The consultation this came from is still a draft; open it first.", field="consultation"
        )
    item.published = True
    item.published_at = timezone.now()
    item.save(update_fields=["published", "published_at"])
    return item


@transaction.atomic
def feedback_item_unpublish(*, item: FeedbackItem, by: User) -> FeedbackItem:
    item = _lock(item)
    if not item.published:
        raise InvolvementConflict("This item is not published.", field="published")
    item.published = False
    item.published_at = None
    item.save(update_fields=["published", "published_at"])
    return item


@transaction.atomic
def feedback_item_delete(*, item: FeedbackItem, by: User) -> None:
    item = _lock(item)
    if item.published:
        raise InvolvementConflict("This item is published; unpublish it before deleting.", field="published")
    item.delete()
