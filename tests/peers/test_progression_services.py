"""Progression services: promotions write the level history; reviews are checked when made or corrected."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.roles import Role
from peers import services
from peers.errors import PeersConflict, PeersError
from peers.models import LevelChange, ProgressionReview
from tests.factories import UserFactory
from tests.peers.factories import PathwayLevelFactory, PeerWorkerFactory, ProgressionReviewFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_two_promotions_read_as_a_history():
    one, two, three = (PathwayLevelFactory(order=n, band=b) for n, b in ((90, "3"), (91, "4"), (92, "5")))
    worker = PeerWorkerFactory(level=one, start_date=TODAY - dt.timedelta(days=900))
    hr = UserFactory(roles=[Role.HR])
    services.peer_worker_promote(
        worker=worker, to_level=two, effective_date=TODAY - dt.timedelta(days=300), by=hr
    )
    services.peer_worker_promote(worker=worker, to_level=three, effective_date=TODAY, by=hr)
    history = list(LevelChange.objects.filter(worker=worker).values_list("from_band", "to_band"))
    assert history == [("4", "5"), ("3", "4")]
    worker.refresh_from_db()
    assert (worker.level, worker.band) == (three, "5")


def test_skipping_a_level_is_allowed_but_going_back_is_not():
    low, mid, high = (PathwayLevelFactory(order=n) for n in (93, 94, 95))
    worker = PeerWorkerFactory(level=low)
    hr = UserFactory(roles=[Role.HR])
    services.peer_worker_promote(worker=worker, to_level=high, effective_date=TODAY, by=hr)
    with pytest.raises(PeersError) as caught:
        services.peer_worker_promote(worker=worker, to_level=mid, effective_date=TODAY, by=hr)
    assert caught.value.field == "to_level"
    assert LevelChange.objects.filter(worker=worker).count() == 1


def test_a_correction_cannot_move_a_review_to_another_worker():
    review = ProgressionReviewFactory()
    with pytest.raises(PeersError) as caught:
        services.progression_review_update(review=review, by=UserFactory(), worker=PeerWorkerFactory())
    assert caught.value.field == "worker"


def test_a_correction_naming_the_worker_as_reviewer_is_refused():
    review = ProgressionReviewFactory()
    with pytest.raises(PeersError) as caught:
        services.progression_review_update(review=review, by=UserFactory(), reviewer=review.worker.user)
    assert caught.value.field == "reviewer"
    review.refresh_from_db()
    assert review.reviewer != review.worker.user


def test_a_review_is_corrected_never_deleted():
    review = ProgressionReviewFactory()
    with pytest.raises(PeersConflict) as refused:
        services.progression_review_delete(review=review, by=UserFactory(roles=[Role.HR]))
    assert refused.value.message == "Progression reviews are kept; correct this one instead of deleting it."
    assert ProgressionReview.objects.filter(pk=review.pk).exists()
