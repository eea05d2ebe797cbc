"""Wellness plans and reasonable adjustments: the rules the services keep, whoever calls them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.errors import NotPermitted
from accounts.roles import Role
from peers import services
from peers.errors import PeersConflict, PeersError
from peers.models import ReasonableAdjustment, WellnessActionPlan
from tests.factories import TeamFactory, UserFactory
from tests.peers.factories import PeerWorkerFactory, ReasonableAdjustmentFactory, WellnessActionPlanFactory

pytestmark = pytest.mark.django_db
Status = ReasonableAdjustment.Status


def today() -> dt.date:
    return timezone.localdate()


def test_the_worker_writes_and_rewrites_their_plan():
    worker = PeerWorkerFactory()
    plan = services.wellness_plan_save(worker=worker, by=worker.user, triggers="Crowded trains.")
    again = services.wellness_plan_save(worker=worker, by=worker.user, agreed_support="Flexible start.")
    assert again.pk == plan.pk
    assert (again.triggers, again.agreed_support) == ("Crowded trains.", "Flexible start.")
    assert WellnessActionPlan.objects.filter(worker=worker).count() == 1


@pytest.mark.parametrize("role", [Role.HR, Role.LINE_MANAGER, Role.ADMIN])
def test_nobody_else_writes_a_plan(role):
    worker = PeerWorkerFactory()
    someone = worker.line_manager if role == Role.LINE_MANAGER else UserFactory(roles=[role])
    with pytest.raises(NotPermitted):
        services.wellness_plan_save(worker=worker, by=someone, triggers="Written for them.")
    assert not WellnessActionPlan.objects.exists()


def test_an_unknown_plan_field_is_named():
    worker = PeerWorkerFactory()
    with pytest.raises(PeersError) as error:
        services.wellness_plan_save(worker=worker, by=worker.user, diagnosis="Not part of the plan.")
    assert error.value.field == "diagnosis"
    assert not WellnessActionPlan.objects.exists()


def test_creating_a_second_plan_is_a_conflict():
    plan = WellnessActionPlanFactory()
    with pytest.raises(PeersConflict) as error:
        services.wellness_plan_create(worker=plan.worker, by=plan.worker.user, triggers="Overwrite.")
    assert error.value.field == "worker"
    plan.refresh_from_db()
    assert plan.triggers != "Overwrite."


def test_only_the_worker_withdraws_their_plan():
    plan = WellnessActionPlanFactory()
    with pytest.raises(NotPermitted):
        services.wellness_plan_delete(plan=plan, by=UserFactory(roles=[Role.HR]))
    assert WellnessActionPlan.objects.filter(pk=plan.pk).exists()
    services.wellness_plan_delete(plan=plan, by=plan.worker.user)
    assert not WellnessActionPlan.objects.filter(pk=plan.pk).exists()


# --- reasonable adjustments --------------------------------------------------------------------


def test_the_worker_asks_and_their_manager_agrees():
    worker = PeerWorkerFactory()
    asked = services.reasonable_adjustment_create(worker=worker, by=worker.user, description="Later starts.")
    assert asked.status == Status.REQUESTED
    agreed = services.reasonable_adjustment_update(
        adjustment=asked, by=worker.line_manager, status=Status.AGREED, agreed_on=today()
    )
    assert ReasonableAdjustment.objects.get(pk=agreed.pk).status == Status.AGREED


def test_the_workers_own_line_manager_and_hr_may_record_one():
    worker = PeerWorkerFactory()
    for by in (worker.line_manager, UserFactory(roles=[Role.HR])):
        services.reasonable_adjustment_create(
            worker=worker, by=by, description="Quiet room.", status=Status.AGREED, agreed_on=today()
        )
    assert worker.adjustments.count() == 2


@pytest.mark.parametrize("who", ["team's line manager", "other line manager", "supervisor", "other worker"])
def test_people_who_do_not_manage_the_worker_are_refused(who):
    worker = PeerWorkerFactory()
    someone = {
        # Managing the worker's team is not being their line manager.
        "team's line manager": lambda: UserFactory(roles=[Role.LINE_MANAGER], teams=[worker.team]),
        "other line manager": lambda: UserFactory(roles=[Role.LINE_MANAGER], teams=[TeamFactory()]),
        "supervisor": lambda: UserFactory(roles=[Role.SUPERVISOR]),
        "other worker": lambda: PeerWorkerFactory().user,
    }[who]()
    if who == "supervisor":
        worker.supervisors.set([someone])
    with pytest.raises(NotPermitted):
        services.reasonable_adjustment_create(worker=worker, by=someone, description="Not theirs.")
    adjustment = ReasonableAdjustmentFactory(worker=worker)
    with pytest.raises(NotPermitted):
        services.reasonable_adjustment_update(adjustment=adjustment, by=someone, status=Status.ENDED)
    assert ReasonableAdjustment.objects.get(pk=adjustment.pk).status == Status.AGREED
    assert worker.adjustments.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"status": Status.AGREED, "agreed_on": dt.date(2024, 5, 1)}, "status"),
        ({"status": Status.DECLINED}, "status"),
        ({"agreed_on": dt.date(2024, 5, 1)}, "agreed_on"),
        ({"review_on": dt.date(2030, 5, 1)}, "review_on"),
    ],
)
def test_the_worker_cannot_decide_their_own_request(changes, field):
    worker = PeerWorkerFactory()
    adjustment = ReasonableAdjustmentFactory(
        worker=worker, status=Status.REQUESTED, agreed_on=None, review_on=None
    )
    with pytest.raises(PeersError) as error:
        services.reasonable_adjustment_update(adjustment=adjustment, by=worker.user, **changes)
    assert error.value.field == field
    fresh = ReasonableAdjustment.objects.get(pk=adjustment.pk)
    assert (fresh.status, fresh.agreed_on, fresh.review_on) == (Status.REQUESTED, None, None)


def test_a_worker_who_is_also_hr_still_cannot_agree_their_own():
    worker = PeerWorkerFactory(user=UserFactory(roles=[Role.PEER_WORKER, Role.HR]))
    with pytest.raises(PeersError) as error:
        services.reasonable_adjustment_create(
            worker=worker, by=worker.user, description="Mine.", status=Status.AGREED, agreed_on=today()
        )
    assert error.value.field == "status"
    assert not ReasonableAdjustment.objects.exists()


def test_resending_unchanged_values_is_not_a_change():
    worker = PeerWorkerFactory()
    adjustment = ReasonableAdjustmentFactory(worker=worker)  # agreed
    services.reasonable_adjustment_update(
        adjustment=adjustment, by=worker.user, status=adjustment.status, agreed_on=adjustment.agreed_on
    )
    assert ReasonableAdjustment.objects.get(pk=adjustment.pk).status == Status.AGREED


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"status": Status.AGREED}, "agreed_on"),
        ({"status": Status.AGREED, "agreed_on": dt.date(2999, 1, 1)}, "agreed_on"),
        (
            {"status": Status.AGREED, "agreed_on": dt.date(2024, 5, 1), "review_on": dt.date(2024, 4, 1)},
            "review_on",
        ),
    ],
)
def test_bad_adjustments_name_the_field_and_write_nothing(kwargs, field):
    worker = PeerWorkerFactory()
    with pytest.raises(PeersError) as error:
        services.reasonable_adjustment_create(
            worker=worker, by=worker.line_manager, description="Desk.", **kwargs
        )
    assert error.value.field == field
    assert not ReasonableAdjustment.objects.exists()


def test_an_unknown_status_is_refused_by_the_model():
    worker = PeerWorkerFactory()
    with pytest.raises(ValidationError) as error:
        services.reasonable_adjustment_create(
            worker=worker, by=worker.line_manager, description="Desk.", status="x"
        )
    assert "status" in error.value.message_dict
    assert not ReasonableAdjustment.objects.exists()


def test_an_unknown_change_is_named():
    adjustment = ReasonableAdjustmentFactory()
    with pytest.raises(PeersError) as error:
        services.reasonable_adjustment_update(
            adjustment=adjustment, by=adjustment.worker.line_manager, worker=None
        )
    assert error.value.field == "worker"


def test_an_adjustment_is_ended_never_deleted():
    adjustment = ReasonableAdjustmentFactory()
    with pytest.raises(PeersConflict) as refused:
        services.reasonable_adjustment_delete(adjustment=adjustment, by=UserFactory(roles=[Role.HR]))
    assert "set the status to ended" in refused.value.message
    assert ReasonableAdjustment.objects.filter(pk=adjustment.pk).exists()
