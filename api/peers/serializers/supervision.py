"""Serializers for supervision sessions and for when each worker's supervision is next due."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from api.serializers import BaseModelSerializer, BriefRelatedField
from peers.models import PeerWorker, SupervisionKind, SupervisionSession
from peers.visibility import may_read_session_notes


class SupervisionSessionSerializer(BaseModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:supervision-session-detail")
    worker = BriefRelatedField(view_name="api:peer-worker-detail", queryset=PeerWorker.objects.all())
    # Any account may be named (action=None): staff name colleagues whose accounts they may not
    # list, and the rules for who records a session are checked before the service is called.
    supervisor = BriefRelatedField(
        view_name="api:user-detail",
        queryset=User.objects.all(),
        action=None,
        required=False,
        help_text="Defaults to you.",
    )
    recorded_by = BriefRelatedField(view_name="api:user-detail", read_only=True)
    peer_led = serializers.BooleanField(
        required=False,
        help_text=(
            "Whether the supervisor has lived experience and works in a peer role. Left out, true "
            "when the supervisor is a peer worker in post."
        ),
    )
    notes = serializers.CharField(
        required=False,
        allow_blank=True,
        allow_null=True,
        max_length=20000,
        help_text="Null unless you were in the session or work in HR.",
    )

    class Meta:
        model = SupervisionSession
        fields = [
            "id",
            "url",
            "display",
            "worker",
            "supervisor",
            "kind",
            "held_on",
            "duration_minutes",
            "status",
            "peer_led",
            "notes",
            "recorded_by",
            "created_at",
        ]
        read_only_fields = ["created_at"]
        # Who was in the session is fixed once recorded; record a new session instead.
        create_only_fields = ["worker", "supervisor"]

    def to_representation(self, instance: SupervisionSession) -> dict:
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not may_read_session_notes(request.user, instance):
            data["notes"] = None
        return data


class KindDueSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=SupervisionKind.choices)
    label = serializers.CharField()
    every_days = serializers.IntegerField(help_text="The level's policy for this kind.")
    last_held = serializers.DateField(allow_null=True)
    next_due = serializers.DateField(
        help_text="Last held plus the policy's days (from the start if never held)."
    )
    overdue = serializers.BooleanField()
    days_overdue = serializers.IntegerField(help_text="0 unless overdue.")


def kinds_due(worker: PeerWorker, today: date) -> list[dict]:
    """The kinds the worker's level has a policy for, from the selector's due_/last_/every_ annotations."""
    rows = []
    for kind, label in SupervisionKind.choices:
        every = getattr(worker, f"every_{kind}")
        if every is None:
            continue
        due = getattr(worker, f"due_{kind}")
        rows.append(
            {
                "kind": kind,
                "label": label,
                "every_days": every,
                "last_held": getattr(worker, f"last_{kind}"),
                "next_due": due,
                "overdue": due < today,
                "days_overdue": max((today - due).days, 0),
            }
        )
    return rows


class SupervisionDueSerializer(serializers.ModelSerializer):
    """A current worker with, for each kind of supervision their level requires, when it is next due."""

    worker = BriefRelatedField(view_name="api:peer-worker-detail", read_only=True, source="*")
    team = BriefRelatedField(view_name="api:team-detail", read_only=True)
    level = BriefRelatedField(view_name="api:pathway-level-detail", read_only=True)
    line_manager = BriefRelatedField(view_name="api:user-detail", read_only=True)
    next_due = serializers.SerializerMethodField(help_text="The earliest due date across kinds.")
    overdue = serializers.SerializerMethodField(help_text="Any kind past due.")
    kinds = serializers.SerializerMethodField()

    class Meta:
        model = PeerWorker
        fields = [
            "worker",
            "team",
            "level",
            "line_manager",
            "status",
            "start_date",
            "next_due",
            "overdue",
            "kinds",
        ]

    def _kinds(self, worker: PeerWorker) -> list[dict]:
        # Worked out once per row and shared by the three fields below.
        cache = self.context.setdefault("_kinds", {})
        if worker.pk not in cache:
            cache[worker.pk] = kinds_due(worker, self.context.get("today") or timezone.localdate())
        return cache[worker.pk]

    def get_next_due(self, worker: PeerWorker) -> date | None:
        dates = [row["next_due"] for row in self._kinds(worker)]
        return min(dates) if dates else None

    def get_overdue(self, worker: PeerWorker) -> bool:
        return any(row["overdue"] for row in self._kinds(worker))

    @extend_schema_field(KindDueSerializer(many=True))
    def get_kinds(self, worker: PeerWorker) -> list[dict]:
        return KindDueSerializer(self._kinds(worker), many=True).data
