"""My reminders: list, dismiss, snooze; and whether I want them one by one or as a daily digest."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.response import Response
from rest_framework.views import APIView

from api.reminders.filters import ReminderFilter
from api.reminders.serializers import PreferenceSerializer, ReminderSerializer, SnoozeSerializer
from api.views import RestrictedViewSetMixin
from reminders import services
from reminders.models import Reminder, ReminderPreference


class ReminderViewSet(
    RestrictedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Reminders addressed to me. They are made by the rules, never by hand."""

    queryset = Reminder.objects.all()
    serializer_class = ReminderSerializer
    filterset_class = ReminderFilter
    ordering_fields = ["due_at", "state"]
    action_visibility = {"dismiss": "change", "snooze": "change"}

    @extend_schema(exclude=True)
    def create(self, request, *args, **kwargs):
        # The restricted mixin offers `create` (so the router maps POST on the list); reminders are
        # made by the rules only, so POST on the list is not allowed, like PUT, PATCH and DELETE.
        raise MethodNotAllowed(request.method)

    @extend_schema(request=None, responses=ReminderSerializer)
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        """I don't need this one: it will not be sent."""
        reminder = services.reminder_dismiss(reminder=self.get_object(), by=request.user)
        return Response(self.get_serializer(reminder).data)

    @extend_schema(request=SnoozeSerializer, responses=ReminderSerializer)
    @action(detail=True, methods=["post"])
    def snooze(self, request, pk=None):
        """Remind me again later."""
        body = SnoozeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        reminder = services.reminder_snooze(
            reminder=self.get_object(), until=body.validated_data["until"], by=request.user
        )
        return Response(self.get_serializer(reminder).data)


class PreferenceView(APIView):
    """How I get reminders: one email each (immediate) or one a day (digest)."""

    @extend_schema(responses=PreferenceSerializer)
    def get(self, request):
        preference = ReminderPreference.objects.filter(user=request.user).first()
        mode = preference.mode if preference else ReminderPreference.Mode.IMMEDIATE
        return Response({"mode": mode})

    @extend_schema(request=PreferenceSerializer, responses=PreferenceSerializer)
    def put(self, request):
        body = PreferenceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        preference = services.preference_set(user=request.user, mode=body.validated_data["mode"])
        return Response({"mode": preference.mode})
