"""Retention by beat: old access-log rows and superseded history go, each run is recorded, twice is once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts import retention, tasks
from accounts.models import AccessLog, RetentionRun
from accounts.services import access_log_record
from involvement.models import Participant
from tests.factories import ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _aged(queryset, days: int, field: str) -> None:
    queryset.update(**{field: NOW - dt.timedelta(days=days)})


def _log(record, days_ago: int) -> AccessLog:
    access_log_record(user=None, records=[record], path="/test")
    row = AccessLog.objects.latest("id")
    _aged(AccessLog.objects.filter(pk=row.pk), days_ago, "at")
    return row


# --- the access log -------------------------------------------------------------------------------


def test_access_log_rows_past_the_limit_go_and_the_run_is_recorded():
    participant = ParticipantFactory()
    old, recent = _log(participant, 800), _log(participant, 100)
    run = retention.access_log_purge(now=NOW)
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not AccessLog.objects.filter(pk=old.pk).exists()
    assert (run.rule, run.removed, run.details) == (
        RetentionRun.Rule.ACCESS_LOG,
        1,
        {"accounts.accesslog": 1},
    )
    assert run.cutoff == NOW - dt.timedelta(days=730)


@override_settings(ACCESS_LOG_RETENTION_DAYS=30)
def test_the_access_log_limit_is_a_setting():
    participant = ParticipantFactory()
    _log(participant, 100)
    assert retention.access_log_purge(now=NOW).removed == 1
    assert not AccessLog.objects.exists()


def test_running_twice_removes_nothing_more_and_records_both_runs():
    _log(ParticipantFactory(), 800)
    assert retention.access_log_purge(now=NOW).removed == 1
    assert retention.access_log_purge(now=NOW).removed == 0
    assert list(RetentionRun.objects.values_list("removed", flat=True)) == [0, 1]


# --- the change history -----------------------------------------------------------------------------


def _versions(participant_id: int) -> list[str]:
    return list(
        Participant.history.filter(id=participant_id)
        .order_by("history_date")
        .values_list("history_type", flat=True)
    )


def test_superseded_versions_past_the_limit_go_the_newest_stays():
    changed = ParticipantFactory(phone="1")
    changed.phone = "2"
    changed.save()
    _aged(changed.history.all(), 2500, "history_date")
    changed.phone = "3"
    changed.save()  # a version from today
    untouched = ParticipantFactory()
    _aged(untouched.history.all(), 2500, "history_date")

    run = retention.history_purge(now=NOW)

    assert list(changed.history.values_list("phone", flat=True)) == ["3"]
    # An old record never changed since keeps its only version: who made it, and when.
    assert _versions(untouched.pk) == ["+"]
    assert run.rule == RetentionRun.Rule.HISTORY
    assert run.details == {"involvement.historicalparticipant": 2}
    assert run.removed == 2


def test_the_history_of_a_record_deleted_long_ago_goes_entirely():
    gone = ParticipantFactory()
    gone_id = gone.pk
    gone.delete()
    _aged(Participant.history.filter(id=gone_id), 2500, "history_date")
    recently_gone = ParticipantFactory()
    recent_id = recently_gone.pk
    _aged(recently_gone.history.all(), 2500, "history_date")
    recently_gone.delete()  # the deletion is today's

    retention.history_purge(now=NOW)

    assert _versions(gone_id) == []
    assert _versions(recent_id) == ["-"]


@override_settings(HISTORY_RETENTION_DAYS=10)
def test_the_history_limit_is_a_setting():
    person = ParticipantFactory(phone="1")
    person.phone = "2"
    person.save()
    _aged(person.history.filter(phone="1"), 20, "history_date")
    assert retention.history_purge(now=NOW).removed == 1
    assert _versions(person.pk) == ["~"]


def test_history_purge_twice_removes_nothing_more():
    person = ParticipantFactory(phone="1")
    person.phone = "2"
    person.save()
    _aged(person.history.all(), 2500, "history_date")
    assert retention.history_purge(now=NOW).removed == 1
    again = retention.history_purge(now=NOW)
    assert (again.removed, again.details) == (0, {})
    assert _versions(person.pk) == ["~"]


def test_every_history_table_is_covered():
    labels = {model._meta.label_lower for model in retention.historical_models()}
    assert len(labels) == 24
    assert {"accounts.historicaluser", "peers.historicalwellnessactionplan"} <= labels


# --- the beat task and the back office ----------------------------------------------------------------


def test_the_nightly_task_runs_both_rules():
    _log(ParticipantFactory(), 800)
    assert tasks.retention_apply() == 1
    assert set(RetentionRun.objects.values_list("rule", flat=True)) == {"access_log", "history"}


def test_beat_runs_the_retention_tasks():
    from privacy import tasks as privacy_tasks

    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks.retention_apply.name in scheduled
    assert privacy_tasks.unsuccessful_applicants_erase.name in scheduled


def test_admin_sees_the_runs_and_cannot_change_them(client):
    retention.retention_apply(now=NOW)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:accounts_retentionrun_changelist"))
    assert page.status_code == 200
    assert "Access log older than ACCESS_LOG_RETENTION_DAYS" in page.content.decode()
    assert client.get(reverse("admin:accounts_retentionrun_add")).status_code == 403
    run = RetentionRun.objects.first()
    page = client.get(reverse("admin:accounts_retentionrun_change", args=[run.pk]))
    assert page.status_code == 200
    assert (
        client.post(reverse("admin:accounts_retentionrun_delete", args=[run.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert RetentionRun.objects.filter(pk=run.pk).exists()
