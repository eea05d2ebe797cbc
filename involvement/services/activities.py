"""Activities: scheduling one or a series, and the lifecycle planned > open > held > closed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypedDict, Unpack

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from accounts.models import Team, User
from accounts.updates import apply_changes
from involvement.errors import InvolvementConflict, InvolvementError
from involvement.models import Activity, ActivityKind, ActivitySeries, PartnerOrganisation, Theme

__all__ = [
    "activity_cancel",
    "activity_close",
    "activity_create",
    "activity_delete",
    "activity_mark_held",
    "activity_open",
    "activity_series_schedule",
    "activity_update",
]


class ActivityChanges(TypedDict, total=False):
    title: str
    description: str
    kind: ActivityKind
    rung: str
    team: Team
    starts_at: datetime
    ends_at: datetime
    venue: str
    online_link: str
    capacity: int | None
    accessibility_arrangements: str


STEP = {
    ActivitySeries.Frequency.WEEKLY: relativedelta(weeks=1),
    ActivitySeries.Frequency.FORTNIGHTLY: relativedelta(weeks=2),
    ActivitySeries.Frequency.MONTHLY: relativedelta(months=1),
}
MAX_OCCURRENCES = 52


def _set_relations(activity: Activity, themes, leads, partners) -> None:
    if themes is not None:
        activity.themes.set(list(themes))
    if leads is not None:
        activity.leads.set(list(leads))
    if partners is not None:
        activity.partners.set(list(partners))


@transaction.atomic
def activity_create(
    *,
    by: User,
    themes: Iterable[Theme] | None = None,
    leads: Iterable[User] | None = None,
    partners: Iterable[PartnerOrganisation] | None = None,
    series: ActivitySeries | None = None,
    **fields: Any,
) -> Activity:
    activity = Activity(series=series)
    apply_changes(activity, fields, ActivityChanges, error=InvolvementError)
    _set_relations(activity, themes, leads if leads is not None else [by], partners)
    return activity


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    by: User,
    themes: Iterable[Theme] | None = None,
    leads: Iterable[User] | None = None,
    partners: Iterable[PartnerOrganisation] | None = None,
    **changes: Unpack[ActivityChanges],
) -> Activity:
    from involvement.services.participation import promote_waitlist

    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.status in (Activity.Status.CLOSED, Activity.Status.CANCELLED):
        raise InvolvementConflict(
            f"This activity is {activity.get_status_display().lower()}; it cannot change."
        )

    def check(activity: Activity) -> None:
        if "capacity" in changes and activity.capacity is not None:
            taken = activity.participations.filter(status="accepted").count()
            if activity.capacity < taken:
                raise InvolvementError(
                    f"{taken} people already have a place; capacity cannot go below that.", field="capacity"
                )
        activity.full_clean()

    apply_changes(activity, changes, ActivityChanges, error=InvolvementError, validate=check)
    _set_relations(activity, themes, leads, partners)
    if "capacity" in changes:
        promote_waitlist(activity_id=activity.pk)
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, by: User) -> None:
    """Delete an activity made by mistake: only while planned, with no one invited."""
    # Locked, so it cannot open (and start taking invitations) between the check and the delete.
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.status != Activity.Status.PLANNED or activity.participations.exists():
        raise InvolvementConflict(
            "Only a planned activity with no one invited can be deleted; cancel it instead."
        )
    activity.delete()


def _transition(activity: Activity, allowed: set[str], to: str) -> Activity:
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if activity.status not in allowed:
        raise InvolvementConflict(
            f"An activity that is {activity.get_status_display().lower()} cannot become "
            f"{Activity.Status(to).label.lower()}.",
            field="status",
        )
    activity.status = to
    return activity


@transaction.atomic
def activity_open(*, activity: Activity, by: User) -> Activity:
    activity = _transition(activity, {Activity.Status.PLANNED}, Activity.Status.OPEN)
    activity.save(update_fields=["status"])
    return activity


@transaction.atomic
def activity_mark_held(*, activity: Activity, by: User) -> Activity:
    activity = _transition(activity, {Activity.Status.PLANNED, Activity.Status.OPEN}, Activity.Status.HELD)
    if activity.starts_at > timezone.now():
        raise InvolvementConflict("An activity cannot be marked held before it starts.", field="status")
    activity.save(update_fields=["status"])
    return activity


@transaction.atomic
def activity_close(
    *, activity: Activity, by: User, summary: str, attendee_count: int, changes_agreed: str
) -> Activity:
    """Close with the closing report: what happened, how many came, what changes were agreed."""
    activity = _transition(activity, {Activity.Status.HELD}, Activity.Status.CLOSED)
    errors = {}
    if not summary.strip():
        errors["summary"] = "Say what happened."
    if not changes_agreed.strip():
        errors["changes_agreed"] = "Say what changes were agreed, or that none were."
    if attendee_count is None or attendee_count < 0:
        errors["attendee_count"] = "Give the number of people who attended (0 or more)."
    if errors:
        field, message = next(iter(errors.items()))
        raise InvolvementError(message, field=field)
    activity.report_summary = summary
    activity.report_attendee_count = attendee_count
    activity.report_changes_agreed = changes_agreed
    activity.closed_at = timezone.now()
    activity.save()
    return activity


@transaction.atomic
def activity_cancel(*, activity: Activity, by: User, reason: str) -> Activity:
    if not reason.strip():
        raise InvolvementError("Say why the activity is cancelled.", field="reason")
    activity = _transition(
        activity, {Activity.Status.PLANNED, Activity.Status.OPEN}, Activity.Status.CANCELLED
    )
    activity.cancelled_reason = reason
    activity.save(update_fields=["status", "cancelled_reason"])
    return activity


@transaction.atomic
def activity_series_schedule(
    *,
    by: User,
    frequency: str,
    occurrences: int,
    starts_at: datetime,
    ends_at: datetime,
    themes: Iterable[Theme] | None = None,
    leads: Iterable[User] | None = None,
    partners: Iterable[PartnerOrganisation] | None = None,
    **fields: Any,
) -> ActivitySeries:
    """Schedule a repeating activity once; each occurrence is then its own activity."""
    if frequency not in STEP:
        raise InvolvementError("Choose weekly, fortnightly or monthly.", field="frequency")
    if not 1 <= occurrences <= MAX_OCCURRENCES:
        raise InvolvementError(f"Schedule between 1 and {MAX_OCCURRENCES} occurrences.", field="occurrences")
    series = ActivitySeries.objects.create(
        title=fields.get("title", ""), frequency=frequency, occurrences=occurrences, created_by=by
    )
    themes, leads, partners = (list(x) if x is not None else None for x in (themes, leads, partners))
    for index in range(occurrences):
        # relativedelta from the first date keeps "the 15th of each month" on the 15th.
        shift = STEP[frequency] * index
        activity_create(
            by=by,
            series=series,
            starts_at=starts_at + shift,
            ends_at=ends_at + shift,
            themes=themes,
            leads=leads,
            partners=partners,
            **fields,
        )
    return series
