"""Progression over the API: reviews, promotions (HR only) and the read-only history of levels and bands."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from peers.models import LevelChange, PeerWorker, ProgressionReview
from tests.api.battery import ReadBattery, RefusesWrites, ResourceBattery
from tests.conftest import client_for_user
from tests.factories import UserFactory
from tests.peers.factories import (
    LevelChangeFactory,
    PathwayLevelFactory,
    PeerWorkerFactory,
    ProgressionReviewFactory,
)

TODAY = timezone.localdate()


def url(name: str, pk: int | None = None) -> str:
    return reverse(f"api:{name}", kwargs={"pk": pk} if pk else None)


class TestProgressionReviewResource(ResourceBattery):
    basename = "progression-review"
    reader_role = Role.HR
    writer_role = Role.HR
    forbidden_role = Role.SUPERVISOR
    hidden_from_role = Role.INVOLVEMENT_LEAD

    def make_object(self) -> ProgressionReview:
        return ProgressionReviewFactory()

    def create_payload(self) -> dict:
        return {
            "worker": PeerWorkerFactory().pk,
            "reviewed_on": str(TODAY - dt.timedelta(days=2)),
            "outcome": "development_plan",
            "notes": "Agreed to co-facilitate two groups before the next review.",
            "next_review_on": str(TODAY + dt.timedelta(days=90)),
        }

    def update_payload(self, obj: ProgressionReview) -> dict:
        return {"outcome": "ready", "notes": "Corrected outcome after the panel."}

    def test_delete(self):
        # Promotion decisions rest on reviews: a wrong one is corrected, not erased.
        review = self.make_object()
        response = client_for_user(UserFactory(roles=[Role.HR])).delete(self.detail_url(review))
        assert response.status_code == 409
        assert "correct this one" in response.json()["detail"]
        assert ProgressionReview.objects.filter(pk=review.pk).exists()


class TestLevelChangeResource(ReadBattery, RefusesWrites):
    """The history is written only by starting and promoting a worker: through the API it is read-only."""

    basename = "level-change"
    reader_role = Role.HR
    hidden_from_role = Role.SUPERVISOR
    refused_roles = (Role.HR, Role.LINE_MANAGER, Role.ADMIN)

    def make_object(self) -> LevelChange:
        return LevelChangeFactory()

    def create_payload(self) -> dict:
        worker = PeerWorkerFactory()
        return {"worker": worker.pk, "to_level": PathwayLevelFactory().pk, "effective_date": str(TODAY)}

    def update_payload(self, obj: LevelChange) -> dict:
        return {"to_band": "7"}


@pytest.fixture
def hr(db):
    return client_for_user(UserFactory(roles=[Role.HR]))


@pytest.fixture
def ladder(db):
    low = PathwayLevelFactory(order=70, band="3")
    high = PathwayLevelFactory(order=71, band="4")
    worker = PeerWorkerFactory(level=low, start_date=TODAY - dt.timedelta(days=500))
    return worker, low, high


@pytest.mark.django_db
class TestPromotion:
    def _promote(self, client, worker, level, **extra):
        payload = {"to_level": level.pk, "effective_date": str(TODAY - dt.timedelta(days=1))}
        payload.update(extra)
        return client.post(url("peer-worker-promote", worker.pk), payload, format="json")

    def test_hr_promotes_and_the_history_shows_it(self, hr, ladder):
        worker, low, high = ladder
        response = self._promote(hr, worker, high)
        assert response.status_code == 200, response.content
        assert (response.json()["level"]["id"], response.json()["band"]) == (high.pk, "4")
        change = LevelChange.objects.get(worker=worker)
        assert (change.reason, change.from_level, change.to_level, change.from_band, change.to_band) == (
            "promotion",
            low,
            high,
            "3",
            "4",
        )
        assert change.effective_date == TODAY - dt.timedelta(days=1)
        assert change.recorded_by == hr.user

    def test_a_band_other_than_the_levels_can_be_agreed(self, hr, ladder):
        worker, _, high = ladder
        response = self._promote(hr, worker, high, band="5")
        assert response.status_code == 200
        assert LevelChange.objects.get(worker=worker).to_band == "5"

    @pytest.mark.parametrize("which", ["same", "lower"])
    def test_a_promotion_to_the_same_or_a_lower_level_names_to_level(self, hr, ladder, which):
        worker, low, high = ladder
        worker.level, worker.band = high, high.band
        worker.save()
        response = self._promote(hr, worker, high if which == "same" else low)
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["to_level"]
        assert not LevelChange.objects.filter(worker=worker).exists()
        worker.refresh_from_db()
        assert worker.level == high

    def test_before_the_start_date_names_effective_date(self, hr, ladder):
        worker, low, high = ladder
        response = self._promote(
            hr, worker, high, effective_date=str(worker.start_date - dt.timedelta(days=1))
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["effective_date"]
        worker.refresh_from_db()
        assert worker.level == low and not LevelChange.objects.exists()

    def test_before_the_last_change_of_level_names_effective_date(self, hr, ladder):
        worker, low, high = ladder
        LevelChangeFactory(worker=worker, to_level=low, effective_date=TODAY - dt.timedelta(days=30))
        response = self._promote(hr, worker, high, effective_date=str(TODAY - dt.timedelta(days=60)))
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["effective_date"]
        assert LevelChange.objects.filter(worker=worker).count() == 1

    def test_a_leaver_cannot_be_promoted(self, hr, ladder):
        worker, _low, high = ladder
        PeerWorker.objects.filter(pk=worker.pk).update(
            status="left", leaving_date=TODAY, leaving_reason="other"
        )
        assert self._promote(hr, worker, high).status_code == 409
        assert not LevelChange.objects.exists()

    def test_a_retired_level_names_to_level(self, hr, ladder):
        worker, _, high = ladder
        high.is_active = False
        high.save()
        response = self._promote(hr, worker, high)
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["to_level"]

    def test_the_line_manager_cannot_promote(self, ladder):
        worker, low, high = ladder
        response = self._promote(client_for_user(worker.line_manager), worker, high)
        assert response.status_code == 403
        assert "Only HR" in response.json()["detail"]
        worker.refresh_from_db()
        assert worker.level == low and not LevelChange.objects.exists()

    def test_the_supervisor_and_the_worker_cannot_promote(self, ladder):
        worker, _low, high = ladder
        supervisor = UserFactory(roles=[Role.SUPERVISOR])
        worker.supervisors.add(supervisor)
        for user in (supervisor, worker.user):
            assert self._promote(client_for_user(user), worker, high).status_code == 403
        assert not LevelChange.objects.exists()

    def test_a_stranger_gets_404(self, ladder):
        worker, _, high = ladder
        client = client_for_user(UserFactory(roles=[Role.LINE_MANAGER]))
        assert self._promote(client, worker, high).status_code == 404


@pytest.mark.django_db
class TestLevelHistory:
    def test_start_and_promotion_read_in_order_for_the_worker(self, hr):
        level = PathwayLevelFactory(order=80, band="3")
        higher = PathwayLevelFactory(order=81, band="4")
        payload = {
            "user": UserFactory(roles=[Role.PEER_WORKER]).pk,
            "employee_number": "T555",
            "level": level.pk,
            "team": PeerWorkerFactory().team_id,
            "line_manager": UserFactory(roles=[Role.LINE_MANAGER]).pk,
            "start_date": str(TODAY - dt.timedelta(days=200)),
            "contracted_hours": "37.50",
        }
        worker_id = hr.post(url("peer-worker-list"), payload, format="json").json()["id"]
        hr.post(url("peer-worker-promote", worker_id), {"to_level": higher.pk, "effective_date": str(TODAY)})
        LevelChangeFactory()  # someone else's
        rows = hr.get(url("level-change-list"), {"worker": worker_id}).json()["results"]
        assert [(r["reason"], r["from_band"], r["to_band"]) for r in rows] == [
            ("promotion", "3", "4"),
            ("start", "", "3"),
        ]
        assert rows[0]["from_level"]["id"] == level.pk and rows[0]["to_level"]["id"] == higher.pk
        assert rows[0]["effective_date"] == str(TODAY)
        assert rows[1]["from_level"] is None

    def test_the_worker_sees_only_their_own_history(self):
        mine = LevelChangeFactory()
        LevelChangeFactory()
        client = client_for_user(mine.worker.user)
        rows = client.get(url("level-change-list")).json()["results"]
        assert [r["id"] for r in rows] == [mine.pk]

    @pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.FINANCE, Role.PARTICIPANT])
    def test_nobody_else_sees_any(self, role):
        change = LevelChangeFactory()
        client = client_for_user(UserFactory(roles=[role]))
        assert client.get(url("level-change-list")).json()["results"] == []
        assert client.get(url("level-change-detail", change.pk)).status_code == 404

    def test_filters(self, hr):
        a = LevelChangeFactory()
        b = LevelChangeFactory(reason="regrading", effective_date=TODAY - dt.timedelta(days=400))
        ids = lambda **p: {r["id"] for r in hr.get(url("level-change-list"), p).json()["results"]}  # noqa: E731
        assert ids(worker=a.worker_id) == {a.pk}
        assert ids(reason="regrading") == {b.pk}
        assert ids(to_level=b.to_level_id) == {b.pk}
        assert b.pk not in ids(effective_after=str(TODAY - dt.timedelta(days=100)))
        assert hr.get(url("level-change-list"), {"person": 1}).status_code == 400


@pytest.mark.django_db
class TestReviews:
    def _review(self, client, worker, **extra):
        payload = {"worker": worker.pk, "reviewed_on": str(TODAY), "outcome": "not_yet"}
        payload.update(extra)
        return client.post(url("progression-review-list"), payload, format="json")

    def test_the_line_manager_records_a_review_and_is_the_reviewer(self):
        worker = PeerWorkerFactory()
        response = self._review(client_for_user(worker.line_manager), worker, outcome="ready")
        assert response.status_code == 201, response.content
        assert response.json()["reviewer"]["id"] == worker.line_manager_id
        assert ProgressionReview.objects.get().outcome == "ready"

    def test_hr_names_another_reviewer(self, hr):
        worker = PeerWorkerFactory()
        panel_chair = UserFactory(roles=[Role.LINE_MANAGER])
        response = self._review(hr, worker, reviewer=panel_chair.pk)
        assert response.status_code == 201
        assert ProgressionReview.objects.get().reviewer == panel_chair

    def test_a_line_manager_cannot_review_someone_they_do_not_manage(self):
        manager = UserFactory(roles=[Role.LINE_MANAGER])
        response = self._review(client_for_user(manager), PeerWorkerFactory())
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["worker"]
        assert not ProgressionReview.objects.exists()

    @pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.PEER_WORKER])
    def test_supervisors_and_workers_do_not_record_reviews(self, role):
        user = UserFactory(roles=[role])
        worker = (
            PeerWorkerFactory(user=user)
            if role == Role.PEER_WORKER
            else PeerWorkerFactory(supervisors=[user])
        )
        assert self._review(client_for_user(user), worker).status_code == 403
        assert not ProgressionReview.objects.exists()

    def test_the_worker_as_reviewer_names_reviewer(self, hr):
        worker = PeerWorkerFactory()
        response = self._review(hr, worker, reviewer=worker.user_id)
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["reviewer"]
        assert not ProgressionReview.objects.exists()

    def test_a_future_review_names_reviewed_on(self, hr):
        response = self._review(hr, PeerWorkerFactory(), reviewed_on=str(TODAY + dt.timedelta(days=1)))
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["reviewed_on"]
        assert not ProgressionReview.objects.exists()

    def test_a_next_review_not_after_this_one_names_next_review_on(self, hr):
        response = self._review(hr, PeerWorkerFactory(), next_review_on=str(TODAY))
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["next_review_on"]
        assert not ProgressionReview.objects.exists()

    def test_a_correction_is_checked_like_a_new_review(self, hr):
        review = ProgressionReviewFactory()
        response = hr.patch(
            url("progression-review-detail", review.pk),
            {"reviewed_on": str(TODAY + dt.timedelta(days=3))},
            format="json",
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["reviewed_on"]
        review.refresh_from_db()
        assert review.reviewed_on < TODAY

    def test_a_review_stays_with_its_worker(self, hr):
        review = ProgressionReviewFactory()
        other = PeerWorkerFactory()
        response = hr.patch(url("progression-review-detail", review.pk), {"worker": other.pk}, format="json")
        assert response.status_code == 200
        review.refresh_from_db()
        assert review.worker_id != other.pk

    def test_the_worker_reads_their_reviews_and_the_supervisor_too(self):
        supervisor = UserFactory(roles=[Role.SUPERVISOR])
        review = ProgressionReviewFactory(worker=PeerWorkerFactory(supervisors=[supervisor]))
        ProgressionReviewFactory()
        for user in (review.worker.user, supervisor):
            rows = client_for_user(user).get(url("progression-review-list")).json()["results"]
            assert [r["id"] for r in rows] == [review.pk]

    def test_filters(self, hr):
        a = ProgressionReviewFactory(outcome="ready")
        b = ProgressionReviewFactory(reviewed_on=TODAY - dt.timedelta(days=200))
        ids = lambda **p: {r["id"] for r in hr.get(url("progression-review-list"), p).json()["results"]}  # noqa: E731
        assert ids(worker=a.worker_id) == {a.pk}
        assert ids(outcome="ready") == {a.pk}
        assert ids(reviewed_before=str(TODAY - dt.timedelta(days=100))) == {b.pk}
        assert ids(reviewer=b.reviewer_id) == {b.pk}
