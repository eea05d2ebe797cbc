"""Recording training: expiry worked out from the course, and dates outside the job refused."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from accounts.roles import Role
from peers import services
from peers.errors import PeersError
from peers.models import TrainingRecord
from tests.factories import UserFactory
from tests.peers.factories import PeerWorkerFactory, TrainingCourseFactory, TrainingRecordFactory

TODAY = timezone.localdate()


@pytest.fixture
def manager(db):
    return UserFactory(roles=[Role.LINE_MANAGER])


@pytest.mark.django_db
class TestTrainingRecordCreate:
    def test_expiry_is_the_completion_date_plus_the_course_validity(self, manager):
        worker = PeerWorkerFactory(line_manager=manager)
        course = TrainingCourseFactory(validity_months=36)
        completed = TODAY - dt.timedelta(days=20)
        record = services.training_record_create(
            worker=worker, course=course, completed_on=completed, by=manager, evidence_reference="CERT-7"
        )
        record.refresh_from_db()
        assert record.expires_on == completed + relativedelta(months=36)
        assert (record.recorded_by, record.evidence_reference) == (manager, "CERT-7")

    def test_a_course_without_validity_never_expires(self, manager):
        record = services.training_record_create(
            worker=PeerWorkerFactory(),
            course=TrainingCourseFactory(validity_months=None),
            completed_on=TODAY,
            by=manager,
        )
        assert TrainingRecord.objects.get(pk=record.pk).expires_on is None

    def test_training_before_the_worker_started_is_refused_and_nothing_written(self, manager):
        worker = PeerWorkerFactory(start_date=TODAY - dt.timedelta(days=30))
        with pytest.raises(PeersError) as refused:
            services.training_record_create(
                worker=worker,
                course=TrainingCourseFactory(),
                completed_on=TODAY - dt.timedelta(days=31),
                by=manager,
            )
        assert refused.value.field == "completed_on"
        assert "before the worker started" in refused.value.message
        assert TrainingRecord.objects.count() == 0

    def test_training_on_the_start_date_is_accepted(self, manager):
        worker = PeerWorkerFactory(start_date=TODAY - dt.timedelta(days=30))
        services.training_record_create(
            worker=worker, course=TrainingCourseFactory(), completed_on=worker.start_date, by=manager
        )
        assert TrainingRecord.objects.filter(worker=worker).count() == 1

    def test_training_in_the_future_is_refused_and_nothing_written(self, manager):
        with pytest.raises(PeersError) as refused:
            services.training_record_create(
                worker=PeerWorkerFactory(),
                course=TrainingCourseFactory(),
                completed_on=TODAY + dt.timedelta(days=1),
                by=manager,
            )
        assert refused.value.field == "completed_on"
        assert TrainingRecord.objects.count() == 0


@pytest.mark.django_db
class TestTrainingRecordUpdate:
    def test_a_new_completion_date_moves_the_expiry(self, manager):
        record = TrainingRecordFactory(course=TrainingCourseFactory(validity_months=12))
        new_date = TODAY - dt.timedelta(days=3)
        services.training_record_update(record=record, by=manager, completed_on=new_date)
        record.refresh_from_db()
        assert (record.completed_on, record.expires_on) == (new_date, new_date + relativedelta(months=12))

    def test_only_the_evidence_changes_when_only_the_evidence_is_given(self, manager):
        record = TrainingRecordFactory()
        before = (record.completed_on, record.expires_on)
        services.training_record_update(record=record, by=manager, evidence_reference="CERT-9")
        record.refresh_from_db()
        assert (record.completed_on, record.expires_on, record.evidence_reference) == (*before, "CERT-9")

    def test_a_date_before_the_start_is_refused_and_the_record_unchanged(self, manager):
        record = TrainingRecordFactory()
        before = (record.completed_on, record.expires_on)
        with pytest.raises(PeersError) as refused:
            services.training_record_update(
                record=record, by=manager, completed_on=record.worker.start_date - dt.timedelta(days=1)
            )
        assert refused.value.field == "completed_on"
        record.refresh_from_db()
        assert (record.completed_on, record.expires_on) == before
