""" "You said, we did" services: one source, action progress, and what may be published."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.roles import Role
from involvement import services
from involvement.errors import InvolvementConflict, InvolvementError
from involvement.models import Consultation, FeedbackItem
from tests.factories import (
    ActivityFactory,
    ConsultationFactory,
    FeedbackItemFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
ActionStatus = FeedbackItem.ActionStatus


@pytest.fixture
def lead():
    return UserFactory(roles=[Role.INVOLVEMENT_LEAD])


@pytest.fixture
def owner():
    return UserFactory(roles=[Role.SUPERVISOR])


def _fields(owner) -> dict:
    return {
        "you_said": "Letters arrive too late to plan for appointments.",
        "action": "Send letters two weeks ahead and by text.",
        "action_owner": owner,
        "action_due": timezone.localdate() + dt.timedelta(days=30),
    }


class TestCreateAndUpdate:
    def test_from_an_activity(self, lead, owner):
        activity = ActivityFactory()
        theme = ThemeFactory()
        item = services.feedback_item_create(by=lead, activity=activity, themes=[theme], **_fields(owner))
        assert item.activity == activity
        assert item.action_status == ActionStatus.OPEN
        assert not item.published
        assert list(item.themes.all()) == [theme]

    def test_from_a_consultation(self, lead, owner):
        consultation = ConsultationFactory()
        item = services.feedback_item_create(by=lead, consultation=consultation, **_fields(owner))
        assert item.consultation == consultation

    def test_needs_a_source(self, lead, owner):
        with pytest.raises(InvolvementError) as caught:
            services.feedback_item_create(by=lead, **_fields(owner))
        assert caught.value.field == "activity"
        assert FeedbackItem.objects.count() == 0

    def test_not_both_sources(self, lead, owner):
        with pytest.raises(InvolvementError) as caught:
            services.feedback_item_create(
                by=lead, activity=ActivityFactory(), consultation=ConsultationFactory(), **_fields(owner)
            )
        assert caught.value.field == "consultation"
        assert FeedbackItem.objects.count() == 0

    def test_the_action_owner_must_be_staff(self, lead):
        fields = _fields(UserFactory(roles=[Role.PARTICIPANT]))
        with pytest.raises(InvolvementError) as caught:
            services.feedback_item_create(by=lead, activity=ActivityFactory(), **fields)
        assert caught.value.field == "action_owner"
        assert FeedbackItem.objects.count() == 0

    def test_update_what_was_said_and_the_due_date(self, lead):
        item = FeedbackItemFactory()
        due = timezone.localdate() + dt.timedelta(days=60)
        services.feedback_item_update(item=item, by=lead, you_said="Reworded.", action_due=due)
        item.refresh_from_db()
        assert (item.you_said, item.action_due) == ("Reworded.", due)

    def test_progress_is_not_set_through_update(self, lead):
        item = FeedbackItemFactory()
        with pytest.raises(InvolvementError) as caught:
            services.feedback_item_update(item=item, by=lead, action_status=ActionStatus.DONE)
        assert caught.value.field == "action_status"
        item.refresh_from_db()
        assert item.action_status == ActionStatus.OPEN


class TestActionProgress:
    def test_done_needs_we_did_and_sets_completed_on(self, owner):
        item = FeedbackItemFactory(action_owner=owner)
        with pytest.raises(InvolvementError) as caught:
            services.feedback_action_update(item=item, by=owner, status=ActionStatus.DONE)
        assert caught.value.field == "we_did"
        item.refresh_from_db()
        assert item.action_status == ActionStatus.OPEN
        assert item.completed_on is None

        item = services.feedback_action_update(
            item=item, by=owner, status=ActionStatus.DONE, we_did="Letters now go out 14 days ahead."
        )
        assert item.action_status == ActionStatus.DONE
        assert item.completed_on == timezone.localdate()

    def test_not_doing_needs_a_reason(self, owner):
        item = FeedbackItemFactory(action_owner=owner)
        with pytest.raises(InvolvementError) as caught:
            services.feedback_action_update(item=item, by=owner, status=ActionStatus.NOT_DOING, we_did=" ")
        assert caught.value.field == "we_did"
        item.refresh_from_db()
        assert item.action_status == ActionStatus.OPEN

    def test_reopening_clears_completed_on(self, owner):
        item = FeedbackItemFactory(
            action_owner=owner,
            action_status=ActionStatus.DONE,
            we_did="Done.",
            completed_on=timezone.localdate(),
        )
        item = services.feedback_action_update(item=item, by=owner, status=ActionStatus.IN_PROGRESS)
        assert item.completed_on is None

    def test_a_published_item_cannot_be_reopened(self, owner):
        item = FeedbackItemFactory(
            action_owner=owner,
            action_status=ActionStatus.DONE,
            we_did="Done.",
            published=True,
            published_at=timezone.now(),
        )
        with pytest.raises(InvolvementConflict):
            services.feedback_action_update(item=item, by=owner, status=ActionStatus.IN_PROGRESS)
        item.refresh_from_db()
        assert item.action_status == ActionStatus.DONE


class TestPublishing:
    def test_publish_a_done_item(self, lead):
        item = FeedbackItemFactory(action_status=ActionStatus.DONE, we_did="Letters go out earlier.")
        item = services.feedback_item_publish(item=item, by=lead)
        assert item.published
        assert item.published_at is not None

    def test_publish_a_not_doing_item_with_its_reason(self, lead):
        item = FeedbackItemFactory(action_status=ActionStatus.NOT_DOING, we_did="The law requires the form.")
        assert services.feedback_item_publish(item=item, by=lead).published

    @pytest.mark.parametrize("status", [ActionStatus.OPEN, ActionStatus.IN_PROGRESS])
    def test_an_unfinished_action_is_not_published(self, lead, status):
        item = FeedbackItemFactory(action_status=status, we_did="Halfway there.")
        with pytest.raises(InvolvementConflict) as caught:
            services.feedback_item_publish(item=item, by=lead)
        assert caught.value.field == "action_status"
        item.refresh_from_db()
        assert not item.published

    def test_publishing_needs_we_did(self, lead):
        item = FeedbackItemFactory(action_status=ActionStatus.DONE, we_did="")
        with pytest.raises(InvolvementError) as caught:
            services.feedback_item_publish(item=item, by=lead)
        assert caught.value.field == "we_did"
        item.refresh_from_db()
        assert not item.published

    def test_nothing_from_a_draft_consultation_is_published(self, lead):
        item = FeedbackItemFactory(
            activity=None,
            consultation=ConsultationFactory(status=Consultation.Status.DRAFT),
            action_status=ActionStatus.DONE,
            we_did="Done.",
        )
        with pytest.raises(InvolvementConflict):
            services.feedback_item_publish(item=item, by=lead)
        item.refresh_from_db()
        assert not item.published

    def test_publishing_twice_is_a_conflict_and_unpublish_clears_it(self, lead):
        item = FeedbackItemFactory(action_status=ActionStatus.DONE, we_did="Done.")
        services.feedback_item_publish(item=item, by=lead)
        with pytest.raises(InvolvementConflict):
            services.feedback_item_publish(item=item, by=lead)
        item = services.feedback_item_unpublish(item=item, by=lead)
        assert not item.published
        assert item.published_at is None
        with pytest.raises(InvolvementConflict):
            services.feedback_item_unpublish(item=item, by=lead)

    def test_a_published_item_is_unpublished_before_deleting(self, lead):
        item = FeedbackItemFactory(
            action_status=ActionStatus.DONE, we_did="Done.", published=True, published_at=timezone.now()
        )
        with pytest.raises(InvolvementConflict):
            services.feedback_item_delete(item=item, by=lead)
        assert FeedbackItem.objects.filter(pk=item.pk).exists()
