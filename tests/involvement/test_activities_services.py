"""Activity services: deleting one made by mistake, and the refusals that keep a real one."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from involvement import services
from involvement.errors import InvolvementConflict
from involvement.models import Activity, Participation
from tests.factories import ActivityFactory, ParticipationFactory, UserFactory

pytestmark = pytest.mark.django_db

REFUSED = "Only a planned activity with no one invited can be deleted; cancel it instead."


@pytest.fixture
def lead():
    return UserFactory(roles=[Role.INVOLVEMENT_LEAD])


def test_a_planned_activity_with_no_one_invited_is_deleted(lead):
    activity = ActivityFactory(status=Activity.Status.PLANNED)
    services.activity_delete(activity=activity, by=lead)
    assert not Activity.objects.filter(pk=activity.pk).exists()


@pytest.mark.parametrize("status", ["open", "held", "closed", "cancelled"])
def test_an_activity_past_planning_is_kept(lead, status):
    activity = ActivityFactory(status=status)
    with pytest.raises(InvolvementConflict) as refused:
        services.activity_delete(activity=activity, by=lead)
    assert refused.value.message == REFUSED
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_a_planned_activity_someone_is_invited_to_is_kept_with_the_invitation(lead):
    invitation = ParticipationFactory(activity=ActivityFactory(status=Activity.Status.PLANNED))
    with pytest.raises(InvolvementConflict) as refused:
        services.activity_delete(activity=invitation.activity, by=lead)
    assert refused.value.message == REFUSED
    assert Participation.objects.filter(pk=invitation.pk).exists()


def test_the_status_is_read_afresh_not_from_the_callers_copy(lead):
    activity = ActivityFactory(status=Activity.Status.PLANNED)
    Activity.objects.filter(pk=activity.pk).update(status=Activity.Status.OPEN)  # opened meanwhile
    with pytest.raises(InvolvementConflict):
        services.activity_delete(activity=activity, by=lead)
    assert Activity.objects.filter(pk=activity.pk).exists()
