"""Serializers for onboarding: the template, each worker's steps, checklists and the completion rate."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from rest_framework import serializers

from accounts.models import User
from api.serializers import BaseModelSerializer, BriefRelatedField, DateField
from peers.models import OnboardingItem, OnboardingOwner, OnboardingTemplateItem, PeerWorker


class OnboardingTemplateItemSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:onboarding-template-item-detail")
    due_days = serializers.IntegerField(
        min_value=-365,
        max_value=365,
        help_text="Days from the start date the step is due; negative for before the first day.",
    )

    class Meta:
        model = OnboardingTemplateItem
        fields = [
            "id",
            "url",
            "display",
            "title",
            "description",
            "owner_role",
            "due_days",
            "order",
            "is_active",
        ]
        # The order changes only by moving a step up or down (`move`): a new step goes last.
        read_only_fields = ["order"]
        extra_kwargs = {
            "owner_role": {
                "help_text": "Who does the step: HR, the line manager, the supervisor or the worker."
            },
            "is_active": {
                "help_text": "Whether new starters get it. A step is never deleted: set this false."
            },
        }


class MoveSerializer(serializers.Serializer):
    direction = serializers.ChoiceField(choices=[("up", "Up"), ("down", "Down")])


class OnboardingItemSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:onboarding-item-detail")
    worker = BriefRelatedField(view_name="api:peer-worker-detail", queryset=PeerWorker.objects.all())
    template_item = BriefRelatedField(
        view_name="api:onboarding-template-item-detail", read_only=True, allow_null=True
    )
    # Any account may be named (action=None): a line manager names HR officers whose accounts they
    # may not list; the service accepts only the worker, their line manager, supervisors or HR.
    owner = BriefRelatedField(
        view_name="api:user-detail",
        queryset=User.objects.all(),
        action=None,
        required=False,
        allow_null=True,
        help_text=(
            "Who does the step: the worker, their line manager, one of their supervisors or someone in HR. "
            "When adding a step, give this or owner_role."
        ),
    )
    owner_role = serializers.ChoiceField(
        choices=OnboardingOwner.choices,
        required=False,
        help_text=(
            "The part the owner plays. When adding a step without an owner, the person holding this part "
            "is made the owner; otherwise it follows the owner."
        ),
    )
    done_by = BriefRelatedField(view_name="api:user-detail", read_only=True, allow_null=True)
    overdue = serializers.SerializerMethodField(help_text="Not done, and its due date has gone by.")

    class Meta:
        model = OnboardingItem
        fields = [
            "id",
            "url",
            "display",
            "worker",
            "template_item",
            "title",
            "description",
            "owner",
            "owner_role",
            "due_on",
            "done_on",
            "done_by",
            "overdue",
            "notes",
            "created_at",
        ]
        read_only_fields = ["done_on", "created_at"]
        create_only_fields = ["worker", "owner_role"]

    def get_overdue(self, item: OnboardingItem) -> bool:
        return item.done_on is None and item.due_on < timezone.localdate()


class DoneSerializer(serializers.Serializer):
    done_on = DateField(required=False, help_text="The day it was done; today when left out.")
    notes = serializers.CharField(
        required=False, allow_blank=True, max_length=500, help_text="A short note, such as where to find it."
    )


class ChecklistSerializer(serializers.ModelSerializer):
    """A worker with their checklist's progress."""

    worker = BriefRelatedField(view_name="api:peer-worker-detail", read_only=True, source="*")
    team = BriefRelatedField(view_name="api:team-detail", read_only=True)
    line_manager = BriefRelatedField(view_name="api:user-detail", read_only=True)
    steps = serializers.IntegerField(source="items_total", help_text="Steps on the checklist.")
    done = serializers.IntegerField(source="items_done", help_text="Steps marked done.")
    overdue = serializers.IntegerField(source="items_overdue", help_text="Steps not done and past due.")
    next_due = serializers.DateField(
        allow_null=True, help_text="The earliest due date of a step still to do; null once all are done."
    )

    class Meta:
        model = PeerWorker
        fields = [
            "worker",
            "team",
            "line_manager",
            "status",
            "start_date",
            "steps",
            "done",
            "overdue",
            "next_due",
        ]


class ChecklistCreateSerializer(serializers.Serializer):
    worker = BriefRelatedField(view_name="api:peer-worker-detail", queryset=PeerWorker.objects.all())


class CompletionQuerySerializer(serializers.Serializer):
    start = DateField(
        required=False, help_text="Workers who started on or after this day; a year ago if left out."
    )
    end = DateField(required=False, help_text="Workers who started on or before this day; today if left out.")

    def validate(self, attrs: dict) -> dict:
        end = attrs.get("end") or timezone.localdate()
        start = attrs.get("start") or end - relativedelta(years=1)
        if start > end:
            raise serializers.ValidationError({"end": "The end cannot be before the start."})
        return {"start": start, "end": end}


class CompletionRowSerializer(serializers.Serializer):
    directorate_id = serializers.IntegerField(
        allow_null=True, help_text="Null for teams in no directorate, and for the total."
    )
    directorate = serializers.CharField()
    steps_counted = serializers.IntegerField(help_text="Steps done, or not done and past their due date.")
    steps_on_time = serializers.IntegerField(help_text="Steps done on or before their due date.")
    on_time_share = serializers.FloatField(allow_null=True, help_text="steps_on_time / steps_counted.")
    checklists = serializers.IntegerField(help_text="Workers with a checklist.")
    checklists_complete = serializers.IntegerField(help_text="Of those, workers with every step done.")
    complete_share = serializers.FloatField(allow_null=True, help_text="checklists_complete / checklists.")


class CompletionSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    rows = CompletionRowSerializer(many=True, help_text="One per directorate, by name.")
    total = CompletionRowSerializer()
